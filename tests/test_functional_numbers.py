"""Every hand-worked number of lesson 4.11 (the functional API and residual connections)
is recomputed here from the formulas, formatted as the lesson prints it, and looked for in
both the English and the Korean text; the merges the lesson calls impossible are refused by
the engine, naming the axis the lesson names.

The models' annotated shapes and counts are checked by test_lesson_models.py, against the
engine and against Keras itself. Formulas: Conv2D without bias K x K x C_in x C_out (with
bias (K x K x C_in + 1) x C_out), BatchNormalization 4 x C (gamma and beta trained, the
moving mean and variance not), Dense inputs x units + units, 'same' size ceil(H / S),
'valid' floor((H - K) / S) + 1; merges have no parameters.
"""

from __future__ import annotations

import itertools
import math

import pytest

from tests.lesson_text import LANGS, assert_in_both, assert_in_prose, body
from tutor.engine import EngineError, explain, explain_text
from tutor.quiz.particles import attach

LESSON = "functional-resnet"


def conv_no_bias(kernel: int, c_in: int, c_out: int) -> int:
    return kernel * kernel * c_in * c_out


def conv_biased(kernel: int, c_in: int, c_out: int) -> int:
    return (kernel * kernel * c_in + 1) * c_out


def batch_norm(channels: int) -> int:
    return 4 * channels


def dense(inputs: int, units: int) -> int:
    return inputs * units + units


def shape(*axes: int | None) -> str:
    return "(" + ", ".join(str(axis) for axis in axes) + ")"


def _block(number: int) -> str:
    """The lesson's python block `number` (1-based), English version."""
    blocks = body(LESSON, "en").split("```python\n")[1:]
    return blocks[number - 1].split("```")[0]


def test_the_same_network_written_both_ways() -> None:
    counts = [dense(a, b) for a, b in itertools.pairwise((4, 8, 6, 1))]
    assert_in_prose(LESSON, [" + ".join(map(str, counts)) + f" = {sum(counts)}"])


def test_explain_shows_the_input_row_and_what_feeds_each_layer() -> None:
    """What the lesson says `dltutor explain` shows for the functional 4 -> 8 -> 6 -> 1."""
    source = _block(2)
    assert explain(source).layers[0].cls == "InputLayer"
    for lang, fed in {"en": "from: dense", "ko": "입력: dense"}.items():
        assert f"\n    {fed}\n" in explain_text(source, lang), lang
        assert f"(`{fed}`)" in " ".join(body(LESSON, lang).split()), lang


# --- merges ---------------------------------------------------------------------------------

A, B, C = (28, 28, 64), (28, 28, 32), (14, 14, 64)


def merged(merge: str, *shapes: tuple[int, ...]) -> tuple[int | None, ...]:
    """The engine's output shape for `merge` of inputs of these shapes (batch excluded)."""
    names = [f"i{n}" for n in range(len(shapes))]
    lines = [f"{name} = keras.Input(shape={s})" for name, s in zip(names, shapes, strict=True)]
    source = "\n".join(
        [
            "import keras",
            "from keras import layers",
            *lines,
            f"out = layers.{merge}([{', '.join(names)}])",
            f"model = keras.Model([{', '.join(names)}], out)",
        ]
    )
    return explain(source).layers[-1].output_shape


def test_add_keeps_the_shape_and_concatenate_adds_up_its_axis() -> None:
    assert merged("Add()", A, A) == (None, *A)
    joined = merged("Concatenate()", A, B)
    assert joined == (None, *A[:2], A[2] + B[2])
    rows = (14, 28, 64)
    by_rows = merged("Concatenate(axis=1)", A, rows)
    assert by_rows == (None, A[0] + rows[0], *A[1:])
    vectors = merged("Concatenate()", (1800,), (13,))
    assert vectors == (None, 1800 + 13)
    assert_in_prose(
        LESSON,
        [
            f"{shape(None, *A)} + {shape(None, *A)} -> {shape(None, *A)}",
            f"{shape(None, *A[:2], f'{A[2]} + {B[2]}')} = {shape(*joined)}",
            shape(None, *rows),
            shape(*by_rows),
            shape(*vectors),
        ],
    )


@pytest.mark.parametrize(
    ("call", "first", "second", "axis"),
    [
        ("Add()([a, b])", A, B, 3),
        ("Add()([a, c])", A, C, 1),
        ("Concatenate()([a, c])", A, C, 1),
        ("Concatenate(axis=1)", A, C, 2),
    ],
)
def test_the_merges_the_lesson_refuses_are_refused_on_that_axis(
    call: str, first: tuple[int, ...], second: tuple[int, ...], axis: int
) -> None:
    merge = call if call.endswith("(axis=1)") else call.split("(")[0] + "()"
    with pytest.raises(EngineError, match=f"axis {axis} does not match"):
        merged(merge, first, second)
    have, other = first[axis - 1], second[axis - 1]
    lines = {
        "en": f"{call} refused: axis {axis} has {have} and {other}",
        "ko": f"{call} 거부: {attach(f'축 {axis}', '이/가')} {attach(str(have), '과/와')} {other}",
    }
    for lang in LANGS:
        assert lines[lang] in " ".join(body(LESSON, lang).split()), lines[lang]


def test_two_inputs_two_outputs() -> None:
    side = math.floor((32 - 3) / 1) + 1
    pooled = math.floor((side - 2) / 2) + 1
    flat = pooled * pooled * 8
    joined = flat + 13
    hidden = dense(joined, 16)
    total = conv_biased(3, 3, 8) + hidden + dense(16, 1) + dense(16, 3)
    assert total == explain(_block(3)).total_params
    assert_in_prose(
        LESSON,
        [
            f"{pooled} x {pooled} x 8 = {flat:,}",
            f"{flat:,} + 13 = {joined:,}",
            f"{joined:,} x 16 + 16 = {hidden:,}",
            f"Total params: {total:,}",
        ],
    )


# --- ResNet's basic block -------------------------------------------------------------------


def test_the_basic_block_counted_by_hand() -> None:
    conv = conv_no_bias(3, 64, 64)
    norm = batch_norm(64)
    total = 2 * conv + 2 * norm
    trainable = 2 * conv + 2 * (norm // 2)
    result = explain(_block(4))
    assert (result.total_params, result.trainable_params) == (total, trainable)
    assert result.non_trainable_params == total - trainable
    assert_in_both(
        LESSON,
        [
            f"3 x 3 x 64 x 64 = {conv:,}",
            f"4 x 64          = {norm}",
            f"2 x 64          = {norm // 2}",
            f"2 x {conv:,} + 2 x {norm} = {total:,}",
            f"{trainable:,}",
            f"{total - trainable}",
        ],
    )
    for lang, words in {
        "en": "trainable {t:,}, non-trainable {n}",
        "ko": "학습되는 것 {t:,}, 학습되지 않는 것 {n}",
    }.items():
        text = " ".join(body(LESSON, lang).split())
        assert words.format(t=trainable, n=total - trainable) in text, lang


def test_the_block_with_a_projection() -> None:
    first = conv_no_bias(3, 64, 128)
    second = conv_no_bias(3, 128, 128)
    projection = conv_no_bias(1, 64, 128)
    norms = 3 * batch_norm(128)
    total = first + second + projection + norms
    assert explain(_block(5)).total_params == total
    strided = math.ceil(56 / 2)
    projected = math.floor((56 - 1) / 2) + 1
    assert strided == projected == 28
    without = first + second + 2 * batch_norm(128)
    share = (projection + batch_norm(128)) / total
    assert share < 0.04
    assert_in_both(
        LESSON,
        [
            f"3 x 3 x 64 x 128  = {first:,}",
            f"ceil(56 / 2) = {strided}",
            f"3 x 3 x 128 x 128 = {second:,}",
            f"1 x 1 x 64 x 128  = {projection:,}",
            f"floor((56 - 1) / 2) + 1 = {projected}",
            f"3 x 4 x 128       = {norms:,}",
            f"{first:,} + {second:,} + {projection:,} + {norms:,} = {total:,}",
        ],
    )
    assert_in_prose(
        LESSON,
        [
            f"{projection:,} + {batch_norm(128)} = {projection + batch_norm(128):,}",
            f"{first:,} + {second:,} + {2 * batch_norm(128):,} = {without:,}",
            f"{total:,}",
        ],
    )
    for lang, words in {"en": "under 4%", "ko": "4%도 안 됩니다"}.items():
        assert words in " ".join(body(LESSON, lang).split()), lang


def test_the_add_needs_the_projection() -> None:
    """Without the projection the block's Add meets (28, 28, 128) and (56, 56, 64)."""
    source = _block(5).replace("x = layers.Add()([x, shortcut])", "x = layers.Add()([x, inputs])")
    lines = source.splitlines()
    add_line = 1 + next(n for n, line in enumerate(lines) if line.startswith("x = layers.Add"))
    with pytest.raises(EngineError, match=f"^line {add_line}: .*axis 1 does not match"):
        explain(source)
    assert_in_prose(LESSON, ["(None, 28, 28, 128)", "(None, 56, 56, 64)"])


# --- the Inception block --------------------------------------------------------------------

INCEPTION_IN = 192
BRANCHES = {  # GoogLeNet's module 3a: each branch's (kernel, filters) in order
    "a": ((1, 64),),
    "b": ((1, 96), (3, 128)),
    "c": ((1, 16), (5, 32)),
    "d": ((1, 32),),  # after 3x3 max pooling, stride 1, 'same'
}


def test_the_inception_block() -> None:
    expected, total, channels = [], 0, []
    for convs in BRANCHES.values():
        c_in = INCEPTION_IN
        for kernel, filters in convs:
            count = conv_biased(kernel, c_in, filters)
            total += count
            expected.append(f"(1 x 1 x {c_in} + 1) x {filters}" if kernel == 1 else
                            f"({kernel} x {kernel} x {c_in} + 1) x {filters}")
            expected.append(f"= {count:,}")
            c_in = filters
        channels.append(c_in)
    assert explain(_block(6)).total_params == total
    assert merged("Concatenate()", *((28, 28, c) for c in channels)) == (None, 28, 28, 256)
    expected += [
        f"{total:,}",
        " + ".join(map(str, channels)) + f" = {sum(channels)}",
    ]
    assert_in_prose(LESSON, expected)
