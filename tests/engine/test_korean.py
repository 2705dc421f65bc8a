"""The engine's working in Korean: every rule's phrases translated, every formula, number,
shape and Keras argument left as it was."""

from __future__ import annotations

import re

import pytest

from tutor.engine import analyze, explain_text, parse_model
from tutor.engine.korean import in_korean
from tutor.quiz.generate import generate
from tutor.quiz.question import DIFFICULTIES
from tutor.quiz.topics import TOPICS

# (input shape, layer) pairs that between them reach every phrase of every rule.
LAYERS = [
    ((8,), "layers.Dense(12)"),
    ((8,), "layers.Dense(12, use_bias=False)"),
    ((8,), "layers.Dense(12, trainable=False)"),
    ((20,), "layers.Embedding(1000, 16)"),
    ((4, 5), "layers.Flatten()"),
    ((7,), "layers.Flatten()"),
    ((1,), "layers.Flatten()"),
    ((None, 5), "layers.Flatten()"),
    ((8,), "layers.Dropout(0.25)"),
    ((8,), "layers.Activation('relu')"),
    ((8, 8, 3), "layers.RandomFlip()"),
    ((8, 8, 3), "layers.Rescaling(1 / 255)"),
    ((8,), "layers.BatchNormalization()"),
    ((8,), "layers.BatchNormalization(scale=False, center=False)"),
    ((12,), "layers.Reshape((3, -1))"),
    ((12,), "layers.Reshape((3, 4))"),
    ((None, 4), "layers.Reshape((-1, 2))"),
    ((28, 28, 1), "layers.Conv2D(8, 3)"),
    ((28, 28, 1), "layers.Conv2D(8, 3, padding='same', use_bias=False)"),
    ((28, 28, 1), "layers.Conv2D(8, 3, dilation_rate=2)"),
    ((None, 28, 1), "layers.Conv2D(8, 3)"),
    ((100, 4), "layers.Conv1D(8, 5, padding='causal')"),
    ((28, 28, 4), "layers.MaxPooling2D(2)"),
    ((28, 28, 4), "layers.AveragePooling2D(3, strides=2, padding='same')"),
    ((28, 28, 4), "layers.GlobalAveragePooling2D()"),
    ((28, 28, 4), "layers.GlobalMaxPooling2D(keepdims=True)"),
    ((30, 8), "layers.SimpleRNN(16)"),
    ((30, 8), "layers.LSTM(16, return_sequences=True)"),
    ((30, 8), "layers.GRU(16, use_bias=False)"),
    ((30, 8), "layers.Bidirectional(layers.LSTM(16))"),
    ((30, 8), "layers.Bidirectional(layers.GRU(16, use_bias=False), merge_mode='sum')"),
]

# Words that are not English prose: formulas, Keras names and arguments, values.
KEPT = {
    "params", "floor", "ceil", "None", "OH", "OW", "OL", "concat", "sum", "mul", "ave",
    "return_sequences", "True", "False", "trainable", "keepdims", "Dropout", "gamma", "beta",
    "scale", "offset", "causal",
}  # fmt: skip


def english_words(text: str) -> set[str]:
    return {word for word in re.findall(r"[A-Za-z_]{2,}", text) if word not in KEPT}


def working_lines(input_shape: tuple, layer: str) -> list[str]:
    source = f"model = keras.Sequential([keras.Input(shape={input_shape!r}), {layer}])"
    (result,) = analyze(parse_model(source)).layers
    return [*result.shape_derivation.splitlines(), result.params_derivation]


@pytest.mark.parametrize(("input_shape", "layer"), LAYERS, ids=[layer for _, layer in LAYERS])
def test_every_rules_working_reads_in_korean(input_shape: tuple, layer: str) -> None:
    for line in working_lines(input_shape, layer):
        korean = in_korean(line)
        assert english_words(korean) == set(), (line, korean)
        assert re.findall(r"\d+", korean) == re.findall(r"\d+", line)  # same numbers, same order


@pytest.mark.parametrize("topic", list(TOPICS))
def test_every_quiz_explanation_reads_in_korean(topic: str) -> None:
    """The worked lines under each layer (indented three spaces) of generated questions."""
    for level in DIFFICULTIES:
        for seed in range(12):
            (question,) = generate(topic, seed, level)
            for line in question.explanation["ko"].splitlines():
                if line.startswith("   "):
                    assert english_words(line) == set(), line


def test_the_words_change_and_the_formulas_do_not() -> None:
    lines = working_lines((8,), "layers.Dense(12, use_bias=False)")
    assert [in_korean(line) for line in lines] == [
        "마지막 축 8 -> 유닛 12: (None, 8) -> (None, 12)",
        "params = 8*12 = 96 (편향 없음)",
    ]
    (shape_line,) = working_lines((30, 8), "layers.Bidirectional(layers.LSTM(16))")[:1]
    assert in_korean(shape_line) == "concat: 정방향 16 + 역방향 16 = 특성 32개"


def test_explain_shows_korean_working_under_the_usual_table() -> None:
    source = "model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(12)])"
    korean = explain_text(source, "ko")
    assert "마지막 축 8 -> 유닛 12" in korean and "Total params: 108" in korean
    assert "last axis" in explain_text(source)
