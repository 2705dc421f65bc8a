"""Rows that pass SQLite's integrity check but do not decode are damage too.

A timestamp '2026-13-02…', a difficulty 'weird' or a rating of 7 is a well-formed SQLite
value that crashes the code reading it. So opening a store checks every row against what
the app writes (`tutor.progress.fields`): the bulk of it in one SQL query per table, so a
year of answers costs milliseconds at start-up, and the few cards and run metrics in
Python with the same rules an import meets. A writable store then keeps a copy of the
file aside and deletes only the bad rows; a read-only one reads a copy in memory without
them. Either way the rest of the learner's progress is kept and a notice says what
happened.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tutor.progress import fields
from tutor.progress.fields import Invalid
from tutor.progress.review import DIFFICULTIES
from tutor.progress.schema import BOUNDS, LESSON_EVENTS, RUN_STATUSES, transaction


def _time(column: str) -> str:
    """The stored form exactly (`to_iso`): SQLite normalises a valid time to the same
    text ('+0 seconds' turns Feb 30 into Mar 2), and an invalid one to NULL."""
    return (
        f"(typeof({column}) = 'text' AND substr({column}, 1, 4) BETWEEN '{fields.YEARS[0]}' "
        f"AND '{fields.YEARS[1]}' AND strftime('%Y-%m-%dT%H:%M:%S+00:00', {column}, "
        f"'+0 seconds') IS {column})"
    )


def _text(column: str) -> str:
    return f"typeof({column}) = 'text'"


def _one_of(column: str, choices: tuple[str, ...]) -> str:
    listed = ", ".join(f"'{choice}'" for choice in choices)
    return f"(typeof({column}) = 'text' AND {column} IN ({listed}))"


def _number(column: str) -> str:
    """A finite number (SQLite stores no NaN; an infinity is beyond any real value)."""
    return (
        f"(typeof({column}) IN ('integer', 'real') AND abs({column}) <= {fields.MAX_MAGNITUDE})"
    )


def _null_or(condition: str, column: str) -> str:
    return f"({column} IS NULL OR {condition})"


_CHECKS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "lesson_events": (
        ("lesson_id", _text("lesson_id")),
        ("event", _one_of("event", LESSON_EVENTS)),
        ("at", _time("at")),
    ),
    "quiz_attempts": (
        ("topic", _text("topic")),
        ("difficulty", _one_of("difficulty", DIFFICULTIES)),
        ("question_id", _text("question_id")),
        ("answer", _text("answer")),
        ("correct", "(typeof(correct) = 'integer' AND correct IN (0, 1))"),
        (
            "seconds",
            "(typeof(seconds) IN ('integer', 'real') AND seconds >= 0 AND seconds <= 1e308)",
        ),
        ("rating", "(typeof(rating) = 'integer' AND rating BETWEEN 1 AND 4)"),
        ("at", _time("at")),
    ),
    "exercise_runs": (
        ("exercise_id", _text("exercise_id")),
        ("started", _time("started")),
        ("finished", _null_or(_time("finished"), "finished")),
        ("status", _one_of("status", RUN_STATUSES)),
        ("metrics", _null_or(_text("metrics"), "metrics")),
        ("history_path", _null_or(_text("history_path"), "history_path")),
        ("model_path", _null_or(_text("model_path"), "model_path")),
        ("details", _null_or(_text("details"), "details")),
    ),
    "review_cards": (("topic", _text("topic")), ("card", _text("card")), ("due", _time("due"))),
    "settings": (("key", _text("key")), ("value", _text("value"))),
    "challenge_attempts": (
        ("challenge_id", _text("challenge_id")),
        ("at", _time("at")),
        ("metric", _text("metric")),
        ("bound", _one_of("bound", BOUNDS)),
        ("goal", _number("goal")),
        ("score", _null_or(_number("score"), "score")),
        ("params", _null_or("(typeof(params) = 'integer' AND params >= 0)", "params")),
        ("passed", "(typeof(passed) = 'integer' AND passed IN (0, 1))"),
        ("stand_in", "(typeof(stand_in) = 'integer' AND stand_in IN (0, 1))"),
    ),
}
"""Per table, each column and the SQL condition its value must meet to be read."""


@dataclass(frozen=True)
class BadRow:
    table: str
    rowid: int
    problem: str
    """`quiz_attempts row 12: difficulty 'weird' cannot be read`."""


def _quoted(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def find_bad_rows(conn: sqlite3.Connection) -> list[BadRow]:
    """Every row of every table that the store could not decode, in table order."""
    bad: list[BadRow] = []
    for table, checks in _CHECKS.items():
        columns = ", ".join(column for column, _ in checks)
        oks = ", ".join(condition for _, condition in checks)
        rows = conn.execute(
            f"SELECT rowid, {columns}, {oks} FROM {table} "
            f"WHERE NOT ({' AND '.join(condition for _, condition in checks)})"
        )
        for rowid, *values in rows:
            count = len(checks)
            failed = next(i for i, ok in enumerate(values[count:]) if not ok)
            column, value = checks[failed][0], values[failed]
            bad.append(BadRow(table, rowid, f"{table} row {rowid}: {column} {_quoted(value)}"))
    bad_ids = {(row.table, row.rowid) for row in bad}
    decoders = (
        ("exercise_runs", "metrics", fields.metrics),
        ("exercise_runs", "details", fields.run_details),
        ("review_cards", "card", fields.card),
    )
    for table, column, rule in decoders:
        for rowid, value in conn.execute(f"SELECT rowid, {column} FROM {table}"):
            if value is None or (table, rowid) in bad_ids:
                continue
            try:
                rule(fields.load_json(value))
            except (Invalid, ValueError, RecursionError) as problem:
                reason = f"{column} {problem}" if isinstance(problem, Invalid) else column
                bad.append(BadRow(table, rowid, f"{table} row {rowid}: {reason}"))
    return bad


def delete_bad_rows(conn: sqlite3.Connection) -> list[BadRow]:
    """Find and delete the bad rows in one write transaction (so a row another copy of
    the app removed meanwhile is not looked for); the rows deleted."""
    with transaction(conn, "IMMEDIATE"):
        bad = find_bad_rows(conn)
        for row in bad:
            conn.execute(f"DELETE FROM {row.table} WHERE rowid = ?", (row.rowid,))
    return bad


def keep_copy(conn: sqlite3.Connection, path: Path, stamp: str) -> Path:
    """Copy the whole database, bad rows included, to `<name>.corrupt-<stamp>[-N]` beside
    it (0600, a new file, never through a link), with SQLite's online backup."""
    counter = 1
    while True:
        suffix = "" if counter == 1 else f"-{counter}"
        target = path.with_name(f"{path.name}.corrupt-{stamp}{suffix}")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        try:
            os.close(os.open(target, flags, 0o600))
            break
        except FileExistsError:
            counter += 1
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    except BaseException:
        copy.close()
        with contextlib.suppress(OSError):
            target.unlink()
        raise
    copy.close()
    return target


def in_memory_without_bad_rows(conn: sqlite3.Connection) -> sqlite3.Connection:
    """A copy of the database in memory with the bad rows left out (for a read-only
    store, which may not change the file)."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.backup(memory)
    delete_bad_rows(memory)
    return memory


def describe_damage(bad: list[BadRow]) -> str:
    """`3 records (first: quiz_attempts row 12: difficulty 'weird')`."""
    count = f"{len(bad)} record" + ("s" if len(bad) != 1 else "")
    return f"{count} that could not be read (first: {bad[0].problem})"
