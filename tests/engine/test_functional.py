"""The functional API: keras.Input, layers called on tensors, merges, several inputs and
outputs, shared layers, and keras.Model in its usual spellings. Every number here is what
Keras 3.15 gives for the same source (model.layers order, names, shapes, weights)."""

from __future__ import annotations

import textwrap

import pytest

from tutor.engine import (
    EngineError,
    FunctionalSpec,
    ParseError,
    explain,
    explain_json,
    explain_text,
    parse_model,
)

HEAD = "import keras\nfrom keras import layers\n"


def rows(source: str) -> list[tuple]:
    result = explain(HEAD + textwrap.dedent(source))
    return [
        (layer.name, layer.cls, layer.output_shape, layer.params, layer.inbound)
        for layer in result.layers
    ]


RESNET_BLOCKS = """
inputs = keras.Input(shape=(32, 32, 16))
x = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
x = layers.Conv2D(16, 3, padding="same")(x)
x = layers.Add()([x, inputs])
x = layers.Activation("relu")(x)
shortcut = layers.Conv2D(32, 1, strides=2)(x)
y = layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")(x)
y = layers.Conv2D(32, 3, padding="same")(y)
y = layers.add([y, shortcut])
outputs = layers.Dense(10)(layers.GlobalAveragePooling2D()(y))
model = keras.Model(inputs, outputs)
"""


def test_residual_blocks_in_keras_order_with_what_feeds_each_row() -> None:
    """The projection shortcut (conv2d_2) is made before the main path but listed after
    it: Keras orders model.layers by depth from the outputs."""
    assert rows(RESNET_BLOCKS) == [
        ("input_layer", "InputLayer", (None, 32, 32, 16), 0, ()),
        ("conv2d", "Conv2D", (None, 32, 32, 16), 2320, ("input_layer",)),
        ("conv2d_1", "Conv2D", (None, 32, 32, 16), 2320, ("conv2d",)),
        ("add", "Add", (None, 32, 32, 16), 0, ("conv2d_1", "input_layer")),
        ("activation", "Activation", (None, 32, 32, 16), 0, ("add",)),
        ("conv2d_3", "Conv2D", (None, 16, 16, 32), 4640, ("activation",)),
        ("conv2d_4", "Conv2D", (None, 16, 16, 32), 9248, ("conv2d_3",)),
        ("conv2d_2", "Conv2D", (None, 16, 16, 32), 544, ("activation",)),
        ("add_1", "Add", (None, 16, 16, 32), 0, ("conv2d_4", "conv2d_2")),
        ("global_average_pooling2d", "GlobalAveragePooling2D", (None, 32), 0, ("add_1",)),
        ("dense", "Dense", (None, 10), 330, ("global_average_pooling2d",)),
    ]
    assert explain(RESNET_BLOCKS).total_params == 19_402


def test_an_inception_block_concatenates_its_branches() -> None:
    result = rows(
        """
        inputs = keras.Input(shape=(28, 28, 192))
        b1 = layers.Conv2D(64, 1, padding="same", activation="relu")(inputs)
        b2 = layers.Conv2D(96, 1, padding="same", activation="relu")(inputs)
        b2 = layers.Conv2D(128, 3, padding="same", activation="relu")(b2)
        b3 = layers.Conv2D(16, 1, padding="same", activation="relu")(inputs)
        b3 = layers.Conv2D(32, 5, padding="same", activation="relu")(b3)
        b4 = layers.MaxPooling2D(3, strides=1, padding="same")(inputs)
        b4 = layers.Conv2D(32, 1, padding="same", activation="relu")(b4)
        outputs = layers.Concatenate()([b1, b2, b3, b4])
        model = keras.Model(inputs=inputs, outputs=outputs)
        """
    )
    assert [name for name, *_ in result] == [
        "input_layer", "conv2d_1", "conv2d_3", "max_pooling2d", "conv2d", "conv2d_2",
        "conv2d_4", "conv2d_5", "concatenate",
    ]  # fmt: skip
    feeding = ("conv2d", "conv2d_2", "conv2d_4", "conv2d_5")
    assert result[-1][2:] == ((None, 28, 28, 256), 0, feeding)
    assert sum(params for *_, params, _ in result) == 163_696


def test_several_named_inputs_and_outputs() -> None:
    result = rows(
        """
        title = keras.Input(shape=(10,), name="title")
        body = keras.Input(shape=(100,), name="body")
        tags = keras.Input(shape=(12,), name="tags")
        t = layers.LSTM(32)(layers.Embedding(1000, 16)(title))
        b = layers.LSTM(8)(layers.Embedding(1000, 16)(body))
        x = layers.concatenate([t, b, tags])
        priority = layers.Dense(1, name="priority")(x)
        department = layers.Dense(4, name="department")(x)
        model = keras.Model(inputs=[title, body, tags], outputs=[priority, department])
        """
    )
    assert [(name, shape) for name, _, shape, *_ in result] == [
        ("title", (None, 10)),
        ("body", (None, 100)),
        ("embedding", (None, 10, 16)),
        ("embedding_1", (None, 100, 16)),
        ("lstm", (None, 32)),
        ("lstm_1", (None, 8)),
        ("tags", (None, 12)),
        ("concatenate", (None, 52)),
        ("priority", (None, 1)),
        ("department", (None, 4)),
    ]
    assert sum(params for *_, params, _ in result) == 39_337


def test_a_shared_layer_is_one_row_and_its_weights_count_once() -> None:
    source = """
        left = keras.Input(shape=(8,))
        right = keras.Input(shape=(8,))
        encoder = layers.Dense(4)
        distance = layers.Subtract()([encoder(left), encoder(right)])
        model = keras.Model([left, right], layers.Dense(1)(distance))
        """
    result = rows(source)
    assert [(name, params, inbound) for name, _, _, params, inbound in result] == [
        ("input_layer", 0, ()),
        ("input_layer_1", 0, ()),
        ("dense", 36, ("input_layer", "input_layer_1")),
        ("subtract", 0, ("dense",)),
        ("dense_1", 5, ("subtract",)),
    ]
    assert explain(HEAD + textwrap.dedent(source)).total_params == 41


def test_a_shared_layer_cannot_take_an_input_its_weights_do_not_fit() -> None:
    with pytest.raises(EngineError, match="weights do not fit"):
        explain(
            HEAD + "a = keras.Input(shape=(8,))\nb = keras.Input(shape=(6,))\n"
            "d = layers.Dense(4)\nmodel = keras.Model([a, b], layers.Add()([d(a), d(b)]))"
        )


def test_an_input_the_outputs_do_not_use_is_still_listed() -> None:
    assert [name for name, *_ in rows(
        """
        a = keras.Input(shape=(8,))
        b = keras.Input(shape=(3,))
        model = keras.Model([a, b], layers.Dense(2)(a))
        """
    )] == ["input_layer", "input_layer_1", "dense"]


@pytest.mark.parametrize(
    ("merge", "shapes", "expected"),
    [
        ("layers.Dot(axes=1)", ((8,), (8,)), (None, 1)),
        ("layers.Dot(axes=(2, 2))", ((5, 8), (6, 8)), (None, 5, 6)),
        ("layers.Concatenate(axis=1)", ((5, 8), (6, 8)), (None, 11, 8)),
        ("layers.Multiply()", ((5, 8), (1, 8)), (None, 5, 8)),
        ("layers.Maximum()", ((4,), (4,)), (None, 4)),
        ("layers.Average()", ((2, 3), (2, 3)), (None, 2, 3)),
    ],
)
def test_merge_shapes(merge: str, shapes: tuple, expected: tuple) -> None:
    source = (
        f"a = keras.Input(shape={shapes[0]!r})\nb = keras.Input(shape={shapes[1]!r})\n"
        f"model = keras.Model([a, b], {merge}([a, b]))"
    )
    assert rows(source)[-1][2] == expected


@pytest.mark.parametrize(
    ("merge", "shapes", "message"),
    [
        (
            "layers.Add()",
            ((8,), (4,)),
            "line 5: add (Add): axis 1 does not match (8 vs 4): (None, 8), (None, 4); "
            "a value-by-value merge needs the same shape",
        ),
        (
            "layers.Concatenate()",
            ((28, 28, 3), (14, 14, 3)),
            "line 5: concatenate (Concatenate): axis 1 does not match (28, 14): "
            "(None, 28, 28, 3), (None, 14, 14, 3); concatenating on axis -1 needs every other "
            "axis to match",
        ),
    ],
)
def test_a_merge_of_shapes_that_disagree_names_the_axis(
    merge: str, shapes: tuple, message: str
) -> None:
    source = (
        f"a = keras.Input(shape={shapes[0]!r})\nb = keras.Input(shape={shapes[1]!r})\n"
        f"model = keras.Model([a, b], {merge}([a, b]))"
    )
    with pytest.raises(EngineError) as caught:
        explain(HEAD + source)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "spelling",
    [
        "keras.Model(inputs, outputs)",
        "keras.Model(inputs=inputs, outputs=outputs)",
        "keras.models.Model(inputs, outputs, name='net')",
        "tf.keras.Model(inputs=[inputs], outputs=[outputs])",
        "Model(inputs, outputs)",
    ],
)
def test_keras_model_in_its_usual_spellings(spelling: str) -> None:
    source = (
        "import tensorflow as tf\nfrom keras import Model\n"
        "inputs = keras.Input(shape=(784,))\n"
        "x = layers.Dense(64, activation='relu')(inputs)\n"
        "outputs = layers.Dense(10)(x)\n"
        f"model = {spelling}\n"
    )
    assert isinstance(parse_model(HEAD + source), FunctionalSpec)
    assert explain(HEAD + source).total_params == 784 * 64 + 64 + 650


def test_text_says_which_layers_feed_each_row_and_json_lists_them() -> None:
    text = explain_text(RESNET_BLOCKS)
    assert "input_layer (InputLayer)" in text
    assert "    from: conv2d_4, conv2d_2" in text
    assert "    입력: conv2d_4, conv2d_2" in explain_text(RESNET_BLOCKS, "ko")
    record = explain_json(RESNET_BLOCKS)
    assert [layer["inbound"] for layer in record["layers"]][:4] == [
        [], ["input_layer"], ["conv2d"], ["conv2d_1", "input_layer"]
    ]
    assert record["total_params"] == 19_402


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "a = keras.Input(shape=(8,))\nb = keras.Input(shape=(8,))\n"
            "model = keras.Model(a, layers.Add()([a, b]))",
            "line 5: the outputs need the input input_layer_1 (line 4), which is not among the "
            "model's inputs",
        ),
        (
            "a = keras.Input(shape=(8,))\nmodel = keras.Model(a, a + 1)",
            "line 4: a + 1: arithmetic on Keras tensors is not read by the tutor; use "
            "layers.Add(), layers.Multiply() and the like",
        ),
        (
            "import tensorflow as tf\na = keras.Input(shape=(8,))\n"
            "model = keras.Model(a, tf.nn.relu(a))",
            "line 5: tf.nn.relu(...) on a Keras tensor is not read by the tutor; it reads "
            "Keras layers only",
        ),
        (
            "a = keras.Input(shape=(8,))\nx = make_block(a)\nmodel = keras.Model(a, x)",
            "line 4: make_block(...) on a Keras tensor is not read by the tutor; it reads "
            "Keras layers only",
        ),
        (
            "def block(t):\n    return layers.Dense(4)(t)\n\n"
            "a = keras.Input(shape=(8,))\nmodel = keras.Model(a, block(a))",
            "line 7: the model's outputs are known only at run time (got block(a), from "
            "block(), a function of this file called on line 7, which the tutor does not run)",
        ),
        (
            "a = keras.Input(shape=(8,))\nmodel = keras.Model(a, layers.Add()(a))",
            "line 4: add (Add): a merge layer takes a list of tensors, e.g. "
            "layers.Add()([x, y])",
        ),
    ],
)
def test_what_the_functional_reader_refuses(source: str, message: str) -> None:
    with pytest.raises((ParseError, EngineError)) as caught:
        explain(HEAD + source)
    assert str(caught.value) == message
