"""The export format: a versioned JSON document for moving progress to another machine.

`validate_export` checks a whole document before anything is written, so a bad file is
refused with a one-line `TutorError` naming the first problem, and the import that
follows (`ProgressStore.replace_with`) is one transaction. Field names follow the tables
(`tutor.progress.schema`), except `exercise` for a run's exercise id, as in the report.

    {"format": "dltutor-progress", "version": 1, "exported": "<ISO time>",
     "lesson_events": [{"lesson_id", "event": "opened|finished", "at"}],
     "quiz_attempts": [{"topic", "difficulty", "question_id", "answer", "correct",
                        "seconds", "rating", "at"}],
     "exercise_runs": [{"exercise", "started", "finished", "status", "metrics",
                        "history_path", "model_path"}],
     "review_cards": [{"topic", "card": <fsrs.Card.to_dict()>}],
     "settings": {"last_lesson": "...", ...}}
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fsrs import Card, Rating

from tutor.errors import TutorError
from tutor.progress.review import DIFFICULTIES, utc
from tutor.progress.schema import LESSON_EVENTS, RUN_STATUSES, parse_iso, to_iso

EXPORT_FORMAT = "dltutor-progress"
EXPORT_VERSION = 1


class _Invalid(Exception):
    """One field's problem, phrased to follow the field's name."""


def _text(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise _Invalid("must be a non-empty string")
    return value


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise _Invalid("must be a string")
    return value


def _timestamp(value: object) -> str:
    try:
        return to_iso(parse_iso(_string(value)))
    except (ValueError, _Invalid):
        raise _Invalid("must be an ISO 8601 time with a time zone") from None


def _boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise _Invalid("must be true or false")
    return value


def _seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Invalid("must be a number")
    if not math.isfinite(value) or value < 0:
        raise _Invalid("must be a finite number, zero or more")
    return float(value)


def _rating(value: object) -> int:
    if type(value) is not int or value not in {int(rating) for rating in Rating}:
        raise _Invalid("must be an FSRS rating from 1 to 4")
    return value


def _metrics(value: object) -> str:
    if not isinstance(value, dict):
        raise _Invalid("must be an object")
    try:
        return json.dumps(value, allow_nan=False)
    except ValueError:
        raise _Invalid("must not hold NaN or infinity") from None


def _card(value: object) -> Card:
    try:
        card = Card.from_dict(value)  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError, AttributeError):
        raise _Invalid("is not a valid FSRS card") from None
    numbers_ok = all(
        value is None or (isinstance(value, float) and math.isfinite(value))
        for value in (card.stability, card.difficulty)
    )
    if not numbers_ok or not (card.step is None or type(card.step) is int):
        raise _Invalid("is not a valid FSRS card")
    try:
        card.due = utc(card.due)
        card.last_review = None if card.last_review is None else utc(card.last_review)
    except ValueError:
        raise _Invalid("has a time without a time zone") from None
    return card


def _one_of(choices: tuple[str, ...]) -> Callable[[object], str]:
    def check(value: object) -> str:
        if value not in choices:
            raise _Invalid(f"must be one of {', '.join(choices)}")
        return value  # type: ignore[return-value]

    return check


def _optional(check: Callable[[object], Any]) -> Callable[[object], Any]:
    def check_or_null(value: object) -> Any:
        return None if value is None else check(value)

    return check_or_null


_Fields = Mapping[str, Callable[[object], Any]]

_SECTIONS: Mapping[str, _Fields] = {
    "lesson_events": {"lesson_id": _text, "event": _one_of(LESSON_EVENTS), "at": _timestamp},
    "quiz_attempts": {
        "topic": _text,
        "difficulty": _one_of(DIFFICULTIES),
        "question_id": _text,
        "answer": _string,
        "correct": _boolean,
        "seconds": _seconds,
        "rating": _rating,
        "at": _timestamp,
    },
    "exercise_runs": {
        "exercise": _text,
        "started": _timestamp,
        "finished": _optional(_timestamp),
        "status": _one_of(RUN_STATUSES),
        "metrics": _optional(_metrics),
        "history_path": _optional(_string),
        "model_path": _optional(_string),
    },
    "review_cards": {"topic": _text, "card": _card},
}
"""Each exported section: a list of objects with these fields, checked and normalised by
these functions (times to stored form, metrics to JSON text, cards to `fsrs.Card`)."""

_UNIQUE: Mapping[str, str] = {"review_cards": "topic"}


@dataclass(frozen=True)
class ProgressExport:
    """A validated export, its rows ready to insert (field names as in `_SECTIONS`)."""

    lesson_events: tuple[dict[str, Any], ...]
    quiz_attempts: tuple[dict[str, Any], ...]
    exercise_runs: tuple[dict[str, Any], ...]
    review_cards: tuple[dict[str, Any], ...]
    settings: Mapping[str, str]

    def summary(self) -> str:
        """One line for the confirmation prompt and the report after importing."""
        lessons = len({row["lesson_id"] for row in self.lesson_events})
        return (
            f"{lessons} lessons, {len(self.quiz_attempts)} quiz attempts, "
            f"{len(self.exercise_runs)} exercise runs, {len(self.review_cards)} review topics"
        )


def validate_export(document: object, source: str) -> ProgressExport:
    """Check a parsed export completely; `TutorError` names `source` and the first problem.

    Keys this version does not know are ignored, so a later version can add optional
    fields without a new format version; anything it cannot read bumps `EXPORT_VERSION`.
    """
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise TutorError(f"{source}: not a dltutor progress export")
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise TutorError(f"{source}: 'version' must be an integer")
    if version > EXPORT_VERSION:
        raise TutorError(
            f"{source}: made by a newer dltutor (format version {version}); update to import it"
        )
    if version < 1:
        raise TutorError(f"{source}: unknown format version {version}")
    sections = {
        name: _section(document, name, fields, source) for name, fields in _SECTIONS.items()
    }
    settings = document.get("settings", {})
    if not isinstance(settings, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in settings.items()
    ):
        raise TutorError(f"{source}: 'settings' must map names to strings")
    return ProgressExport(settings=dict(settings), **sections)


def _section(
    document: Mapping[str, object], name: str, fields: _Fields, source: str
) -> tuple[dict[str, Any], ...]:
    rows = document.get(name, [])
    if not isinstance(rows, list):
        raise TutorError(f"{source}: '{name}' must be a list")
    checked = []
    seen: set[object] = set()
    unique = _UNIQUE.get(name)
    for index, row in enumerate(rows):
        where = f"{source}: {name}[{index}]"
        if not isinstance(row, dict):
            raise TutorError(f"{where} must be an object")
        values = {}
        for field, check in fields.items():
            if field not in row:
                raise TutorError(f"{where}.{field} is missing")
            try:
                values[field] = check(row[field])
            except _Invalid as problem:
                raise TutorError(f"{where}.{field} {problem}") from None
        if unique is not None:
            if values[unique] in seen:
                raise TutorError(f"{where}.{unique} {values[unique]!r} appears twice")
            seen.add(values[unique])
        checked.append(values)
    return tuple(checked)


def read_export(path: Path) -> ProgressExport:
    """Read and validate an export file; `TutorError` names the file and its problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise TutorError(f"cannot read {path}: {reason}") from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise TutorError(
            f"{path}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from error
    return validate_export(document, str(path))


def export_document(conn: sqlite3.Connection, exported: str) -> dict[str, Any]:
    """The whole store as an export; `conn` must be inside one read transaction, so the
    document is a consistent snapshot."""
    lesson_events = [
        {"lesson_id": lesson_id, "event": event, "at": at}
        for lesson_id, event, at in conn.execute(
            "SELECT lesson_id, event, at FROM lesson_events ORDER BY at, id"
        )
    ]
    quiz_attempts = [
        {
            "topic": row[0],
            "difficulty": row[1],
            "question_id": row[2],
            "answer": row[3],
            "correct": bool(row[4]),
            "seconds": row[5],
            "rating": row[6],
            "at": row[7],
        }
        for row in conn.execute(
            """SELECT topic, difficulty, question_id, answer, correct, seconds, rating, at
               FROM quiz_attempts ORDER BY at, id"""
        )
    ]
    exercise_runs = [
        {
            "exercise": row[0],
            "started": row[1],
            "finished": row[2],
            "status": row[3],
            "metrics": None if row[4] is None else json.loads(row[4]),
            "history_path": row[5],
            "model_path": row[6],
        }
        for row in conn.execute(
            """SELECT exercise_id, started, finished, status, metrics, history_path, model_path
               FROM exercise_runs ORDER BY started, id"""
        )
    ]
    review_cards = [
        {"topic": topic, "card": json.loads(card)}
        for topic, card in conn.execute("SELECT topic, card FROM review_cards ORDER BY topic")
    ]
    settings = dict(conn.execute("SELECT key, value FROM settings ORDER BY key").fetchall())
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported": exported,
        "lesson_events": lesson_events,
        "quiz_attempts": quiz_attempts,
        "exercise_runs": exercise_runs,
        "review_cards": review_cards,
        "settings": settings,
    }


def insert_export(conn: sqlite3.Connection, export: ProgressExport) -> None:
    """Insert a validated export's rows into empty tables (the caller's transaction)."""
    conn.executemany(
        "INSERT INTO lesson_events (lesson_id, event, at) VALUES (:lesson_id, :event, :at)",
        export.lesson_events,
    )
    conn.executemany(
        """INSERT INTO quiz_attempts
           (topic, difficulty, question_id, answer, correct, seconds, rating, at)
           VALUES (:topic, :difficulty, :question_id, :answer, :correct, :seconds, :rating, :at)""",
        export.quiz_attempts,
    )
    cards = export.review_cards
    conn.executemany(
        """INSERT INTO exercise_runs
           (exercise_id, started, finished, status, metrics, history_path, model_path)
           VALUES (:exercise, :started, :finished, :status, :metrics, :history_path,
                   :model_path)""",
        export.exercise_runs,
    )
    conn.executemany(
        "INSERT INTO review_cards (topic, card, due) VALUES (?, ?, ?)",
        [(row["topic"], row["card"].to_json(), to_iso(row["card"].due)) for row in cards],
    )
    conn.executemany(
        "INSERT INTO settings (key, value) VALUES (?, ?)", sorted(export.settings.items())
    )
