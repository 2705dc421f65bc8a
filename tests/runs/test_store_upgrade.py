"""The schema's third version keeps a learner's progress: an old file upgrades in place,
exports carry run details and challenge attempts, and an old export still imports."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.runs.conftest import add_run
from tutor.errors import TutorError
from tutor.progress import ProgressStore, read_export
from tutor.progress.schema import MIGRATIONS, SCHEMA_VERSION


def test_a_version_2_file_upgrades_keeping_its_runs(tmp_path: Path) -> None:
    path = tmp_path / "dltutor-home" / "progress.sqlite3"
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:2]:
        migration(conn)
    conn.execute("PRAGMA user_version = 2")
    conn.execute(
        """INSERT INTO exercise_runs (exercise_id, started, finished, status, metrics)
           VALUES ('iris-dnn', '2025-01-01T10:00:00+00:00', '2025-01-01T10:01:00+00:00',
                   'passed', '{"val_accuracy": 0.93}')"""
    )
    conn.close()
    with ProgressStore(path) as store:
        assert store.notice is None
        (run,) = store.runs()
        assert (run.exercise_id, run.metrics, run.details) == (
            "iris-dnn",
            {"val_accuracy": 0.93},
            None,
        )
        assert store.record_challenge_attempt(
            "iris-20", metric="val_accuracy", bound="at_least", goal=0.9, score=0.95,
            params=15, passed=True, stand_in=False,
        )  # fmt: skip
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,) == (3,)
    conn.close()


def test_export_and_import_carry_details_and_attempts(store: ProgressStore, tmp_path: Path) -> None:
    add_run(store, params=42)
    store.record_challenge_attempt(
        "mnist-20k", metric="test_accuracy", bound="at_least", goal=0.97, score=0.9812,
        params=5258, passed=True, stand_in=False,
    )  # fmt: skip
    path = tmp_path / "export.json"
    store.export_to(path)
    with ProgressStore(tmp_path / "other.sqlite3") as other:
        other.import_from(path)
        (run,) = other.runs()
        assert run.details is not None and run.details["params"] == 42
        (attempt,) = other.challenge_attempts()
        assert (attempt.challenge_id, attempt.score, attempt.params) == ("mnist-20k", 0.9812, 5258)
        assert other.report()["challenges"][0]["best"]["params"] == 5258


def test_an_export_made_before_details_imports(store: ProgressStore, tmp_path: Path) -> None:
    add_run(store)
    document = store.export_data()
    for run in document["exercise_runs"]:
        del run["details"]
    del document["challenge_attempts"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document))
    assert read_export(path).exercise_runs[0]["details"] is None


@pytest.mark.parametrize(
    ("section", "change", "problem"),
    [
        ("exercise_runs", {"details": {"params": "many"}}, "details 'params' must be"),
        ("exercise_runs", {"details": {"run_dir": "/etc"}}, "must be a folder inside"),
        ("challenge_attempts", {"bound": "sideways"}, "bound must be one of"),
        ("challenge_attempts", {"goal": None}, "goal must be a number"),
    ],
)
def test_a_bad_detail_or_attempt_is_refused_naming_it(
    store: ProgressStore, tmp_path: Path, section: str, change: dict[str, object], problem: str
) -> None:
    add_run(store)
    store.record_challenge_attempt(
        "iris-20", metric="val_accuracy", bound="at_least", goal=0.9, score=0.8,
        params=15, passed=False, stand_in=False,
    )  # fmt: skip
    document = store.export_data()
    document[section][0].update(change)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    with pytest.raises(TutorError, match=problem):
        read_export(path)


def test_a_stored_row_with_unreadable_details_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "dltutor-home" / "progress.sqlite3"
    with ProgressStore(path) as store:
        add_run(store)
        add_run(store)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE exercise_runs SET details = '{\"params\": -5}' WHERE id = 1")
    conn.close()
    with ProgressStore(path) as store:
        assert [run.run_id for run in store.runs()] == [2]
        assert store.notice is not None and "exercise_runs row 1: details" in store.notice
