"""Wording the whole course keeps to: one Korean term per idea, and "In older notes" boxes
that quote only what the notes contain."""

from __future__ import annotations

import re

import pytest

from tests.lesson_text import body
from tutor.glossary import load_glossary
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


# One Korean term per idea (issue 10.11): each forbidden variant, and the term to use.
FORBIDDEN_KOREAN = {
    "크로스 엔트로피": "교차 엔트로피",
    "크로스엔트로피": "교차 엔트로피",
    "엣지": "경계선 (an edge in an image)",
    "에지": "경계선 (an edge in an image)",
    "모서리 검출": "경계선 검출 (모서리 is a corner)",
    "꼭짓점": "모서리 (a corner)",
    "구석": "모서리 (a corner)",
    "양성 종양": "악성이 아닌 종양 (양성 is the positive class)",
}
# A Korean term and the English word its lesson must use for the same idea.
KOREAN_FOR_ENGLISH = {
    "모서리": "corner",
    "경계선": "edge",
    "양성": "positive",
    "악성이 아닌": "benign",
}


def korean_texts() -> list[tuple[str, str]]:
    """(where, text) for every Korean lesson and every Korean glossary entry."""
    texts = [(f"{lesson.id}.ko.md", lesson.text("ko").body) for lesson in COURSE.lessons]
    for term in load_glossary():
        texts.append((f"glossary: {term.en}", f"{term.ko} {term.meaning['ko']}"))
    return texts


def word(term: str) -> re.Pattern[str]:
    """The term where it starts a word: 양성 but not the 양성 inside 다양성."""
    return re.compile(rf"(?<![\uac00-\ud7a3]){re.escape(term)}")


def test_no_forbidden_korean_variant() -> None:
    found = [
        f"{where}: '{variant}' (write {FORBIDDEN_KOREAN[variant]})"
        for where, text in korean_texts()
        for variant in FORBIDDEN_KOREAN
        if word(variant).search(" ".join(text.split()))
    ]
    assert not found, found


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_a_korean_term_means_what_the_english_lesson_says(lesson_id: str) -> None:
    """모서리 is only ever a corner, 경계선 an edge, 양성 the positive class: where the Korean
    lesson uses the term, its English twin names that idea."""
    korean, english = body(lesson_id, "ko"), body(lesson_id, "en").lower()
    for term, english_word in KOREAN_FOR_ENGLISH.items():
        if word(term).search(korean):
            assert english_word in english, f"{lesson_id}: {term} without '{english_word}'"
    if "benign" in english:  # never 양성, which is the positive class
        assert "악성이 아닌" in korean, f"{lesson_id}: benign is 악성이 아닌 in Korean"


def test_the_glossary_gives_the_chosen_terms() -> None:
    korean = {term.en: term.ko for term in load_glossary()}
    assert korean["cross-entropy"] == "교차 엔트로피"
    assert korean["edge (in an image)"] == "경계선"
    assert korean["positive class"] == "양성 클래스"
