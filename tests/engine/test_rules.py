"""The course's worked numbers (see the curriculum brief), read from model source as a learner
writes it: output shapes, parameter counts, the derivations shown, and impossible models."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import pytest

from tutor.engine import EngineError, LayerResult, ModelResult, analyze, parse_model
from tutor.errors import TutorError

REPO = Path(__file__).resolve().parents[2]


def run(source: str) -> ModelResult:
    return analyze(parse_model(textwrap.dedent(source)))


def one_layer(input_shape: tuple, layer: str) -> LayerResult:
    (result,) = run(
        f"model = keras.Sequential([keras.Input(shape={input_shape!r}), {layer}])"
    ).layers
    return result


def engine_error(source: str) -> str:
    with pytest.raises(EngineError) as caught:
        run(source)
    message = str(caught.value)
    assert "\n" not in message, message
    return message


def shapes(result: ModelResult) -> list[tuple]:
    return [layer.output_shape for layer in result.layers]


# ---------------------------------------------------------------------------------------------
# Conv2D: the worked example, and the known mistakes in the notes


def test_conv2d_worked_example_with_its_derivation() -> None:
    layer = one_layer((28, 28, 1), "layers.Conv2D(32, (3, 3))")
    assert layer.name == "conv2d"
    assert layer.output_shape == (None, 26, 26, 32)
    assert layer.params == (3 * 3 * 1 + 1) * 32 == 320
    assert (layer.trainable_params, layer.non_trainable_params) == (320, 0)
    assert layer.shape_derivation.splitlines() == [
        "OH = floor((28 + 2*0 - 3) / 1) + 1 = 26",
        "OW = floor((28 + 2*0 - 3) / 1) + 1 = 26",
        "channels = filters = 32",
    ]
    assert layer.params_derivation == "params = (3*3*1 + 1) * 32 = 320"


def test_known_mistake_1_conv_params_include_the_bias() -> None:
    """The notes give 4 x 4 x 1 x 20 = 320; Keras counts a bias per filter."""
    layer = one_layer((39, 31, 1), "Conv2D(20, (4, 4))")
    assert layer.params == (4 * 4 * 1 + 1) * 20 == 340
    assert layer.params != 4 * 4 * 1 * 20
    assert layer.params_derivation == "params = (4*4*1 + 1) * 20 = 340"


def test_known_mistake_1_two_filters_on_three_channels_is_26() -> None:
    """'3 x 2 x 2 x 2 = 24' is 26: a 3x3x3 input with two 2x2 filters gives 3x3x2 (same)."""
    layer = one_layer((3, 3, 3), "Conv2D(2, (2, 2), padding='same')")
    assert layer.output_shape == (None, 3, 3, 2)
    assert layer.params == (2 * 2 * 3 + 1) * 2 == 26
    assert layer.params_derivation == "params = (2*2*3 + 1) * 2 = 26"


@pytest.mark.parametrize(
    ("input_shape", "layer", "shape", "params"),
    [
        # 3x3x1 input, one 2x2 filter, valid -> 2x2x1, 4 + 1 = 5 params
        ((3, 3, 1), "Conv2D(1, 2)", (None, 2, 2, 1), 2 * 2 * 1 + 1),
        # same padding with 3 filters -> 3x3x3, 12 + 3 = 15
        ((3, 3, 1), "Conv2D(3, 2, padding='same')", (None, 3, 3, 3), (2 * 2 * 1 + 1) * 3),
    ],
)
def test_filters_and_channels_examples(input_shape, layer, shape, params) -> None:
    result = one_layer(input_shape, layer)
    assert (result.output_shape, result.params) == (shape, params)


def test_known_mistake_2_height_is_the_first_axis_and_keeps_the_plus_one() -> None:
    layer = one_layer((39, 31, 1), "Conv2D(20, (4, 4))")
    assert layer.output_shape == (None, 36, 28, 20)
    oh, ow, _ = layer.shape_derivation.splitlines()
    assert oh == "OH = floor((39 + 2*0 - 4) / 1) + 1 = 36"
    assert ow == "OW = floor((31 + 2*0 - 4) / 1) + 1 = 28"


def test_conv_without_bias() -> None:
    layer = one_layer((28, 28, 3), "Conv2D(16, 3, use_bias=False)")
    assert layer.params == 3 * 3 * 3 * 16
    assert layer.params_derivation == "params = 3*3*3 * 16 = 432 (no bias)"


def test_rectangular_kernel_and_strides() -> None:
    layer = one_layer((28, 20, 3), "Conv2D(8, kernel_size=(5, 3), strides=(2, 1))")
    assert layer.output_shape == (None, (28 - 5) // 2 + 1, (20 - 3) // 1 + 1, 8)
    assert layer.params == (5 * 3 * 3 + 1) * 8
    assert "OH = floor((28 + 2*0 - 5) / 2) + 1 = 12" in layer.shape_derivation


@pytest.mark.parametrize(("size", "stride"), [(28, 2), (27, 2), (32, 3), (7, 2), (5, 1)])
def test_same_padding_rounds_up(size: int, stride: int) -> None:
    layer = one_layer((size, size, 1), f"Conv2D(4, 3, strides={stride}, padding='same')")
    expected = math.ceil(size / stride)
    assert layer.output_shape == (None, expected, expected, 4)
    assert f"OH = ceil({size} / {stride}) = {expected}" in layer.shape_derivation


def test_same_padding_stride_2_on_an_odd_size() -> None:
    layer = one_layer((27, 27, 1), "Conv2D(4, 3, strides=2, padding='same')")
    assert layer.output_shape == (None, 14, 14, 4)


def test_conv1d() -> None:
    layer = one_layer((100, 8), "Conv1D(16, 5)")
    assert layer.output_shape == (None, 100 - 5 + 1, 16)
    assert layer.params == (5 * 8 + 1) * 16
    assert "OL = floor((100 + 2*0 - 5) / 1) + 1 = 96" in layer.shape_derivation


# ---------------------------------------------------------------------------------------------
# Pooling


@pytest.mark.parametrize(
    ("pooling", "size"),
    [
        ("MaxPooling2D(2)", (28 - 2) // 2 + 1),  # strides default to the pool size
        ("MaxPooling2D()", (28 - 2) // 2 + 1),  # and the pool size to 2
        ("MaxPooling2D(3)", (28 - 3) // 3 + 1),
        ("MaxPooling2D(3, strides=1)", (28 - 3) // 1 + 1),
        ("MaxPooling2D(3, strides=2)", (28 - 3) // 2 + 1),
        ("AveragePooling2D(pool_size=(4, 4), strides=(2, 2))", (28 - 4) // 2 + 1),
        ("MaxPooling2D(3, padding='same')", math.ceil(28 / 3)),
        ("AveragePooling2D(3, strides=2, padding='same')", math.ceil(28 / 2)),
    ],
)
def test_pooling_output_size(pooling: str, size: int) -> None:
    layer = one_layer((28, 28, 5), pooling)
    assert layer.output_shape == (None, size, size, 5)
    assert layer.params == 0


def test_known_mistake_4_input_over_pool_size_is_not_the_general_rule() -> None:
    """A 3x3 pool with stride 2 on 28: floor((28 - 3) / 2) + 1 = 13, not 28 / 3."""
    layer = one_layer((28, 28, 1), "MaxPooling2D(pool_size=3, strides=2)")
    assert layer.output_shape == (None, 13, 13, 1)
    assert layer.shape_derivation.splitlines()[0] == "OH = floor((28 - 3) / 2) + 1 = 13"


def test_pooling_derivation_shows_the_default_stride() -> None:
    layer = one_layer((26, 26, 32), "MaxPooling2D((2, 2))")
    assert layer.shape_derivation.splitlines() == [
        "OH = floor((26 - 2) / 2) + 1 = 13",
        "OW = floor((26 - 2) / 2) + 1 = 13",
        "channels stay 32",
    ]


def test_global_pooling_keeps_one_value_per_channel() -> None:
    assert one_layer((7, 7, 64), "GlobalAveragePooling2D()").output_shape == (None, 64)
    assert one_layer((7, 7, 64), "GlobalMaxPooling2D(keepdims=True)").output_shape == (
        None,
        1,
        1,
        64,
    )
    assert one_layer((50, 16), "GlobalMaxPooling1D()").output_shape == (None, 16)


# ---------------------------------------------------------------------------------------------
# The worked chains


def test_the_39_by_31_chain() -> None:
    result = run(
        """
        model = keras.Sequential([
            keras.Input(shape=(39, 31, 1)),
            layers.Conv2D(20, (4, 4), activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(40, (3, 3), activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(60, (2, 2), activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(60, (2, 2), activation="relu"),
            layers.Flatten(),
            layers.Dense(100, activation="softmax"),
        ])
        """
    )
    assert shapes(result) == [
        (None, 36, 28, 20),
        (None, 18, 14, 20),
        (None, 16, 12, 40),
        (None, 8, 6, 40),
        (None, 7, 5, 60),
        (None, 3, 2, 60),
        (None, 2, 1, 60),
        (None, 120),
        (None, 100),
    ]
    assert [layer.params for layer in result.layers] == [
        (4 * 4 * 1 + 1) * 20,
        0,
        (3 * 3 * 20 + 1) * 40,
        0,
        (2 * 2 * 40 + 1) * 60,
        0,
        (2 * 2 * 60 + 1) * 60,
        0,
        120 * 100 + 100,
    ]
    assert result.layers[0].params == 340
    assert result.layers[7].shape_derivation == "2*1*60 = 120"


def test_the_160_by_120_chain() -> None:
    result = run(
        """
        model = keras.Sequential([
            keras.Input(shape=(160, 120, 3)),
            layers.Conv2D(32, 5, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(64, 5, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(128, 4, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Flatten(),
            layers.Dense(512, activation="relu"),
            layers.Dense(128, activation="relu"),
            layers.Dense(4, activation="softmax"),
        ])
        """
    )
    spatial = [layer.output_shape[1:3] for layer in result.layers[:6]]
    assert spatial == [(156, 116), (78, 58), (74, 54), (37, 27), (34, 24), (17, 12)]
    assert shapes(result)[6:] == [(None, 17 * 12 * 128), (None, 512), (None, 128), (None, 4)]
    assert result.layers[7].params == 17 * 12 * 128 * 512 + 512


# ---------------------------------------------------------------------------------------------
# Whole models of the course and their totals


def test_mnist_cnn_total() -> None:
    result = run(
        """
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, (3, 3), activation="relu"),
            layers.Conv2D(64, (3, 3), activation="relu"),
            layers.MaxPooling2D(2),
            layers.Dropout(0.25),
            layers.Flatten(),
            layers.Dense(128, activation="relu"),
            layers.Dropout(0.5),
            layers.Dense(10, activation="softmax"),
        ])
        """
    )
    assert result.layers[4].output_shape == (None, 12 * 12 * 64)
    expected = (3 * 3 * 1 + 1) * 32 + (3 * 3 * 32 + 1) * 64 + (9216 * 128 + 128) + (128 * 10 + 10)
    assert result.total_params == expected == 1_199_882
    assert (result.trainable_params, result.non_trainable_params) == (1_199_882, 0)


def test_the_mnist_cnn_exercise_file_reads_as_the_course_says() -> None:
    exercise = REPO / "lessons" / "exercises" / "mnist-cnn.py"
    if not exercise.exists():
        pytest.skip("the MNIST CNN exercise is not in this checkout")
    assert analyze(parse_model(exercise.read_text(encoding="utf-8"))).total_params == 1_199_882


def test_fashion_mnist_cnn_a_three_convs_without_pooling() -> None:
    result = run(
        """
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(16, (3, 3), activation="relu"),
            layers.Conv2D(32, (3, 3), activation="relu"),
            layers.Conv2D(64, (3, 3), activation="relu"),
            layers.Flatten(),
            layers.Dense(128, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ])
        """
    )
    assert result.layers[3].output_shape == (None, 22 * 22 * 64) == (None, 30_976)
    expected = (
        (3 * 3 * 1 + 1) * 16
        + (3 * 3 * 16 + 1) * 32
        + (3 * 3 * 32 + 1) * 64
        + (30_976 * 128 + 128)
        + (128 * 10 + 10)
    )
    assert result.total_params == expected == 3_989_642


def test_fashion_mnist_cnn_b_with_pooling_and_dropout() -> None:
    result = run(
        """
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, (3, 3), activation="relu"),
            layers.MaxPooling2D((2, 2)),
            layers.Dropout(0.3),
            layers.Conv2D(64, (3, 3), activation="relu"),
            layers.MaxPooling2D((2, 2)),
            layers.Dropout(0.3),
            layers.Conv2D(128, (3, 3), activation="relu"),
            layers.Dropout(0.3),
            layers.Flatten(),
            layers.Dense(128, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ])
        """
    )
    assert result.layers[8].output_shape == (None, 3 * 3 * 128) == (None, 1_152)
    expected = (
        (3 * 3 * 1 + 1) * 32
        + (3 * 3 * 32 + 1) * 64
        + (3 * 3 * 64 + 1) * 128
        + (1_152 * 128 + 128)
        + (128 * 10 + 10)
    )
    assert result.total_params == expected == 241_546


def test_fashion_mnist_cnn_c_vgg_style() -> None:
    result = run(
        """
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, (3, 3), padding="same", activation="relu"),
            layers.Conv2D(64, (3, 3), padding="same", activation="relu"),
            layers.MaxPooling2D((2, 2)),
            layers.Dropout(0.5),
            layers.Conv2D(128, (3, 3), padding="same", activation="relu"),
            layers.Conv2D(256, (3, 3), padding="valid", activation="relu"),
            layers.MaxPooling2D((2, 2)),
            layers.Dropout(0.5),
            layers.Flatten(),
            layers.Dense(512, activation="relu"),
            layers.Dropout(0.5),
            layers.Dense(256, activation="relu"),
            layers.Dropout(0.5),
            layers.Dense(10, activation="softmax"),
        ])
        """
    )
    assert result.layers[8].output_shape == (None, 6 * 6 * 256)
    expected = (
        (3 * 3 * 1 + 1) * 32
        + (3 * 3 * 32 + 1) * 64
        + (3 * 3 * 64 + 1) * 128
        + (3 * 3 * 128 + 1) * 256
        + (6 * 6 * 256 * 512 + 512)
        + (512 * 256 + 256)
        + (256 * 10 + 10)
    )
    assert result.total_params == expected == 5_240_842


def test_pima_dense_network_in_old_keras() -> None:
    result = run(
        """
        model = Sequential()
        model.add(Dense(12, input_dim=8, init='uniform', activation='relu'))
        model.add(Dense(8, init='uniform', activation='relu'))
        model.add(Dense(1, init='uniform', activation='sigmoid'))
        """
    )
    assert shapes(result) == [(None, 12), (None, 8), (None, 1)]
    assert result.total_params == (8 * 12 + 12) + (12 * 8 + 8) + (8 * 1 + 1)


def test_fashion_mnist_dense_network() -> None:
    result = run(
        """
        model = keras.Sequential([
            keras.Input(shape=(28, 28)),
            layers.Flatten(),
            layers.Dense(128, activation="relu"),
            layers.Dense(64, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ])
        """
    )
    assert result.layers[0].output_shape == (None, 784)
    assert result.layers[0].shape_derivation == "28*28 = 784"
    assert result.total_params == (784 * 128 + 128) + (128 * 64 + 64) + (64 * 10 + 10)


# ---------------------------------------------------------------------------------------------
# Dense


def test_dense_four_inputs_to_eight_units_is_40() -> None:
    layer = one_layer((4,), "Dense(8)")
    assert layer.params == 4 * 8 + 8 == 40
    assert layer.params_derivation == "params = 4*8 + 8 = 40"


def test_dense_without_bias_counts_only_weights() -> None:
    layer = one_layer((3,), "Dense(2, use_bias=False)")
    assert layer.params == 3 * 2
    assert layer.params_derivation == "params = 3*2 = 6 (no bias)"


def test_dense_on_a_4d_input_acts_on_the_last_axis() -> None:
    layer = one_layer((5, 7, 3), "Dense(8)")
    assert layer.output_shape == (None, 5, 7, 8)
    assert layer.params == 3 * 8 + 8


def test_dense_on_a_sequence_acts_per_time_step() -> None:
    assert one_layer((10, 16), "Dense(4)").output_shape == (None, 10, 4)


# ---------------------------------------------------------------------------------------------
# Embedding and recurrent layers


def test_embedding_is_vocabulary_times_dimension() -> None:
    layer = one_layer((100,), "Embedding(10000, 32)")
    assert layer.output_shape == (None, 100, 32)
    assert layer.params == 10000 * 32
    assert layer.params_derivation == "params = 10000 * 32 = 320000"


@pytest.mark.parametrize(
    ("layer", "params"),
    [
        ("SimpleRNN(32)", 32 * (32 + 16 + 1)),
        ("LSTM(32)", 4 * 32 * (32 + 16 + 1)),
        ("GRU(32)", 3 * 32 * (32 + 16 + 2)),  # reset_after=True: two biases
        ("GRU(32, reset_after=False)", 3 * 32 * (32 + 16 + 1)),
        ("SimpleRNN(32, use_bias=False)", 32 * (32 + 16)),
        ("LSTM(32, use_bias=False)", 4 * 32 * (32 + 16)),
        ("GRU(32, use_bias=False)", 3 * 32 * (32 + 16)),
    ],
)
def test_recurrent_parameter_counts(layer: str, params: int) -> None:
    result = one_layer((50, 16), layer)
    assert result.params == params
    assert result.params_derivation.split(" = ")[-1].split()[0] == str(params)


def test_recurrent_derivations_show_the_gates() -> None:
    assert one_layer((50, 16), "LSTM(32)").params_derivation == (
        "params = 4 * 32 * (32 + 16 + 1) = 6272"
    )
    assert one_layer((50, 16), "GRU(32)").params_derivation == (
        "params = 3 * 32 * (32 + 16 + 2) = 4800"
    )
    assert one_layer((50, 16), "SimpleRNN(32)").params_derivation == (
        "params = 32 * (32 + 16 + 1) = 1568"
    )


@pytest.mark.parametrize("cls", ["SimpleRNN", "LSTM", "GRU"])
def test_return_sequences_keeps_the_time_axis(cls: str) -> None:
    assert one_layer((50, 16), f"{cls}(8)").output_shape == (None, 8)
    assert one_layer((50, 16), f"{cls}(8, return_sequences=True)").output_shape == (None, 50, 8)


def test_imdb_embedding_and_simple_rnn() -> None:
    result = run(
        """
        model = keras.Sequential([
            keras.Input(shape=(500,)),
            layers.Embedding(10000, 32),
            layers.SimpleRNN(32),
            layers.Dense(1, activation="sigmoid"),
        ])
        """
    )
    assert shapes(result) == [(None, 500, 32), (None, 32), (None, 1)]
    assert result.total_params == 10000 * 32 + 32 * (32 + 32 + 1) + (32 + 1)


def test_reuters_embedding_and_lstm() -> None:
    result = run(
        """
        model = keras.Sequential([
            keras.Input(shape=(100,)),
            layers.Embedding(1000, 100),
            layers.LSTM(100),
            layers.Dense(46, activation="softmax"),
        ])
        """
    )
    assert result.total_params == 1000 * 100 + 4 * 100 * (100 + 100 + 1) + (100 * 46 + 46)


def test_bidirectional_concat_doubles_features_and_parameters() -> None:
    layer = one_layer((20, 8), "Bidirectional(LSTM(16))")
    assert layer.name == "bidirectional"
    assert layer.output_shape == (None, 2 * 16)
    assert layer.params == 2 * 4 * 16 * (16 + 8 + 1)
    assert "concat: 16 forward + 16 backward = 32 features" in layer.shape_derivation


@pytest.mark.parametrize("mode", ["sum", "mul", "ave"])
def test_bidirectional_other_merge_modes_keep_the_width(mode: str) -> None:
    layer = one_layer(
        (20, 8), f"Bidirectional(GRU(16, return_sequences=True), merge_mode='{mode}')"
    )
    assert layer.output_shape == (None, 20, 16)
    assert layer.params == 2 * 3 * 16 * (16 + 8 + 2)


# ---------------------------------------------------------------------------------------------
# Non-trainable parameters


def test_batch_normalization_moving_statistics_are_not_trainable() -> None:
    layer = one_layer((26, 26, 32), "BatchNormalization()")
    assert layer.output_shape == (None, 26, 26, 32)
    assert (layer.params, layer.trainable_params, layer.non_trainable_params) == (
        4 * 32,
        2 * 32,
        2 * 32,
    )


def test_batch_normalization_without_scale_and_center() -> None:
    layer = one_layer((10,), "BatchNormalization(center=False, scale=False)")
    assert (layer.trainable_params, layer.non_trainable_params) == (0, 2 * 10)


def test_model_totals_split_trainable_and_non_trainable() -> None:
    result = run(
        """
        model = keras.Sequential([
            keras.Input(shape=(10,)),
            layers.Dense(16),
            layers.BatchNormalization(),
            layers.Dense(1),
        ])
        """
    )
    assert result.trainable_params == (10 * 16 + 16) + 2 * 16 + (16 + 1)
    assert result.non_trainable_params == 2 * 16
    assert result.total_params == result.trainable_params + result.non_trainable_params


def test_trainable_false_freezes_a_layer() -> None:
    result = run(
        """
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, 3, trainable=False),
            layers.Flatten(),
            layers.Dense(10),
        ])
        """
    )
    conv, _, dense = result.layers
    assert (conv.trainable_params, conv.non_trainable_params) == (0, 320)
    assert conv.params_derivation.endswith("; trainable=False, so all are non-trainable")
    assert (dense.trainable_params, dense.non_trainable_params) == (26 * 26 * 32 * 10 + 10, 0)
    assert result.non_trainable_params == 320
    assert result.trainable_params == 26 * 26 * 32 * 10 + 10


def test_trainable_false_inside_bidirectional_freezes_both_directions() -> None:
    layer = one_layer((20, 8), "Bidirectional(SimpleRNN(4, trainable=False))")
    assert (layer.trainable_params, layer.non_trainable_params) == (0, 2 * 4 * (4 + 8 + 1))


# ---------------------------------------------------------------------------------------------
# Shapes of the layers without weights, and names


def test_flatten_dropout_activation_reshape() -> None:
    result = run(
        """
        model = keras.Sequential([
            keras.Input(shape=(12, 12, 64)),
            layers.Flatten(),
            layers.Dropout(0.25),
            layers.Activation("relu"),
            layers.Reshape((96, -1)),
        ])
        """
    )
    assert shapes(result) == [(None, 9216), (None, 9216), (None, 9216), (None, 96, 96)]
    assert result.layers[0].shape_derivation == "12*12*64 = 9216"
    assert result.layers[3].shape_derivation == "-1 = 9216 / 96 = 96"
    assert result.total_params == 0


def test_layers_are_named_as_keras_names_them() -> None:
    result = run(
        """
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(8, 3),
            layers.Conv2D(8, 3),
            layers.MaxPool2D(),
            layers.Flatten(),
            layers.Dense(10, name="logits"),
            layers.Dense(10),
        ])
        """
    )
    assert [layer.name for layer in result.layers] == [
        "conv2d",
        "conv2d_1",
        "max_pooling2d",
        "flatten",
        "logits",
        "dense",
    ]


# ---------------------------------------------------------------------------------------------
# Impossible models


def test_engine_errors_are_tutor_errors() -> None:
    assert issubclass(EngineError, TutorError)


def test_a_kernel_larger_than_its_input_names_the_layer_and_the_formula() -> None:
    message = engine_error(
        """
        model = keras.Sequential([
            keras.Input(shape=(3, 3, 1)),
            layers.Conv2D(8, (5, 5), padding="valid"),
        ])
        """
    )
    assert message == (
        "line 4: conv2d (Conv2D): a 5x5 kernel does not fit a 3x3 input with padding='valid': "
        "OH = floor((3 + 2*0 - 5) / 1) + 1 = -1"
    )


def test_the_same_kernel_fits_with_same_padding() -> None:
    assert one_layer((3, 3, 1), "Conv2D(8, (5, 5), padding='same')").output_shape == (
        None,
        3,
        3,
        8,
    )


def test_a_chain_that_shrinks_to_nothing_fails_at_the_right_layer() -> None:
    message = engine_error(
        """
        model = keras.Sequential([
            keras.Input(shape=(8, 8, 1)),
            layers.Conv2D(4, 3),
            layers.MaxPooling2D(2),
            layers.Conv2D(4, 3),
            layers.MaxPooling2D(2),
        ])
        """
    )
    assert message.startswith("line 7: max_pooling2d_1 (MaxPooling2D): ")
    assert "OH = floor((1 - 2) / 2) + 1 = 0" in message


def test_a_pool_larger_than_a_sequence() -> None:
    message = engine_error("model = Sequential([Input(shape=(3, 4)), MaxPooling1D(5)])")
    assert "max_pooling1d (MaxPooling1D)" in message
    assert "OL = floor((3 - 5) / 5) + 1 = 0" in message


def test_conv2d_on_a_3d_input_suggests_a_channels_axis() -> None:
    message = engine_error("model = Sequential([Input(shape=(28, 28)), Conv2D(32, 3)])")
    assert message == (
        "line 1: conv2d (Conv2D): expects a 4D input (batch, height, width, channels), "
        "got (None, 28, 28); add a channels axis, e.g. keras.Input(shape=(28, 28, 1))"
    )


def test_an_rnn_on_flat_vectors() -> None:
    message = engine_error("model = Sequential([Input(shape=(100,)), LSTM(32)])")
    assert message == "line 1: lstm (LSTM): expects a 3D input (batch, timesteps, features), " + (
        "got (None, 100)"
    )


def test_dense_after_flatten_of_an_unknown_size() -> None:
    message = engine_error(
        "model = Sequential([Input(shape=(None, None, 3)), Conv2D(4, 3), Flatten(), Dense(2)])"
    )
    assert message.startswith("line 1: dense (Dense): the last axis of (None, None) is None")


@pytest.mark.parametrize(
    ("layer", "problem"),
    [
        ("Dense(0)", "units must be a positive integer (got 0)"),
        ("Dense(3.5)", "units must be a positive integer (got 3.5)"),
        ("Dropout(1.5)", "rate must be a number from 0 to 1 (got 1.5)"),
        ("Reshape((7, 7))", "cannot reshape (None, 10)"),
        ("Dense(2, use_bias='no')", "use_bias must be True or False (got 'no')"),
    ],
)
def test_bad_argument_values_name_the_layer(layer: str, problem: str) -> None:
    message = engine_error(f"model = Sequential([Input(shape=(10,)),\n    {layer}])")
    assert message.startswith("line 2: ")
    assert problem in message


def test_conv_padding_is_checked() -> None:
    message = engine_error(
        "model = Sequential([Input(shape=(8, 8, 1)), Conv2D(4, 3, padding='full')])"
    )
    assert message == (
        "line 1: conv2d (Conv2D): padding must be one of 'valid', 'same' (got 'full')"
    )
