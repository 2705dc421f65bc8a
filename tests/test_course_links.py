"""The course holds together: lessons point at quiz topics and exercises that exist, every
exercise belongs to a lesson that points back at it, and every model an exercise trains is
one the shape engine (and so `dltutor explain`) can read."""

from __future__ import annotations

import re
import unicodedata

import pytest

from tutor.engine import explain
from tutor.exercises import load_catalogue
from tutor.lessons import load_course
from tutor.quiz import TOPICS

COURSE = load_course()
CATALOGUE = {item.id: item for item in load_catalogue()}
# pima-dnn's input width depends on the data it finds (8 columns, or 30 for the stand-in)
# and conv-by-hand builds no Keras model: the engine has nothing to read in either.
NOT_READABLE = {"pima-dnn", "conv-by-hand"}


def test_every_quiz_topic_of_a_lesson_exists() -> None:
    unknown = {
        (lesson.id, topic)
        for lesson in COURSE.lessons
        for topic in lesson.quiz_topics
        if topic not in TOPICS
    }
    assert not unknown


def test_lessons_and_exercises_point_at_each_other() -> None:
    """A lesson names its main exercise; variants (the four Fashion-MNIST CNNs) name the
    lesson, which offers them all on `e`. No exercise is out of a learner's reach."""
    lessons = {lesson.id: lesson for lesson in COURSE.lessons}
    for lesson in COURSE.lessons:
        if lesson.exercise is not None:
            assert lesson.exercise in CATALOGUE, f"{lesson.id}: no exercise {lesson.exercise}"
            assert CATALOGUE[lesson.exercise].lesson == lesson.id
    for item in CATALOGUE.values():
        assert item.lesson in lessons, f"{item.id}: no lesson {item.lesson}"
        assert lessons[item.lesson].exercise is not None, f"{item.lesson} offers no exercise"


@pytest.mark.parametrize("exercise_id", sorted(set(CATALOGUE) - NOT_READABLE))
def test_the_exercises_model_is_readable_by_the_engine(exercise_id: str) -> None:
    result = explain(CATALOGUE[exercise_id].script.read_text(encoding="utf-8"))
    assert result.layers and result.total_params > 0


def test_every_lesson_is_complete_in_both_languages() -> None:
    """What issue 5 asks of each lesson: both languages, objectives first, key takeaways
    last, and something to do afterwards (an exercise or quiz topics)."""
    headings = {"en": ("## Objectives", "## Key takeaways"), "ko": ("## 학습 목표", "## 핵심 정리")}
    for lesson in COURSE.lessons:
        assert lesson.languages == ("en", "ko"), lesson.id
        assert lesson.exercise or lesson.quiz_topics, f"{lesson.id}: nothing to practise"
        for lang, (first, last) in headings.items():
            sections = [
                line for line in lesson.text(lang).body.splitlines() if line.startswith("## ")
            ]
            assert sections[0] == first and sections[-1] == last, (lesson.id, lang)


HANGUL = re.compile(r"[\uac00-\ud7a3]")
LESSON_IDS = [lesson.id for lesson in COURSE.lessons]


def display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_code_diagrams_and_tables_fit_the_screen(lesson_id: str) -> None:
    """The lesson screen is 80 columns; code, diagrams and tables must fit in 70
    (Hangul counts two columns)."""
    for lang in ("en", "ko"):
        inside = False
        for number, line in enumerate(COURSE.lesson(lesson_id).text(lang).body.splitlines(), 1):
            if line.startswith("```"):
                inside = not inside
                continue
            if inside or line.startswith("|"):
                width = display_width(line)
                assert width <= 70, f"{lesson_id}.{lang} body line {number}: {width} columns"


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_korean_is_korean_and_english_is_not(lesson_id: str) -> None:
    lesson = COURSE.lesson(lesson_id)
    assert HANGUL.search(lesson.text("ko").body), f"{lesson_id}.ko.md has no Hangul"
    found = HANGUL.search(lesson.text("en").body)
    assert not found, f"{lesson_id}.en.md contains Hangul: {found.group()!r}"
