"""Seeded question generation: the same (topic, seed, difficulty) always gives the same
questions, and every question of the whole course can be rebuilt from its id. Each question
draws from its own `random.Random`, never the global one, so nothing else in the process can
disturb it.

A lesson's quiz is drawn within the lesson's `Syllabus`: a draw that uses a layer or
argument not yet taught is drawn again, a level with nothing taught falls back to the
nearest other level, and a topic with nothing taught at any level is left out."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from random import Random

from tutor.engine import EngineError
from tutor.quiz.errors import QuizError
from tutor.quiz.question import DIFFICULTIES, NotTaught, Question, Slot
from tutor.quiz.syllabus import Syllabus
from tutor.quiz.topics import TOPICS, Topic, get_topic

MAX_DRAWS = 200
"""Draws per question before giving up. Without a syllabus, reaching this is a bug in a
generator (they rarely make an impossible model); within one, it means the level asks
about what has not been taught yet."""
MAX_QUESTIONS = 1000
"""The most questions one call builds: a drill, not a way to fill a disk."""

_LEVEL_FALLBACK = {
    "easy": ("easy", "medium", "hard"),
    "medium": ("medium", "easy", "hard"),
    "hard": ("hard", "medium", "easy"),
}


def generate(
    topic: str,
    seed: int,
    difficulty: str,
    count: int = 1,
    *,
    taught: frozenset[str] | None = None,
) -> list[Question]:
    """`count` questions of one topic and level; question n has id `topic-seed-level-n`.
    With `taught`, only questions that use nothing else (a QuizError if the level has
    none)."""
    chosen = get_topic(topic)
    _check_difficulty(difficulty)
    _check_count(count)
    questions = []
    for n in range(count):
        question = _draw(chosen, seed, difficulty, n, taught)
        if question is None:
            if taught is None:  # pragma: no cover - a generator bug
                raise RuntimeError(f"{topic}-{seed}-{difficulty}-{n}: no valid model")
            raise QuizError(f"nothing taught yet for {topic} at the {difficulty} level")
        questions.append(question)
    return questions


def _draw(
    topic: Topic, seed: int, difficulty: str, n: int, taught: frozenset[str] | None
) -> Question | None:
    slot = Slot(topic.id, difficulty, f"{topic.id}-{seed}-{difficulty}-{n}", taught)
    rng = Random(f"{topic.id}/{seed}/{difficulty}/{n}")
    for _ in range(MAX_DRAWS):
        try:
            return topic.generator(rng, slot)
        except (EngineError, NotTaught):
            continue  # an impossible model, or one not taught yet: draw again
    return None


def practice_set(
    topics: Iterable[str] | None,
    seed: int,
    count: int,
    difficulty: str | None = None,
    *,
    within: Syllabus | None = None,
) -> list[Question]:
    """The questions of `practice_stream`, all built (for a screen that shows a count)."""
    return list(practice_stream(topics, seed, count, difficulty, within=within))


def practice_stream(
    topics: Iterable[str] | None,
    seed: int,
    count: int,
    difficulty: str | None = None,
    *,
    within: Syllabus | None = None,
) -> Iterator[Question]:
    """A mixed set over `topics`, one question at a time: topics are dealt in a seeded
    order so each comes up evenly; the level is drawn per question unless given.

    `topics` None or empty means all of them, or the syllabus's topics when `within` is
    given. Within a syllabus the questions use only what it has taught; if none of the
    topics can be asked within it (a course whose lessons show no code), they are asked
    without it rather than not at all. Bad arguments raise QuizError here, before the
    first question is built."""
    chosen = list(dict.fromkeys(topics or (within.topics if within else ()))) or list(TOPICS)
    for topic in chosen:
        get_topic(topic)
    if difficulty is not None:
        _check_difficulty(difficulty)
    _check_count(count)
    return _deal(chosen, seed, count, difficulty, within.taught if within else None)


def _deal(
    chosen: list[str],
    seed: int,
    count: int,
    difficulty: str | None,
    taught: frozenset[str] | None,
) -> Iterator[Question]:
    rng = Random(f"practice/{seed}")
    available = list(chosen)
    untaught: set[tuple[str, str]] = set()  # levels found to have nothing taught: skip them
    order: list[str] = []
    dealt = 0
    while dealt < count:
        if not available:  # nothing can be asked within the syllabus: ask without it
            available, taught = list(chosen), None
            untaught.clear()
        if not order:
            order = rng.sample(available, len(available))
        topic = order.pop()
        level = difficulty or rng.choice(DIFFICULTIES)
        topic_seed = rng.randrange(10**9)
        for fallback in _LEVEL_FALLBACK[level] if taught is not None else (level,):
            if (topic, fallback) in untaught:
                continue
            question = _draw(TOPICS[topic], topic_seed, fallback, 0, taught)
            if question is not None:
                dealt += 1
                yield question
                break
            untaught.add((topic, fallback))
        else:
            if taught is None:  # pragma: no cover - a generator bug
                raise RuntimeError(f"{topic}: no valid model in {MAX_DRAWS} draws")
            available.remove(topic)
            order = [left for left in order if left != topic]


def _check_difficulty(difficulty: str) -> None:
    if difficulty not in DIFFICULTIES:
        raise QuizError(
            f"unknown difficulty {difficulty!r}; choose one of {', '.join(DIFFICULTIES)}"
        )


def _check_count(count: int) -> None:
    if count < 0:
        raise QuizError(f"the question count must be 0 or more (got {count})")
    if count > MAX_QUESTIONS:
        raise QuizError(f"at most {MAX_QUESTIONS:,} questions at a time (got {count:,})")


def fresh_seed() -> int:
    """A new seed for each quiz, so every session brings fresh numbers."""
    return int.from_bytes(os.urandom(4), "big")
