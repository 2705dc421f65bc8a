"""Every layer family the engine reads beyond the course's own, one model each: output shape
and trainable/non-trainable counts as Keras 3.15 gave them for the same line (recorded
when this table was written), the derivations in words, and the layers refused by name."""

from __future__ import annotations

import pytest

from tutor.engine import EngineError, ParseError, explain
from tutor.engine.outcome import a_vector

# (input shape without the batch axis, layer, Keras' output shape, trainable, non-trainable)
KERAS = [
    ((16, 16, 16, 3), 'layers.Conv3D(8, 3)', (None, 14, 14, 14, 8), 656, 0),
    (
        (16, 16, 16, 3),
        "layers.Conv3D(8, (3, 2, 1), strides=2, padding='same')",
        (None, 8, 8, 8, 8), 152, 0,
    ),
    ((20, 4), "layers.Conv1D(6, 3, dilation_rate=2, padding='causal')", (None, 20, 6), 78, 0),
    ((28, 28, 4), 'layers.Conv2D(8, 3, dilation_rate=(2, 3))', (None, 24, 22, 8), 296, 0),
    ((7, 7, 16), 'layers.Conv2DTranspose(8, 3)', (None, 9, 9, 8), 1160, 0),
    ((7, 7, 16), 'layers.Conv2DTranspose(8, 3, strides=2)', (None, 15, 15, 8), 1160, 0),
    (
        (7, 7, 16),
        "layers.Conv2DTranspose(8, 3, strides=2, padding='same')",
        (None, 14, 14, 8), 1160, 0,
    ),
    (
        (7, 7, 16),
        "layers.Conv2DTranspose(8, 4, strides=2, padding='same', output_padding=1)",
        (None, 13, 13, 8), 2056, 0,
    ),
    (
        (7, 7, 16),
        'layers.Conv2DTranspose(8, 3, strides=2, output_padding=1, use_bias=False)',
        (None, 16, 16, 8), 1152, 0,
    ),
    ((10, 4), 'layers.Conv1DTranspose(5, 3, strides=3)', (None, 30, 5), 65, 0),
    ((10, 4), 'layers.Conv1DTranspose(5, 2, dilation_rate=2)', (None, 12, 5), 45, 0),
    ((4, 4, 4, 2), 'layers.Conv3DTranspose(3, 2, strides=2)', (None, 8, 8, 8, 3), 51, 0),
    ((28, 28, 16), 'layers.SeparableConv2D(32, 3)', (None, 26, 26, 32), 688, 0),
    (
        (28, 28, 16),
        "layers.SeparableConv2D(32, 3, depth_multiplier=2, padding='same', strides=2)",
        (None, 14, 14, 32), 1344, 0,
    ),
    ((50, 8), 'layers.SeparableConv1D(4, 5, use_bias=False)', (None, 46, 4), 72, 0),
    ((28, 28, 16), 'layers.DepthwiseConv2D(3)', (None, 26, 26, 16), 160, 0),
    (
        (28, 28, 16),
        "layers.DepthwiseConv2D(3, depth_multiplier=2, padding='same')",
        (None, 28, 28, 32), 320, 0,
    ),
    ((50, 8), 'layers.DepthwiseConv1D(5, strides=2)', (None, 23, 8), 48, 0),
    ((16, 16, 16, 3), 'layers.MaxPooling3D()', (None, 8, 8, 8, 3), 0, 0),
    (
        (16, 16, 16, 3),
        "layers.AveragePooling3D(pool_size=3, strides=2, padding='same')",
        (None, 8, 8, 8, 3), 0, 0,
    ),
    ((16, 16, 16, 3), 'layers.GlobalMaxPooling3D(keepdims=True)', (None, 1, 1, 1, 3), 0, 0),
    ((16, 16, 16, 3), 'layers.GlobalAveragePooling3D()', (None, 3), 0, 0),
    ((10, 3), 'layers.UpSampling1D(3)', (None, 30, 3), 0, 0),
    ((7, 7, 3), 'layers.UpSampling2D()', (None, 14, 14, 3), 0, 0),
    ((7, 7, 3), "layers.UpSampling2D((2, 3), interpolation='bilinear')", (None, 14, 21, 3), 0, 0),
    ((4, 4, 4, 3), 'layers.UpSampling3D(2)', (None, 8, 8, 8, 3), 0, 0),
    ((10, 3), 'layers.ZeroPadding1D(2)', (None, 14, 3), 0, 0),
    ((10, 3), 'layers.ZeroPadding1D((1, 3))', (None, 14, 3), 0, 0),
    ((28, 28, 1), 'layers.ZeroPadding2D()', (None, 30, 30, 1), 0, 0),
    ((28, 28, 1), 'layers.ZeroPadding2D(((1, 2), (3, 4)))', (None, 31, 35, 1), 0, 0),
    ((28, 28, 1), 'layers.ZeroPadding2D((2, 0))', (None, 32, 28, 1), 0, 0),
    ((8, 8, 8, 1), 'layers.ZeroPadding3D(1)', (None, 10, 10, 10, 1), 0, 0),
    ((10, 3), 'layers.Cropping1D()', (None, 8, 3), 0, 0),
    ((10, 3), 'layers.Cropping1D((2, 3))', (None, 5, 3), 0, 0),
    ((28, 28, 1), 'layers.Cropping2D(((2, 2), (4, 4)))', (None, 24, 20, 1), 0, 0),
    ((28, 28, 1), 'layers.Cropping2D(3)', (None, 22, 22, 1), 0, 0),
    ((8, 8, 8, 1), 'layers.Cropping3D()', (None, 6, 6, 6, 1), 0, 0),
    ((10, 64), 'layers.Permute((2, 1))', (None, 64, 10), 0, 0),
    ((4, 5, 6), 'layers.Permute((3, 1, 2))', (None, 6, 4, 5), 0, 0),
    ((64,), 'layers.RepeatVector(3)', (None, 3, 64), 0, 0),
    ((20, 8), 'layers.SpatialDropout1D(0.2)', (None, 20, 8), 0, 0),
    ((8, 8, 4), 'layers.SpatialDropout2D(0.5)', (None, 8, 8, 4), 0, 0),
    ((4, 4, 4, 2), 'layers.SpatialDropout3D(0.1)', (None, 4, 4, 4, 2), 0, 0),
    ((8,), 'layers.GaussianNoise(0.1)', (None, 8), 0, 0),
    ((8,), 'layers.GaussianDropout(0.3)', (None, 8), 0, 0),
    ((8,), 'layers.AlphaDropout(0.3)', (None, 8), 0, 0),
    ((8,), 'layers.ActivityRegularization(l1=0.01)', (None, 8), 0, 0),
    ((10, 64), 'layers.LayerNormalization()', (None, 10, 64), 128, 0),
    ((10, 64), 'layers.LayerNormalization(axis=[1, 2])', (None, 10, 64), 1280, 0),
    ((10, 64), 'layers.LayerNormalization(center=False)', (None, 10, 64), 64, 0),
    ((10, 64), 'layers.LayerNormalization(rms_scaling=True)', (None, 10, 64), 64, 0),
    ((8, 8, 64), 'layers.GroupNormalization()', (None, 8, 8, 64), 128, 0),
    ((8, 8, 64), 'layers.GroupNormalization(groups=4, scale=False)', (None, 8, 8, 64), 64, 0),
    ((8, 8, 6), 'layers.GroupNormalization(groups=-1)', (None, 8, 8, 6), 12, 0),
    ((10, 64), 'layers.UnitNormalization()', (None, 10, 64), 0, 0),
    ((8,), 'layers.ReLU()', (None, 8), 0, 0),
    ((8,), 'layers.ReLU(max_value=6.0)', (None, 8), 0, 0),
    ((8,), 'layers.LeakyReLU(negative_slope=0.2)', (None, 8), 0, 0),
    ((8,), 'layers.ELU()', (None, 8), 0, 0),
    ((8,), 'layers.Softmax()', (None, 8), 0, 0),
    ((28, 28, 3), 'layers.PReLU()', (None, 28, 28, 3), 2352, 0),
    ((28, 28, 3), 'layers.PReLU(shared_axes=[1, 2])', (None, 28, 28, 3), 3, 0),
    ((10, 8), 'layers.Masking(mask_value=0.0)', (None, 10, 8), 0, 0),
    ((8,), 'layers.Identity()', (None, 8), 0, 0),
    ((20,), 'layers.Embedding(1000, 8, mask_zero=True)', (None, 20, 8), 8000, 0),
    ((20,), 'layers.Embedding(1000, 11)', (None, 20, 11), 11000, 0),
    ((20,), 'layers.Embedding(1000, 18)', (None, 20, 18), 18000, 0),
    ((10, 16, 16, 1), 'layers.ConvLSTM2D(8, 3)', (None, 14, 14, 8), 2624, 0),
    (
        (10, 16, 16, 1),
        "layers.ConvLSTM2D(8, 3, padding='same', return_sequences=True)",
        (None, 10, 16, 16, 8), 2624, 0,
    ),
    ((10, 20, 2), 'layers.ConvLSTM1D(4, 3, use_bias=False)', (None, 18, 4), 288, 0),
    ((5, 6, 6, 6, 1), 'layers.ConvLSTM3D(2, 3)', (None, 4, 4, 4, 2), 656, 0),
    ((10, 28, 28, 1), 'layers.TimeDistributed(layers.Conv2D(8, 3))', (None, 10, 26, 26, 8), 80, 0),
    ((10, 16), 'layers.TimeDistributed(layers.Dense(4))', (None, 10, 4), 68, 0),
    ((10, 16), 'layers.TimeDistributed(layers.Dense(4, trainable=False))', (None, 10, 4), 0, 68),
    ((30, 8), "layers.Bidirectional(layers.GRU(16), merge_mode='mul')", (None, 16), 2496, 0),
    (
        (30, 8),
        "layers.Bidirectional(layers.SimpleRNN(16, return_sequences=True), merge_mode='ave')",
        (None, 30, 16), 800, 0,
    ),
    ((None, 8), 'layers.Conv1DTranspose(3, 3, strides=2)', (None, None, 3), 75, 0),
    ((None, None, 3), 'layers.UpSampling2D()', (None, None, None, 3), 0, 0),
]


def only_layer(input_shape: tuple, layer: str):
    source = f"model = keras.Sequential([keras.Input(shape={input_shape!r}), {layer}])"
    (result,) = explain(source).layers
    return result


@pytest.mark.parametrize(("input_shape", "layer", "shape", "trainable", "frozen"), KERAS)
def test_each_layer_gives_keras_numbers(
    input_shape: tuple, layer: str, shape: tuple, trainable: int, frozen: int
) -> None:
    result = only_layer(input_shape, layer)
    assert (result.output_shape, result.trainable_params, result.non_trainable_params) == (
        shape,
        trainable,
        frozen,
    )
    assert result.params_derivation.startswith("params =")
    assert result.params_derivation.split(" = ")[-1].split(" ")[0].split(";")[0] == str(
        trainable + frozen
    )


@pytest.mark.parametrize(
    ("input_shape", "layer", "derivation", "params"),
    [
        (
            (7, 7, 16),
            "layers.Conv2DTranspose(8, 3, strides=2)",
            ["OH = 7*2 + max(3 - 2, 0) = 15", "OW = 7*2 + max(3 - 2, 0) = 15",
             "channels = filters = 8"],
            "params = (3*3*16 + 1) * 8 = 1160",
        ),
        (
            (7, 7, 16),
            "layers.Conv2DTranspose(8, 4, strides=2, padding='same', output_padding=1)",
            ["OH = (7 - 1)*2 + 4 % 2 + 1 = 13", "OW = (7 - 1)*2 + 4 % 2 + 1 = 13",
             "channels = filters = 8"],
            "params = (4*4*16 + 1) * 8 = 2056",
        ),
        (
            (28, 28, 16),
            "layers.SeparableConv2D(32, 3)",
            ["OH = floor((28 + 2*0 - 3) / 1) + 1 = 26", "OW = floor((28 + 2*0 - 3) / 1) + 1 = 26",
             "channels = filters = 32"],
            "params = 3*3*16*1 + 16*1*32 + 32 = 688 (depthwise + pointwise + bias)",
        ),
        (
            (28, 28, 16),
            "layers.DepthwiseConv2D(3, depth_multiplier=2, padding='same')",
            ["OH = ceil(28 / 1) = 28", "OW = ceil(28 / 1) = 28",
             "channels = 16*2 = 32 (depth_multiplier)"],
            "params = 3*3*16*2 + 32 = 320",
        ),
        (
            (28, 28, 1),
            "layers.ZeroPadding2D(((1, 2), (3, 4)))",
            ["OH = 28 + 1 + 2 = 31", "OW = 28 + 3 + 4 = 35", "channels stay 1"],
            "params = 0",
        ),
        (
            (28, 28, 1),
            "layers.Cropping2D(((2, 2), (4, 4)))",
            ["OH = 28 - 2 - 2 = 24", "OW = 28 - 4 - 4 = 20", "channels stay 1"],
            "params = 0",
        ),
        (
            (10, 16, 16, 1),
            "layers.ConvLSTM2D(8, 3)",
            ["OH = floor((16 + 2*0 - 3) / 1) + 1 = 14", "OW = floor((16 + 2*0 - 3) / 1) + 1 = 14",
             "channels = filters = 8",
             "return_sequences=False: only the last step's feature map -> (None, 14, 14, 8)"],
            "params = 4 * 8 * (3*3*(1 + 8) + 1) = 2624",
        ),
        (
            (10, 16),
            "layers.TimeDistributed(layers.Dense(4))",
            ["each of the 10 time steps: (None, 16) -> (None, 4)",
             "last axis 16 -> units 4: (None, 16) -> (None, 4)", "-> (None, 10, 4)"],
            "params = 16*4 + 4 = 68 (the same weights at every step)",
        ),
        (
            (28, 28, 3),
            "layers.PReLU(shared_axes=[1, 2])",
            ["shape unchanged: a learned slope for negative values"],
            "params = 1*1*3 = 3 (alpha has shape (1, 1, 3))",
        ),
        (
            (8, 8, 64),
            "layers.GroupNormalization(groups=4)",
            ["shape unchanged: normalises 4 groups of 16 channels"],
            "params = 2 * 64 = 128 (gamma, beta)",
        ),
    ],
)
def test_derivations_in_words(
    input_shape: tuple, layer: str, derivation: list[str], params: str
) -> None:
    result = only_layer(input_shape, layer)
    assert result.shape_derivation.splitlines() == derivation
    assert result.params_derivation == params


@pytest.mark.parametrize(
    ("width", "written"),
    [(8, "an 8-vector"), (16, "a 16-vector"), (11, "an 11-vector"), (18, "an 18-vector"),
     (80, "an 80-vector"), (110, "a 110-vector"), (800, "an 800-vector"), (1, "a 1-vector"),
     (11_000, "an 11000-vector"), (8_192, "an 8192-vector")],
)
def test_the_article_is_the_one_the_number_is_said_with(width: int, written: str) -> None:
    assert a_vector(width) == written


def test_an_embedding_of_eight_reads_an_8_vector() -> None:
    assert "becomes an 8-vector" in only_layer((20,), "layers.Embedding(100, 8)").shape_derivation


@pytest.mark.parametrize(
    ("layer", "message"),
    [
        (
            "layers.Lambda(lambda x: x * 2)",
            "line 1: Lambda runs a function of yours, so its output shape is known only at "
            "run time",
        ),
        (
            "layers.Normalization()",
            "line 1: Normalization learns its state from data (adapt()), so the tutor cannot "
            "work it out from the code",
        ),
        (
            "layers.TextVectorization(max_tokens=1000)",
            "line 1: TextVectorization learns its state from data (adapt()), so the tutor "
            "cannot work it out from the code",
        ),
    ],
)
def test_layers_that_need_data_or_code_are_refused_by_name(layer: str, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        explain(f"model = keras.Sequential([keras.Input(shape=(8,)), {layer}])")
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("input_shape", "layer", "message"),
    [
        (
            (30, 8),
            "layers.Bidirectional(layers.LSTM(4), merge_mode=None)",
            "merge_mode=None returns two tensors, which the tutor does not support; use "
            "'concat', 'sum', 'mul' or 'ave'",
        ),
        ((10, 3), "layers.Cropping1D((5, 5))", "cropping 5 + 5 leaves nothing of OL = 10"),
        (
            (7, 7, 16),
            "layers.Conv2DTranspose(8, 3, strides=2, output_padding=2)",
            "output_padding must be less than strides on every axis (axis 0: 2 >= 2)",
        ),
        ((8, 8, 6), "layers.GroupNormalization(groups=4)", "groups=4 must divide the 6 channels"),
        ((10, 8), "layers.RepeatVector(3)", "expects a 2D input (batch, features)"),
        ((10,), "layers.TimeDistributed(layers.Dense(2))", "expects at least a 3D input"),
        ((10, 4), "layers.Permute((1, 3))", "dims must number the axes from 1"),
        ((8, 8, 4), "layers.SpatialDropout1D(0.2)", "expects a 3D input"),
    ],
)
def test_impossible_layers_say_why(input_shape: tuple, layer: str, message: str) -> None:
    with pytest.raises(EngineError) as caught:
        only_layer(input_shape, layer)
    assert message in str(caught.value)
