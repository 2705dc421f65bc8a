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
     "settings": {"last_lesson": "...", ...},
     "challenge_attempts": [{"challenge", "at", "metric", "bound", "goal", "score",
                             "params", "passed", "stand_in"}]}

A run's `details` (its folder, script, options, data, parameters: `fields.RUN_DETAILS`) and
the `challenge_attempts` came later; an export made before them has neither, and imports.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor.errors import TutorError
from tutor.progress import fields
from tutor.progress.fields import Invalid, one_of, optional
from tutor.progress.review import DIFFICULTIES
from tutor.progress.schema import BOUNDS, LESSON_EVENTS, RUN_STATUSES, to_iso
from tutor.safeio import read_text

EXPORT_FORMAT = "dltutor-progress"
EXPORT_VERSION = 1
MAX_EXPORT_BYTES = 16 << 20
"""An export of years of daily practice is a few MB; a larger file is not one of ours,
and parsing it whole would cost the memory of several copies."""
MAX_SETTINGS = 100

_Fields = Mapping[str, Callable[[object], Any]]

_SECTIONS: Mapping[str, _Fields] = {
    "lesson_events": {
        "lesson_id": fields.name,
        "event": one_of(LESSON_EVENTS),
        "at": fields.timestamp,
    },
    "quiz_attempts": {
        "topic": fields.name,
        "difficulty": one_of(DIFFICULTIES),
        "question_id": fields.name,
        "answer": fields.text,
        "correct": fields.boolean,
        "seconds": fields.seconds,
        "rating": fields.rating,
        "at": fields.timestamp,
    },
    "exercise_runs": {
        "exercise": fields.name,
        "started": fields.timestamp,
        "finished": optional(fields.timestamp),
        "status": one_of(RUN_STATUSES),
        "metrics": optional(fields.metrics),
        "history_path": optional(fields.run_file),
        "model_path": optional(fields.run_file),
        "details": optional(fields.run_details),
    },
    "review_cards": {"topic": fields.name, "card": fields.card},
    "challenge_attempts": {
        "challenge": fields.name,
        "at": fields.timestamp,
        "metric": fields.name,
        "bound": one_of(BOUNDS),
        "goal": fields.score,
        "score": optional(fields.score),
        "params": optional(fields.count),
        "passed": fields.boolean,
        "stand_in": fields.boolean,
    },
}
"""Each exported section: a list of objects with these fields, checked and normalised by
these rules (`tutor.progress.fields`: times to stored form, metrics to JSON text, cards to
`fsrs.Card`, run files to paths inside the data directory)."""

_UNIQUE: Mapping[str, str] = {"review_cards": "topic"}
_LATER_FIELDS: Mapping[str, str] = {"exercise_runs": "details"}
"""Fields added after the format's first version: missing in an older export, they are
null."""


@dataclass(frozen=True)
class ProgressExport:
    """A validated export, its rows ready to insert (field names as in `_SECTIONS`)."""

    lesson_events: tuple[dict[str, Any], ...]
    quiz_attempts: tuple[dict[str, Any], ...]
    exercise_runs: tuple[dict[str, Any], ...]
    review_cards: tuple[dict[str, Any], ...]
    settings: Mapping[str, str]
    challenge_attempts: tuple[dict[str, Any], ...] = ()

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
        name: _section(document, name, rules, source) for name, rules in _SECTIONS.items()
    }
    return ProgressExport(settings=_settings(document.get("settings", {}), source), **sections)


def _settings(settings: object, source: str) -> dict[str, str]:
    if not isinstance(settings, dict) or len(settings) > MAX_SETTINGS:
        raise TutorError(f"{source}: 'settings' must map at most {MAX_SETTINGS} names to strings")
    for key, value in settings.items():
        try:
            fields.name(key)
            fields.text(value)
        except Invalid as problem:
            raise TutorError(f"{source}: settings[{key!r}] {problem}") from None
    return dict(settings)


def _section(
    document: Mapping[str, object], name: str, rules: _Fields, source: str
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
        for field, check in rules.items():
            if field not in row and _LATER_FIELDS.get(name) == field:
                values[field] = None
                continue
            if field not in row:
                raise TutorError(f"{where}.{field} is missing")
            try:
                values[field] = check(row[field])
            except Invalid as problem:
                raise TutorError(f"{where}.{field} {problem}") from None
        if unique is not None:
            if values[unique] in seen:
                raise TutorError(f"{where}.{unique} {values[unique]!r} appears twice")
            seen.add(values[unique])
        checked.append(values)
    return tuple(checked)


def read_export(path: Path) -> ProgressExport:
    """Read and validate an export file (a regular file of at most `MAX_EXPORT_BYTES`);
    `TutorError` names the file and its problem."""
    text = read_text(path, MAX_EXPORT_BYTES)
    try:
        document = fields.load_json(text)
    except json.JSONDecodeError as error:
        raise TutorError(
            f"{path}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from error
    except Invalid as problem:
        raise TutorError(f"{path}: {problem}") from None
    except RecursionError:
        raise TutorError(f"{path}: nested too deeply to be a progress export") from None
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
            "details": None if row[7] is None else json.loads(row[7]),
        }
        for row in conn.execute(
            """SELECT exercise_id, started, finished, status, metrics, history_path, model_path,
                      details
               FROM exercise_runs ORDER BY started, id"""
        )
    ]
    challenge_attempts = [
        {
            "challenge": row[0],
            "at": row[1],
            "metric": row[2],
            "bound": row[3],
            "goal": row[4],
            "score": row[5],
            "params": row[6],
            "passed": bool(row[7]),
            "stand_in": bool(row[8]),
        }
        for row in conn.execute(
            """SELECT challenge_id, at, metric, bound, goal, score, params, passed, stand_in
               FROM challenge_attempts ORDER BY at, id"""
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
        "challenge_attempts": challenge_attempts,
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
           (exercise_id, started, finished, status, metrics, history_path, model_path, details)
           VALUES (:exercise, :started, :finished, :status, :metrics, :history_path,
                   :model_path, :details)""",
        export.exercise_runs,
    )
    conn.executemany(
        """INSERT INTO challenge_attempts
           (challenge_id, at, metric, bound, goal, score, params, passed, stand_in)
           VALUES (:challenge, :at, :metric, :bound, :goal, :score, :params, :passed,
                   :stand_in)""",
        export.challenge_attempts,
    )
    conn.executemany(
        "INSERT INTO review_cards (topic, card, due) VALUES (?, ?, ?)",
        [(row["topic"], row["card"].to_json(), to_iso(row["card"].due)) for row in cards],
    )
    conn.executemany(
        "INSERT INTO settings (key, value) VALUES (?, ?)", sorted(export.settings.items())
    )
