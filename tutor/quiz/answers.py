"""Reading what a learner types, generously: `(None, 26, 26, 32)`, `26 x 26 x 32`,
`[26, 26, 32]`, `1,234`, `(3*3*1 + 1) * 32`, a grid as rows, a choice as `b` or `(2)`.

Text that cannot be read is never marked wrong: the result says what form to type instead.
Nothing here raises on any text; long input is refused before it is looked at.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tutor.quiz.question import CHOICE_LETTERS, Answer, Grid, Number, Text, text

MAX_CHARS = 400
"""Longer answers are refused unread: no real answer is longer, and it bounds the work."""
MAX_GRID_SIDE = 12
MAX_DIGITS = 15

FORMS: dict[str, Text] = {
    "shape": text(
        "Type a shape such as 26, 26, 32 or (None, 26, 26, 32).",
        "26, 26, 32 또는 (None, 26, 26, 32)처럼 형태를 입력하세요.",
    ),
    "int": text(
        "Type a whole number such as 1234 or 1,234.",
        "1234 또는 1,234처럼 정수를 입력하세요.",
    ),
    "grid": text(
        "Type the grid row by row, rows split by ;, e.g. 2 1 1; 0 2 2; 0 1 1",
        "행을 ;로 나눠 격자를 입력하세요. 예: 2 1 1; 0 2 2; 0 1 1",
    ),
    "choice": text(
        "Type the letter of one option: a, b, c or d.",
        "보기의 문자 하나를 입력하세요: a, b, c, d.",
    ),
}
RAGGED_GRID = text(
    "Every row needs the same number of values, e.g. 2 1 1; 0 2 2; 0 1 1",
    "모든 행의 값 개수가 같아야 합니다. 예: 2 1 1; 0 2 2; 0 1 1",
)


def grid_form(rows: int, cols: int) -> Text:
    """How to type a rows x cols grid, with an example of exactly that size: said before
    the learner answers, and again when a grid of another size is typed."""
    example = "; ".join(
        " ".join(str(row * cols + col + 1) for col in range(cols)) for row in range(rows)
    )
    return text(
        f"Type {rows} rows of {cols} numbers, rows split by ; (e.g. {example}).",
        f"숫자 {cols}개씩 {rows}행을 ;로 나눠 입력하세요 (예: {example}).",
    )


def wrong_grid_size(rows: int, cols: int, typed: tuple[int, int]) -> Text:
    """A grid of the wrong size is a typing slip, not an answer: say what size is wanted."""
    form = grid_form(rows, cols)
    return text(
        f"That is a {typed[0]}x{typed[1]} grid; the answer is {rows}x{cols}. {form['en']}",
        f"{typed[0]}x{typed[1]} 격자를 입력했지만 정답은 {rows}x{cols}입니다. {form['ko']}",
    )


@dataclass(frozen=True)
class ReadAnswer:
    """`ok` with the value read, or not ok with `form`: one line (per language) saying
    what to type. `value` is a shape tuple, an int, a grid, or a letter "a".."d"."""

    ok: bool
    value: Answer | None = None
    form: Text = field(default_factory=dict)


class _Unreadable(Exception):
    """Raised inside a reader to give a more specific form message than the kind's."""

    def __init__(self, form: Text) -> None:
        super().__init__(form["en"])
        self.form = form


_LABEL = re.compile(r"^[^0-9()\[\]{}]*?[:=]")
_NONE_WORDS = frozenset({"none", "null", "nil", "?", "batch"})
_SHAPE_SPLIT = re.compile(r"[\s,;×x*]+")
_DIGITS = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}([,_ '])[0-9]{3}(?:\1[0-9]{3})*")
_WHOLE = re.compile(rf"[+-]?[0-9]{{1,{MAX_DIGITS}}}(?:\.0*)?")
_UNITS = re.compile(r"\s*(?:params?|parameters?|weights?|개)\.?$")
_ARITHMETIC = re.compile(r"[0-9+\-*x×() ]+")
_NUMBER = re.compile(rf"[+-]?(?:[0-9]{{1,{MAX_DIGITS}}}(?:\.[0-9]{{0,8}})?|\.[0-9]{{1,8}})")
_ROW_BREAK = re.compile(r"\]\s*[,;]?\s*\[")
_ROW_SPLIT = re.compile(r"[\n;/|]+")
_VALUE_SPLIT = re.compile(r"[\s,]+")
_CHOICE = re.compile(r"(?:option|answer|choice)?\s*[(\[]?\s*([a-d1-4])\s*[)\].:]?")
_CLOSING_REMARK = re.compile(r"\s*\([^()]*\)$")


def read_answer(answer_text: str, kind: str) -> ReadAnswer:
    """Read `answer_text` as `kind` ("shape", "int", "grid" or "choice")."""
    reader = _READERS[kind]  # an unknown kind is a programming error: KeyError
    if not isinstance(answer_text, str) or len(answer_text) > MAX_CHARS:
        return ReadAnswer(False, form=FORMS[kind])
    cleaned = unicodedata.normalize("NFKC", answer_text).strip()
    if not cleaned or len(cleaned) > MAX_CHARS:
        return ReadAnswer(False, form=FORMS[kind])
    try:
        value = reader(cleaned)
    except _Unreadable as unreadable:
        return ReadAnswer(False, form=unreadable.form)
    if value is None:
        return ReadAnswer(False, form=FORMS[kind])
    return ReadAnswer(True, value)


def _without_label(answer: str) -> str:
    """`output shape: 26, 26, 32` and `params = 320` lose their label."""
    return _LABEL.sub("", answer, count=1).strip()


def read_shape(answer: str) -> tuple[int | None, ...] | None:
    answer = _without_label(answer.lower()).rstrip(".")
    for bracket in "()[]{}":
        answer = answer.replace(bracket, " ")
    tokens = [token for token in _SHAPE_SPLIT.split(answer) if token]
    if not 1 <= len(tokens) <= 8:
        return None
    dims: list[int | None] = []
    for token in tokens:
        if token in _NONE_WORDS:
            dims.append(None)
        elif _DIGITS.fullmatch(token):
            dims.append(int(token))
        else:
            return None
    return tuple(dims)


def read_int(answer: str) -> int | None:
    answer = _UNITS.sub("", _without_label(answer.lower())).strip()
    if _THOUSANDS.fullmatch(answer):
        return int(re.sub(r"[,_ ']", "", answer))
    if _WHOLE.fullmatch(answer):
        return int(answer.split(".")[0])
    if len(answer) <= 200 and _ARITHMETIC.fullmatch(answer):
        return _Arithmetic(answer).value()
    return None


class _Arithmetic:
    """`(3*3*1 + 1) * 32` or `3x3x32`: +, -, *, x and parentheses on whole numbers, read by
    a small recursive-descent parser (never `eval`)."""

    _TOKEN = re.compile(r"\s*([0-9]{1,12}|[-+*x×()])")
    _MAX_DEPTH = 20

    def __init__(self, source: str) -> None:
        self.tokens: list[str] = []
        position = 0
        while position < len(source):
            match = self._TOKEN.match(source, position)
            if match is None:
                if source[position:].strip():
                    self.tokens = []
                break
            self.tokens.append(match.group(1))
            position = match.end()
        self.index = 0

    def value(self) -> int | None:
        if not self.tokens:
            return None
        result = self._sum(0)
        if result is None or self.index != len(self.tokens) or abs(result) >= 10**MAX_DIGITS:
            return None
        return result

    def _peek(self) -> str | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def _sum(self, depth: int) -> int | None:
        total = self._product(depth)
        while total is not None and self._peek() in ("+", "-"):
            sign = self.tokens[self.index]
            self.index += 1
            term = self._product(depth)
            if term is None:
                return None
            total = total + term if sign == "+" else total - term
        return total

    def _product(self, depth: int) -> int | None:
        total = self._factor(depth)
        while total is not None and self._peek() in ("*", "x", "×"):
            self.index += 1
            factor = self._factor(depth)
            if factor is None or abs(total * factor) >= 10**30:
                return None
            total *= factor
        return total

    def _factor(self, depth: int) -> int | None:
        token = self._peek()
        if token is None or depth > self._MAX_DEPTH:
            return None
        self.index += 1
        if token in ("+", "-"):
            inner = self._factor(depth + 1)
            return None if inner is None else (inner if token == "+" else -inner)
        if token == "(":
            inner = self._sum(depth + 1)
            if inner is None or self._peek() != ")":
                return None
            self.index += 1
            return inner
        return int(token) if token.isdigit() else None


def read_grid(answer: str) -> Grid | None:
    answer = _ROW_BREAK.sub("\n", answer)
    for bracket in "()[]{}":
        answer = answer.replace(bracket, " ")
    rows = [row.strip(" ,") for row in _ROW_SPLIT.split(answer)]
    rows = [row for row in rows if row]
    if not 1 <= len(rows) <= MAX_GRID_SIDE * MAX_GRID_SIDE:
        return None
    grid: list[tuple[Number, ...]] = []
    for row in rows:
        values = [value for value in _VALUE_SPLIT.split(row) if value]
        if not 1 <= len(values) <= MAX_GRID_SIDE * MAX_GRID_SIDE:
            return None
        if not all(_NUMBER.fullmatch(value) for value in values):
            return None
        grid.append(tuple(_number(value) for value in values))
    if len({len(row) for row in grid}) != 1:
        raise _Unreadable(RAGGED_GRID)
    return tuple(grid)


def _number(value: str) -> Number:
    return float(value) if "." in value else int(value)


def read_choice_text(answer_text: str, choices: Sequence[tuple[str, str]]) -> str | None:
    """The letter of the one option whose text is typed, in either language, ignoring case
    and spaces, with or without its letter (`Sigmoid`, `b) sigmoid`) and with or without a
    closing remark in parentheses (`linear` for `linear (no activation)`)."""
    if not isinstance(answer_text, str) or len(answer_text) > MAX_CHARS:
        return None
    typed = _squeezed(answer_text)
    if not typed:
        return None
    matched = {
        letter
        for letter, option in zip(CHOICE_LETTERS, choices, strict=False)
        for shown in option
        for spelling in (shown, _CLOSING_REMARK.sub("", shown))
        if typed in {_squeezed(spelling), *(_squeezed(letter + mark + spelling) for mark in ").:")}
    }
    return matched.pop() if len(matched) == 1 else None


def _squeezed(answer: str) -> str:
    return "".join(unicodedata.normalize("NFKC", answer).casefold().split()).rstrip(".")


def read_choice(answer: str) -> str | None:
    match = _CHOICE.fullmatch(_without_label(answer.lower()))
    if match is None:
        return None
    picked = match.group(1)
    return CHOICE_LETTERS[int(picked) - 1] if picked.isdigit() else picked


_READERS: dict[str, Callable[[str], Answer | None]] = {
    "shape": read_shape,
    "int": read_int,
    "grid": read_grid,
    "choice": read_choice,
}
