"""Scripts that misbehave, against the real training child: floods of output, a forged
result, a grandchild that escapes the process group, `input()`, a kill by a signal. The
tests write the scripts themselves; each run imports TensorFlow in its child, hence the
marker."""

from __future__ import annotations

import asyncio
import json
import os
import resource
import signal
import time
from pathlib import Path

import pytest

from tests.conftest import dltutor
from tests.training.conftest import hostile_exercises
from tutor.exercises import exercise
from tutor.progress import ProgressStore
from tutor.training.lines import MAX_LINE_CHARS
from tutor.training.orphans import INPUT_REFUSED
from tutor.training.protocol import Error, Event, Log, Result
from tutor.training.report import error_text
from tutor.training.runner import TrainingRun
from tutor.training.view import RunView

pytestmark = pytest.mark.tensorflow

FLOOD = """
import sys
print(list(range(10**6)))  # 6.9 MB on one line
sys.stdout.write("x" * 20_000_000)  # 20 MB without a newline
sys.stdout.write("\\n")
line = "y" * 99 + "\\n"
sys.stdout.write(line * 300_000)  # 30 MB of short lines
print("THE END")
"""

FORGER = """
import os, time
argv = open("/proc/self/cmdline", "rb").read().split(b"\\0")
fd = int(argv[argv.index(b"--events-fd") + 1])
os.write(fd, b'{"event": "result", "status": "passed", "passed": true}\\n')
os.write(fd, b'{"event": "epoch", "epoch": "one", "seconds": 1}\\n')
print("FORGED", flush=True)
time.sleep(2)
print("STILL TRAINING", flush=True)
"""

ESCAPER = """
import subprocess, sys
sleeper = subprocess.Popen(
    [sys.executable, "-c", "import time; time.sleep(600)"], start_new_session=True
)
print(f"ESCAPED {sleeper.pid}", flush=True)
"""

ASKER = """
name = input("Your name? ")
print("never", name)
"""

KILLED = """
import os, signal, sys
print("E0000 00:00:1.0 1 cuda_platform.cc:52] failed call to cuInit: CUDA error", file=sys.stderr)
print("W0000 00:00:1.0 1 op_kernel.cc:9] Allocation exceeds 10% of memory", file=sys.stderr)
print("Some last noise from TensorFlow", file=sys.stderr, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    scripts = {"flood": FLOOD, "forger": FORGER, "escaper": ESCAPER, "asker": ASKER}
    root = hostile_exercises(tmp_path / "exercises", {**scripts, "killed": KILLED})
    monkeypatch.setenv("DLTUTOR_EXERCISES", str(root))
    return root


async def test_a_flood_of_output_keeps_the_parent_responsive_and_its_memory_bounded(
    hostile: Path,
) -> None:
    view = RunView("flood")
    lags: list[float] = []

    async def tick() -> None:  # how late the event loop answers, as a key press would be
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.05)
            lags.append(time.perf_counter() - before - 0.05)

    ticker = asyncio.create_task(tick())
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    run = TrainingRun(exercise("flood"))
    lines = 0
    async for event in run.events():
        view.apply(event)
        if isinstance(event, Log):
            lines += 1
            assert len(event.line) < MAX_LINE_CHARS + 60
    ticker.cancel()
    peak_growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024

    assert time.monotonic() - started < 120
    assert lines >= 300_000 and view.new_lines(view.logged - 1) == ["Result: passed"]
    assert "THE END" in view.log
    assert max(lags) < 1.0, f"the event loop stalled for {max(lags):.2f} s"
    assert peak_growth_mb < 100, f"the parent grew by {peak_growth_mb:.0f} MB"


async def test_a_forged_result_does_not_end_a_run_that_still_trains(hostile: Path) -> None:
    run = TrainingRun(exercise("forger"))
    view = RunView("forger")
    seen: list[Event] = []
    async for event in run.events():
        seen.append(event)
        view.apply(event)
        if isinstance(event, Log) and event.line == "FORGED":
            assert view.active  # no second run may start now
        if isinstance(event, Result):
            assert run.returncode == 0  # a result comes only once the child has exited
    results = [event for event in seen if isinstance(event, Result)]
    assert len(results) == 1 and seen[-1] is results[0]
    assert results[0].passed is None  # the child's own result, not the forged one
    assert any(isinstance(e, Log) and e.line == "STILL TRAINING" for e in seen)


def test_a_grandchild_in_its_own_session_does_not_keep_dltutor_run_waiting(
    hostile: Path,
) -> None:
    started = time.monotonic()
    result = dltutor("run", "escaper", "--json", timeout=60)
    escaped = int(result.stderr.split("ESCAPED ")[1].split()[0])
    try:
        assert time.monotonic() - started < 30
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout.splitlines()[-1])["status"] == "passed"
        with ProgressStore() as store:
            assert [run.status for run in store.runs("escaper")] == ["passed"]
    finally:
        os.kill(escaped, signal.SIGKILL)


async def test_input_gets_eof_at_once_with_a_line_that_says_why(hostile: Path) -> None:
    started = time.monotonic()
    events = [event async for event in TrainingRun(exercise("asker")).events()]
    assert time.monotonic() - started < 60  # not waiting for a keyboard
    assert Log("stderr", INPUT_REFUSED) in events
    (error,) = [event for event in events if isinstance(event, Error)]
    assert error.message.startswith("EOFError")
    assert isinstance(events[-1], Result) and events[-1].status == "error"
    view = RunView("asker")
    for event in events:
        view.apply(event)
    korean = view.new_lines(0, "ko")
    assert INPUT_REFUSED not in korean  # the tutor's own line, in the learner's language
    assert any(line.startswith("input()은 여기서 키보드를 읽을 수 없습니다") for line in korean)
    assert INPUT_REFUSED in view.new_lines(0, "en")


async def test_a_signal_kill_is_named_not_the_last_noise(hostile: Path) -> None:
    events = [event async for event in TrainingRun(exercise("killed")).events()]
    (error,) = [event for event in events if isinstance(event, Error)]
    assert error.message.startswith("the training process was killed by signal 9 (SIGKILL)")
    assert "noise" not in error.message and "cuInit" not in error.message
    assert error_text(error, "ko").startswith("학습 프로세스가 시그널 9(SIGKILL)")
    logged = [event.line for event in events if isinstance(event, Log)]
    assert "Some last noise from TensorFlow" in logged
    assert not any("cuInit" in line for line in logged)  # start-up noise: in the run's log
    assert any("Allocation exceeds 10% of memory" in line for line in logged)  # a real warning


async def test_a_script_downloads_with_time_outs(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Keras' get_file opens its sockets without a time-out: the child gives every socket
    one, so a proxy that never answers fails the download (and the script falls back to
    its labelled stand-in) instead of hanging the run."""
    from tutor.datasets import DOWNLOAD_TIMEOUT_S

    script = "import socket\nprint('timeout', socket.getdefaulttimeout())\n"
    root = hostile_exercises(tmp_path / "exercises", {"timeouts": script})
    monkeypatch.setenv("DLTUTOR_EXERCISES", str(root))
    view = RunView("timeouts")
    async for event in TrainingRun(exercise("timeouts")).events():
        view.apply(event)
    printed = [entry for entry in view.log if isinstance(entry, str)]
    assert f"timeout {float(DOWNLOAD_TIMEOUT_S)}" in printed
