"""Deleting runs (the record and the folder), pruning all but the newest, and the CSV."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from tests.runs.conftest import add_run
from tutor.progress import ProgressStore
from tutor.runs.manage import RunsError, delete_runs, runs_csv, runs_to_prune
from tutor.runs.records import list_runs


def never(run_id: int) -> bool:
    return False


def test_deleting_a_run_forgets_it_and_removes_its_folder(store: ProgressStore) -> None:
    keep, gone = add_run(store), add_run(store)
    folders = {run.id: run.path for run in list_runs(store)}
    deleted = delete_runs(store, [gone], never)
    assert deleted.runs == (gone,) and deleted.kept_folders == ()
    assert [run.id for run in list_runs(store)] == [keep]
    assert not folders[gone].exists() and folders[keep].is_dir()  # type: ignore[union-attr]


def test_an_unknown_or_training_run_is_refused_and_nothing_deleted(store: ProgressStore) -> None:
    done = add_run(store)
    training = store.start_run("mnist-dnn")
    assert training is not None
    with pytest.raises(RunsError, match="there is no run 77"):
        delete_runs(store, [done, 77], never)
    with pytest.raises(RunsError, match=f"run {training} is still training"):
        delete_runs(store, [done, training], lambda run_id: True)
    assert len(list_runs(store)) == 2


def test_a_folder_outside_the_runs_directory_is_never_removed(
    store: ProgressStore, tmp_path: Path
) -> None:
    outside = tmp_path / "precious"
    outside.mkdir()
    run_id = add_run(store)
    (record,) = list_runs(store)
    assert record.path is not None
    shutil.rmtree(record.path)
    record.path.symlink_to(outside)  # the run's folder now leads elsewhere
    delete_runs(store, [run_id], never)
    assert outside.is_dir()


def test_prune_keeps_the_newest_of_each_exercise(store: ProgressStore) -> None:
    mnist = [add_run(store, "mnist-dnn") for _ in range(3)]
    iris = [add_run(store, "iris-dnn") for _ in range(2)]
    chosen = runs_to_prune(list_runs(store), keep=1)
    assert [run.id for run in chosen] == [*mnist[:2], iris[0]]
    assert runs_to_prune(list_runs(store), keep=5) == []


def test_the_csv_has_a_column_per_metric(store: ProgressStore) -> None:
    add_run(store, metrics={"loss": 0.25, "val_accuracy": 0.9, "test_accuracy": 0.88})
    add_run(store, "boston-regression", metrics={"val_mae": 2.7}, params=None)
    rows = list(csv.DictReader(io.StringIO(runs_csv(list_runs(store)))))
    assert rows[0]["val_accuracy"] == "0.9" and rows[0]["test_accuracy"] == "0.88"
    assert rows[1]["val_mae"] == "2.7" and rows[1]["params"] == "" and rows[1]["val_accuracy"] == ""
    assert list(rows[0])[:3] == ["id", "exercise", "started"] and list(rows[0])[-1] == "path"
