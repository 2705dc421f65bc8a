"""A file that passes SQLite's integrity check but holds values that do not decode: the
bad rows are set aside (a copy of the file is kept), the rest of the progress is kept,
one notice says so, and the app, `dltutor progress` and the scheduler carry on."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import dltutor
from tests.progress.conftest import FakeClock
from tutor.progress import ProgressStore


def fill(store: ProgressStore, clock: FakeClock) -> None:
    store.record_lesson_opened("neuron")
    for i in range(4):
        clock.advance(minutes=1)
        assert store.record_attempt(
            "dense-params" if i % 2 else "conv-output",
            difficulty="easy",
            question_id=f"q{i}",
            answer=str(i),
            correct=True,
            seconds=5,
        )
    run = store.start_run("mnist-dnn")
    assert run is not None
    store.finish_run(run, "passed", metrics={"accuracy": 0.9})


def damage(db_path: Path, statement: str) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute(statement)
    conn.close()
    with sqlite3.connect(db_path) as conn:  # still a sound file as far as SQLite knows
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


def count_records(export: dict[str, Any]) -> int:
    sections = ("lesson_events", "quiz_attempts", "exercise_runs", "review_cards", "settings")
    return sum(len(export[section]) for section in sections)


BAD_VALUES = [
    ("UPDATE quiz_attempts SET at = '2026-13-02T00:00:00+00:00' WHERE id = 2", "at '2026-13-02"),
    ("UPDATE quiz_attempts SET at = '2026-02-30T00:00:00+00:00' WHERE id = 2", "at '2026-02-30"),
    ("UPDATE quiz_attempts SET at = '0001-01-01T00:00:00+00:00' WHERE id = 2", "at '0001-01-01"),
    ("UPDATE quiz_attempts SET at = 20250301 WHERE id = 2", "at '20250301'"),
    ("UPDATE quiz_attempts SET difficulty = 'weird' WHERE id = 2", "difficulty 'weird'"),
    ("UPDATE quiz_attempts SET rating = 9 WHERE id = 2", "rating 9"),
    ("UPDATE quiz_attempts SET rating = 'Good' WHERE id = 2", "rating 'Good'"),
    ("UPDATE quiz_attempts SET seconds = 'slow' WHERE id = 2", "seconds 'slow'"),
    ("UPDATE quiz_attempts SET topic = x'00ff' WHERE id = 2", "topic b'\\x00\\xff'"),
    ("UPDATE lesson_events SET event = 'skimmed'", "event 'skimmed'"),
    ("UPDATE exercise_runs SET status = 'won'", "status 'won'"),
    ("UPDATE exercise_runs SET finished = 'yesterday'", "finished 'yesterday'"),
    ("UPDATE exercise_runs SET metrics = '{\"loss\": 1e999}'", "metrics 'loss' must be a finite"),
    ("UPDATE exercise_runs SET metrics = '[1, 2]'", "metrics must be an object"),
    ("UPDATE exercise_runs SET metrics = '{\"a\": ' || '1' || printf('%.*c', 400, '0') || '}'",
     "metrics holds an integer of more than"),
    ("UPDATE exercise_runs SET metrics = 'not json'", "exercise_runs row 1: metrics"),
    (
        "UPDATE review_cards SET card = json_set(card, '$.stability', -1) "
        "WHERE topic = 'dense-params'",
        "card is not a valid FSRS card (stability -1)",
    ),
    (
        "UPDATE review_cards SET card = json_set(card, '$.state', 7) WHERE topic = 'dense-params'",
        "card is not a valid FSRS card (state 7)",
    ),
    (
        "UPDATE review_cards SET card = json_set(card, '$.due', '9999-12-31T00:00:00+00:00') "
        "WHERE topic = 'dense-params'",
        "between the years 2000 and 2100",
    ),
    ("UPDATE review_cards SET due = 'soon' WHERE topic = 'dense-params'", "due 'soon'"),
    ("UPDATE settings SET value = x'01'", "value b'\\x01'"),
]


@pytest.mark.parametrize(("statement", "problem"), BAD_VALUES)
def test_a_value_that_does_not_decode_is_set_aside_and_the_rest_kept(
    open_store: Callable[..., ProgressStore],
    clock: FakeClock,
    db_path: Path,
    statement: str,
    problem: str,
) -> None:
    store = open_store()
    fill(store, clock)
    before = store.export_data()
    store.close()
    damage(db_path, statement)

    reopened = open_store()
    notice = reopened.take_notice()
    copy = db_path.with_name(f"progress.sqlite3.corrupt-{clock.now:%Y%m%dT%H%M%S}")
    assert notice is not None and "\n" not in notice
    assert notice.startswith("Your progress file held 1 record that could not be read (first: ")
    assert problem in notice
    assert notice.endswith(
        f"a copy of the file was kept at {copy} and the rest of your progress kept."
    )
    assert not reopened.in_memory
    # the copy holds the file as it was, bad value included
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*) FROM quiz_attempts").fetchone() == (4,)
    conn.close()
    assert copy.stat().st_mode & 0o777 == 0o600
    # everything else is still there, and every reader works
    after = reopened.export_data()
    assert count_records(after) == count_records(before) - 1
    reopened.report()
    reopened.topics()
    reopened.runs()
    assert reopened.record_attempt(
        "dense-params", difficulty="hard", question_id="q9", answer="", correct=True, seconds=9
    )
    reopened.close()
    # and the next start is quiet
    assert open_store().notice is None


def test_progress_reads_a_damaged_file_without_changing_it(
    open_store: Callable[..., ProgressStore], clock: FakeClock, db_path: Path
) -> None:
    store = open_store()
    fill(store, clock)
    store.close()
    damage(db_path, "UPDATE quiz_attempts SET difficulty = 'weird' WHERE id = 3")
    data = db_path.read_bytes()
    reader = open_store(read_only=True)
    assert reader.notice is not None
    assert "holds 1 record that could not be read" in reader.notice
    assert "they are left out here" in reader.notice
    assert len(reader.attempts()) == 3
    assert reader.report()["topics"]
    reader.close()
    assert db_path.read_bytes() == data  # untouched
    assert not [p for p in db_path.parent.iterdir() if ".corrupt-" in p.name]


def test_the_command_line_and_the_app_start_normally_on_a_damaged_file(
    isolated_home: Path,
) -> None:
    with ProgressStore() as store:
        store.record_lesson_opened("five-steps")
        for topic in ("conv2d-params", "dense-params"):
            store.record_attempt(
                topic, difficulty="easy", question_id="q", answer="1", correct=True, seconds=2
            )
    damage(
        isolated_home / "progress.sqlite3",
        "UPDATE quiz_attempts SET at = '2026-13-02T10:00:00+00:00' WHERE topic = 'dense-params'",
    )
    result = dltutor("progress", "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("\n") == 1 and "could not be read" in result.stderr
    topics = [topic["topic"] for topic in json.loads(result.stdout)["topics"]]
    assert "conv2d-params" in topics
    text = dltutor("progress")
    assert text.returncode == 0 and "Traceback" not in text.stderr
    # the app's store: the rows are set aside once, then all is quiet
    with ProgressStore() as store:
        assert store.take_notice() is not None
        assert store.attempts(topic="conv2d-params")
    with ProgressStore() as store:
        assert store.notice is None
    assert dltutor("progress").stderr == ""


def test_metrics_a_script_logs_are_stored_so_they_read_back(
    open_store: Callable[..., ProgressStore],
) -> None:
    """A run's metrics are saved in a form the check accepts: nothing the app writes is
    ever taken for damage."""
    store = open_store()
    run = store.start_run("mnist-dnn")
    assert run is not None
    metrics = {
        "loss": float("inf"),
        "accuracy": 0.5,
        "note": "text",
        "\x1b[2Jname": 10**400,
        "flag": True,
    }
    assert store.finish_run(run, "passed", metrics=metrics)
    [saved] = store.runs()
    assert saved.metrics == {
        "loss": None,
        "accuracy": 0.5,
        "note": None,
        "[2Jname": None,
        "flag": None,
    }
    store.close()
    reopened = open_store()
    assert reopened.notice is None
    assert reopened.runs() == [saved]
