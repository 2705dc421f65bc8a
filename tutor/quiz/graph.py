"""Functional-model questions: a model written line by line as a learner writes it
(`x = layers.Conv2D(...)(inputs)`), read back by the engine's parser, and asked about one
line or the whole. The answer and the working come from the engine's analysis of exactly
the source the learner is shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.engine import FunctionalSpec, LayerSpec, ModelResult, Shape, analyze, parse_model
from tutor.engine.korean import working
from tutor.engine.merge import MERGE_RULES
from tutor.engine.source import layer_source, literal
from tutor.quiz.build import WORDS, What, answer_of
from tutor.quiz.question import Question, Slot, Text, text
from tutor.quiz.syllabus import model_uses

HEADER = ("import keras", "from keras import layers", "")


@dataclass
class GraphWriter:
    """Collects the lines of a functional model; each call returns its line number in the
    finished source, which is how a question names the layer it asks about."""

    lines: list[str] = field(default_factory=lambda: list(HEADER))

    def input(self, name: str, shape: Shape) -> str:
        """`name = keras.Input(...)`, named so that the working says which input feeds a
        layer in the learner's words ("from: inputs") rather than Keras' input_layer_1."""
        self.lines.append(f"{name} = keras.Input(shape={literal(shape)}, name={literal(name)})")
        return name

    def call(self, target: str, layer: LayerSpec, *tensors: str) -> int:
        """`target = layers.X(...)(tensor)`; with several tensors, or for a merge layer,
        they are passed as a list."""
        merge = len(tensors) > 1 or layer.cls in MERGE_RULES
        given = f"[{', '.join(tensors)}]" if merge else tensors[0]
        self.lines.append(f"{target} = {layer_source(layer)}({given})")
        return len(self.lines)

    def source(self, inputs: list[str], output: str) -> str:
        given = inputs[0] if len(inputs) == 1 else f"[{', '.join(inputs)}]"
        return "\n".join([*self.lines, f"model = keras.Model({given}, {output})"]) + "\n"

    def code(self, line: int) -> str:
        return self.lines[line - 1]


@dataclass(frozen=True)
class GraphDraft:
    """A functional model's source and the question about it: the output shape or the
    parameters of the layer made on `line`, or the model's total."""

    source: str
    what: What
    line: int | None = None


def graph_question(slot: Slot, draft: GraphDraft, hint: Text) -> Question:
    """Parse and analyse the draft (EngineError or NotTaught propagate so the caller can
    draw again) and write the prompt and working around the engine's numbers."""
    spec = parse_model(draft.source)
    assert isinstance(spec, FunctionalSpec), "a graph draft builds a functional model"
    uses = slot.check(model_uses(spec))
    result = analyze(spec)
    index = None if draft.line is None else _row(result, draft.line)
    code = None if draft.line is None else draft.source.splitlines()[draft.line - 1]
    return Question(
        id=slot.id,
        topic=slot.topic,
        difficulty=slot.difficulty,
        kind="shape" if draft.what == "output_shape" else "int",
        prompt=_prompt(draft, code),
        answer=answer_of(result, draft.what, index),
        explanation=_explanation(draft, result, index),
        hint=hint,
        model=draft.source,
        ask={"what": draft.what, "layer": index},
        spec=spec,
        uses=uses,
    )


def _row(result: ModelResult, line: int) -> int:
    [index] = [i for i, layer in enumerate(result.layers) if layer.line == line]
    return index


def _prompt(draft: GraphDraft, code: str | None) -> Text:
    if draft.what == "total_params":
        return text(
            "How many parameters does this model have in total (Total params in "
            "model.summary())?",
            "이 모델의 전체 파라미터 수(model.summary()의 Total params)는 몇 개인가요?",
        )
    if draft.what == "params":
        return text(
            f"How many parameters does the layer of line {draft.line}, `{code}`, have?",
            f"{draft.line}번째 줄 `{code}` 층의 파라미터 수는 몇 개인가요?",
        )
    return text(
        f"What is the output shape of line {draft.line}, `{code}`?",
        f"{draft.line}번째 줄 `{code}`의 출력 형태(output shape)는 무엇인가요?",
    )


def _explanation(draft: GraphDraft, result: ModelResult, index: int | None) -> Text:
    return {lang: "\n".join(_working(draft, result, index, lang)) for lang in ("en", "ko")}


def _working(draft: GraphDraft, result: ModelResult, index: int | None, lang: str) -> list[str]:
    """The rows in `model.summary()` order up to the asked one, each as its line of code
    (which names the tensors it reads) with the engine's own formulas; the words change
    with the language."""
    words = WORDS[lang]
    lines: list[str] = []
    source = draft.source.splitlines()
    last = len(result.layers) - 1 if index is None else index
    for number, layer in enumerate(result.layers[: last + 1], 1):
        if layer.cls == "InputLayer":
            lines.append(f"{number}. {words['input']} {layer.name}: {layer.output_shape}")
            continue
        code = source[layer.line - 1].strip()
        lines.append(f"{number}. {code} -> {layer.output_shape}")
        steps: list[str] = []
        if draft.what == "output_shape":
            steps += working(layer.shape_derivation, lang)
        if draft.what == "total_params" or (draft.what == "params" and number == last + 1):
            steps += working(layer.params_derivation, lang)
        lines += [f"   {step}" for step in steps if step]
    if draft.what == "total_params":
        terms = " + ".join(f"{layer.params:,}" for layer in result.layers if layer.params)
        lines.append(f"{words['total']} = {terms} = {result.total_params:,}")
    answer = answer_of(result, draft.what, index)
    shown = f"{answer:,}" if isinstance(answer, int) else str(answer)
    lines.append(f"{words['answer']}: {shown}")
    return lines
