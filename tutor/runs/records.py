"""Runs read back from the progress store, as `dltutor runs` and the Runs screen list them:
one `RunRecord` per run, filtered by exercise and sorted by any column.

A run recorded before the tutor kept its details (folder, script, options, parameters)
shows what is known: its folder is that of its history or model, the rest is unknown
(None), never guessed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.progress.schema import to_iso
from tutor.runs.details import SCRIPT_COPY

if TYPE_CHECKING:
    from tutor.progress import ExerciseRun, ProgressStore

MAIN_METRICS = ("val_accuracy", "val_mae", "accuracy", "mae", "val_loss", "loss")
"""The one figure that sums a run's training up, in order of preference."""
TEST_METRICS = ("accuracy", "mae", "loss")


@dataclass(frozen=True)
class RunRecord:
    id: int
    exercise: str
    started: datetime
    finished: datetime | None
    status: str
    epochs: int | None
    seconds: float | None
    device: str | None
    dataset: str | None
    data: str | None
    """The script's own words for the data it used."""
    stand_in: bool | None
    params: int | None
    edited: bool | None
    metrics: Mapping[str, float | None]
    """The last epoch's logs, by Keras' names."""
    test: Mapping[str, float | None]
    """The script's `model.evaluate`, by Keras' names (without the `test_` prefix)."""
    path: Path | None
    """The run's folder: history, model, the copy of its script."""
    options: tuple[str, ...] | None
    history_path: str | None = None
    model_path: str | None = field(default=None, repr=False)

    @property
    def script_copy(self) -> Path | None:
        """The copy of the script this run ran, if it was kept."""
        return self.path / SCRIPT_COPY if self.path is not None else None

    def main_metric(self) -> tuple[str, float] | None:
        """(name, value) of the figure that sums the training up."""
        return _first(self.metrics, MAIN_METRICS)

    def test_metric(self) -> tuple[str, float] | None:
        return _first(self.test, TEST_METRICS)

    def to_json(self) -> dict[str, Any]:
        """One line of `dltutor runs --json`."""
        return {
            "id": self.id,
            "exercise": self.exercise,
            "started": to_iso(self.started),
            "finished": to_iso(self.finished) if self.finished is not None else None,
            "status": self.status,
            "epochs": self.epochs,
            "seconds": self.seconds,
            "device": self.device,
            "dataset": self.dataset,
            "stand_in": self.stand_in,
            "params": self.params,
            "edited": self.edited,
            "metrics": dict(self.metrics),
            "test": dict(self.test),
            "path": str(self.path) if self.path is not None else None,
        }


def _first(metrics: Mapping[str, float | None], names: Sequence[str]) -> tuple[str, float] | None:
    for name in names:
        value = metrics.get(name)
        if value is not None:
            return name, value
    return None


def record_of(run: ExerciseRun) -> RunRecord:
    details = run.details or {}
    stored = run.metrics or {}
    final = {name: value for name, value in stored.items() if not name.startswith("test_")}
    test = {name[5:]: value for name, value in stored.items() if name.startswith("test_")}
    known = run.details is not None
    folder = details.get("run_dir")
    if folder is None:  # recorded before details: the folder its files are in
        saved = run.history_path or run.model_path
        folder = str(Path(saved).parent) if saved else None
    return RunRecord(
        id=run.run_id,
        exercise=run.exercise_id,
        started=run.started,
        finished=run.finished,
        status=run.status,
        epochs=details.get("epochs") if known else None,
        seconds=details.get("seconds") if known else None,
        device=details.get("device"),
        dataset=details.get("dataset"),
        data=details.get("data"),
        stand_in=details.get("stand_in") if known else None,
        params=details.get("params"),
        edited=details.get("edited") if known else None,
        metrics=final,
        test=test,
        path=Path(folder) if folder else None,
        options=tuple(details["options"]) if "options" in details else None,
        history_path=run.history_path,
        model_path=run.model_path,
    )


def list_runs(store: ProgressStore, exercise: str | None = None) -> list[RunRecord]:
    """Every run (of one exercise or challenge), oldest first."""
    return [record_of(run) for run in store.runs(exercise)]


def find_runs(store: ProgressStore, run_ids: Sequence[int]) -> list[RunRecord]:
    """The runs with these ids, in the order given; `KeyError` naming the first unknown."""
    by_id = {record.id: record for record in list_runs(store)}
    missing = [run_id for run_id in run_ids if run_id not in by_id]
    if missing:
        raise KeyError(missing[0])
    return [by_id[run_id] for run_id in run_ids]


# --- sorting ---------------------------------------------------------------------------

def _number(value: float | int | None) -> float:
    return -math.inf if value is None else float(value)


SORT_KEYS: dict[str, Callable[[RunRecord], Any]] = {
    "id": lambda run: run.id,
    "exercise": lambda run: (run.exercise, run.id),
    "started": lambda run: (run.started, run.id),
    "status": lambda run: (run.status, run.id),
    "epochs": lambda run: _number(run.epochs),
    "time": lambda run: _number(run.seconds),
    "device": lambda run: run.device or "",
    "data": lambda run: (run.dataset or "", bool(run.stand_in)),
    "params": lambda run: _number(run.params),
    "result": lambda run: _number((run.main_metric() or ("", None))[1]),
    "test": lambda run: _number((run.test_metric() or ("", None))[1]),
    "script": lambda run: (run.edited is True, run.edited is None),
}
"""The columns a list can be sorted by, each with its key (unknown values sort first)."""


def sort_runs(
    runs: Sequence[RunRecord], column: str, *, descending: bool = False
) -> list[RunRecord]:
    """The runs ordered by `column` (one of `SORT_KEYS`), ties by id."""
    key = SORT_KEYS[column]
    ordered = sorted(runs, key=lambda run: run.id)
    return sorted(ordered, key=key, reverse=descending)
