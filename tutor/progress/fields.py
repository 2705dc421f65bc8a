"""What each stored or imported value must be, as the app itself writes it.

An import is checked field by field against these rules before anything is written
(`transfer`), and a stored row must meet the same rules to be read back (`damage`), so a
value that would crash a screen, the scheduler or `dltutor progress` never gets in and is
never read. Each rule takes a raw value (from JSON or a row), returns it in stored form,
or raises `Invalid` with words that follow the field's name ("must be ...").
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fsrs import Card, Rating, State

from tutor.paths import data_dir
from tutor.progress.schema import parse_iso, to_iso
from tutor.safeio import printable

YEARS = (2000, 2100)
"""Every stored time falls in these years: the tutor did not exist before, and a date far
beyond overflows the scheduler's arithmetic."""
MAX_NAME_CHARS = 200
"""Ids (lesson, topic, question, exercise), setting names and metric names."""
MAX_TEXT_CHARS = 10_000
"""A typed answer or a setting's value (the quiz itself takes far fewer)."""
MAX_PATH_CHARS = 4096
MAX_METRICS = 200
MAX_SECONDS = 366 * 24 * 3600.0
"""An answer's time: a question left open for a year is the most there is to believe."""
MAX_MAGNITUDE = 1e300
"""Metrics beyond this cannot be formatted or plotted; a real loss never gets near."""
MAX_INTEGER_DIGITS = 19
"""What fits in SQLite's 64-bit integers; longer integers in an import are refused while
parsing, before Python spends quadratic time on a 5,000-digit number."""
MAX_STABILITY = 1e6
DIFFICULTY_RANGE = (1.0, 10.0)
"""FSRS clamps difficulty to 1-10 and keeps stability positive; a card outside either
crashes the scheduler on its next review."""
MAX_STEP = 1000


class Invalid(Exception):
    """One value's problem, phrased to follow the field's name."""


def load_json(text: str) -> Any:
    """JSON as the tutor accepts it: no NaN or Infinity, no integer longer than
    `MAX_INTEGER_DIGITS`. Raises `Invalid`, `ValueError` (syntax) or `RecursionError`."""

    def integer(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_INTEGER_DIGITS:
            raise Invalid(f"holds an integer of more than {MAX_INTEGER_DIGITS} digits")
        return int(digits)

    def constant(name: str) -> float:
        raise Invalid(f"holds {name}, which is not a number JSON allows")

    return json.loads(text, parse_int=integer, parse_constant=constant)


def _unicode(value: str) -> str:
    """Refuse lone surrogates (JSON can spell them; no file or terminal can hold them)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise Invalid("holds an unpaired surrogate (not Unicode text)") from None
    return value


def name(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise Invalid("must be a non-empty string")
    if len(value) > MAX_NAME_CHARS:
        raise Invalid(f"must be at most {MAX_NAME_CHARS} characters")
    if printable(_unicode(value)) != value:
        raise Invalid("must not hold control characters")
    return value


def text(value: object) -> str:
    if not isinstance(value, str):
        raise Invalid("must be a string")
    if len(value) > MAX_TEXT_CHARS:
        raise Invalid(f"must be at most {MAX_TEXT_CHARS:,} characters")
    return _unicode(value)


def timestamp(value: object) -> str:
    """An ISO 8601 time with a time zone, in `YEARS`; returned in stored form."""
    if not isinstance(value, str) or len(value) > 64:
        raise Invalid("must be an ISO 8601 time with a time zone")
    try:
        moment = parse_iso(value)
    except ValueError:
        raise Invalid("must be an ISO 8601 time with a time zone") from None
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise Invalid(f"must be a time between the years {YEARS[0]} and {YEARS[1]}")
    return to_iso(moment)


def boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise Invalid("must be true or false")
    return value


def is_number(value: object) -> bool:
    """A finite int or float (not a bool) of at most `MAX_MAGNITUDE`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value) and abs(value) <= MAX_MAGNITUDE
    except OverflowError:  # an int too large for a float
        return False


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid("must be a number")
    if not is_number(value):
        raise Invalid("must be a finite number")
    return float(value)


def seconds(value: object) -> float:
    number = _number(value)
    if not 0 <= number <= MAX_SECONDS:
        raise Invalid(f"must be a number of seconds from 0 to {MAX_SECONDS:,.0f}")
    return number


def rating(value: object) -> int:
    if type(value) is not int or value not in {int(rating) for rating in Rating}:
        raise Invalid("must be an FSRS rating from 1 to 4")
    return value


def metrics(value: object) -> str:
    """A run's final numbers as the app keeps them: one flat object of names to finite
    numbers or null; returned as the JSON text the table stores."""
    if not isinstance(value, dict):
        raise Invalid("must be an object")
    if len(value) > MAX_METRICS:
        raise Invalid(f"must hold at most {MAX_METRICS} metrics")
    checked: dict[str, float | int | None] = {}
    for key, number in value.items():
        try:
            name(key)
            if number is not None:
                _number(number)
        except Invalid as problem:
            raise Invalid(f"{key!r} {problem}") from None
        checked[key] = number
    return json.dumps(checked)


def card(value: object) -> Card:
    """An FSRS card as `Card.to_dict()` writes it, with values the scheduler can review:
    a learning card has a step, a reviewed one a stability above 0 and a difficulty of 1
    to 10, and its times fall in `YEARS`."""
    if not isinstance(value, dict):
        raise Invalid("must be an FSRS card (an object)")
    try:
        card_id = value["card_id"]
        state = value["state"]
        step = value["step"]
        stability = value["stability"]
        difficulty = value["difficulty"]
        due = value["due"]
        last_review = value["last_review"]
    except KeyError as missing:
        raise Invalid(f"is not an FSRS card: {missing.args[0]} is missing") from None
    rules: tuple[tuple[str, bool], ...] = (
        ("card_id", type(card_id) is int and 0 <= card_id < 2**63),
        ("state", type(state) is int and state in {int(s) for s in State}),
        ("step", step is None or (type(step) is int and 0 <= step <= MAX_STEP)),
        ("stability", stability is None or _in_range(stability, 0.0, MAX_STABILITY, low_open=True)),
        ("difficulty", difficulty is None or _in_range(difficulty, *DIFFICULTY_RANGE)),
    )
    for field, ok in rules:
        if not ok:
            raise Invalid(f"is not a valid FSRS card ({field} {value[field]!r})")
    if (stability is None) != (difficulty is None):
        raise Invalid("is not a valid FSRS card (stability and difficulty go together)")
    if state != State.Review and step is None:
        raise Invalid("is not a valid FSRS card (a learning card needs a step)")
    if state != State.Learning and stability is None:
        raise Invalid("is not a valid FSRS card (a reviewed card needs a stability)")
    try:
        due_at = parse_iso(timestamp(due))
        last_at = None if last_review is None else parse_iso(timestamp(last_review))
    except Invalid as problem:
        raise Invalid(f"is not a valid FSRS card (due or last_review {problem})") from None
    return Card(
        card_id=card_id,
        state=State(state),
        step=step,
        stability=None if stability is None else float(stability),
        difficulty=None if difficulty is None else float(difficulty),
        due=due_at,
        last_review=last_at,
    )


def _in_range(value: object, low: float, high: float, *, low_open: bool = False) -> bool:
    if not is_number(value):
        return False
    assert isinstance(value, (int, float))
    return (low < value if low_open else low <= value) and value <= high


def run_file(value: object) -> str:
    """A run's history or model file: inside the tutor's data directory, where the app
    writes them (`<data dir>/runs/<run>/<file>`).

    Relative paths count from the data directory. An absolute path elsewhere that ends in
    `runs/<run>/<file>` is what the app wrote on another machine: it becomes the same file
    under this machine's data directory. Anything else (`/dev/zero`, `../../etc/passwd`)
    is refused: the Progress screen would read it.
    """
    if not isinstance(value, str) or not value:
        raise Invalid("must be a non-empty string")
    if len(value) > MAX_PATH_CHARS or printable(_unicode(value)) != value:
        raise Invalid("must be a file inside the tutor's data directory")
    path = Path(value)
    if ".." in path.parts:
        raise Invalid("must be a file inside the tutor's data directory (no '..')")
    if not path.is_absolute():
        return value
    home = Path(os.path.abspath(data_dir()))
    if Path(os.path.normpath(path)).is_relative_to(home):
        return value
    parts = path.parts
    if len(parts) >= 4 and parts[-3] == "runs":
        return str(home / "runs" / parts[-2] / parts[-1])
    raise Invalid(f"must be a file inside the tutor's data directory ({home})")


def run_folder(value: object) -> str:
    """A run's folder (`<data dir>/runs/<run>`), by the same rule as `run_file`: the file
    rule is asked about a file inside it."""
    if not isinstance(value, str) or not value or value.endswith(("/", "\\")):
        raise Invalid("must be a folder inside the tutor's data directory")
    try:
        return str(Path(run_file(str(Path(value) / "history.json"))).parent)
    except Invalid as problem:
        raise Invalid(str(problem).replace("a file", "a folder", 1)) from None


def score(value: object) -> float:
    """A challenge attempt's score: the value its metric reached."""
    return _number(value)


def count(value: object) -> int:
    """A whole number of at least 0 that a float holds exactly (a parameter count)."""
    if type(value) is not int or not 0 <= value < 2**53:
        raise Invalid("must be a whole number from 0 to 2**53")
    return value


MAX_OPTIONS = 100


def run_details(value: object) -> str:
    """What the Runs screen shows of a run beyond its metrics, as the app writes it: an
    object of the keys in `RUN_DETAILS` (below), each optional; returned as the JSON text
    stored."""
    if not isinstance(value, dict):
        raise Invalid("must be an object")
    for key, item in value.items():
        rule = RUN_DETAILS.get(key) if isinstance(key, str) else None
        if rule is None:
            raise Invalid(f"holds {printable(str(key))[:40]!r}, which the tutor does not write")
        try:
            rule(item)
        except Invalid as problem:
            raise Invalid(f"{key!r} {problem}") from None
    checked = {key: RUN_DETAILS[key](item) for key, item in value.items()}
    return json.dumps(checked, ensure_ascii=False)


def _options(value: object) -> list[str]:
    if not isinstance(value, list) or len(value) > MAX_OPTIONS:
        raise Invalid(f"must be a list of at most {MAX_OPTIONS} strings")
    for item in value:
        if not isinstance(item, str) or len(item) > MAX_NAME_CHARS:
            raise Invalid(f"must hold strings of at most {MAX_NAME_CHARS} characters")
        if printable(_unicode(item)) != item:
            raise Invalid("must not hold control characters")
    return list(value)


def one_of(choices: tuple[str, ...]) -> Callable[[object], str]:
    def check(value: object) -> str:
        if not isinstance(value, str) or value not in choices:
            raise Invalid(f"must be one of {', '.join(choices)}")
        return value

    return check


def optional(check: Callable[[object], Any]) -> Callable[[object], Any]:
    def check_or_null(value: object) -> Any:
        return None if value is None else check(value)

    return check_or_null


RUN_DETAILS: dict[str, Callable[[object], Any]] = {
    "run_dir": optional(run_folder),
    "script": optional(name),
    "edited": boolean,
    "options": _options,
    "device": optional(name),
    "dataset": optional(name),
    "data": optional(name),
    "stand_in": boolean,
    "params": optional(count),
    "epochs": count,
    "seconds": seconds,
}
"""Each key of a run's details and its rule: the folder (history, model, the copy of the
script), the script's file name, whether it differed from the original, the options it was
run with, the device, the catalogue's dataset and the script's own words for the data,
the model's parameter count, the epochs of its last fit and the seconds spent in epochs."""
