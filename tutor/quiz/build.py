"""Turns a generated model (a ModelSpec and what to ask about it) into a Question whose
answer and worked explanation come from the engine's analysis, never from the generator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from random import Random
from typing import Literal

from tutor.engine import ModelResult, ModelSpec, analyze, to_source
from tutor.engine.korean import working
from tutor.engine.source import layer_source
from tutor.quiz.question import Answer, Question, Slot, Text, text
from tutor.quiz.syllabus import model_uses

What = Literal["output_shape", "params", "total_params"]


@dataclass(frozen=True)
class ModelDraft:
    """A model and the question about it: one layer's output shape or parameters (`layer`
    indexes `spec.layers`, which is Keras' `model.layers`), or the model's total."""

    spec: ModelSpec
    what: What
    layer: int | None = None


DraftMaker = Callable[[Random, str], ModelDraft]


def answer_of(result: ModelResult, what: str, layer: int | None) -> Answer:
    """The engine's answer to the ask: the same function grades mistaken recomputations."""
    if what == "total_params":
        return result.total_params
    chosen = result.layers[layer]
    return chosen.output_shape if what == "output_shape" else chosen.params


def model_question(slot: Slot, draft: ModelDraft, hint: Text) -> Question:
    """Analyse the draft (EngineError, or NotTaught when it uses what the slot's lesson
    has not taught, propagates so the caller can draw again) and write the prompt and
    explanation around the engine's numbers."""
    uses = slot.check(model_uses(draft.spec))
    result = analyze(draft.spec)
    return Question(
        id=slot.id,
        topic=slot.topic,
        difficulty=slot.difficulty,
        kind="shape" if draft.what == "output_shape" else "int",
        prompt=_prompt(draft),
        answer=answer_of(result, draft.what, draft.layer),
        explanation=_explanation(draft, result),
        hint=hint,
        model=to_source(draft.spec),
        ask={"what": draft.what, "layer": draft.layer},
        spec=draft.spec,
        uses=uses,
    )


def _prompt(draft: ModelDraft) -> Text:
    if draft.what == "total_params":
        return text(
            "How many parameters does this model have in total (Total params in model.summary())?",
            "이 모델의 전체 파라미터 수(model.summary()의 Total params)는 몇 개인가요?",
        )
    number = draft.layer + 1
    code = f"`{layer_source(draft.spec.layers[draft.layer])}`"
    if draft.what == "params":
        return text(
            f"How many parameters does layer {number} after the Input, {code}, have?",
            f"Input 다음 {number}번째 층 {code}의 파라미터 수는 몇 개인가요?",
        )
    if draft.spec.layers[draft.layer].cls == "Flatten":
        return text(
            f"What is the output shape of layer {number} after the Input, {code}: "
            "how long is the flattened vector?",
            f"Input 다음 {number}번째 층 {code}의 출력 형태는 무엇인가요? "
            "펼친 벡터의 길이는 얼마인가요?",
        )
    return text(
        f"What is the output shape of layer {number} after the Input, {code}?",
        f"Input 다음 {number}번째 층 {code}의 출력 형태(output shape)는 무엇인가요?",
    )


WORDS = {
    "en": {"input": "Input", "answer": "Answer", "total": "total"},
    "ko": {"input": "입력", "answer": "정답", "total": "합계"},
}
"""The working's few words of its own; the formulas are the engine's."""


def _explanation(draft: ModelDraft, result: ModelResult) -> Text:
    return {lang: "\n".join(_working(draft, result, lang)) for lang in ("en", "ko")}


def _working(draft: ModelDraft, result: ModelResult, lang: str) -> list[str]:
    """The shape chain up to the asked layer, then its parameter formula or the sum.

    Only the words change with the language; the formulas are the engine's own lines.
    """
    words = WORDS[lang]
    lines = [f"{words['input']}: {result.input_shape}"]
    last = len(result.layers) - 1 if draft.layer is None else draft.layer
    for index, layer in enumerate(result.layers[: last + 1]):
        source = layer_source(draft.spec.layers[index])
        lines.append(f"{index + 1}. {source} -> {layer.output_shape}")
        if draft.what == "output_shape":
            lines += [f"   {step}" for step in working(layer.shape_derivation, lang) if step]
        if draft.what == "total_params" or (draft.what == "params" and index == last):
            lines += [f"   {step}" for step in working(layer.params_derivation, lang)]
    if draft.what == "total_params":
        terms = " + ".join(f"{layer.params:,}" for layer in result.layers)
        lines.append(f"{words['total']} = {terms} = {result.total_params:,}")
    answer = answer_of(result, draft.what, draft.layer)
    shown = f"{answer:,}" if isinstance(answer, int) else str(answer)
    lines.append(f"{words['answer']}: {shown}")
    return lines
