"""The course holds together: lessons point at quiz topics and exercises that exist, every
exercise belongs to a lesson that points back at it, and every model an exercise trains is
one the shape engine (and so `dltutor explain`) can read."""

from __future__ import annotations

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
