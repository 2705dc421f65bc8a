"""Concept questions: multiple choice over the curriculum's facts, four options each, the
right one placed by the seed. Items with numbers (a dropout rate, an input size, a value to
scale) draw fresh ones; the rest are fixed facts whose options are reshuffled."""

from __future__ import annotations

from random import Random

from tutor.quiz.concepts import activation, data, images, layers, loss, training
from tutor.quiz.concepts.draft import ConceptDraft, Item
from tutor.quiz.question import CHOICE_LETTERS, Question, Slot

BANK: dict[str, dict[str, tuple[Item, ...]]] = {
    "concept-loss": loss.ITEMS,
    "concept-activation": activation.ITEMS,
    "concept-data": {level: data.ITEMS[level] + images.ITEMS[level] for level in data.ITEMS},
    "concept-layers": layers.ITEMS,
    "concept-training": training.ITEMS,
}


def concept_question(rng: Random, slot: Slot) -> Question:
    draft: ConceptDraft = rng.choice(BANK[slot.topic][slot.difficulty])(rng)
    slot.check(draft.uses)
    options = [draft.right, *rng.sample(draft.wrong, 3)]
    rng.shuffle(options)
    letter = CHOICE_LETTERS[options.index(draft.right)]
    explanation = {
        "en": f"Answer: {letter}) {draft.right[0]}. {draft.why['en']}",
        "ko": f"정답: {letter}) {draft.right[1]}. {draft.why['ko']}",
    }
    return Question(
        id=slot.id,
        topic=slot.topic,
        difficulty=slot.difficulty,
        kind="choice",
        prompt=dict(draft.prompt),
        answer=letter,
        explanation=explanation,
        hint=dict(draft.hint),
        choices=tuple(options),
        uses=draft.uses,
    )
