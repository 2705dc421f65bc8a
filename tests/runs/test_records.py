"""Runs read back from the progress store: what `dltutor runs --json` prints, sorting and
filtering, and runs recorded before the tutor kept their details."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.runs.conftest import add_run
from tutor.progress import ProgressStore
from tutor.runs.records import SORT_KEYS, list_runs, sort_runs

ISSUE_KEYS = {
    "id", "exercise", "started", "finished", "status", "epochs", "seconds", "device",
    "dataset", "stand_in", "params", "edited", "metrics", "test", "path",
}  # fmt: skip


def test_a_run_lists_with_every_key_the_issue_names(store: ProgressStore) -> None:
    run_id = add_run(store, metrics={"loss": 0.3, "val_accuracy": 0.91, "test_accuracy": 0.9})
    (record,) = list_runs(store)
    data = record.to_json()
    assert set(data) == ISSUE_KEYS
    assert data["id"] == run_id and data["exercise"] == "mnist-dnn"
    assert data["metrics"] == {"loss": 0.3, "val_accuracy": 0.91}
    assert data["test"] == {"accuracy": 0.9}
    assert data["params"] == 101_770 and data["edited"] is False and data["stand_in"] is True
    assert data["epochs"] == 1 and data["seconds"] == 2.5 and data["device"] == "CPU"
    assert Path(data["path"]).is_dir()
    assert json.loads(json.dumps(data)) == data


def test_filter_by_exercise_and_sort_by_every_column(store: ProgressStore) -> None:
    first = add_run(store, "mnist-dnn", params=300, metrics={"val_accuracy": 0.5})
    second = add_run(store, "fashion-dnn", params=100, metrics={"val_accuracy": 0.9})
    third = add_run(store, "mnist-dnn", params=200, metrics={"val_accuracy": 0.7})
    assert [run.id for run in list_runs(store, "mnist-dnn")] == [first, third]
    runs = list_runs(store)
    assert [run.id for run in sort_runs(runs, "params")] == [second, third, first]
    assert [run.id for run in sort_runs(runs, "result", descending=True)] == [second, third, first]
    assert [run.id for run in sort_runs(runs, "exercise")] == [second, first, third]
    for column in SORT_KEYS:  # every column sorts, unknown values included
        assert sorted(run.id for run in sort_runs(runs, column)) == [first, second, third]


def test_a_run_recorded_before_details_shows_what_is_known(store: ProgressStore) -> None:
    run_id = store.start_run("mnist-dnn")
    assert run_id is not None
    history = "/anywhere/runs/mnist-dnn-20250101-000000/history.json"
    store.finish_run(run_id, "passed", metrics={"val_accuracy": 0.9}, history_path=history)
    (record,) = list_runs(store)
    assert record.path == Path(history).parent
    assert (record.params, record.edited, record.stand_in, record.epochs) == (None,) * 4
    assert record.options is None


def test_details_are_checked_before_they_are_stored(store: ProgressStore) -> None:
    from tutor.progress.fields import Invalid

    with pytest.raises(Invalid, match="'params' must be a whole number"):
        store.start_run("mnist-dnn", details={"params": -1})
    with pytest.raises(Invalid, match="'colour'"):
        store.start_run("mnist-dnn", details={"colour": "red"})
