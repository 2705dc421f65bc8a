"""Deleting runs, pruning old ones, and exporting the list as CSV.

A run is forgotten in the progress store first and its folder removed after, so a folder
that cannot be removed (permissions, a file in use) leaves no run pointing at it, and the
caller says which folders stayed. Only folders inside the tutor's runs directory are ever
removed, whatever an imported progress file says; a run still training is never touched.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.errors import TutorError
from tutor.exercises import runs_dir
from tutor.runs.records import RunRecord, list_runs
from tutor.safeio import write_atomic

if TYPE_CHECKING:
    from tutor.progress import ProgressStore


class RunsError(TutorError):
    """Runs that cannot be deleted (unknown, still training); the message is one line."""


@dataclass(frozen=True)
class Deleted:
    runs: tuple[int, ...]
    kept_folders: tuple[Path, ...] = ()
    """Folders that could not be removed (the runs are forgotten all the same)."""


def delete_runs(
    store: ProgressStore, run_ids: Sequence[int], still_running: Callable[[int], bool]
) -> Deleted:
    """Forget these runs and remove their folders; `RunsError` (nothing deleted) when one
    is unknown or still training (`still_running(run_id)`, the training package knows)."""
    by_id = {record.id: record for record in list_runs(store)}
    for run_id in run_ids:
        record = by_id.get(run_id)
        if record is None:
            raise RunsError(f"there is no run {run_id} (dltutor runs lists them)")
        if record.status == "running" and still_running(run_id):
            raise RunsError(f"run {run_id} is still training; cancel it first")
    chosen = [by_id[run_id] for run_id in dict.fromkeys(run_ids)]
    if store.delete_runs([record.id for record in chosen]) != len(chosen):
        raise RunsError(store.take_notice() or "could not delete the runs")
    kept = [folder for record in chosen if (folder := _remove_folder(record)) is not None]
    return Deleted(tuple(record.id for record in chosen), tuple(kept))


def _remove_folder(record: RunRecord) -> Path | None:
    """Remove the run's folder if it is one of the tutor's; the folder if that failed."""
    folder = record.path
    if folder is None:
        return None
    home = Path(os.path.realpath(runs_dir()))
    target = Path(os.path.realpath(folder))
    if target.parent != home or not target.is_dir() or folder.is_symlink():
        return None  # not a run folder of ours (or already gone): left alone
    try:
        shutil.rmtree(target)
    except OSError:
        return folder
    return None


def runs_to_prune(runs: Sequence[RunRecord], keep: int) -> list[RunRecord]:
    """The runs beyond the `keep` newest of each exercise (runs still 'running' are
    never chosen)."""
    if keep < 0:
        raise RunsError(f"--keep must be 0 or more (got {keep})")
    by_exercise: dict[str, list[RunRecord]] = {}
    for run in runs:
        by_exercise.setdefault(run.exercise, []).append(run)
    chosen = []
    for exercise_runs in by_exercise.values():
        newest_first = sorted(exercise_runs, key=lambda run: (run.started, run.id), reverse=True)
        chosen += [run for run in newest_first[keep:] if run.status != "running"]
    return sorted(chosen, key=lambda run: run.id)


CSV_COLUMNS = (
    "id",
    "exercise",
    "started",
    "finished",
    "status",
    "epochs",
    "seconds",
    "device",
    "dataset",
    "stand_in",
    "params",
    "edited",
    "metrics",
    "test",
    "path",
)


def runs_csv(runs: Sequence[RunRecord]) -> str:
    """The runs as CSV, one row each: `dltutor runs --json`'s fields, each metric in a
    column of its own (`val_accuracy`, `test_accuracy`)."""
    metric_names = list(dict.fromkeys(name for run in runs for name in run.metrics))
    test_names = list(dict.fromkeys(name for run in runs for name in run.test))
    columns = [
        *(column for column in CSV_COLUMNS if column not in ("metrics", "test", "path")),
        *metric_names,
        *(f"test_{name}" for name in test_names),
        "path",
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for run in runs:
        record = run.to_json()
        values = {
            **record,
            **run.metrics,
            **{f"test_{name}": value for name, value in run.test.items()},
        }
        writer.writerow(
            ["" if values.get(column) is None else values[column] for column in columns]
        )
    return out.getvalue()


def export_csv(runs: Sequence[RunRecord], path: Path) -> None:
    """Write the CSV to `path` whole or not at all (`TutorError` naming the problem)."""
    write_atomic(path, runs_csv(runs).encode("utf-8"), mode=0o644)
