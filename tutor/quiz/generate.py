"""Seeded question generation: the same (topic, seed, difficulty) always gives the same
questions, and every question can be rebuilt from its id. Each question draws from its own
`random.Random`, never the global one, so nothing else in the process can disturb it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from random import Random

from tutor.engine import EngineError
from tutor.quiz.errors import QuizError
from tutor.quiz.question import DIFFICULTIES, Question, Slot
from tutor.quiz.topics import TOPICS, get_topic

MAX_DRAWS = 200
"""Draws per question before giving up; generators rarely make an impossible model, so
reaching this is a bug in a generator, not bad luck."""


def generate(topic: str, seed: int, difficulty: str, count: int = 1) -> list[Question]:
    """`count` questions of one topic and level; question n has id `topic-seed-level-n`."""
    chosen = get_topic(topic)
    _check_difficulty(difficulty)
    if count < 0:
        raise QuizError(f"the question count must be 0 or more (got {count})")
    questions = []
    for n in range(count):
        slot = Slot(topic, difficulty, f"{topic}-{seed}-{difficulty}-{n}")
        rng = Random(f"{topic}/{seed}/{difficulty}/{n}")
        for _ in range(MAX_DRAWS):
            try:
                questions.append(chosen.generator(rng, slot))
                break
            except EngineError:
                continue  # an impossible model: draw again from the same stream
        else:  # pragma: no cover - a generator bug
            raise RuntimeError(f"{slot.id}: no valid model in {MAX_DRAWS} draws")
    return questions


def practice_set(
    topics: Iterable[str] | None, seed: int, count: int, difficulty: str | None = None
) -> list[Question]:
    """A mixed set over `topics` (all of them when None or empty): topics are dealt in a
    seeded order so each comes up evenly; the level is drawn per question unless given."""
    chosen = list(dict.fromkeys(topics or ())) or list(TOPICS)
    for topic in chosen:
        get_topic(topic)
    if difficulty is not None:
        _check_difficulty(difficulty)
    if count < 0:
        raise QuizError(f"the question count must be 0 or more (got {count})")
    rng = Random(f"practice/{seed}")
    questions = []
    order: list[str] = []
    for _ in range(count):
        if not order:
            order = rng.sample(chosen, len(chosen))
        topic = order.pop()
        level = difficulty or rng.choice(DIFFICULTIES)
        questions += generate(topic, rng.randrange(10**9), level)
    return questions


def _check_difficulty(difficulty: str) -> None:
    if difficulty not in DIFFICULTIES:
        raise QuizError(
            f"unknown difficulty {difficulty!r}; choose one of {', '.join(DIFFICULTIES)}"
        )


def fresh_seed() -> int:
    """A new seed for each quiz, so every session brings fresh numbers."""
    return int.from_bytes(os.urandom(4), "big")
