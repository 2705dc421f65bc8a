"""Helpers for the quiz tests: every generated question, and questions built by hand from
model source (the crafted cases that slips and grading are checked on)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from tutor.engine import parse_model
from tutor.quiz import DIFFICULTIES, TOPICS, Question, generate
from tutor.quiz.build import ModelDraft, model_question
from tutor.quiz.graph import GraphDraft, graph_question
from tutor.quiz.question import Slot, text

SEEDS = range(50)

ModelQuestion = Callable[..., Question]


def build_model_question(source: str, what: str, layer: int | None = None) -> Question:
    """A question about the model in `source` (a Sequential written as a learner would)."""
    spec = parse_model(textwrap.dedent(source))
    slot = Slot("crafted", "easy", "crafted-0")
    return model_question(slot, ModelDraft(spec, what, layer), text("hint", "힌트"))


def build_graph_question(source: str, what: str, line_with: str | None = None) -> Question:
    """A question about the functional model in `source`: the output shape or parameters
    of the layer on the first line containing `line_with`, or the total."""
    source = textwrap.dedent(source).lstrip()
    lines = source.splitlines()
    line = None if line_with is None else 1 + next(
        n for n, code in enumerate(lines) if line_with in code
    )
    slot = Slot("crafted", "easy", "crafted-0")
    return graph_question(slot, GraphDraft(source, what, line), text("hint", "힌트"))


@pytest.fixture
def model_question_for() -> ModelQuestion:
    return build_model_question


@pytest.fixture
def graph_question_for() -> ModelQuestion:
    return build_graph_question


@pytest.fixture(scope="session")
def every_question() -> list[Question]:
    """Every topic at every level for 50 seeds (2,400 questions, about a quarter second)."""
    return [
        question
        for topic in TOPICS
        for difficulty in DIFFICULTIES
        for seed in SEEDS
        for question in generate(topic, seed, difficulty)
    ]
