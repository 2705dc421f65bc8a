"""Lesson order: a lesson's quiz, and Practice until the course is done, ask only about
layers and arguments the course has taught by then, as the lessons' own code shows them."""

from __future__ import annotations

import dataclasses
import re
from types import SimpleNamespace

import pytest

from tutor.engine.catalog import POSITIONAL
from tutor.lessons import load_course
from tutor.quiz import (
    TOPICS,
    Question,
    QuizError,
    Syllabus,
    generate,
    practice_scope,
    practice_set,
    practice_stream,
    syllabus,
)
from tutor.quiz.syllabus import taught_in

COURSE = load_course()
SEEDS = range(40)
ORDINARY_WORDS = {
    "Activation", "Add", "Average", "Dot", "ELU", "Identity", "Maximum", "Minimum",
    "Multiply", "ReLU", "Softmax", "Subtract",
}  # fmt: skip
"""Layer classes that are also words of the prose (ReLU and softmax the activations, 'Add
up the parameters'): they name the layer only as code, `layers.Softmax(`."""
LAYER_NAME = re.compile(
    rf"\b({'|'.join(sorted(set(POSITIONAL) - ORDINARY_WORDS, key=len, reverse=True))})\b"
    rf"|\blayers\.({'|'.join(sorted(ORDINARY_WORDS & set(POSITIONAL)))})\("
)


def shown_text(question: Question) -> str:
    """Everything the learner reads about a question except the topic's fixed hint."""
    options = [option for pair in question.choices for option in pair]
    texts = [*question.prompt.values(), *question.explanation.values(), *options]
    return "\n".join([*texts, question.model or ""])


def layers_named(question: Question) -> set[str]:
    return {word or call for word, call in LAYER_NAME.findall(shown_text(question))}


def lesson_quiz(lesson_id: str, seed: int, count: int = 10) -> list[Question]:
    lesson = COURSE.lesson(lesson_id)
    return practice_set(lesson.quiz_topics, seed, count, within=syllabus(COURSE, lesson_id))


def test_lesson_2_2_never_asks_about_conv_or_recurrent_layers() -> None:
    """The report: 12 of 30 medium questions for lesson 2.2's topics used Conv2D."""
    questions = [q for seed in SEEDS for q in lesson_quiz("dense-layers", seed)]
    named = set().union(*(layers_named(q) for q in questions))
    assert named & {"Conv2D", "LSTM", "GRU", "Embedding", "SimpleRNN", "MaxPooling2D"} == set()
    assert {q.topic for q in questions} == {"dense-params", "model-total-params"}
    assert {q.difficulty for q in questions} >= {"easy", "medium"}


def test_lesson_3_1_never_shows_a_conv2d() -> None:
    """The report: lesson 3.1 (Pima) asked about a Conv2D -> MaxPooling -> Flatten model."""
    for seed in SEEDS:
        for question in lesson_quiz("pima", seed):
            assert "Conv2D" not in shown_text(question), question.id


def test_every_lesson_asks_all_its_topics_within_what_it_has_taught() -> None:
    """For the whole course: what a question uses and every layer its text names have been
    taught by its lesson, and no topic of a lesson is left out."""
    for lesson in COURSE.lessons:
        taught = syllabus(COURSE, lesson.id).taught
        questions = [q for seed in range(12) for q in lesson_quiz(lesson.id, seed, 6)]
        assert {q.topic for q in questions} == set(lesson.quiz_topics), lesson.id
        for question in questions:
            assert question.uses <= taught, (lesson.id, question.id, question.uses - taught)
            assert layers_named(question) <= taught, (lesson.id, question.id)


def test_every_question_declares_the_layers_it_names(every_question: list[Question]) -> None:
    """What keeps lesson order honest for concept items and grids, whose `uses` are
    written by hand: every layer class a question's text names is in its `uses`."""
    for question in every_question:
        assert layers_named(question) <= question.uses, (question.id, question.uses)


def test_a_lesson_teaches_the_layers_its_code_calls_and_the_arguments_it_sets() -> None:
    neuron, padding = COURSE.lesson("neuron"), COURSE.lesson("padding-and-stride")
    assert "Dense" in taught_in(neuron) and "Conv2D" not in taught_in(neuron)
    assert {"Conv2D", "padding", "strides"} <= taught_in(padding)
    early, late = syllabus(COURSE, "dense-layers"), syllabus(COURSE, "lstm-reuters")
    assert early.taught < late.taught
    assert early.topics[-2:] == ("dense-params", "model-total-params")
    assert set(early.topics) < set(late.topics)


def test_a_level_with_nothing_taught_falls_back_to_one_that_has() -> None:
    """Lesson 5.1 teaches SimpleRNN only: its medium and hard recurrent-shape questions
    need an Embedding, so a 'hard' quiz there is asked at the easy level."""
    within = syllabus(COURSE, "recurrence")
    questions = practice_set(["rnn-output-shape"], 3, 8, "hard", within=within)
    assert len(questions) == 8 and {q.difficulty for q in questions} == {"easy"}
    assert all(q.uses <= within.taught for q in questions)
    with pytest.raises(QuizError, match="nothing taught yet"):
        generate("rnn-output-shape", 3, "hard", taught=within.taught)


def test_a_topic_with_nothing_taught_is_left_out_and_a_course_without_code_still_quizzes(
) -> None:
    early = syllabus(COURSE, "five-steps")
    questions = practice_set(["rnn-params", "concept-loss"], 5, 6, within=early)
    assert {q.topic for q in questions} == {"concept-loss"}
    bare = Syllabus(("dense-params",), frozenset())  # lessons that show no Keras code
    assert [q.topic for q in practice_set(None, 5, 3, within=bare)] == ["dense-params"] * 3


def test_practice_reaches_the_furthest_lesson_opened_and_everything_once_finished() -> None:
    lessons = COURSE.lessons
    first = practice_scope(COURSE, {})
    assert first == syllabus(COURSE, lessons[0].id)
    opened = {lessons[0].id: SimpleNamespace(finished=True)}
    opened["pima"] = SimpleNamespace(finished=False)
    assert practice_scope(COURSE, opened) == syllabus(COURSE, "pima")
    done = {lesson.id: SimpleNamespace(finished=True) for lesson in lessons}
    assert practice_scope(COURSE, done) is None
    widened = {q.topic for seed in range(4) for q in practice_set(None, seed, 16)}
    assert widened == set(TOPICS)


def test_the_stream_builds_each_question_when_asked_for_it(monkeypatch) -> None:
    """`dltutor quiz` prints questions as they are built, not after building them all."""
    built: list[str] = []
    original = TOPICS["concept-loss"]

    def counting(rng, slot):  # type: ignore[no-untyped-def]
        built.append(slot.id)
        return original.generator(rng, slot)

    monkeypatch.setitem(TOPICS, "concept-loss", dataclasses.replace(original, generator=counting))
    stream = practice_stream(["concept-loss"], 1, 1000)
    assert built == []
    next(stream), next(stream)
    assert len(built) == 2


@pytest.mark.parametrize("count", [1001, 10**9])
def test_too_many_questions_is_refused_before_any_is_built(count: int) -> None:
    with pytest.raises(QuizError, match="at most 1,000 questions"):
        practice_stream(None, 1, count)
    with pytest.raises(QuizError, match="at most 1,000 questions"):
        generate("dense-params", 1, "easy", count)


def test_merges_and_residual_blocks_are_asked_from_the_functional_lesson_on() -> None:
    """Lesson 4.11 teaches the merge layers (the element-wise ones as `layers.Average()`
    in its prose) and BatchNormalization: its quiz asks both new topics, the 'which merge'
    choice among them, and the lesson before it asks neither."""
    within = syllabus(COURSE, "functional-resnet")
    assert {"Add", "Concatenate", "Average", "Subtract", "BatchNormalization"} <= within.taught
    questions = [q for seed in range(20) for q in lesson_quiz("functional-resnet", seed, 6)]
    assert {q.topic for q in questions} == {"merge-shape", "residual-params"}
    assert {q.kind for q in questions} == {"shape", "int", "choice"}
    before = syllabus(COURSE, "cnn-history")
    assert not {"merge-shape", "residual-params"} & set(before.topics)
    assert "Add" not in before.taught and "BatchNormalization" not in before.taught


def _asked(lesson_id: str, topic: str) -> list[str]:
    return [
        q.prompt["en"]
        for seed in range(30)
        for q in lesson_quiz(lesson_id, seed, 8)
        if q.topic == topic
    ]


def test_training_and_image_questions_wait_for_the_lessons_that_teach_them() -> None:
    """Lesson 2.3 asks about gradient descent and SVMs, early stopping waits for lesson 3.6
    (the first to set patience=); the batch shape of images comes with lesson 4.1 (the
    first Conv2D), image_dataset_from_directory with lesson 4.8 (label_mode=)."""
    learning = _asked("how-networks-learn", "concept-training")
    assert any("gradient" in p for p in learning) and any("SVM" in p for p in learning)
    assert not any("EarlyStopping" in p for p in learning)
    assert any("EarlyStopping" in p for p in _asked("overfitting-dropout", "concept-training"))
    data = _asked("why-convolution", "concept-data")
    assert any("RGB images" in p for p in data)
    assert not any("image_dataset_from_directory" in p for p in data)
    assert not any("RGB images" in p for p in _asked("preparing-data", "concept-data"))
    loading = _asked("shapes-cnn", "concept-data")
    assert any("image_dataset_from_directory" in p for p in loading)
