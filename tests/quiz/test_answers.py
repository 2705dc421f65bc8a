"""Reading answers generously, refusing what cannot be read with a form to type, and never
raising on any text at all."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.quiz import read_answer
from tutor.quiz.answers import FORMS, MAX_CHARS

KINDS = ("shape", "int", "grid", "choice")


@pytest.mark.parametrize(
    "typed",
    [
        "(None, 26, 26, 32)",
        "26,26,32",
        "26, 26, 32",
        "26 x 26 x 32",
        "26x26x32",
        "26×26×32",
        "26 X 26 X 32",
        "[26, 26, 32]",
        "(26, 26, 32)",
        "26 26 32",
        "shape: (26, 26, 32)",
        "２６，２６，３２",  # full-width, as a Korean IME may type it
    ],
)
def test_shapes_in_every_common_spelling(typed: str) -> None:
    reading = read_answer(typed, "shape")
    assert reading.ok and reading.form == {}
    assert reading.value in ((None, 26, 26, 32), (26, 26, 32))


def test_a_batch_axis_may_be_spelled_several_ways() -> None:
    for batch in ("None", "none", "null", "?", "batch"):
        assert read_answer(f"({batch}, 7)", "shape").value == (None, 7)
    assert read_answer("1152", "shape").value == (1152,)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1,234", 1234),
        ("1234", 1234),
        ("1 234", 1234),
        ("1_234", 1234),
        ("1,199,882", 1199882),
        ("  320 ", 320),
        ("320.", 320),
        ("320.0", 320),
        ("params = 320", 320),
        ("Total params: 1,234", 1234),
        ("320 params", 320),
        ("320개", 320),
        ("(3*3*1 + 1) * 32", 320),
        ("3x3x32", 288),
        ("4 × 64 × (64 + 100 + 1)", 42240),
        ("-5", -5),
    ],
)
def test_integers_with_separators_labels_and_arithmetic(typed: str, value: int) -> None:
    reading = read_answer(typed, "int")
    assert reading.ok and reading.value == value


@pytest.mark.parametrize(
    "typed",
    [
        "2 1 1; 0 2 2; 0 1 1",
        "2 1 1\n0 2 2\n0 1 1",
        "2,1,1 / 0,2,2 / 0,1,1",
        "[[2, 1, 1], [0, 2, 2], [0, 1, 1]]",
        "[2 1 1]\n[0 2 2]\n[0 1 1]\n",
        "2, 1, 1;\n0, 2, 2;\n0, 1, 1;",
    ],
)
def test_grids_row_by_row(typed: str) -> None:
    reading = read_answer(typed, "grid")
    assert reading.ok and reading.value == ((2, 1, 1), (0, 2, 2), (0, 1, 1))


def test_grid_values_keep_their_halves() -> None:
    assert read_answer("13 8; 79 19.5", "grid").value == ((13, 8), (79, 19.5))
    assert read_answer("-1 0.25; .5 +2", "grid").value == ((-1, 0.25), (0.5, 2))


@pytest.mark.parametrize(
    ("typed", "letter"),
    [
        ("a", "a"),
        ("A", "a"),
        ("(a)", "a"),
        ("b)", "b"),
        ("c.", "c"),
        ("1", "a"),
        ("4", "d"),
        ("answer: c", "c"),
        (" D ", "d"),
        ("(2)", "b"),
    ],
)
def test_choices_by_letter_or_number(typed: str, letter: str) -> None:
    reading = read_answer(typed, "choice")
    assert reading.ok and reading.value == letter


@pytest.mark.parametrize(
    ("kind", "typed"),
    [
        ("shape", ""),
        ("shape", "twenty-six"),
        ("shape", "26, 26, 3.5"),
        ("shape", "1, 2, 3, 4, 5, 6, 7, 8, 9"),
        ("int", "   "),
        ("int", "12 34"),
        ("int", "1,23"),
        ("int", "lots"),
        ("int", "3.5"),
        ("int", "(3*3"),
        ("int", "2 ** 2000"),
        ("grid", "abc"),
        ("grid", "1 2; 3 x"),
        ("choice", "e"),
        ("choice", "5"),
        ("choice", "ab"),
        ("choice", "I think b"),
    ],
)
def test_unreadable_text_is_told_what_to_type(kind: str, typed: str) -> None:
    reading = read_answer(typed, kind)
    assert not reading.ok and reading.value is None
    assert reading.form == FORMS[kind]
    assert "\n" not in reading.form["en"] and "\n" not in reading.form["ko"]


def test_the_form_messages_name_an_example() -> None:
    assert "26, 26, 32" in FORMS["shape"]["en"]
    assert "1,234" in FORMS["int"]["en"]
    assert "a, b, c or d" in FORMS["choice"]["en"]


def test_rows_of_different_lengths_get_their_own_message() -> None:
    reading = read_answer("1 2; 3", "grid")
    assert not reading.ok and "same number of values" in reading.form["en"]


def test_very_long_text_is_refused_unread() -> None:
    assert not read_answer("1" * (MAX_CHARS + 1), "int").ok
    assert not read_answer("(" * 10_000, "int").ok
    assert not read_answer("9" * 5000, "shape").ok


_ANSWERISH = st.lists(
    st.sampled_from([*"0123456789 ,;/x×*()[]-+._\n?abcde:=２", "None", "null", "1,234"]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(typed=st.one_of(st.text(max_size=120), _ANSWERISH), kind=st.sampled_from(KINDS))
def test_read_answer_never_raises(typed: str, kind: str) -> None:
    reading = read_answer(typed, kind)
    if reading.ok:
        assert reading.value is not None and reading.form == {}
    else:
        assert reading.value is None and set(reading.form) == {"en", "ko"}


@settings(max_examples=100, deadline=None)
@given(
    dims=st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=6),
    separator=st.sampled_from([",", ", ", " x ", "×", " ", "x"]),
    brackets=st.sampled_from(["{}", "({})", "[{}]", "(None, {})"]),
)
def test_any_written_shape_reads_back(dims: list[int], separator: str, brackets: str) -> None:
    typed = brackets.format(separator.join(map(str, dims)))
    value = read_answer(typed, "shape").value
    assert value is not None and tuple(d for d in value if d is not None) == tuple(dims)


@settings(max_examples=100, deadline=None)
@given(number=st.integers(min_value=0, max_value=10**12))
def test_any_number_with_thousands_separators_reads_back(number: int) -> None:
    for typed in (str(number), f"{number:,}", f"{number:_}", f"{number:,}".replace(",", " ")):
        assert read_answer(typed, "int").value == number
