"""Reading a model never runs it: hostile sources are refused (or their hostile parts
ignored) quickly, and a child process with an audit hook proves that nothing in them was
executed, imported, opened or spawned."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEAD = "import keras\nfrom keras import layers\n\nmodel = keras.Sequential([\n"
TAIL = "\n])\n"


def model_with(*lines: str, input_shape: str = "keras.Input(shape=(8,))") -> str:
    body = ",\n".join(f"    {line}" for line in (input_shape, *lines))
    return HEAD + body + TAIL


# Runs in a fresh interpreter: imports the engine, warms it up, installs an audit hook that
# records (and blocks) everything a payload could do, then parses each source given on stdin.
CHILD = r"""
import json, subprocess, sys, time

from tutor.engine import explain_json, parse_model, ParseError

request = json.loads(sys.stdin.read())
marker = request["marker"]
run_payloads = request["execute"]  # the control: really run the sources, to prove the hook

WARM_UP = ("model = Sequential([Input(shape=(8,)), Dense(4)])", "model = Sequential([Dens(4)])")
for warm_up in WARM_UP:
    explain_json(warm_up)

SPAWNS = ("os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.kill",
          "subprocess.", "socket.", "ctypes.", "shutil.", "os.remove", "os.unlink",
          "os.rename", "os.mkdir", "os.chmod", "pty.", "webbrowser.")
current = {"source": None, "allowed": None}
events = []

def hook(event, args):
    if current["source"] is None:
        return
    seen = None
    if event == "open" and args and isinstance(args[0], (str, bytes)):
        path = args[0].decode() if isinstance(args[0], bytes) else args[0]
        if marker in path or path.startswith("/etc/"):
            seen = f"open {path}"
    elif event == "exec":
        if args[0] is not current["allowed"]:
            seen = event
    elif event in ("builtins.breakpoint", "builtins.input", "code.__new__", "function.__new__"):
        seen = event
    elif event == "compile":
        # ast.parse compiles the source itself (with PyCF_ONLY_AST); anything else compiled
        # would be code taken out of the source.
        compiled = args[0]
        if isinstance(compiled, bytes):
            compiled = compiled.decode("utf-8", "replace")
        if compiled != current["source"]:
            seen = f"compile {str(compiled)[:60]!r}"
    elif event == "import":
        if not str(args[0]).startswith("tutor"):
            seen = f"import {args[0]}"
    elif event.startswith(SPAWNS):
        seen = event
    if seen is not None:
        events.append(seen)
        if not event == "open":
            raise RuntimeError(f"blocked by the test's audit hook: {seen}")

sys.addaudithook(hook)

results = []
for source in request["sources"]:
    current["source"] = source
    outcome, message = "ok", ""
    started = time.process_time()
    try:
        if run_payloads:
            current["allowed"] = compile(source, "<control>", "exec")
            exec(current["allowed"], {"__builtins__": __builtins__})
        else:
            parse_model(source)
    except ParseError as error:
        outcome, message = "ParseError", str(error)
    except BaseException as error:  # noqa: BLE001 - the parent reports what it was
        outcome, message = type(error).__name__, str(error)
    parse_seconds = time.process_time() - started
    started = time.process_time()
    try:
        record = explain_json(source)
        json_type = type(record).__name__
    except BaseException as error:  # noqa: BLE001
        json_type = f"raised {type(error).__name__}: {error}"
    json_seconds = time.process_time() - started
    current["source"] = None
    results.append({
        "outcome": outcome, "message": message, "json": json_type,
        "seconds": max(parse_seconds, json_seconds), "events": list(events),
    })
    events.clear()

sys.stdout.write(json.dumps(results))
"""


def run_child(sources: list[str], marker: Path, execute: bool = False) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    request = {"sources": sources, "marker": str(marker), "execute": execute}
    completed = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=marker.parent,
        env=env,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return json.loads(completed.stdout)


def hostile_sources(marker: Path) -> dict[str, tuple[str, bool]]:
    """name -> (source, whether the parser must refuse it with a ParseError)."""
    touch = f"__import__('os').system('touch {marker}')"
    write = f"open({str(marker)!r}, 'w').write('pwned')"
    return {
        "os.system as units": (model_with(f"layers.Dense({touch})"), True),
        "open() as units": (model_with("layers.Dense(units=open('/etc/passwd').read())"), True),
        "open() for writing": (model_with(f"layers.Dense({write})"), True),
        "lambda": (model_with(f"layers.Dense((lambda: {touch})())"), True),
        "lambda as a layer": (model_with(f"(lambda: {touch})()"), True),
        "f-string": (model_with(f'layers.Dense(f"{{{touch}}}")'), True),
        "attribute of a call": (
            model_with(
                f"layers.Dense(__import__('subprocess').Popen(['touch', {str(marker)!r}]).pid)"
            ),
            True,
        ),
        "getattr as the layer": (
            model_with(f"getattr(__import__('os'), 'system')('touch {marker}')"),
            True,
        ),
        "method of a call as the layer": (model_with(touch), True),
        "exec as units": (model_with(f"layers.Dense(exec({touch!r}))"), True),
        "eval as input shape": (
            model_with("layers.Dense(4)", input_shape=f"keras.Input(shape=eval({touch!r}))"),
            True,
        ),
        "compile as kernel_size": (
            model_with(f"layers.Conv1D(4, compile({touch!r}, 'x', 'eval'))"),
            True,
        ),
        "breakpoint as units": (model_with("layers.Dense(breakpoint())"), True),
        "constant from a call": (f"n = {touch}\n" + model_with("layers.Dense(n)"), True),
        "layer bound to a call": (f"evil = {touch}\n" + model_with("evil"), True),
        "model.add of a call": (
            "model = keras.Sequential([keras.Input(shape=(8,))])\n" + f"model.add({touch})\n",
            True,
        ),
        "Sequential of a call": (f"model = keras.Sequential({touch})\n", True),
        "walrus": (model_with(f"layers.Dense((n := {touch}))"), True),
        "huge exponent": (model_with("layers.Dense(2**10**10)"), True),
        "huge exponent via constants": (
            "a = 10\nb = a**a**a\n" + model_with("layers.Dense(b)"),
            True,
        ),
        "huge repetition": (model_with("layers.Dense(4, name='a' * 10**10)"), True),
        "huge tuple": (model_with("layers.Reshape((1,) * 10**10)"), True),
        "nested parentheses": (
            model_with("layers.Dense(" + "(" * 5000 + "4" + ")" * 5000 + ")"),
            True,
        ),
        "nested lists": (model_with("layers.Reshape(" + "[" * 5000 + "]" * 5000 + ")"), True),
        "nested unary minus": (model_with("layers.Dense(" + "-" * 90_000 + "4)"), True),
        "long sum": (model_with("layers.Dense(" + "+".join(["1"] * 45_000) + ")"), True),
        "sum deeper than the stack": (
            model_with("layers.Dense(" + "+".join(["1"] * 1_500) + ")"),
            True,
        ),
        "1 MB of code": ("x = 1\n" * 175_000 + model_with("layers.Dense(4)"), True),
        "1 MB string": (model_with("layers.Dense(4)") + "s = '" + "a" * 1_000_000 + "'\n", True),
        # Statements around a valid model are never run; the model itself is read.
        "just under the size limit": ("x = 1\n" * 16_000 + model_with("layers.Dense(4)"), False),
        "many constants and adds": (
            "model = keras.Sequential([keras.Input(shape=(8,))])\n"
            + "".join(f"c{i} = {i}\n" for i in range(3_000))
            + "model.add(layers.Dense(4))\n" * 2_000,
            False,
        ),
        "exec statement beside the model": (
            f"exec({touch!r})\n" + model_with("layers.Dense(4)"),
            False,
        ),
        "os.system beside the model": (
            f"import os\nos.system('touch {marker}')\n" + model_with("layers.Dense(4)"),
            False,
        ),
        "class body beside the model": (
            f"class Evil:\n    {touch}\n\n" + model_with("layers.Dense(4)"),
            False,
        ),
        "decorator beside the model": (
            "@__import__('os').system\ndef f():\n    pass\n\n" + model_with("layers.Dense(4)"),
            False,
        ),
        "exec as an activation": (
            model_with(f"layers.Dense(4, activation=exec({touch!r}))"),
            False,
        ),
        "call as an initializer": (
            model_with(f"layers.Dense(4, kernel_initializer={write})"),
            False,
        ),
    }


@pytest.fixture(scope="module")
def marker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("safety") / "MARKER"


@pytest.fixture(scope="module")
def outcomes(marker: Path) -> dict[str, dict]:
    sources = hostile_sources(marker)
    results = run_child([source for source, _ in sources.values()], marker)
    return dict(zip(sources, results, strict=True))


def test_nothing_in_a_hostile_source_is_executed(outcomes: dict[str, dict], marker: Path) -> None:
    fired = {name: result["events"] for name, result in outcomes.items() if result["events"]}
    assert fired == {}
    assert not marker.exists()


def test_hostile_sources_are_refused_with_a_one_line_parse_error(
    outcomes: dict[str, dict], marker: Path
) -> None:
    for name, (_, refused) in hostile_sources(marker).items():
        result = outcomes[name]
        expected = "ParseError" if refused else "ok"
        assert result["outcome"] == expected, (name, result)
        assert "\n" not in result["message"], (name, result["message"])
        assert result["json"] == "dict", (name, result["json"])


def test_hostile_sources_are_read_quickly(outcomes: dict[str, dict]) -> None:
    """Under a second of CPU time each (CPU, not wall clock, so a busy CI machine does not
    make it flaky; a real hang still ends in run_child's timeout)."""
    slow = {name: round(result["seconds"], 3) for name, result in outcomes.items()}
    assert {name: s for name, s in slow.items() if s >= 1.0} == {}


def test_refusals_say_what_could_not_be_read(outcomes: dict[str, dict]) -> None:
    assert outcomes["os.system as units"]["message"].startswith(
        "line 6: units must be a literal (got __import__('os').system("
    )
    assert outcomes["open() as units"]["message"].startswith("line 6: units must be a literal")
    assert outcomes["huge exponent"]["message"] == (
        "line 6: 2 ** 10 ** 10 is too large to be a layer argument"
    )
    assert "too long" in outcomes["1 MB of code"]["message"]


def test_the_audit_hook_would_catch_an_execution(tmp_path: Path) -> None:
    """The control: running the same kind of source for real trips the hook and the marker,
    so the checks above are not vacuous."""
    marker = tmp_path / "MARKER"
    write = f"open({str(marker)!r}, 'w').write('pwned')"
    touch = f"__import__('os').system('touch {marker}')"
    spawn = "__import__('subprocess').Popen(['true'])"
    sources = [
        f"units = {write}",
        f"units = {touch}",
        f"units = {spawn}",
        f"exec({'x = 1'!r})",
    ]
    results = run_child(sources, marker, execute=True)
    assert marker.exists()
    assert [bool(result["events"]) for result in results] == [True, True, True, True]
    assert results[1]["events"] == ["os.system"]
    assert results[2]["events"][0].startswith("subprocess.Popen")
