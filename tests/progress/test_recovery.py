"""Damaged, foreign, newer and older database files: moved aside or upgraded, never a crash."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tutor.progress import SCHEMA_VERSION, ProgressStore
from tutor.progress.schema import MIGRATIONS

STAMP = "20250301T090000"  # the test clock's START, in UTC


def fill(store: ProgressStore, attempts: int = 3) -> None:
    assert store.record_lesson_opened("neuron")
    for i in range(attempts):
        assert store.record_attempt(
            "dense-params",
            difficulty="medium",
            question_id=f"q{i}",
            answer="x" * 300,
            correct=True,
            seconds=15,
        )


def assert_moved_aside(store: ProgressStore, db_path: Path, reason: str) -> Path:
    moved = db_path.with_name(f"progress.sqlite3.corrupt-{STAMP}")
    assert store.notice == (
        f"Your progress file was unreadable ({reason}); it was moved to {moved} "
        "and a fresh one started."
    )
    assert moved.is_file()
    assert not store.in_memory
    assert store.report()["lessons"] == {}
    assert store.record_lesson_opened("neuron")  # the fresh file works
    assert list(store.lessons()) == ["neuron"]
    return moved


def test_garbage_is_moved_aside_with_its_wal_and_shm(
    open_store: Callable[..., ProgressStore], db_path: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = b"this is not a database" * 500
    db_path.write_bytes(garbage)
    Path(f"{db_path}-wal").write_bytes(b"old wal")
    Path(f"{db_path}-shm").write_bytes(b"old shm")
    store = open_store()
    moved = assert_moved_aside(store, db_path, "file is not a database")
    assert moved.read_bytes() == garbage
    assert Path(f"{moved}-wal").read_bytes() == b"old wal"
    assert Path(f"{moved}-shm").is_file()  # SQLite rebuilds its index there: no data


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_a_truncated_file_is_moved_aside(
    open_store: Callable[..., ProgressStore], db_path: Path, keep: float
) -> None:
    store = open_store()
    fill(store, attempts=200)
    store.close()  # checkpoints: everything is now in the main file
    data = db_path.read_bytes()
    db_path.write_bytes(data[: int(len(data) * keep)])
    assert_moved_aside(open_store(), db_path, "database disk image is malformed")


def test_a_file_failing_its_integrity_check_is_moved_aside(
    open_store: Callable[..., ProgressStore], db_path: Path
) -> None:
    """Damage only an index page: every query still answers, only the check notices."""
    store = open_store()
    fill(store)
    store.close()
    with sqlite3.connect(db_path) as conn:
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'quiz_attempts_by_topic'"
        ).fetchone()
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    data = bytearray(db_path.read_bytes())
    start = (root - 1) * page_size
    where = data.index(b"dense-params", start, start + page_size)
    data[where : where + 5] = b"DENSE"
    db_path.write_bytes(bytes(data))
    assert_moved_aside(open_store(), db_path, "its integrity check failed")


def test_a_file_from_a_newer_version_is_moved_aside_untouched(
    open_store: Callable[..., ProgressStore], db_path: Path
) -> None:
    store = open_store()
    fill(store)
    store.close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    moved = assert_moved_aside(
        open_store(),
        db_path,
        f"it was written by a newer dltutor (schema {SCHEMA_VERSION + 1})",
    )
    with sqlite3.connect(moved) as conn:  # a newer dltutor can still use it
        assert conn.execute("SELECT count(*) FROM quiz_attempts").fetchone() == (3,)
    conn.close()


def test_someone_elses_sqlite_file_is_moved_aside(
    open_store: Callable[..., ProgressStore], db_path: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    conn.close()
    assert_moved_aside(open_store(), db_path, "it holds tables dltutor did not make")


def test_a_second_damaged_file_in_the_same_second_gets_its_own_name(
    open_store: Callable[..., ProgressStore], db_path: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    for round_ in (1, 2):
        db_path.write_bytes(b"garbage %d" % round_ * 1000)
        store = open_store()
        assert store.notice and "moved" in store.notice
        store.close()
    assert db_path.with_name(f"progress.sqlite3.corrupt-{STAMP}").read_bytes()[:9] == b"garbage 1"
    assert db_path.with_name(f"progress.sqlite3.corrupt-{STAMP}-2").read_bytes()[:9] == b"garbage 2"


def test_a_read_only_store_never_moves_a_damaged_file(
    open_store: Callable[..., ProgressStore], db_path: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"garbage" * 1000)
    store = open_store(read_only=True)
    assert store.notice and "unreadable" in store.notice
    assert store.report()["lessons"] == {}
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["progress.sqlite3"]


# --- migrations --------------------------------------------------------------------------

VERSION_1 = """
CREATE TABLE lesson_events (
    id INTEGER PRIMARY KEY, lesson_id TEXT NOT NULL, event TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX lesson_events_by_lesson ON lesson_events (lesson_id, at);
CREATE TABLE quiz_attempts (
    id INTEGER PRIMARY KEY, topic TEXT NOT NULL, difficulty TEXT NOT NULL,
    question_id TEXT NOT NULL, answer TEXT NOT NULL,
    correct INTEGER NOT NULL CHECK (correct IN (0, 1)), seconds REAL NOT NULL,
    rating INTEGER NOT NULL, at TEXT NOT NULL);
CREATE INDEX quiz_attempts_by_topic ON quiz_attempts (topic, at);
CREATE TABLE exercise_runs (
    id INTEGER PRIMARY KEY, exercise_id TEXT NOT NULL, started TEXT NOT NULL, finished TEXT,
    status TEXT NOT NULL, metrics TEXT, history_path TEXT, model_path TEXT);
CREATE TABLE review_cards (topic TEXT PRIMARY KEY, card TEXT NOT NULL, due TEXT NOT NULL);
CREATE INDEX review_cards_by_due ON review_cards (due);
INSERT INTO lesson_events (lesson_id, event, at) VALUES
    ('neuron', 'opened', '2025-02-01T10:00:00+00:00'),
    ('neuron', 'finished', '2025-02-01T10:20:00+00:00'),
    ('activations', 'opened', '2025-02-02T10:00:00+00:00'),
    ('neuron', 'opened', '2025-02-01T12:00:00+00:00');
INSERT INTO quiz_attempts (topic, difficulty, question_id, answer, correct, seconds, rating, at)
    VALUES ('dense-params', 'easy', 'q1', '7', 1, 5.0, 4, '2025-02-01T10:05:00+00:00');
INSERT INTO exercise_runs (exercise_id, started, finished, status, metrics) VALUES
    ('mnist', '2025-02-01T11:00:00+00:00', '2025-02-01T11:05:00+00:00', 'passed',
     '{"accuracy": 0.9}');
INSERT INTO review_cards (topic, card, due) VALUES ('dense-params',
    '{"card_id": 1, "state": 2, "step": null, "stability": 8.3, "difficulty": 1.0,
      "due": "2025-02-09T10:05:00+00:00", "last_review": "2025-02-01T10:05:00+00:00"}',
    '2025-02-09T10:05:00+00:00');
PRAGMA user_version = 1;
"""
"""A file as dltutor's first schema wrote it, spelt out by hand: the migration must work on
what is on learners' disks, not on whatever `MIGRATIONS[0]` says today."""


def schema_of(path: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
        schema = {
            (name, re.sub(r"\s*([(),])\s*", r"\1", " ".join(sql.split()))) for name, sql in rows
        }
    conn.close()
    return schema


def test_a_version_1_file_is_upgraded_with_its_data(
    open_store: Callable[..., ProgressStore], db_path: Path, tmp_path: Path
) -> None:
    assert SCHEMA_VERSION == len(MIGRATIONS) == 3
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as conn:
        conn.executescript(VERSION_1)
    conn.close()
    store = open_store()
    assert store.notice is None
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    conn.close()
    # v2 derived the resume point from the lesson opened last
    assert store.last_lesson() == "activations"
    assert store.set_setting("language", "ko")
    report = store.report()
    assert report["lessons"] == {
        "neuron": {"opened": "2025-02-01T10:00:00+00:00", "finished": "2025-02-01T10:20:00+00:00"},
        "activations": {"opened": "2025-02-02T10:00:00+00:00", "finished": None},
    }
    assert report["topics"] == [
        {"topic": "dense-params", "mastery": 20, "due": "2025-02-09T10:05:00+00:00"}
    ]
    assert report["runs"][0]["metrics"] == {"accuracy": 0.9}
    # the upgraded file and a new one are indistinguishable
    open_store(tmp_path / "new.sqlite3").close()
    assert schema_of(db_path) == schema_of(tmp_path / "new.sqlite3")


def test_an_upgraded_file_keeps_working_with_the_scheduler(
    open_store: Callable[..., ProgressStore], db_path: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as conn:
        conn.executescript(VERSION_1)
    conn.close()
    store = open_store()
    assert store.record_attempt(
        "dense-params", difficulty="easy", question_id="q2", answer="7", correct=True, seconds=4
    )
    assert len(store.attempts("dense-params")) == 2
    card = store.card("dense-params")
    assert card is not None and card.card_id == 1 and card.due > card.last_review  # type: ignore[operator]
