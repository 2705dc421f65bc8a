"""The SQLite tables, how they grow, and the one form every stored time takes.

The tables grow through `MIGRATIONS`, applied in order; `PRAGMA user_version` records how
many have run. A change to the tables is one new function appended to the tuple, never an
edit to an old one: old files on learners' machines were made by the old functions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from tutor.progress.review import utc

LESSON_EVENTS: tuple[str, ...] = ("opened", "finished")
RUN_STATUSES: tuple[str, ...] = ("running", "passed", "failed", "cancelled", "error", "interrupted")


def to_iso(moment: datetime) -> str:
    """A stored time: UTC, whole seconds, fixed width, so text order is time order."""
    return utc(moment).isoformat()


def parse_iso(text: str) -> datetime:
    """A stored or exported time back as an aware UTC datetime (ValueError if it is not
    ISO 8601 with a time zone). A trailing `Z` is accepted, which Python 3.10 lacks."""
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    return utc(datetime.fromisoformat(text))


def _v1_learning_records(conn: sqlite3.Connection) -> None:
    """Lessons, quiz attempts, exercise runs and one FSRS card per quiz topic.

    Enumerations (difficulty, status) are checked in Python, not with CHECK constraints,
    so adding a value never needs SQLite's table rebuild.
    """
    statements = (
        """CREATE TABLE lesson_events (
            id INTEGER PRIMARY KEY,
            lesson_id TEXT NOT NULL,
            event TEXT NOT NULL,
            at TEXT NOT NULL)""",
        "CREATE INDEX lesson_events_by_lesson ON lesson_events (lesson_id, at)",
        """CREATE TABLE quiz_attempts (
            id INTEGER PRIMARY KEY,
            topic TEXT NOT NULL,
            difficulty TEXT NOT NULL,
            question_id TEXT NOT NULL,
            answer TEXT NOT NULL,
            correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
            seconds REAL NOT NULL,
            rating INTEGER NOT NULL,
            at TEXT NOT NULL)""",
        "CREATE INDEX quiz_attempts_by_topic ON quiz_attempts (topic, at)",
        """CREATE TABLE exercise_runs (
            id INTEGER PRIMARY KEY,
            exercise_id TEXT NOT NULL,
            started TEXT NOT NULL,
            finished TEXT,
            status TEXT NOT NULL,
            metrics TEXT,
            history_path TEXT,
            model_path TEXT)""",
        """CREATE TABLE review_cards (
            topic TEXT PRIMARY KEY,
            card TEXT NOT NULL,
            due TEXT NOT NULL)""",
        "CREATE INDEX review_cards_by_due ON review_cards (due)",
    )
    for statement in statements:
        conn.execute(statement)


def _v2_settings(conn: sqlite3.Connection) -> None:
    """Key/value settings for resuming (`last_lesson`, `language`); an upgraded file gets
    `last_lesson` from the lesson it opened last, so resuming works at once."""
    conn.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute(
        """INSERT INTO settings (key, value)
           SELECT 'last_lesson', lesson_id FROM lesson_events
           WHERE event = 'opened' ORDER BY at DESC, id DESC LIMIT 1"""
    )


def _v3_run_details_and_challenges(conn: sqlite3.Connection) -> None:
    """What the Runs screen compares (`exercise_runs.details`, JSON: the run's folder, the
    script's name, whether it was edited, the options, device, data, parameters, epochs and
    seconds; NULL for runs recorded before) and every judged attempt at a challenge, each
    with the goal it was judged against. Existing rows are kept as they are."""
    conn.execute("ALTER TABLE exercise_runs ADD COLUMN details TEXT")
    conn.execute(
        """CREATE TABLE challenge_attempts (
            id INTEGER PRIMARY KEY,
            challenge_id TEXT NOT NULL,
            at TEXT NOT NULL,
            metric TEXT NOT NULL,
            bound TEXT NOT NULL,
            goal REAL NOT NULL,
            score REAL,
            params INTEGER,
            passed INTEGER NOT NULL,
            stand_in INTEGER NOT NULL)"""
    )
    conn.execute(
        "CREATE INDEX challenge_attempts_by_challenge ON challenge_attempts (challenge_id, at)"
    )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _v1_learning_records,
    _v2_settings,
    _v3_run_details_and_challenges,
)
SCHEMA_VERSION = len(MIGRATIONS)

TABLES: tuple[str, ...] = (
    "lesson_events",
    "quiz_attempts",
    "exercise_runs",
    "review_cards",
    "settings",
    "challenge_attempts",
)
BOUNDS: tuple[str, ...] = ("at_least", "at_most")


class UnreadableDatabase(Exception):
    """The file is not a progress database this version can use; the message says why.

    `conn`, when set, is the connection that found out, left open for whoever moves the
    file aside (closing it first would let SQLite delete the file's WAL).
    """

    def __init__(self, reason: str, conn: sqlite3.Connection | None = None) -> None:
        super().__init__(reason)
        self.conn = conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the file up to `SCHEMA_VERSION`, one migration per transaction.

    Each step takes the write lock first and reads the version again under it, so two
    copies of the app starting together apply every migration exactly once. A file from
    a newer version, or a SQLite file of someone else's, raises `UnreadableDatabase`.
    """
    while True:
        version = user_version(conn)
        if version > SCHEMA_VERSION:
            raise UnreadableDatabase(f"it was written by a newer dltutor (schema {version})")
        if version == SCHEMA_VERSION:
            return
        with transaction(conn, "IMMEDIATE"):
            version = user_version(conn)
            if version == 0 and _has_tables(conn):
                raise UnreadableDatabase("it holds tables dltutor did not make")
            if version < SCHEMA_VERSION:
                MIGRATIONS[version](conn)
                conn.execute(f"PRAGMA user_version = {version + 1}")


@contextmanager
def transaction(conn: sqlite3.Connection, mode: str = "DEFERRED") -> Iterator[None]:
    """One explicit transaction on an autocommit connection (`isolation_level=None`).

    Writers use IMMEDIATE: the write lock is taken (waiting up to the busy timeout) before
    anything is read, so a read-modify-write never meets a lock upgrade it cannot win.
    Readers use DEFERRED, which gives a consistent snapshot across several queries.
    """
    conn.execute(f"BEGIN {mode}")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None
