"""The engine in Korean: every rule's working, note and error translated, every formula,
number, shape and Keras name left as it was."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from tutor.engine import EngineError, ParseError, analyze, explain, explain_text, parse_model
from tutor.engine.catalog import INPUT_POSITIONAL, POSITIONAL, REFUSED
from tutor.engine.korean import in_korean
from tutor.engine.phrasebook import PHRASES
from tutor.quiz.generate import generate
from tutor.quiz.question import DIFFICULTIES
from tutor.quiz.topics import TOPICS

from .test_layers import KERAS

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
    *((shape, layer) for shape, layer, *_ in KERAS),
]

# Words that are not English prose: formulas, Keras names and arguments, values.
KEPT = {
    "params", "floor", "ceil", "max", "None", "OH", "OW", "OL", "OD", "concat", "sum", "mul",
    "ave", "return_sequences", "True", "False", "trainable", "keepdims", "Dropout", "gamma",
    "beta", "alpha", "scale", "offset", "causal", "mask_zero", "mask_value", "depth_multiplier",
    "center",
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
        assert sorted(re.findall(r"\d+", korean)) == sorted(re.findall(r"\d+", line))


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


def test_explain_shows_korean_working_and_headings_in_korean() -> None:
    source = "model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(12)])"
    korean = explain_text(source, "ko")
    assert "마지막 축 8 -> 유닛 12" in korean and "전체 파라미터: 108" in korean
    assert korean.startswith("입력: (None, 8)\n") and "Total params" not in korean
    english = explain_text(source)
    assert "last axis" in english and "Total params: 108" in english


def test_the_korean_table_lines_up_in_terminal_columns() -> None:
    """Hangul takes two columns: the headings are padded by cells, not characters."""
    from rich.cells import cell_len

    source = "model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(12)])"
    lines = explain_text(source, "ko").splitlines()
    heading, row = lines[2], lines[4]
    assert cell_len(heading) == cell_len(row) == cell_len(lines[1])
    assert row.endswith("108") and heading.endswith("파라미터")


# ---------------------------------------------------------------------------------------------
# Notes and errors: the phrasebook


ENGINE = Path(__file__).resolve().parents[2] / "tutor" / "engine"
KERAS_NAMES = {
    *POSITIONAL, *(key for keys in POSITIONAL.values() for key in keys), *INPUT_POSITIONAL,
    *REFUSED, "Input", "InputLayer", "Sequential", "Model", "Keras", "keras", "layers", "inputs",
    "outputs", "None", "True", "False", "if", "for", "while", "try", "match", "gamma", "beta",
    "alpha",
}  # fmt: skip
CODE = re.compile(r"""'[^']*'|"[^"]*"|\S*[(=\[.\]_)/\d]\S*""")
FORMULAS = {"OH", "OW", "OL", "OD", "floor", "ceil", "max", "params"}
LAYER_LABEL = re.compile(r"\S+ \(\w+\): ")


def english_outside_code(text: str) -> set[str]:
    """Words of a Korean message that are English prose: quoted strings, code with
    brackets, dots or underscores, Keras names and arguments are not."""
    text = LAYER_LABEL.sub(" ", text)
    words = re.findall(r"[A-Za-z]{2,}", CODE.sub(" ", text))
    return {word for word in words if word not in KERAS_NAMES | FORMULAS}


@pytest.mark.parametrize("key", list(PHRASES))
def test_every_phrase_has_korean_with_the_same_placeholders(key: str) -> None:
    english, korean = PHRASES[key]
    fields = [{name for _, name, _, _ in string.Formatter().parse(text) if name}
              for text in (english, korean)]  # fmt: skip
    if key.startswith("python_"):  # Python's English text is left out in Korean
        assert fields[1] <= {"bracket"}, key
    else:
        assert fields[0] == fields[1], key
    assert re.search(r"[\uac00-\ud7a3]", korean) or key in ("layer_label",), key
    assert english_outside_code(re.sub(r"\{\w+\}", " ", korean)) == set(), (key, korean)


def test_python_s_own_syntax_message_is_left_out_in_korean() -> None:
    """Python words its syntax errors in English: Korean says which line, and what is
    wrong where the tutor knows the kind of mistake."""
    source = "model = Sequential([Input(shape=(8,)), Dense(4 activation='relu')])"
    with pytest.raises(ParseError) as caught:
        explain_text(source, "ko")
    assert str(caught.value) == "1번째 줄: 문법 오류 (쉼표가 빠진 것 같습니다)"
    with pytest.raises(ParseError) as caught:
        explain_text("model = Sequential([", "ko")
    assert str(caught.value) == "1번째 줄: 문법 오류 ('['가 닫히지 않았습니다)"
    with pytest.raises(ParseError) as caught:
        explain_text("x = 1 +* 2", "ko")
    assert str(caught.value) == "1번째 줄: 문법 오류"


def _message_calls() -> list[tuple[str, int, ast.expr]]:
    """(file, line, the phrase-key argument) of every call that makes a message."""
    found = []
    for path in sorted(ENGINE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            argument = node.args[1] if name in ("_fail", "_error") else node.args[0]
            if name in ("ParseError", "EngineError", "OutOfTime"):
                assert not isinstance(node.args[0], (ast.Constant, ast.JoinedStr)), (
                    path.name, node.lineno, "a message must be a Phrase",
                )
            if name in ("Phrase", "fail", "_fail", "_error"):
                found.append((path.name, node.lineno, argument))
    return found


def test_every_message_the_engine_makes_is_in_the_phrasebook() -> None:
    calls = _message_calls()
    assert len(calls) > 150
    for where, line, argument in calls:
        if isinstance(argument, ast.Constant):
            assert argument.value in PHRASES, (where, line, argument.value)
        elif isinstance(argument, ast.JoinedStr):  # f"arg_{kind}_int{suffix}" and the like
            pattern = "".join(
                re.escape(part.value) if isinstance(part, ast.Constant) else r"\w*"
                for part in argument.values
            )
            assert any(re.fullmatch(pattern, key) for key in PHRASES), (where, line, pattern)


ERRORS = [
    "model = Sequential([Input(shape=(8,)), Dense(4 activation='relu')])",
    "model = Sequential([Input(shape=(8,)), Dens(4)])",
    "model = Sequential([Input(shape=(8,)), Transformer(4)])",
    "model = Sequential([Input(shape=(8,)), Dense(4, activaton='relu')])",
    "model = Sequential([Input(shape=(8,)), Dense(n_units)])",
    "n = int(input())\nmodel = Sequential([Input(shape=(8,)), Dense(n)])",
    "import random\nn = random.randint(1, 9)\nmodel = Sequential([Input(shape=(8,)), Dense(n)])",
    "model = Sequential([Input(shape=(8,))])\ntry:\n    model.add(Dense(3))\nexcept:\n    pass",
    "model = Sequential([Input(shape=(8,))])\nwhile loss() > 1:\n    model.add(Dense(3))",
    "model = Sequential([Dense(4), Dense(2)])",
    "model = Sequential([Input(shape=(8,))])",
    "model = Sequential([Input(shape=(3, 3, 1)), Conv2D(4, 5)])",
    "model = Sequential([Input(shape=(28, 28)), Conv2D(4, 3)])",
    "model = Sequential([Input(shape=(10, 4)), Reshape((3, 3))])",
    "model = Sequential([Input(shape=(8,)), Lambda(lambda x: x)])",
    "model = Sequential([Input(shape=(30, 8)), Bidirectional(LSTM(4), merge_mode=None)])",
    "a = Input(shape=(8,))\nb = Input(shape=(4,))\nmodel = Model([a, b], Add()([a, b]))",
    "a = Input(shape=(8, 8, 3))\nb = Input(shape=(4, 4, 3))\n"
    "model = Model([a, b], Concatenate()([a, b]))",
    "a = Input(shape=(8,))\nb = Input(shape=(8,))\nmodel = Model(a, Add()([a, b]))",
    "class Net(keras.Model):\n    pass\nmodel = Net()",
    "import keras",
    "model = Sequential([Input(shape=(8,)), Dense(0)])",
    "model = Sequential([Input(shape=(8,)), Dropout(2)])",
]


@pytest.mark.parametrize("source", ERRORS)
def test_errors_read_in_korean(source: str) -> None:
    with pytest.raises((ParseError, EngineError)) as english:
        explain(source)
    with pytest.raises((ParseError, EngineError)) as korean:
        explain_text(source, "ko")
    message = str(korean.value)
    assert message != str(english.value) and "\n" not in message
    assert re.search(r"[\uac00-\ud7a3]", message), message
    named_in_source = set(re.findall(r"[A-Za-z_]\w*", source))  # code, shown as written
    assert english_outside_code(message) - named_in_source == set(), message
    numbers = sorted(re.findall(r"\d+", message))
    assert numbers == sorted(re.findall(r"\d+", str(english.value))), message


def test_notes_read_in_korean() -> None:
    source = """\
from keras.layers.convolutional import Conv2D
model = Sequential()
model.add(Convolution2D(32, 3, 3, border_mode='same', input_shape=(28, 28, 1)))
model.add(Dense(10, init='uniform', input_dim=99))
model.add(Embedding(100, 8, input_length=5))
"""
    english = explain_text(source.replace("Embedding(100, 8, input_length=5)", "Flatten()"))
    korean = explain_text(source.replace("Embedding(100, 8, input_length=5)", "Flatten()"), "ko")
    english_notes = english.split("Notes:\n")[1].splitlines()
    korean_notes = korean.split("참고:\n")[1].splitlines()
    assert len(english_notes) == len(korean_notes) >= 5
    for line in korean_notes:
        assert re.search(r"[\uac00-\ud7a3]", line), line
        assert english_outside_code(line) == set(), line
