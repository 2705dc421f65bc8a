"""`TrainingRun` against a real training child: events, cancel, crashes, parent death,
the mirrored strategy. Each starts TensorFlow in a child, hence the marker."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.training.conftest import alive, gone_within
from tutor.exercises import edit_copy, exercise
from tutor.progress import ProgressStore
from tutor.training.child import NICENESS
from tutor.training.protocol import Batch, Epoch, Error, Event, Fit, Log, Result, Start
from tutor.training.runner import TENSORFLOW_LOG, TrainingRun

pytestmark = pytest.mark.tensorflow


async def _collect(run: TrainingRun) -> list[Event]:
    return [event async for event in run.events()]


async def test_a_run_reports_start_fit_batches_epochs_and_a_result(tiny_exercises: Path) -> None:
    with ProgressStore() as store:
        run = TrainingRun(exercise("tiny"), epochs=2, offline=True, store=store)
        events = await _collect(run)
        (record,) = store.runs("tiny")

    kinds = [type(event) for event in events if not isinstance(event, Log)]
    assert kinds[:2] == [Start, Fit] and kinds[-1] is Result
    assert kinds.count(Epoch) == 2 and Batch in kinds
    start = events[[type(e) for e in events].index(Start)]
    assert isinstance(start, Start) and start.device == "CPU" and start.offline
    epochs = [event for event in events if isinstance(event, Epoch)]
    assert [event.epoch for event in epochs] == [1, 2]
    assert {"loss", "accuracy", "val_loss", "val_accuracy"} <= set(epochs[0].logs)
    assert any(isinstance(e, Log) and e.line == "Data: 200 generated points" for e in events)
    # TensorFlow's start-up notes go to the run's own log, not to the learner
    logged = " ".join(event.line for event in events if isinstance(event, Log))
    assert not any(noise in logged for noise in ("oneDNN", "cuInit", "cuda drivers", "I0000"))
    assert run.run_dir is not None
    assert "oneDNN" in (run.run_dir / TENSORFLOW_LOG).read_text(encoding="utf-8")

    result = run.result
    assert isinstance(result, Result) and result == events[-1]
    assert result.status == "passed" and result.passed is True
    assert result.test is not None and set(result.test) == {"loss", "accuracy"}
    assert result.classes == ["negative", "positive"]  # the script's CLASS_NAMES
    assert sum(map(sum, result.confusion_matrix or [])) == 40  # every test example once
    assert len(result.samples or []) == 5
    assert result.dataset == "200 generated points" and result.stand_in is True
    assert result.model_path and Path(result.model_path).is_file()
    assert result.history_path
    history = json.loads(Path(result.history_path).read_text())
    assert len(history["val_accuracy"]) == 2
    assert run.run_dir is not None and Path(result.model_path).parent == run.run_dir
    assert run.returncode == 0

    assert record.status == "passed" and record.history_path == result.history_path
    assert record.metrics is not None and "test_accuracy" in record.metrics


async def test_cancel_stops_after_a_batch_and_leaves_no_process(
    tiny_exercises: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TINY_BATCH_SLEEP", "0.05")
    monkeypatch.setenv("TINY_GRANDCHILD", "1")
    with ProgressStore() as store:
        run = TrainingRun(exercise("tiny"), epochs=1000, store=store)
        events: list[Event] = []
        grandchild = None
        pids: list[int] = []
        started = 0.0
        async for event in run.events():
            events.append(event)
            if isinstance(event, Log) and event.line.startswith("GRANDCHILD "):
                grandchild = int(event.line.split()[1])
            if isinstance(event, Epoch) and event.epoch == 1 and not pids:
                assert run.pid is not None and grandchild is not None
                # the trainer yields the CPU to the app (the kernel caps niceness at 19)
                expected = min(os.nice(0) + NICENESS, 19)
                assert os.getpriority(os.PRIO_PROCESS, run.pid) == expected
                pids = [run.pid, grandchild]
                started = time.monotonic()
                await run.cancel()  # the rest of the events still arrive
        left = 2.0 - (time.monotonic() - started)
        assert left > 0 and gone_within(pids, left), "still running 2 s after cancel"
        (record,) = store.runs("tiny")

    result = events[-1]
    assert isinstance(result, Result) and result.status == "cancelled"
    assert result.passed is None and result.epochs >= 1 and result.model_path is None
    assert result.history_path and Path(result.history_path).is_file()
    assert record.status == "cancelled"


async def test_a_syntax_error_in_the_learners_copy_is_an_error_event(
    tiny_exercises: Path,
) -> None:
    copy = edit_copy("tiny")
    source = copy.read_text().replace("def main():", "def main(:")
    copy.write_text(source)
    line = source.splitlines().index("def main(:") + 1

    started = time.monotonic()
    run = TrainingRun(exercise("tiny"))  # runs the learner's copy
    events = await _collect(run)
    assert time.monotonic() - started < 5  # found before TensorFlow is even imported

    errors = [event for event in events if isinstance(event, Error)]
    assert len(errors) == 1
    assert errors[0].message.startswith("SyntaxError:")
    assert f"tiny.py, line {line}" in errors[0].message
    assert "def main(:" in errors[0].traceback
    assert isinstance(events[-1], Result) and events[-1].status == "error"
    assert run.returncode == 1


async def test_a_shape_error_shows_keras_message_and_the_runner_carries_on(
    tiny_exercises: Path,
) -> None:
    copy = edit_copy("tiny")
    copy.write_text(copy.read_text().replace("keras.Input(shape=(4,))", "keras.Input(shape=(5,))"))

    run = TrainingRun(exercise("tiny"), epochs=1)
    events = await _collect(run)
    (error,) = [event for event in events if isinstance(event, Error)]
    assert error.message.startswith("ValueError:")
    assert "expected axis -1 of input shape to have value 5" in error.message
    assert error.traceback.startswith("Traceback (most recent call last):")
    assert str(copy) in error.traceback and "runpy" not in error.traceback
    assert isinstance(events[-1], Result) and events[-1].status == "error"
    assert run.returncode == 1 and not alive(run.pid or 0)


def test_the_child_dies_with_its_parent(tiny_exercises: Path, tmp_path: Path) -> None:
    parent_code = textwrap.dedent(
        """
        import asyncio, sys
        from tutor.exercises import exercise
        from tutor.training.protocol import Start
        from tutor.training.runner import TrainingRun

        async def main():
            run = TrainingRun(exercise("tiny"), epochs=1000)
            async for event in run.events():
                if isinstance(event, Start):
                    print(event.pid, flush=True)

        asyncio.run(main())
        """
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", parent_code],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "TINY_BATCH_SLEEP": "0.05"},
    )
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert alive(child)
        parent.send_signal(signal.SIGKILL)
        parent.wait(5)
        assert gone_within([child], 3.0), "the child outlived its parent"
    finally:
        parent.kill()
        parent.wait()


async def test_mirrored_strategy_over_two_logical_cpus(
    tiny_exercises: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DLTUTOR_LOGICAL_CPUS", "2")
    run = TrainingRun(exercise("tiny"), epochs=1, device="cpu", strategy="mirrored")
    events = await _collect(run)
    errors = [event.message for event in events if isinstance(event, Error)]
    assert not errors
    (start,) = [event for event in events if isinstance(event, Start)]
    assert start.strategy == "mirrored" and start.replicas == 2
    assert [event.epoch for event in events if isinstance(event, Epoch)] == [1]
    assert isinstance(events[-1], Result) and events[-1].status == "passed"


async def test_leaving_early_kills_the_child(tiny_exercises: Path) -> None:
    """A UI worker that is cancelled mid-run must not leave the trainer behind."""
    run = TrainingRun(exercise("tiny"), epochs=1000)
    async with run:
        async for event in run.events():
            if isinstance(event, Start):
                break
        pid = run.pid
        assert pid is not None
    await asyncio.sleep(0)
    assert gone_within([pid], 1.0)
