"""Sources built to make the reader grow a value, recurse or loop without end: each ends in
a one-line error or a clean result, quickly and in bounded memory, and a caller's deadline
always stops the reading."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

import pytest

from tutor.engine import ParseError, explain_json, explain_text, parse_model
from tutor.engine.limits import MAX_SOURCE_CHARS, capped_repr

SECONDS = 3.0  # CPU seconds: generous, to catch a hang or a quadratic, not to time anything
PEAK_BYTES = 200 * 2**20


def doubling(last: str) -> str:
    """`x1 = (x0, x0)` ... `x60 = (x59, x59)`: 2**60 leaves if anything walks the value."""
    lines = ["x0 = 1"] + [f"x{i} = (x{i - 1}, x{i - 1})" for i in range(1, 61)]
    return "\n".join(lines) + "\n" + last + "\n"


def sequential(*layers: str, input_shape: str = "keras.Input(shape=(8,))") -> str:
    return f"model = keras.Sequential([{', '.join((input_shape, *layers))}])\n"


def call_assignments(size: int) -> str:
    """A file of `aN = f()` lines just under `size` characters, and a model at its end."""
    model = sequential("layers.Dense(4)")
    lines, length, index = [], len(model), 0
    while length < size - 20:
        line = f"a{index} = f()\n"
        lines.append(line)
        length += len(line)
        index += 1
    return "".join(lines) + model


HOSTILE: dict[str, str] = {
    "doubling tuple as a name": doubling(sequential("layers.Dense(3, name=x60)")),
    "doubling tuple as a shape": doubling(
        sequential("layers.Dense(3)", input_shape="keras.Input(shape=x60)")
    ),
    "doubling tuple as a target shape": doubling(sequential("layers.Reshape(x60)")),
    "huge power as units": sequential("layers.Dense(10**10**6)"),
    "huge power through a constant": "n = 10**10**6\n" + sequential("layers.Dense(n)"),
    "tower of powers": "n = 2\n" + "n = n**n\n" * 30 + sequential("layers.Dense(n)"),
    "long integer literal": sequential("layers.Dense(" + "9" * 4000 + ")"),
    "long string as a name": sequential("layers.Dense(3, name='" + "a" * 90_000 + "')"),
    "deeply nested tuple through names": "x0 = 1\n"
    + "".join(f"x{i} = (x{i - 1},)\n" for i in range(1, 3000))
    + sequential("layers.Reshape(x2999)"),
    "deeply nested brackets": sequential("layers.Reshape(" + "(" * 3000 + ")" * 3000 + ")"),
    "wide tuple": sequential("layers.Reshape((" + "1, " * 20_000 + "))"),
    "100k lines": "x = 1\n" * 100_000 + sequential("layers.Dense(4)"),
    "a megabyte on one line": "s = '" + "a" * 1_000_000 + "'\n",
    "99 KB of call assignments": call_assignments(99_000),
    "99 KB of layer assignments": "".join(f"d{i} = layers.Dense({i + 1})\n" for i in range(3000))
    + "model = keras.Sequential([keras.Input(shape=(8,))])\n"
    + "".join(f"model.add(d{i})\n" for i in range(0, 3000, 8)),
    # The interpreter runs loops: what they build is capped and their steps are counted.
    "a loop doubling a tuple": "x = (1,)\nfor _ in range(100):\n    x = (x, x)\n"
    + sequential("layers.Reshape(x)"),
    "a loop doubling a string": "s = 'a'\nfor _ in range(100):\n    s = s + s\n"
    + sequential("layers.Dense(3, name=s)"),
    "a list appended to for ever": "xs = []\nwhile True:\n    xs.append(xs)\n",
    "a huge repeated list of layers": "model = keras.Sequential([keras.Input(shape=(8,))]"
    " + [layers.Dense(8)] * 10**9)\n",
    "a comprehension over a huge range": "model = keras.Sequential([keras.Input(shape=(8,))]"
    " + [layers.Dense(8) for _ in range(10**9)])\n",
    "a range turned into a huge list": "xs = list(range(10**9))\n" + sequential("layers.Dense(4)"),
    "nested loops": "n = 0\nfor a in range(10**4):\n    for b in range(10**4):\n        n += 1\n",
    "a function that calls itself": "def f(n):\n    return f(n + 1)\nmodel = f(0)\n",
    "deeply nested conditions": "if True:\n" + "".join(
        "    " * depth + "if True:\n" for depth in range(1, 90)
    ) + "    " * 90 + "model = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(1)])\n",
}


def measured(run: Callable[[], object], trace: bool = True) -> tuple[object, float, int]:
    """What `run` returned or raised, its CPU seconds and (if traced, which slows Python
    down a few times) its peak of traced memory."""
    if trace:
        tracemalloc.start()
    started = time.process_time()
    try:
        outcome: object = run()
    except ParseError as error:
        outcome = error
    finally:
        seconds = time.process_time() - started
        peak = tracemalloc.get_traced_memory()[1] if trace else 0
        tracemalloc.stop()
    return outcome, seconds, peak


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_source_ends_quickly_in_one_line(name: str) -> None:
    source = HOSTILE[name]
    outcome, seconds, peak = measured(lambda: parse_model(source), trace=len(source) < 50_000)
    assert seconds < SECONDS, (name, seconds)
    assert peak < PEAK_BYTES, (name, peak)
    if isinstance(outcome, ParseError):
        message = str(outcome)
        assert "\n" not in message and len(message) < 300, message
    record = explain_json(source)
    assert len(str(record)) < 10 * len(source) + 10_000
    assert "error" in record or record["total_params"] > 0


def test_the_doubling_tuple_is_refused_where_it_grows_too_large() -> None:
    """x13 (line 14) holds 2**14 - 1 tuples and leaves, past the cap of 10,000."""
    for name in ("doubling tuple as a name", "doubling tuple as a shape"):
        with pytest.raises(ParseError) as caught:
            parse_model(HOSTILE[name])
        assert str(caught.value) == "line 14: (x12, x12) grows too large for the tutor to follow"


def test_huge_numbers_are_refused_before_they_are_computed() -> None:
    with pytest.raises(ParseError) as caught:
        parse_model(HOSTILE["huge power as units"])
    assert str(caught.value) == "line 1: 10 ** 10 ** 6 is too large to be a layer argument"


def test_a_long_call_assignment_file_reads_in_well_under_a_second() -> None:
    """Issue 11: the reader copied its scope on every call assignment (1.8 s and 1.3 GB for
    99 KB); now each assignment costs the same however many came before."""
    source = HOSTILE["99 KB of call assignments"]
    assert len(source) > 95_000
    outcome, seconds, _ = measured(lambda: parse_model(source), trace=False)
    assert not isinstance(outcome, ParseError), outcome
    assert seconds < 1.0, seconds
    _, _, peak = measured(lambda: parse_model(source))
    assert peak < 100 * 2**20, peak


def test_layers_bound_to_names_keep_the_values_of_their_line() -> None:
    spec = parse_model(HOSTILE["99 KB of layer assignments"])
    assert [layer.args["units"] for layer in spec.layers[:3]] == [1, 9, 17]


def test_a_source_over_the_size_limit_is_refused_before_parsing() -> None:
    source = HOSTILE["100k lines"]
    assert len(source) > MAX_SOURCE_CHARS
    with pytest.raises(ParseError, match="too long"):
        parse_model(source)


def test_a_deadline_in_the_past_stops_the_reading_at_once() -> None:
    with pytest.raises(ParseError) as caught:
        explain_text(sequential("layers.Dense(4)"), deadline=time.monotonic() - 1)
    assert str(caught.value) == "the source took too long to read"
    assert explain_json(sequential("layers.Dense(4)"), deadline=time.monotonic() - 1) == {
        "error": "the source took too long to read"
    }


def test_a_deadline_in_the_future_changes_nothing() -> None:
    source = sequential("layers.Dense(4)")
    assert explain_text(source, deadline=time.monotonic() + 60) == explain_text(source)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ((1, 2, 3), "(1, 2, 3)"),
        ((7,), "(7,)"),
        ([None, "a"], "[None, 'a']"),
        ("x" * 100, "'" + "x" * 36 + "..."),
        (tuple(range(1000)), "(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11..."),
    ],
)
def test_capped_repr_is_repr_cut_short(value: object, shown: str) -> None:
    assert capped_repr(value) == shown


def test_capped_repr_never_walks_a_shared_value() -> None:
    value: object = 1
    for _ in range(200):
        value = (value, value)  # 2**200 leaves
    started = time.process_time()
    assert capped_repr(value).endswith("...")
    assert time.process_time() - started < 0.5
