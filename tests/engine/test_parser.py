"""Reading a learner's model source: every way the course and modern Keras write a
Sequential model, old-Keras spellings with their notes, and one-line errors with the line."""

from __future__ import annotations

import textwrap

import pytest

from tutor.engine import LayerSpec, ModelSpec, ParseError, analyze, parse_model
from tutor.errors import TutorError

DENSE_8_TO_4 = ModelSpec((8,), (LayerSpec("Dense", {"units": 4}),))


def parse(source: str) -> ModelSpec:
    return parse_model(textwrap.dedent(source))


def parse_error(source: str) -> str:
    """The one-line message of the ParseError that `source` must raise."""
    with pytest.raises(ParseError) as caught:
        parse(source)
    message = str(caught.value)
    assert "\n" not in message, message
    return message


# ---------------------------------------------------------------------------------------------
# The forms of Sequential


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            import keras
            model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(4)])
            """,
            id="keras.Sequential",
        ),
        pytest.param(
            """
            from keras import Sequential
            from keras.layers import Dense, Input
            model = Sequential([Input(shape=(8,)), Dense(4)])
            """,
            id="Sequential",
        ),
        pytest.param(
            """
            import tensorflow as tf
            model = tf.keras.Sequential([tf.keras.Input(shape=(8,)), tf.keras.layers.Dense(4)])
            """,
            id="tf.keras.Sequential",
        ),
        pytest.param(
            """
            from keras.models import Sequential
            from keras.layers import Dense, Input
            model = Sequential()
            model.add(Input(shape=(8,)))
            model.add(Dense(4))
            """,
            id="Sequential()+add",
        ),
        pytest.param(
            """
            model = keras.Sequential(layers=[keras.Input(shape=(8,)), layers.Dense(4)])
            """,
            id="layers=keyword",
        ),
        pytest.param(
            """
            model = keras.Sequential([keras.Input(shape=(8,))])
            model.add(layers.Dense(4))
            """,
            id="list+add",
        ),
    ],
)
def test_every_sequential_form_gives_the_same_model(source: str) -> None:
    assert parse(source) == DENSE_8_TO_4


@pytest.mark.parametrize("prefix", ["", "layers.", "keras.layers.", "tf.keras.layers."])
def test_layer_names_bare_or_with_their_modules(prefix: str) -> None:
    spec = parse(
        f"""
        model = Sequential([
            {prefix}Input(shape=(28, 28, 1)),
            {prefix}Conv2D(32, (3, 3)),
            {prefix}MaxPooling2D(),
            {prefix}Flatten(),
            {prefix}Dense(10),
        ])
        """
    )
    assert spec.input_shape == (28, 28, 1)
    assert [layer.cls for layer in spec.layers] == ["Conv2D", "MaxPooling2D", "Flatten", "Dense"]
    assert spec.layers[0].args == {"filters": 32, "kernel_size": (3, 3)}


def test_layers_keep_their_source_line() -> None:
    spec = parse(
        """
        import keras

        model = keras.Sequential([
            keras.Input(shape=(8,)),
            keras.layers.Dense(4),
            keras.layers.Dense(2),
        ])
        """
    )
    assert [layer.line for layer in spec.layers] == [6, 7]
    assert [result.line for result in analyze(spec).layers] == [6, 7]


def test_a_file_with_two_models_uses_the_one_called_model() -> None:
    spec = parse(
        """
        model = Sequential([Input(shape=(8,)), Dense(4)])
        other = Sequential([Input(shape=(3,)), Dense(1)])
        """
    )
    assert spec == DENSE_8_TO_4


def test_without_a_model_variable_the_last_sequential_is_used() -> None:
    spec = parse(
        """
        first = Sequential([Input(shape=(3,)), Dense(1)])
        second = Sequential([Input(shape=(8,)), Dense(4)])
        """
    )
    assert spec == DENSE_8_TO_4


def test_a_model_built_and_returned_inside_a_function() -> None:
    spec = parse(
        """
        def build_model(hidden):
            net = keras.Sequential()
            net.add(keras.Input(shape=(8,)))
            net.add(layers.Dense(4))
            return net
        """
    )
    assert spec == DENSE_8_TO_4


def test_a_layer_bound_to_a_name_first() -> None:
    spec = parse(
        """
        hidden = layers.Dense(4)
        model = keras.Sequential([keras.Input(shape=(8,)), hidden])
        """
    )
    assert spec == DENSE_8_TO_4


# ---------------------------------------------------------------------------------------------
# Where the input shape comes from


@pytest.mark.parametrize(
    ("source", "shape"),
    [
        ("model = Sequential([keras.Input(shape=(28, 28, 1)), Flatten()])", (28, 28, 1)),
        ("model = Sequential([Input((28, 28, 1)), Flatten()])", (28, 28, 1)),
        ("model = Sequential([Input(shape=[28, 28, 1]), Flatten()])", (28, 28, 1)),
        ("model = Sequential([Input(shape=(None, 3)), Flatten()])", (None, 3)),
        ("model = Sequential([Input(batch_shape=(None, 5)), Flatten()])", (5,)),
        ("model = Sequential([Flatten(input_shape=(28, 28))])", (28, 28)),
        ("model = Sequential([Dense(12, input_dim=8)])", (8,)),
        ("model = Sequential([Dense(12, input_shape=(8,))])", (8,)),
        ("model = Sequential([InputLayer(shape=(8,)), Dense(12)])", (8,)),
        (
            "model = Sequential([Dense(12)])\nmodel.build(input_shape=(None, 784))",
            (784,),
        ),
        ("model = Sequential([Dense(12)])\nmodel.build((None, 32, 32, 3))", (32, 32, 3)),
    ],
)
def test_input_shape_from_every_place_keras_takes_it(source: str, shape: tuple) -> None:
    assert parse_model(source).input_shape == shape


def test_input_shape_on_the_first_layer_is_not_kept_as_a_layer_argument() -> None:
    spec = parse("model = Sequential([Dense(12, input_dim=8, activation='relu')])")
    assert spec.layers == (LayerSpec("Dense", {"units": 12, "activation": "relu"}),)


def test_input_shape_on_a_later_layer_is_ignored_with_a_note() -> None:
    spec = parse(
        """
        model = Sequential([
            Input(shape=(8,)),
            Dense(4, input_shape=(99,)),
        ])
        """
    )
    assert spec.input_shape == (8,)
    assert spec.layers[0].args == {"units": 4}


def test_input_shape_inside_a_bidirectional_first_layer() -> None:
    spec = parse("model = Sequential([Bidirectional(LSTM(16), input_shape=(10, 4))])")
    assert spec.input_shape == (10, 4)


# ---------------------------------------------------------------------------------------------
# Statements that are not the model


def test_imports_data_training_and_other_statements_are_ignored() -> None:
    spec = parse(
        """
        import numpy as np
        import tensorflow as tf
        from tensorflow import keras
        from keras import layers
        import matplotlib.pyplot as plt

        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
        x_train = x_train.astype("float32") / 255
        y_train = keras.utils.to_categorical(y_train, 10)
        print("training on", len(x_train))
        for epoch_count in [1, 2]:
            pass

        model = keras.Sequential(
            [
                keras.Input(shape=(28, 28, 1)),
                layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
                layers.Flatten(),
                layers.Dense(10, activation="softmax"),
            ]
        )
        model.summary()
        model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
        history = model.fit(x_train, y_train, batch_size=128, epochs=15, validation_split=0.1)
        score = model.evaluate(x_test, y_test, verbose=0)
        plt.plot(history.history["loss"])
        """
    )
    assert spec.input_shape == (28, 28, 1)
    assert [layer.cls for layer in spec.layers] == ["Conv2D", "Flatten", "Dense"]


def test_non_literal_arguments_that_change_no_shape_are_skipped() -> None:
    spec = parse(
        """
        model = Sequential([
            Input(shape=(8,)),
            Dense(4, activation=tf.nn.relu, kernel_initializer=make_init()),
        ])
        """
    )
    assert spec == DENSE_8_TO_4


# ---------------------------------------------------------------------------------------------
# Arguments: positional or keyword, int or tuple, aliases, constants


@pytest.mark.parametrize(
    "conv",
    [
        "Conv2D(32, (3, 3))",
        "Conv2D(32, 3)",
        "Conv2D(filters=32, kernel_size=(3, 3))",
        "Conv2D(32, kernel_size=3)",
        "Conv2D(kernel_size=[3, 3], filters=32)",
        "Convolution2D(32, (3, 3))",
    ],
)
def test_conv_filters_and_kernel_size_positional_or_keyword(conv: str) -> None:
    result = analyze(parse(f"model = Sequential([Input(shape=(28, 28, 1)), {conv}])"))
    (layer,) = result.layers
    assert (layer.cls, layer.output_shape, layer.params) == (
        "Conv2D",
        (None, 26, 26, 32),
        (3 * 3 * 1 + 1) * 32,
    )


@pytest.mark.parametrize("dense", ["Dense(64)", "Dense(units=64)", "Dense(64, 'relu')"])
def test_dense_units_positional_or_keyword(dense: str) -> None:
    spec = parse(f"model = Sequential([Input(shape=(8,)), {dense}])")
    assert spec.layers[0].args["units"] == 64
    assert analyze(spec).layers[0].params == 8 * 64 + 64


def test_positional_arguments_are_named_in_keras_order() -> None:
    spec = parse("model = Sequential([Input(shape=(28, 28, 1)), Conv2D(8, 3, 2, 'same')])")
    assert spec.layers[0].args == {"filters": 8, "kernel_size": 3, "strides": 2, "padding": "same"}


@pytest.mark.parametrize(
    ("pooling", "expected"),
    [
        ("MaxPooling2D(2)", (None, 13, 13, 8)),
        ("MaxPooling2D((2, 2))", (None, 13, 13, 8)),
        ("MaxPooling2D(pool_size=(2, 2))", (None, 13, 13, 8)),
        ("MaxPooling2D(pool_size=2, strides=2)", (None, 13, 13, 8)),
        ("MaxPooling2D(pool_size=2, strides=(2, 2))", (None, 13, 13, 8)),
        ("MaxPooling2D((3, 2), strides=(1, 2))", (None, 24, 13, 8)),
        ("MaxPooling2D(pool_size=(2, 2), strides=1)", (None, 25, 25, 8)),
    ],
)
def test_pool_size_and_strides_as_int_or_tuple(pooling: str, expected: tuple) -> None:
    source = f"model = Sequential([Input(shape=(26, 26, 8)), {pooling}])"
    assert analyze(parse(source)).layers[0].output_shape == expected


@pytest.mark.parametrize(
    ("alias", "cls", "name"),
    [
        ("MaxPool2D(2)", "MaxPooling2D", "max_pooling2d"),
        ("AvgPool2D(2)", "AveragePooling2D", "average_pooling2d"),
        ("GlobalAvgPool2D()", "GlobalAveragePooling2D", "global_average_pooling2d"),
        ("GlobalMaxPool2D()", "GlobalMaxPooling2D", "global_max_pooling2d"),
        ("Convolution2D(4, 3)", "Conv2D", "conv2d"),
    ],
)
def test_aliases_read_as_the_keras_class(alias: str, cls: str, name: str) -> None:
    spec = parse(f"model = Sequential([Input(shape=(8, 8, 3)), layers.{alias}])")
    assert spec.layers[0].cls == cls
    assert analyze(spec).layers[0].name == name


@pytest.mark.parametrize(
    ("alias", "cls"),
    [
        ("MaxPool1D(2)", "MaxPooling1D"),
        ("AvgPool1D(2)", "AveragePooling1D"),
        ("GlobalAvgPool1D()", "GlobalAveragePooling1D"),
        ("GlobalMaxPool1D()", "GlobalMaxPooling1D"),
        ("Convolution1D(4, 3)", "Conv1D"),
    ],
)
def test_one_dimensional_aliases(alias: str, cls: str) -> None:
    spec = parse(f"model = Sequential([Input(shape=(10, 3)), {alias}])")
    assert spec.layers[0].cls == cls


def test_constants_assigned_earlier_are_read() -> None:
    spec = parse(
        """
        n = 64
        size = (28, 28, 1)
        classes = 10
        model = Sequential([
            Input(shape=size),
            Conv2D(n // 2, 3),
            Flatten(),
            Dense(n * 2),
            Dense(classes),
        ])
        """
    )
    assert spec.input_shape == (28, 28, 1)
    assert spec.layers[0].args["filters"] == 32
    assert [layer.args["units"] for layer in spec.layers[2:]] == [128, 10]


def test_a_constant_has_the_value_it_had_where_the_layer_was_written() -> None:
    spec = parse(
        """
        units = 4
        model = Sequential([Input(shape=(8,))])
        model.add(Dense(units))
        units = 99
        """
    )
    assert spec == DENSE_8_TO_4


def test_bidirectional_keeps_the_wrapped_layer() -> None:
    spec = parse(
        """
        model = Sequential([
            Input(shape=(10,)),
            Embedding(1000, 16),
            Bidirectional(LSTM(32, return_sequences=True), merge_mode="sum"),
        ])
        """
    )
    wrapper = spec.layers[1]
    assert wrapper.cls == "Bidirectional"
    assert wrapper.args == {"merge_mode": "sum"}
    assert wrapper.wrapped == LayerSpec("LSTM", {"units": 32, "return_sequences": True})


# ---------------------------------------------------------------------------------------------
# Old Keras from the course notes: accepted, with one note each


@pytest.mark.parametrize(
    ("source", "modern", "arg"),
    [
        (
            "model = Sequential([Input(shape=(8,)), Dense(12, init='uniform')])",
            "kernel_initializer=",
            ("kernel_initializer", "uniform"),
        ),
        (
            "model = Sequential([Input(shape=(28, 28, 1)), Conv2D(32, 3, border_mode='same')])",
            "padding=",
            ("padding", "same"),
        ),
        (
            "model = Sequential([Input(shape=(10,)), Embedding(1000, 64, init='uniform')])",
            "embeddings_initializer=",
            ("embeddings_initializer", "uniform"),
        ),
    ],
)
def test_renamed_old_arguments_get_a_note_with_the_modern_name(
    source: str, modern: str, arg: tuple[str, object]
) -> None:
    spec = parse_model(source)
    key, value = arg
    assert spec.layers[0].args[key] == value
    (note,) = spec.notes
    assert note.startswith("line 1: ")
    assert modern in note
    assert "\n" not in note


def test_input_length_on_embedding_is_accepted_with_a_note() -> None:
    spec = parse("model = Sequential([Embedding(10000, 32, input_length=100), SimpleRNN(32)])")
    assert spec.input_shape == (100,)
    assert spec.layers[0].args == {"input_dim": 10000, "output_dim": 32}
    (note,) = spec.notes
    assert "input_length=" in note
    assert "keras.Input(shape=(100,))" in note


def test_input_dim_and_shape_on_a_layer_point_to_keras_input() -> None:
    spec = parse(
        """
        model = Sequential()
        model.add(Dense(12, input_dim=8, init='uniform', activation='relu'))
        model.add(Dense(8, init='uniform', activation='relu'))
        model.add(Dense(1, init='uniform', activation='sigmoid'))
        """
    )
    assert spec.input_shape == (8,)
    assert "line 3: input_dim= is old style; Keras 3 starts with keras.Input(shape=(8,))" in (
        spec.notes
    )
    init_notes = [note for note in spec.notes if note.split(": ", 1)[1].startswith("init=")]
    assert [note.split(":")[0] for note in init_notes] == ["line 3", "line 4", "line 5"]
    assert all("kernel_initializer=" in note for note in init_notes)
    result = analyze(spec)
    assert result.total_params == (8 * 12 + 12) + (12 * 8 + 8) + (8 * 1 + 1)


def test_input_dim_with_input_length_gives_a_sequence_shape() -> None:
    spec = parse("model = Sequential([LSTM(32, input_dim=10, input_length=5)])")
    assert spec.input_shape == (5, 10)
    assert any("keras.Input(shape=(5, 10))" in note for note in spec.notes)


def test_old_keras_layers_submodule_import_gets_a_note() -> None:
    spec = parse(
        """
        from keras.layers.convolutional import Conv2D
        model = Sequential([Input(shape=(28, 28, 1)), Conv2D(32, 3)])
        """
    )
    (note,) = spec.notes
    assert note.startswith("line 2: ")
    assert "keras.layers" in note


def test_keras_1_convolution_with_three_numbers_warns_about_strides() -> None:
    spec = parse("model = Sequential([Input(shape=(28, 28, 1)), Convolution2D(32, 3, 3)])")
    assert spec.layers[0].args == {"filters": 32, "kernel_size": 3, "strides": 3}
    (note,) = spec.notes
    assert "Conv2D(32, (3, 3))" in note


def test_modern_source_has_no_notes() -> None:
    spec = parse(
        """
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, 3, padding="same", kernel_initializer="he_normal"),
        ])
        """
    )
    assert spec.notes == ()


def test_an_old_and_a_new_spelling_together_are_an_error() -> None:
    message = parse_error(
        "model = Sequential([Input(shape=(8, 8, 1)), Conv2D(4, 3, padding='same', "
        "border_mode='valid')])"
    )
    assert message.startswith("line 1: ")
    assert "border_mode=" in message
    assert "padding=" in message


# ---------------------------------------------------------------------------------------------
# Errors: one line, with the line number


def test_parse_errors_are_tutor_errors() -> None:
    assert issubclass(ParseError, TutorError)


def test_syntax_error_names_its_line() -> None:
    message = parse_error(
        """
        import keras
        model = keras.Sequential([
            keras.Input(shape=(8,)),
            keras.layers.Dense(4 activation="relu"),
        ])
        """
    )
    assert message.startswith("line 5: invalid syntax")
    assert "comma" in message


def test_unclosed_bracket_is_a_syntax_error() -> None:
    message = parse_error("model = Sequential([Input(shape=(8,)), Dense(4)]")
    assert message.startswith("line 1: invalid syntax")


@pytest.mark.parametrize(
    ("written", "suggestion"),
    [
        ("Dens(4)", "Dense"),
        ("Conv2d(4, 3)", "Conv2D"),
        ("MaxPoling2D(2)", "MaxPooling2D"),
        ("layers.Lstm(4)", "LSTM"),
        ("Batchnormalization()", "BatchNormalization"),
    ],
)
def test_unknown_layer_names_its_line_and_suggests_a_class(written: str, suggestion: str) -> None:
    message = parse_error(
        f"""
        model = Sequential([
            Input(shape=(8, 8, 3)),
            {written},
        ])
        """
    )
    name = written.split("(")[0].split(".")[-1]
    assert message == f"line 4: unknown layer {name!r}; did you mean {suggestion}?"


def test_unknown_layer_without_a_close_match_lists_the_supported_ones() -> None:
    message = parse_error("model = Sequential([Input(shape=(8,)), Transformer(4)])")
    assert message.startswith("line 1: unknown layer 'Transformer'; supported: ")
    assert "Dense" in message
    assert "LSTM" in message


def test_unknown_argument_suggests_the_right_spelling() -> None:
    message = parse_error(
        "model = Sequential([Input(shape=(8,)),\n    Dense(4, activaton='relu')])"
    )
    assert message == "line 2: Dense has no argument activaton= (did you mean activation=?)"


def test_non_literal_shape_argument_names_its_line_and_the_expression() -> None:
    message = parse_error(
        """
        n_units = int(input())
        model = Sequential([
            Input(shape=(8,)),
            Dense(n_units),
        ])
        """
    )
    assert message == (
        "line 5: units is known only at run time (got n_units, from input() on line 2)"
    )


def test_non_literal_input_shape_names_its_line() -> None:
    message = parse_error(
        """
        model = Sequential([
            Input(shape=x_train.shape[1:]),
            Dense(4),
        ])
        """
    )
    assert message.startswith("line 3: shape must be a literal")
    assert "x_train.shape[1:]" in message


def test_missing_input_shape_says_how_to_give_one() -> None:
    message = parse_error(
        """
        model = Sequential([
            Dense(4),
            Dense(2),
        ])
        """
    )
    assert message.startswith("line 2: ")
    assert "input shape" in message
    assert "keras.Input(shape=...)" in message


def test_no_model_at_all() -> None:
    message = parse_error(
        """
        import keras
        data = load("mnist")
        """
    )
    assert message == (
        "no Keras model found: write keras.Sequential([...]) or keras.Model(inputs, outputs)"
    )


def test_a_model_without_layers() -> None:
    assert parse_error("model = Sequential([Input(shape=(8,))])") == (
        "line 1: the model has no layers"
    )


def test_input_after_a_layer_is_an_error() -> None:
    message = parse_error("model = Sequential([Dense(4, input_dim=8),\n    Input(shape=(8,))])")
    assert message == "line 2: keras.Input must come before the layers"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("model = Sequential([Input(shape=(8,)), Dense(*sizes)])", "line 1: *sizes cannot be read"),
        (
            "model = Sequential([Input(shape=(8,)), Dense(**options)])",
            "line 1: **options cannot be read; write the arguments out",
        ),
        (
            "model = Sequential(make_layers())",
            "line 1: Sequential needs a written-out list of layers (got make_layers())",
        ),
        (
            "model = Sequential([Input(shape=(8,)), Dense(4, units=4)])",
            "line 1: Dense got units= twice",
        ),
        (
            "model = Sequential([Input(shape=28), Dense(4)])",
            "line 1: shape must be a tuple, e.g. shape=(28,)",
        ),
        (
            "model = Sequential([Input(shape=(28, 0)), Dense(4)])",
            "line 1: shape must be a tuple of positive integers or None (got (28, 0))",
        ),
        (
            "model = Sequential([Dense(4)])\nmodel.build(input_shape=(784,))",
            "line 2: build() needs (batch, ...) such as (None, 784)",
        ),
    ],
)
def test_other_unreadable_sources(source: str, expected: str) -> None:
    assert parse_error(source) == expected


def test_constant_computed_by_a_call_is_not_a_literal() -> None:
    message = parse_error(
        """
        n = len(classes)
        model = Sequential([Input(shape=(8,)), Dense(n)])
        """
    )
    assert message == "line 3: units must be a literal (got n)"
