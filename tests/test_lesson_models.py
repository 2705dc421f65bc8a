"""Every Keras model in a lesson's code is run through the engine, and every shape or
parameter count the lesson states about it must be what Keras would say.

Lessons state them as annotations in their ```python blocks, identical in both languages:

    layers.Conv2D(32, 3, activation="relu"),  # -> (None, 26, 26, 32), 320 params
    # Total params: 1,199,882
"""

from __future__ import annotations

import re

import pytest

from tutor.engine import ParseError, explain
from tutor.lessons import load_course

CODE_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
LAYER_NOTE = re.compile(r"#\s*->\s*(\([^)]*\))(?:,\s*([\d,]+)\s*params?)?")
TOTAL_NOTE = re.compile(r"#\s*Total params:\s*([\d,]+)")


def _model_blocks() -> list[tuple[str, str]]:
    """(where, source) for every python block that builds a Sequential or functional
    model."""
    blocks = []
    for lesson in load_course().lessons:
        for lang in lesson.languages:
            body = lesson.text(lang).body
            for index, match in enumerate(CODE_BLOCK.finditer(body), 1):
                if "Sequential" in match.group(1) or "keras.Model(" in match.group(1):
                    blocks.append((f"{lesson.id}.{lang} block {index}", match.group(1)))
    return blocks


MODEL_BLOCKS = _model_blocks()


def _shape(text: str) -> tuple[int | None, ...]:
    values = [v.strip() for v in text.strip("()").split(",") if v.strip()]
    return tuple(None if v == "None" else int(v) for v in values)


def test_the_course_has_annotated_models() -> None:
    annotated = [src for _, src in MODEL_BLOCKS if LAYER_NOTE.search(src)]
    assert len(annotated) >= 1


@pytest.mark.parametrize(("where", "source"), MODEL_BLOCKS, ids=[w for w, _ in MODEL_BLOCKS])
def test_stated_shapes_and_counts_match_the_engine(where: str, source: str) -> None:
    try:
        result = explain(source)
    except ParseError as error:
        pytest.fail(f"{where}: the model does not parse: {error}")
    by_line = {layer.line: layer for layer in result.layers}
    for number, line in enumerate(source.splitlines(), 1):
        note = LAYER_NOTE.search(line)
        if note:
            layer = by_line.get(number)
            assert layer is not None, f"{where} line {number}: annotation on a non-layer line"
            assert layer.output_shape == _shape(note.group(1)), f"{where} line {number}"
            if note.group(2):
                assert layer.params == int(note.group(2).replace(",", "")), f"{where} {number}"
        total = TOTAL_NOTE.search(line)
        if total:
            assert result.total_params == int(total.group(1).replace(",", "")), where


def test_both_languages_state_the_same_numbers() -> None:
    """The Korean lesson shows the same models with the same annotations."""
    for lesson in load_course().lessons:
        if set(lesson.languages) != {"en", "ko"}:
            continue
        notes = {
            lang: [
                m.group(0)
                for block in CODE_BLOCK.findall(lesson.text(lang).body)
                for m in (*LAYER_NOTE.finditer(block), *TOTAL_NOTE.finditer(block))
            ]
            for lang in ("en", "ko")
        }
        assert notes["en"] == notes["ko"], lesson.id


FUNCTIONAL_BLOCKS = [(where, src) for where, src in MODEL_BLOCKS if "keras.Model(" in src]


def test_the_course_has_functional_models() -> None:
    assert {where.split(".")[0] for where, _ in FUNCTIONAL_BLOCKS} >= {"functional-resnet"}


@pytest.mark.parametrize(
    ("where", "source"), FUNCTIONAL_BLOCKS, ids=[w for w, _ in FUNCTIONAL_BLOCKS]
)
def test_functional_models_are_what_keras_builds(where: str, source: str) -> None:
    """Keras 3 itself builds each functional model of the course: its model.layers, in
    order, have the names, classes, output shapes and counts the engine (and so the
    lesson's annotations) gives."""
    import keras  # here, not at the top: the other tests need no TensorFlow

    keras.backend.clear_session(free_memory=False)
    namespace: dict[str, object] = {}
    exec(source, namespace)  # trusted: the course's own lesson code
    model = namespace["model"]
    built = [
        (layer.name, type(layer).__name__, tuple(layer.output.shape), layer.count_params())
        for layer in model.layers
    ]
    result = explain(source)
    assert [(r.name, r.cls, r.output_shape, r.params) for r in result.layers] == built, where
    assert result.total_params == model.count_params(), where
