"""Nothing outlives the tutor: the child and its grandchildren die with the parent, even
when the script closed stdin or holds the GIL in one long C call; runs the dead parent
left 'running' are closed as 'interrupted' at the next start. Real children, hence the
marker."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import dltutor
from tests.training.conftest import alive, gone_within, hostile_exercises
from tutor.exercises import exercise
from tutor.i18n import translate
from tutor.progress import ProgressStore
from tutor.training.liveness import close_interrupted_runs
from tutor.training.protocol import Log
from tutor.training.runner import TrainingRun

pytestmark = pytest.mark.tensorflow

GRANDCHILD = """
import subprocess, sys
sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
print(f"GRANDCHILD {sleeper.pid}", flush=True)
"""
NO_STDIN = GRANDCHILD + """
import os, time
sys.stdin.close()
os.close(0)
print("READY", flush=True)
time.sleep(600)
"""
GIL_HOLDER = GRANDCHILD + """
print("READY", flush=True)
sum(range(10**13))  # one C call that never lets go of the GIL
"""
PARENT = textwrap.dedent(
    """
    import asyncio, sys
    from tutor.exercises import exercise
    from tutor.progress import ProgressStore
    from tutor.training.protocol import Log, Start
    from tutor.training.runner import TrainingRun

    async def main():
        with ProgressStore() as store:
            run = TrainingRun(exercise(sys.argv[1]), store=store)
            async for event in run.events():
                if isinstance(event, Start):
                    print("CHILD", event.pid, flush=True)
                if isinstance(event, Log):
                    print(event.line, flush=True)

    asyncio.run(main())
    """
)


@pytest.fixture
def orphans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    scripts = {"no-stdin": NO_STDIN, "gil-holder": GIL_HOLDER}
    root = hostile_exercises(tmp_path / "exercises", scripts)
    monkeypatch.setenv("DLTUTOR_EXERCISES", str(root))
    return root


def _kill_parent_once_ready(exercise_id: str) -> list[int]:
    """Start a parent that trains `exercise_id`, kill -9 it once the script says READY;
    the pids of the child and its grandchild."""
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, exercise_id], stdout=subprocess.PIPE, text=True
    )
    pids: dict[str, int] = {}
    try:
        assert parent.stdout is not None
        for line in parent.stdout:
            word, _, rest = line.strip().partition(" ")
            if word in ("CHILD", "GRANDCHILD"):
                pids[word] = int(rest)
            if word == "READY":
                break
        assert set(pids) == {"CHILD", "GRANDCHILD"} and all(map(alive, pids.values()))
        parent.send_signal(signal.SIGKILL)
        parent.wait(5)
    finally:
        parent.kill()
        parent.wait()
    return [pids["CHILD"], pids["GRANDCHILD"]]


@pytest.mark.parametrize("exercise_id", ["no-stdin", "gil-holder"])
def test_the_child_and_its_grandchildren_die_with_the_parent(
    orphans: Path, exercise_id: str
) -> None:
    pids = _kill_parent_once_ready(exercise_id)
    survivors = [] if gone_within(pids, 3.0) else [pid for pid in pids if alive(pid)]
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    assert not survivors, f"{exercise_id}: {survivors} outlived their parent"


def test_a_run_left_running_by_a_killed_parent_is_closed_as_interrupted(orphans: Path) -> None:
    _kill_parent_once_ready("no-stdin")
    with ProgressStore() as store:
        assert [run.status for run in store.runs()] == ["running"]

    report = dltutor("progress", "--json")  # the next start of `dltutor progress`
    assert report.returncode == 0, report.stderr
    (run,) = json.loads(report.stdout)["runs"]
    assert run["status"] == "interrupted" and run["finished"]
    assert translate("interrupted", "ko") == "중단됨"


async def test_a_run_that_is_still_going_is_not_closed(orphans: Path) -> None:
    with ProgressStore() as store:
        run = TrainingRun(exercise("no-stdin"), store=store)
        async for event in run.events():
            if isinstance(event, Log) and event.line == "READY":
                with ProgressStore() as other:  # another tutor starting meanwhile
                    assert close_interrupted_runs(other) == 0
                    assert [record.status for record in other.runs()] == ["running"]
                await run.cancel()
        assert [record.status for record in store.runs()] == ["cancelled"]
