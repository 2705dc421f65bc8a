"""Grading one answer: right, wrong (with the worked derivation, and the slip when a known
mistaken rule gives exactly the learner's answer), or unreadable (with what to type; an
answer that cannot be read is never counted wrong)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tutor.quiz.answers import read_answer, read_choice_text, wrong_grid_size
from tutor.quiz.question import Answer, Grid, Question, Text, format_answer
from tutor.quiz.slips import SLIPS, Slip, mistaken_answer

Status = Literal["right", "wrong", "unreadable"]


@dataclass(frozen=True)
class Feedback:
    """What the UI shows after an answer. `explanation` is the worked derivation (None for
    unreadable text, so that a typo does not give the answer away); `slip` is set only on
    a wrong answer that a known slip explains exactly; `expected` is the right answer as
    text (None for unreadable)."""

    status: Status
    message: Text
    explanation: Text | None = None
    slip: Slip | None = None
    expected: str | None = None


def grade(question: Question, answer_text: str) -> Feedback:
    readings = _readings(question, answer_text)
    if not readings:
        return Feedback("unreadable", read_answer(answer_text, question.kind).form)
    if _wrong_size(question, readings):
        typed = (len(readings[0]), len(readings[0][0]))
        rows, cols = len(question.answer), len(question.answer[0])
        return Feedback("unreadable", wrong_grid_size(rows, cols, typed))
    expected = {lang: format_answer(question, lang) for lang in ("en", "ko")}
    if any(matches(question, value, question.answer) for value in readings):
        return Feedback(
            "right",
            {"en": "Right!", "ko": "정답입니다!"},
            question.explanation,
            expected=expected["en"],
        )
    return Feedback(
        "wrong",
        {
            "en": f"Not quite: the answer is {expected['en']}.",
            "ko": f"아쉽지만 틀렸습니다. 정답은 {expected['ko']}입니다.",
        },
        question.explanation,
        slip=find_slip(question, readings),
        expected=expected["en"],
    )


def _readings(question: Question, answer_text: str) -> list[Answer]:
    """What the text can mean. A one-number shape (a Flatten length) is also read as a
    number, so `1,152` and `6*6*32` count as 1152 rather than as shapes. An option's
    text counts as its letter, before a number is taken for an option's position."""
    if question.kind == "choice":
        letter = read_choice_text(answer_text, question.choices)
        if letter is not None:
            return [letter]
    values = []
    reading = read_answer(answer_text, question.kind)
    if reading.ok:
        values.append(reading.value)
    if question.kind == "shape" and len(_without_batch(question.answer)) == 1:
        number = read_answer(answer_text, "int")
        if number.ok:
            values.append((number.value,))
    return values


def find_slip(question: Question, readings: list[Answer]) -> Slip | None:
    """The first known slip whose mistaken answer is what the learner typed."""
    for slip in SLIPS:
        wrong = mistaken_answer(question, slip)
        if wrong is None or matches(question, wrong, question.answer):
            continue
        if any(matches(question, value, wrong) for value in readings):
            return slip
    return None


def matches(question: Question, value: Answer, expected: Answer) -> bool:
    """Equal as answers: shapes ignore a leading None (the batch axis), grids compare by
    value (13 == 13.0) and accept all numbers typed on one line."""
    if question.kind == "shape":
        return _without_batch(value) == _without_batch(expected)
    if question.kind == "grid":
        return _same_grid(value, expected)
    return value == expected


def _without_batch(shape: Answer) -> tuple:
    return tuple(shape[1:]) if shape and shape[0] is None else tuple(shape)


def _wrong_size(question: Question, readings: list[Answer]) -> bool:
    """A grid whose rows and columns are not the answer's (all numbers on one line are
    fine): refused as a typing slip, unless a known slip gives exactly that grid (stride
    1 instead of 2 makes a bigger one), which is an answer worth naming."""
    if question.kind != "grid":
        return False
    rows, cols = len(question.answer), len(question.answer[0])
    typed = (len(readings[0]), len(readings[0][0]))
    return typed not in ((rows, cols), (1, rows * cols)) and find_slip(question, readings) is None


def _same_grid(value: Grid, expected: Grid) -> bool:
    rows, cols = len(expected), len(expected[0])
    if len(value) == 1 and len(value[0]) == rows * cols and rows > 1:
        flat = value[0]
        value = tuple(flat[r * cols : (r + 1) * cols] for r in range(rows))
    if len(value) != rows or any(len(row) != cols for row in value):
        return False
    return all(
        abs(a - b) < 1e-9
        for row, want in zip(value, expected, strict=True)
        for a, b in zip(row, want, strict=True)
    )
