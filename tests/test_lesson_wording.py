"""Wording the whole course keeps to: one Korean term per idea, and "In older notes" boxes
that quote only what the notes contain."""

from __future__ import annotations

import re

import pytest

from tests.lesson_text import body
from tutor.lessons import load_course

COURSE = load_course()
LESSON_IDS = [lesson.id for lesson in COURSE.lessons]
OLD_NOTES_BOX = {"en": "**In older notes**", "ko": "**옛 강의 노트에서는**"}

# Code that an "In older notes" box once quoted though the notes do not contain it
# (issue 12.7): such code may be shown as older Keras in general, never as the notes'.
NOT_IN_THE_NOTES = {
    "overfitting-dropout": ["fit_generator"],
    "fashion-cnn": ["fit_generator"],
    "simple-rnn-imdb": ["input_length"],
}


def old_notes_boxes(text: str, lang: str) -> list[str]:
    """Each '> **In older notes** ...' quote block, joined into one line."""
    boxes, current = [], None
    for line in text.splitlines():
        if line.startswith(f"> {OLD_NOTES_BOX[lang]}"):
            current = [line[2:]]
            boxes.append(current)
        elif line.startswith(">") and current is not None:
            current.append(line[1:].strip())
        else:
            current = None
    return [" ".join(box) for box in boxes]


@pytest.mark.parametrize("lesson_id", sorted(NOT_IN_THE_NOTES))
def test_old_notes_boxes_quote_only_the_notes(lesson_id: str) -> None:
    for lang in ("en", "ko"):
        for box in old_notes_boxes(body(lesson_id, lang), lang):
            quoted = [code for code in NOT_IN_THE_NOTES[lesson_id] if code in box]
            assert not quoted, f"{lesson_id}.{lang}: the notes do not contain {quoted}"


def test_old_notes_boxes_are_found() -> None:
    """The box reader sees the boxes it checks (a renamed box would check nothing)."""
    for lang in ("en", "ko"):
        boxes = [box for i in LESSON_IDS for box in old_notes_boxes(body(i, lang), lang)]
        assert len(boxes) >= 20, lang
        assert any(re.search(r"pad_sequences", box) for box in boxes), lang
