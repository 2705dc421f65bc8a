"""The learner's progress in one SQLite file that survives crashes, clashes and damage.

- Every write is one `BEGIN IMMEDIATE` transaction in WAL mode with a busy timeout, so a
  kill -9 at any moment leaves the last committed state and two copies of the app can
  write at once (the second waits for the first, up to `BUSY_TIMEOUT_S`).
- `synchronous = NORMAL`: a crash of the app loses nothing committed; a power cut may
  lose the last answers but never leaves the file inconsistent. For a tutor's progress
  that is the right trade for not waiting on the disk after every answer.
- A file that is not a readable progress database (not SQLite, failing `PRAGMA
  integrity_check` on opening, or from a newer dltutor) is moved aside, never deleted,
  and a fresh one started. A directory that
  cannot be created means progress lives in memory for this session.
- Nothing environmental reaches the caller as an exception: `record_*` methods return
  False (and `start_run` None) when the write failed, reads return what they can, and
  `notice` holds one line for the UI or CLI to show. Programming errors (bad arguments,
  SQL mistakes) still raise, so tests catch them.
"""

from __future__ import annotations

import json
import math
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo
from pathlib import Path
from typing import Any, TypeVar

from fsrs import Card, Rating, Scheduler

from tutor.errors import TutorError
from tutor.paths import data_dir
from tutor.progress import fields, review
from tutor.progress.damage import (
    delete_bad_rows,
    describe_damage,
    find_bad_rows,
    in_memory_without_bad_rows,
    keep_copy,
)
from tutor.progress.database import (
    check_regular,
    connect,
    describe,
    move_aside,
    prepare_file,
    reraise_if_programming,
)
from tutor.progress.fields import one_of
from tutor.progress.schema import (
    BOUNDS,
    RUN_STATUSES,
    TABLES,
    UnreadableDatabase,
    migrate,
    parse_iso,
    to_iso,
    transaction,
)
from tutor.progress.transfer import ProgressExport, export_document, insert_export, read_export
from tutor.safeio import printable, write_atomic

DATABASE_NAME = "progress.sqlite3"
FINAL_RUN_STATUSES = tuple(status for status in RUN_STATUSES if status != "running")

T = TypeVar("T")


def default_database_path() -> Path:
    return data_dir() / DATABASE_NAME


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class LessonStatus:
    lesson_id: str
    opened: datetime
    """When the lesson was first opened (or finished, if no opening was recorded)."""
    finished: datetime | None
    """When it was first finished, or None."""


@dataclass(frozen=True)
class QuizAttempt:
    topic: str
    difficulty: str
    question_id: str
    answer: str
    correct: bool
    seconds: float
    rating: Rating
    at: datetime


@dataclass(frozen=True)
class ExerciseRun:
    run_id: int
    exercise_id: str
    started: datetime
    finished: datetime | None
    status: str
    metrics: dict[str, Any] | None
    history_path: str | None
    model_path: str | None
    details: dict[str, Any] | None = None
    """Folder, script, options, device, data and parameters (`fields.RUN_DETAILS`); None
    for runs recorded before the tutor kept them."""


@dataclass(frozen=True)
class ChallengeAttempt:
    """One judged run of a challenge: the score its metric reached against the goal, with
    how many parameters (over-budget scripts never get this far)."""

    challenge_id: str
    at: datetime
    metric: str
    bound: str
    """`at_least` or `at_most`: which way the goal counts."""
    goal: float
    score: float | None
    params: int | None
    passed: bool
    stand_in: bool


@dataclass(frozen=True)
class TopicStatus:
    topic: str
    mastery: int
    due: datetime | None
    """When the topic's review card is due; None only for imported attempts without one."""


class ProgressStore:
    """Progress records, FSRS review cards and resume settings in `path`.

    `clock` supplies "now" (aware datetimes) wherever a method's `now` is left out;
    `tz` is the time zone whose calendar days count for the streak (None: the system's);
    `read_only` opens an existing file without creating or changing anything (writes
    then fail with a notice), for commands that only report.

    `notice` is the latest problem as one line for the UI or CLI (None when all is well);
    `in_memory` is True when no file could be used and nothing will outlive the session.
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        clock: Callable[[], datetime] = _utc_now,
        scheduler: Scheduler | None = None,
        tz: tzinfo | None = None,
        read_only: bool = False,
    ) -> None:
        self.path = Path(path) if path is not None else default_database_path()
        self.notice: str | None = None
        self._clock = clock
        self._scheduler = scheduler if scheduler is not None else review.default_scheduler()
        self._tz = tz
        self._lock = threading.RLock()
        self.in_memory = False
        self._conn = self._open_read_only() if read_only else self._open()

    # --- opening -----------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            identity = prepare_file(self.path)
        except OSError as error:
            return self._open_in_memory(f"Your progress cannot be saved ({describe(error)})")
        try:
            conn = connect(self.path, writable=True)
        except UnreadableDatabase as problem:
            return self._replace_unreadable(problem, identity)
        except sqlite3.Error as error:
            reraise_if_programming(error)
            self.notice = (
                f"Your progress file could not be opened for writing ({describe(error)}); "
                "this session's progress will not be saved."
            )
            return self._open_read_only(quiet=True)
        return self._set_bad_rows_aside(conn)

    def _open_read_only(self, *, quiet: bool = False) -> sqlite3.Connection:
        """Read the file without changing it. Where its directory is not writable either,
        SQLite cannot make the shared-memory file a WAL reader needs, so the last try reads
        the main file as immutable (complete after a clean close, which checkpoints)."""
        try:
            if not check_regular(self.path):
                return self._open_in_memory(None)
        except OSError as error:
            return self._open_in_memory(f"Your progress file cannot be read ({describe(error)})")
        reason = ""
        for immutable in (False, True):
            try:
                conn = connect(self.path, writable=False, immutable=immutable)
            except UnreadableDatabase as problem:
                problem.close()
                return self._open_in_memory(f"Your progress file is unreadable ({problem})")
            except sqlite3.Error as error:
                reraise_if_programming(error)
                reason = describe(error)
                continue
            return self._leave_bad_rows_out(conn)
        return self._open_in_memory(
            None if quiet else f"Your progress file could not be read ({reason})"
        )

    def _set_bad_rows_aside(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        """Rows that do not decode are damage (`damage`): keep a copy of the file as it
        is, then delete just those rows; the rest of the progress stays where it was."""
        try:
            if not find_bad_rows(conn):
                return conn
            copy = keep_copy(conn, self.path, self._stamp())
            bad = delete_bad_rows(conn)
        except (OSError, sqlite3.Error) as error:
            if isinstance(error, sqlite3.Error):
                reraise_if_programming(error)
            memory = self._leave_bad_rows_out(conn)
            self.notice = (
                f"Your progress file holds records that could not be read and they could not "
                f"be set aside ({describe(error)}); this session's progress is kept in memory "
                "only."
            )
            return memory
        if bad:
            self.notice = (
                f"Your progress file held {describe_damage(bad)}; a copy of the file was "
                f"kept at {copy} and the rest of your progress kept."
            )
        return conn

    def _leave_bad_rows_out(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        """For a store that must not change the file: read a copy without the bad rows."""
        try:
            bad = find_bad_rows(conn)
            if not bad:
                return conn
            memory = in_memory_without_bad_rows(conn)
        except sqlite3.Error as error:
            reraise_if_programming(error)
            conn.close()
            return self._open_in_memory(f"Your progress file could not be read ({describe(error)})")
        conn.close()
        self.in_memory = True
        self.notice = (
            f"Your progress file holds {describe_damage(bad)}; they are left out here, and "
            "set aside the next time the tutor opens the file for writing."
        )
        return memory

    def _stamp(self) -> str:
        """The time in names of files set aside, in the learner's time zone."""
        return self._clock().astimezone(self._tz).strftime("%Y%m%dT%H%M%S")

    def _replace_unreadable(
        self, problem: UnreadableDatabase, identity: tuple[int, int]
    ) -> sqlite3.Connection:
        try:
            moved = move_aside(self.path, self._stamp(), identity, problem.conn)
            prepare_file(self.path)
            conn = connect(self.path, writable=True)
        except (OSError, UnreadableDatabase, sqlite3.Error) as error:
            if isinstance(error, sqlite3.Error):
                reraise_if_programming(error)
            if isinstance(error, UnreadableDatabase):
                error.close()
            return self._open_in_memory(
                f"Your progress file was unreadable ({problem}) and could not be replaced "
                f"({describe(error)})"
            )
        if moved is not None:
            self.notice = (
                f"Your progress file was unreadable ({problem}); it was moved to {moved} "
                "and a fresh one started."
            )
        return conn

    def _open_in_memory(self, reason: str | None) -> sqlite3.Connection:
        self.in_memory = True
        if reason is not None:
            self.notice = f"{reason}; this session's progress is kept in memory only."
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        migrate(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def take_notice(self) -> str | None:
        """The pending notice, cleared so the UI shows each problem once."""
        notice, self.notice = self.notice, None
        return notice

    # --- the machinery every public method goes through ---------------------------------

    def _now(self, now: datetime | None) -> datetime:
        return review.utc(self._clock() if now is None else now)

    def _write(self, work: Callable[[sqlite3.Connection], T]) -> T | None:
        """Run `work` in one write transaction; None (and a notice) if the write failed."""
        with self._lock:
            try:
                with transaction(self._conn, "IMMEDIATE"):
                    return work(self._conn)
            except sqlite3.Error as error:
                reraise_if_programming(error)
                self.notice = (
                    f"Could not save your progress ({describe(error)}); "
                    "the tutor carries on without saving it."
                )
                return None

    def _read(self, work: Callable[[sqlite3.Connection], T], default: T) -> T:
        """Run `work` on one consistent snapshot; `default` (and a notice) if it failed."""
        with self._lock:
            try:
                with transaction(self._conn):
                    return work(self._conn)
            except sqlite3.Error as error:
                reraise_if_programming(error)
                self.notice = f"Could not read your progress ({describe(error)})."
                return default

    # --- recording -----------------------------------------------------------------------

    def record_lesson_opened(self, lesson_id: str, *, now: datetime | None = None) -> bool:
        """Note that a lesson was opened; it also becomes `last_lesson` for resuming."""
        at = to_iso(self._now(now))

        def work(conn: sqlite3.Connection) -> bool:
            conn.execute(
                "INSERT INTO lesson_events (lesson_id, event, at) VALUES (?, 'opened', ?)",
                (lesson_id, at),
            )
            _put_setting(conn, "last_lesson", lesson_id)
            return True

        return bool(self._write(work))

    def record_lesson_finished(self, lesson_id: str, *, now: datetime | None = None) -> bool:
        at = to_iso(self._now(now))

        def work(conn: sqlite3.Connection) -> bool:
            conn.execute(
                "INSERT INTO lesson_events (lesson_id, event, at) VALUES (?, 'finished', ?)",
                (lesson_id, at),
            )
            return True

        return bool(self._write(work))

    def record_attempt(
        self,
        topic: str,
        *,
        difficulty: str,
        question_id: str,
        answer: str,
        correct: bool,
        seconds: float,
        now: datetime | None = None,
    ) -> bool:
        """Save one quiz answer and review the topic's FSRS card with the rating it earns
        (`review.rating_for`), creating the card on the topic's first answer. Both happen
        in one transaction: the card never runs ahead of, or behind, the answers."""
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(f"seconds must be finite and not negative, got {seconds!r}")
        moment = self._now(now)
        rating = review.rating_for(correct, seconds, difficulty)

        def work(conn: sqlite3.Connection) -> bool:
            conn.execute(
                """INSERT INTO quiz_attempts
                   (topic, difficulty, question_id, answer, correct, seconds, rating, at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (topic, difficulty, question_id, answer, correct, seconds, rating, to_iso(moment)),
            )
            card = review.review_topic(_card(conn, topic), rating, moment, self._scheduler)
            _put_card(conn, topic, card)
            return True

        return bool(self._write(work))

    def start_run(
        self,
        exercise_id: str,
        *,
        history_path: str | None = None,
        model_path: str | None = None,
        details: dict[str, Any] | None = None,
        now: datetime | None = None,
    ) -> int | None:
        """Record an exercise run as running; its id for `finish_run`, or None if the
        write failed (the run itself can go ahead, it just will not be listed)."""
        started = to_iso(self._now(now))
        details_json = None if details is None else fields.run_details(details)

        def work(conn: sqlite3.Connection) -> int:
            cursor = conn.execute(
                """INSERT INTO exercise_runs
                   (exercise_id, started, status, history_path, model_path, details)
                   VALUES (?, ?, 'running', ?, ?, ?)""",
                (exercise_id, started, history_path, model_path, details_json),
            )
            return int(cursor.lastrowid or 0)

        return self._write(work)

    def finish_run(
        self,
        run_id: int,
        status: str,
        *,
        metrics: dict[str, Any] | None = None,
        history_path: str | None = None,
        model_path: str | None = None,
        details: dict[str, Any] | None = None,
        now: datetime | None = None,
    ) -> bool:
        """Close a run with its final status and metrics (NaN, infinite or non-numeric
        values are saved as null: JSON has no such numbers). Paths and details given here
        replace those from `start_run`. False if the write failed or the run is not in the
        file (any more)."""
        if status not in FINAL_RUN_STATUSES:
            raise ValueError(f"status must be one of {FINAL_RUN_STATUSES}, got {status!r}")
        finished = to_iso(self._now(now))
        metrics_json = None if metrics is None else _storable_metrics(metrics)
        details_json = None if details is None else fields.run_details(details)

        def work(conn: sqlite3.Connection) -> bool:
            cursor = conn.execute(
                """UPDATE exercise_runs SET finished = ?, status = ?, metrics = ?,
                   history_path = coalesce(?, history_path), model_path = coalesce(?, model_path),
                   details = coalesce(?, details)
                   WHERE id = ?""",
                (finished, status, metrics_json, history_path, model_path, details_json, run_id),
            )
            return cursor.rowcount == 1

        return bool(self._write(work))

    def close_interrupted_runs(
        self, still_running: Callable[[int], bool], now: datetime | None = None
    ) -> int:
        """Close as 'interrupted' the runs left 'running' by a tutor that died (kill -9, a
        dropped terminal) and so never closed them; `still_running(run_id)` says which are
        in fact still going (the training package knows). How many were closed."""
        finished = to_iso(self._now(now))

        def work(conn: sqlite3.Connection) -> int:
            rows = conn.execute("SELECT id FROM exercise_runs WHERE status = 'running'")
            stale = [(finished, run_id) for (run_id,) in rows if not still_running(run_id)]
            conn.executemany(
                "UPDATE exercise_runs SET status = 'interrupted', finished = ? WHERE id = ?", stale
            )
            return len(stale)

        return self._write(work) or 0

    def delete_runs(self, run_ids: list[int]) -> int:
        """Forget these runs (their folders are the caller's to remove); how many were."""

        def work(conn: sqlite3.Connection) -> int:
            cursor = conn.executemany(
                "DELETE FROM exercise_runs WHERE id = ?", [(run_id,) for run_id in run_ids]
            )
            return cursor.rowcount

        return self._write(work) or 0

    def record_challenge_attempt(
        self,
        challenge_id: str,
        *,
        metric: str,
        bound: str,
        goal: float,
        score: float | None,
        params: int | None,
        passed: bool,
        stand_in: bool,
        now: datetime | None = None,
    ) -> bool:
        """Keep one judged attempt at a challenge (the best and the count of tries come
        from all of them)."""
        row = (
            fields.name(challenge_id),
            to_iso(self._now(now)),
            fields.name(metric),
            one_of(BOUNDS)(bound),
            fields.score(goal),
            None if score is None or not fields.is_number(score) else float(score),
            None if params is None else fields.count(params),
            passed,
            stand_in,
        )

        def work(conn: sqlite3.Connection) -> bool:
            conn.execute(
                """INSERT INTO challenge_attempts
                   (challenge_id, at, metric, bound, goal, score, params, passed, stand_in)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                row,
            )
            return True

        return bool(self._write(work))

    def set_setting(self, key: str, value: str) -> bool:
        """Remember a value for the next session (`language`, say)."""

        def work(conn: sqlite3.Connection) -> bool:
            _put_setting(conn, key, value)
            return True

        return bool(self._write(work))

    def reset(self) -> bool:
        """Forget everything: records, cards and settings."""

        def work(conn: sqlite3.Connection) -> bool:
            for table in TABLES:
                conn.execute(f"DELETE FROM {table}")
            return True

        return bool(self._write(work))

    # --- reading -------------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        def work(conn: sqlite3.Connection) -> str | None:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            return default if row is None else str(row[0])

        return self._read(work, default)

    def last_lesson(self) -> str | None:
        """The lesson to resume: the one opened last."""
        return self.get_setting("last_lesson")

    def lessons(self) -> dict[str, LessonStatus]:
        """Every lesson opened or finished, in the order they were first opened."""
        return self._read(_lessons, {})

    def attempts(self, topic: str | None = None, *, limit: int | None = None) -> list[QuizAttempt]:
        """Quiz attempts, newest first, for one topic or all."""
        return self._read(lambda conn: _attempts(conn, topic, limit), [])

    def card(self, topic: str) -> Card | None:
        """The topic's FSRS card, or None before its first attempt."""
        return self._read(lambda conn: _card(conn, topic), None)

    def due_topics(self, now: datetime | None = None) -> list[str]:
        """Topics whose review is due at `now`, longest overdue first."""
        return self._read(lambda conn: _due_topics(conn, self._now(now)), [])

    def due_count(self, now: datetime | None = None) -> int:
        return len(self.due_topics(now))

    def mastery(self, topic: str) -> int:
        """0-100 from the topic's recent attempts; see `review.mastery` for the formula."""
        return self._read(lambda conn: _mastery(conn, topic), 0)

    def topics(self) -> list[TopicStatus]:
        """Every topic with attempts or a review card, by name."""
        return self._read(_topics, [])

    def streak(self, now: datetime | None = None) -> int:
        """Days in a row with any activity (in the store's time zone), ending today or
        yesterday."""
        return self._read(lambda conn: self._streak(conn, self._now(now)), 0)

    def runs(self, exercise_id: str | None = None) -> list[ExerciseRun]:
        """Exercise runs, oldest first, for one exercise or all."""
        return self._read(lambda conn: _runs(conn, exercise_id), [])

    def challenge_attempts(self, challenge_id: str | None = None) -> list[ChallengeAttempt]:
        """Attempts at one challenge or all, oldest first."""
        return self._read(lambda conn: _challenge_attempts(conn, challenge_id), [])

    def report(self, now: datetime | None = None) -> dict[str, Any]:
        """Exactly what `dltutor progress --json` prints, from one consistent snapshot."""
        moment = self._now(now)

        def work(conn: sqlite3.Connection) -> dict[str, Any]:
            return {
                "lessons": {
                    lesson.lesson_id: {
                        "opened": to_iso(lesson.opened),
                        "finished": _iso_or_none(lesson.finished),
                    }
                    for lesson in _lessons(conn).values()
                },
                "topics": [
                    {"topic": t.topic, "mastery": t.mastery, "due": _iso_or_none(t.due)}
                    for t in _topics(conn)
                ],
                "due_reviews": len(_due_topics(conn, moment)),
                "streak": self._streak(conn, moment),
                "runs": [
                    {
                        "exercise": run.exercise_id,
                        "started": to_iso(run.started),
                        "finished": _iso_or_none(run.finished),
                        "status": run.status,
                        "metrics": run.metrics,
                    }
                    for run in _runs(conn, None)
                ],
                "challenges": challenge_report(_challenge_attempts(conn, None)),
            }

        empty = {
            "lessons": {},
            "topics": [],
            "due_reviews": 0,
            "streak": 0,
            "runs": [],
            "challenges": [],
        }
        return self._read(work, empty)

    def _streak(self, conn: sqlite3.Connection, now: datetime) -> int:
        rows = conn.execute(
            """SELECT at FROM lesson_events UNION SELECT at FROM quiz_attempts
               UNION SELECT started FROM exercise_runs"""
        )
        days = {self._local_date(parse_iso(at)) for (at,) in rows}
        return review.streak(days, self._local_date(now))

    def _local_date(self, moment: datetime) -> date:
        return moment.astimezone(self._tz).date()

    # --- moving progress between machines ------------------------------------------------

    def export_data(self, now: datetime | None = None) -> dict[str, Any]:
        """Everything in the store as a versioned, JSON-ready document (see `transfer`).

        Raises `TutorError` if the file cannot be read: exporting is something the learner
        asked for, so an empty export would be a lie.
        """
        exported = to_iso(self._now(now))
        with self._lock:
            try:
                with transaction(self._conn):
                    return export_document(self._conn, exported)
            except sqlite3.Error as error:
                reraise_if_programming(error)
                raise TutorError(f"cannot read your progress: {describe(error)}") from error

    def export_text(self, now: datetime | None = None) -> str:
        """`export_data` as the JSON text an export file holds."""
        return json.dumps(self.export_data(now), ensure_ascii=False, indent=1) + "\n"

    def export_to(self, path: Path, now: datetime | None = None) -> None:
        """Write the export to `path`, whole or not at all, private (0600) like the
        database it copies; `TutorError` if it cannot be written, or if `path` is a link,
        device or anything else but a regular file (never replaced or written through)."""
        write_atomic(Path(path), self.export_text(now).encode("utf-8"), mode=0o600)

    def import_from(self, path: Path) -> ProgressExport:
        """Replace all progress with the export in `path`; what was imported, for a summary.

        Import replaces rather than merges: merging two learners' FSRS cards has no right
        answer, and "this machine now has what the other one had" is easy to explain. The
        CLI therefore confirms first, showing `read_export(path).summary()` (with `--yes`
        to skip). A bad file, or a failure while writing, raises `TutorError` and leaves
        the existing progress exactly as it was.
        """
        export = read_export(path)
        self.replace_with(export)
        return export

    def replace_with(self, export: ProgressExport) -> None:
        """Swap the whole store for a validated export in one transaction."""
        with self._lock:
            try:
                with transaction(self._conn, "IMMEDIATE"):
                    for table in TABLES:
                        self._conn.execute(f"DELETE FROM {table}")
                    insert_export(self._conn, export)
            except sqlite3.Error as error:
                reraise_if_programming(error)
                raise TutorError(f"cannot import progress: {describe(error)}") from error


# --- queries (each takes a connection already inside a transaction) ---------------------


def _put_setting(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))


def _card(conn: sqlite3.Connection, topic: str) -> Card | None:
    row = conn.execute("SELECT card FROM review_cards WHERE topic = ?", (topic,)).fetchone()
    return None if row is None else Card.from_json(row[0])


def _put_card(conn: sqlite3.Connection, topic: str, card: Card) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO review_cards (topic, card, due) VALUES (?, ?, ?)",
        (topic, card.to_json(), to_iso(card.due)),
    )


def _due_topics(conn: sqlite3.Connection, now: datetime) -> list[str]:
    rows = conn.execute(
        "SELECT topic FROM review_cards WHERE due <= ? ORDER BY due, topic", (to_iso(now),)
    )
    return [topic for (topic,) in rows]


def _lessons(conn: sqlite3.Connection) -> dict[str, LessonStatus]:
    rows = conn.execute(
        """SELECT lesson_id, min(at), min(CASE WHEN event = 'finished' THEN at END)
           FROM lesson_events GROUP BY lesson_id ORDER BY min(at), min(id)"""
    )
    return {
        lesson_id: LessonStatus(lesson_id, parse_iso(opened), _parse_or_none(finished))
        for lesson_id, opened, finished in rows
    }


def _attempts(conn: sqlite3.Connection, topic: str | None, limit: int | None) -> list[QuizAttempt]:
    rows = conn.execute(
        """SELECT topic, difficulty, question_id, answer, correct, seconds, rating, at
           FROM quiz_attempts WHERE ?1 IS NULL OR topic = ?1
           ORDER BY at DESC, id DESC LIMIT ?2""",
        (topic, -1 if limit is None else limit),
    )
    return [
        QuizAttempt(
            topic=row[0],
            difficulty=row[1],
            question_id=row[2],
            answer=row[3],
            correct=bool(row[4]),
            seconds=float(row[5]),
            rating=Rating(row[6]),
            at=parse_iso(row[7]),
        )
        for row in rows
    ]


def _mastery(conn: sqlite3.Connection, topic: str) -> int:
    rows = conn.execute(
        """SELECT correct, difficulty FROM quiz_attempts WHERE topic = ?
           ORDER BY at DESC, id DESC LIMIT ?""",
        (topic, review.MASTERY_WINDOW),
    )
    return review.mastery([(bool(correct), difficulty) for correct, difficulty in rows])


def _topics(conn: sqlite3.Connection) -> list[TopicStatus]:
    rows = conn.execute(
        """SELECT names.topic, review_cards.due FROM
           (SELECT topic FROM quiz_attempts UNION SELECT topic FROM review_cards) AS names
           LEFT JOIN review_cards ON review_cards.topic = names.topic
           ORDER BY names.topic"""
    ).fetchall()
    return [TopicStatus(topic, _mastery(conn, topic), _parse_or_none(due)) for topic, due in rows]


def _runs(conn: sqlite3.Connection, exercise_id: str | None) -> list[ExerciseRun]:
    rows = conn.execute(
        """SELECT id, exercise_id, started, finished, status, metrics, history_path, model_path,
                  details
           FROM exercise_runs WHERE ?1 IS NULL OR exercise_id = ?1 ORDER BY started, id""",
        (exercise_id,),
    )
    return [
        ExerciseRun(
            run_id=row[0],
            exercise_id=row[1],
            started=parse_iso(row[2]),
            finished=_parse_or_none(row[3]),
            status=row[4],
            metrics=None if row[5] is None else json.loads(row[5]),
            history_path=row[6],
            model_path=row[7],
            details=None if row[8] is None else json.loads(row[8]),
        )
        for row in rows
    ]


def _challenge_attempts(
    conn: sqlite3.Connection, challenge_id: str | None
) -> list[ChallengeAttempt]:
    rows = conn.execute(
        """SELECT challenge_id, at, metric, bound, goal, score, params, passed, stand_in
           FROM challenge_attempts WHERE ?1 IS NULL OR challenge_id = ?1 ORDER BY at, id""",
        (challenge_id,),
    )
    return [
        ChallengeAttempt(
            challenge_id=row[0],
            at=parse_iso(row[1]),
            metric=row[2],
            bound=row[3],
            goal=float(row[4]),
            score=None if row[5] is None else float(row[5]),
            params=row[6],
            passed=bool(row[7]),
            stand_in=bool(row[8]),
        )
        for row in rows
    ]


def best_attempt(attempts: list[ChallengeAttempt]) -> ChallengeAttempt | None:
    """A pass before a fail, then the better score (by the goal's direction), then fewer
    parameters, then the earlier attempt."""

    def rank(attempt: ChallengeAttempt) -> tuple[bool, float, int, datetime]:
        score = attempt.score if attempt.score is not None else -math.inf
        if attempt.bound == "at_most" and attempt.score is not None:
            score = -score
        params = attempt.params if attempt.params is not None else 2**63
        return (not attempt.passed, -score, params, attempt.at)

    return min(attempts, key=rank, default=None)


def challenge_report(attempts: list[ChallengeAttempt]) -> list[dict[str, Any]]:
    """Per challenge tried, by id: how many judged tries, whether any passed, and the best
    attempt (`dltutor progress --json`'s `challenges`)."""
    by_id: dict[str, list[ChallengeAttempt]] = {}
    for attempt in attempts:
        by_id.setdefault(attempt.challenge_id, []).append(attempt)
    report = []
    for challenge_id, tried in sorted(by_id.items()):
        best = best_attempt(tried)
        assert best is not None
        report.append(
            {
                "id": challenge_id,
                "tries": len(tried),
                "passed": any(attempt.passed for attempt in tried),
                "best": {
                    "at": to_iso(best.at),
                    "metric": best.metric,
                    best.bound: best.goal,
                    "score": best.score,
                    "params": best.params,
                    "passed": best.passed,
                    "stand_in": best.stand_in,
                },
            }
        )
    return report


def _storable_metrics(metrics: dict[str, Any]) -> str:
    """Metrics as the JSON text `fields.metrics` accepts: what is not a finite number (a
    diverged loss, a string a script logged) becomes null, names are printable and
    bounded, at most `MAX_METRICS` of them. A run's result never fails to be saved, and
    never saves what `dltutor progress` could not read back."""
    kept: dict[str, Any] = {}
    for key, value in list(metrics.items())[: fields.MAX_METRICS]:
        name = printable(str(key))[: fields.MAX_NAME_CHARS] or "?"
        kept[name] = value if fields.is_number(value) else None
    return fields.metrics(kept)


def _iso_or_none(moment: datetime | None) -> str | None:
    return None if moment is None else to_iso(moment)


def _parse_or_none(text: str | None) -> datetime | None:
    return None if text is None else parse_iso(text)


__all__ = [
    "DATABASE_NAME",
    "ChallengeAttempt",
    "ExerciseRun",
    "LessonStatus",
    "ProgressStore",
    "QuizAttempt",
    "TopicStatus",
    "default_database_path",
]
