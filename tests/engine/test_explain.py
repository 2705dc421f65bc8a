"""`dltutor explain`'s two outputs: the summary-like text table with the working under each
layer, and the JSON record whose keys the issue fixes."""

from __future__ import annotations

import json
import textwrap

import pytest

from tutor.engine import EngineError, ParseError, explain_json, explain_text

MNIST_CNN = textwrap.dedent(
    """
    import keras
    from keras import layers

    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, (3, 3), activation="relu"),
            layers.Conv2D(64, (3, 3), activation="relu"),
            layers.MaxPooling2D(2),
            layers.Dropout(0.25),
            layers.Flatten(),
            layers.Dense(128, activation="relu"),
            layers.Dropout(0.5),
            layers.Dense(10, activation="softmax"),
        ]
    )
    """
)
ROWS = [
    ("conv2d (Conv2D)", "(None, 26, 26, 32)", "320"),
    ("conv2d_1 (Conv2D)", "(None, 24, 24, 64)", "18,496"),
    ("max_pooling2d (MaxPooling2D)", "(None, 12, 12, 64)", "0"),
    ("dropout (Dropout)", "(None, 12, 12, 64)", "0"),
    ("flatten (Flatten)", "(None, 9216)", "0"),
    ("dense (Dense)", "(None, 128)", "1,179,776"),
    ("dropout_1 (Dropout)", "(None, 128)", "0"),
    ("dense_1 (Dense)", "(None, 10)", "1,290"),
]
OLD_KERAS_CNN = textwrap.dedent(
    """
    from keras.models import Sequential
    from keras.layers import Conv2D, MaxPooling2D, Flatten, Dense, BatchNormalization

    model = Sequential()
    model.add(Conv2D(32, (3, 3), border_mode='same', activation='relu', input_shape=(28, 28, 1)))
    model.add(BatchNormalization())
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Flatten())
    model.add(Dense(10, init='uniform', activation='softmax'))
    """
)


def table_rows(text: str) -> list[list[str]]:
    """The layer rows: lines that start at column 0 between the two `===` rules, split
    into their three columns (name, shape, params)."""
    lines = text.splitlines()
    rules = [index for index, line in enumerate(lines) if line and set(line) == {"="}]
    assert len(rules) == 2, text
    body = lines[rules[0] + 1 : rules[1]]
    assert body[1] and set(body[1]) == {"-"}
    rows = []
    for line in body[2:]:
        if line.startswith(" "):
            continue
        name, rest = line.split(")", 1)
        shape, params = rest.strip().rsplit(" ", 1)
        rows.append([name + ")", shape.strip(), params])
    return rows


# ---------------------------------------------------------------------------------------------
# Text


def test_text_has_one_row_per_layer_with_shape_and_params() -> None:
    text = explain_text(MNIST_CNN)
    assert [tuple(row) for row in table_rows(text)] == ROWS


def test_text_header_and_input() -> None:
    lines = explain_text(MNIST_CNN).splitlines()
    assert lines[0] == "Input: (None, 28, 28, 1)"
    assert lines[2].split() == ["Layer", "(type)", "Output", "shape", "Params"]


def test_text_totals() -> None:
    lines = explain_text(MNIST_CNN).splitlines()
    assert lines[-3:] == [
        "Total params: 1,199,882",
        "Trainable params: 1,199,882",
        "Non-trainable params: 0",
    ]


def test_text_shows_each_derivation_under_its_layer() -> None:
    lines = explain_text(MNIST_CNN).splitlines()
    first = lines.index(next(line for line in lines if line.startswith("conv2d (Conv2D)")))
    assert lines[first + 1 : first + 5] == [
        "    OH = floor((28 + 2*0 - 3) / 1) + 1 = 26",
        "    OW = floor((28 + 2*0 - 3) / 1) + 1 = 26",
        "    channels = filters = 32",
        "    params = (3*3*1 + 1) * 32 = 320",
    ]
    assert lines[first + 5].startswith("conv2d_1 (Conv2D)")
    assert "    params = 9216*128 + 128 = 1179776" in lines
    assert "    12*12*64 = 9216" in lines


def test_text_lists_notes_after_the_totals() -> None:
    text = explain_text(OLD_KERAS_CNN)
    notes = text.split("\nNotes:\n", 1)[1]
    assert "line 6: border_mode= is old Keras; Keras 3 calls it padding=" in notes
    assert "line 10: init= is old Keras; Keras 3 calls it kernel_initializer=" in notes
    assert "keras.Input(shape=(28, 28, 1))" in notes
    assert text.index("Total params:") < text.index("Notes:")


def test_text_without_old_spellings_has_no_notes() -> None:
    assert "Notes:" not in explain_text(MNIST_CNN)


@pytest.mark.parametrize("source", [MNIST_CNN, OLD_KERAS_CNN], ids=["modern", "old-keras"])
def test_text_fits_80_columns_for_a_typical_cnn(source: str) -> None:
    text = explain_text(source)
    too_wide = [line for line in text.splitlines() if len(line) > 80]
    assert too_wide == []


def test_text_wraps_a_long_derivation_instead_of_cutting_it() -> None:
    text = explain_text(OLD_KERAS_CNN)
    joined = " ".join(line.strip() for line in text.splitlines())
    assert (
        "params = 4 * 32 = 128 (trainable gamma, beta: 64; non-trainable moving mean, "
        "variance: 64)" in joined
    )


def test_text_totals_count_non_trainable_parameters() -> None:
    text = explain_text(OLD_KERAS_CNN)
    total = (3 * 3 * 1 + 1) * 32 + 4 * 32 + (14 * 14 * 32 * 10 + 10)
    assert f"Total params: {total:,}" in text
    assert f"Trainable params: {total - 2 * 32:,}" in text
    assert "Non-trainable params: 64" in text


def test_text_raises_the_engines_errors() -> None:
    with pytest.raises(ParseError, match=r"^line 1: invalid syntax"):
        explain_text("model = Sequential([")
    with pytest.raises(EngineError, match=r"^line 1: conv2d \(Conv2D\): a 5x5 kernel"):
        explain_text("model = Sequential([Input(shape=(3, 3, 1)), Conv2D(1, 5)])")


# ---------------------------------------------------------------------------------------------
# JSON


def test_json_keys_are_exactly_those_of_the_issue() -> None:
    record = explain_json(MNIST_CNN)
    assert set(record) == {"layers", "total_params", "trainable_params", "non_trainable_params"}
    for layer in record["layers"]:
        assert set(layer) == {
            "name",
            "class",
            "output_shape",
            "params",
            "trainable_params",
            "non_trainable_params",
            "derivation",
        }
        assert set(layer["derivation"]) == {"shape", "params"}


def test_json_first_layer_of_the_mnist_cnn() -> None:
    first = explain_json(MNIST_CNN)["layers"][0]
    assert first == {
        "name": "conv2d",
        "class": "Conv2D",
        "output_shape": [None, 26, 26, 32],
        "params": 320,
        "trainable_params": 320,
        "non_trainable_params": 0,
        "derivation": {
            "shape": "OH = floor((28 + 2*0 - 3) / 1) + 1 = 26\n"
            "OW = floor((28 + 2*0 - 3) / 1) + 1 = 26\n"
            "channels = filters = 32",
            "params": "params = (3*3*1 + 1) * 32 = 320",
        },
    }


def test_json_serialises_the_batch_axis_as_null() -> None:
    line = json.dumps(explain_json(MNIST_CNN))
    assert '"output_shape": [null, 26, 26, 32]' in line
    assert "\n" not in line


def test_json_lists_the_layers_but_not_the_input() -> None:
    record = explain_json(MNIST_CNN)
    assert [(layer["name"], layer["class"]) for layer in record["layers"]] == [
        ("conv2d", "Conv2D"),
        ("conv2d_1", "Conv2D"),
        ("max_pooling2d", "MaxPooling2D"),
        ("dropout", "Dropout"),
        ("flatten", "Flatten"),
        ("dense", "Dense"),
        ("dropout_1", "Dropout"),
        ("dense_1", "Dense"),
    ]
    assert [layer["output_shape"] for layer in record["layers"]] == [
        [None, *map(int, shape.strip("()").split(", ")[1:])] for _, shape, _ in ROWS
    ]


def test_json_totals() -> None:
    record = explain_json(MNIST_CNN)
    assert record["total_params"] == 1_199_882
    assert record["trainable_params"] == 1_199_882
    assert record["non_trainable_params"] == 0


def test_json_counts_non_trainable_parameters_per_layer() -> None:
    record = explain_json(OLD_KERAS_CNN)
    batch_norm = record["layers"][1]
    assert batch_norm["class"] == "BatchNormalization"
    assert (batch_norm["trainable_params"], batch_norm["non_trainable_params"]) == (64, 64)
    assert record["non_trainable_params"] == 64
    assert record["total_params"] == record["trainable_params"] + 64


def test_json_includes_notes_only_when_there_are_some() -> None:
    record = explain_json(OLD_KERAS_CNN)
    assert record["notes"] == [
        "line 6: border_mode= is old Keras; Keras 3 calls it padding=",
        "line 6: input_shape= is old style; Keras 3 starts with keras.Input(shape=(28, 28, 1))",
        "line 10: init= is old Keras; Keras 3 calls it kernel_initializer=",
    ]
    assert "notes" not in explain_json(MNIST_CNN)


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("model = Sequential([", "line 1: invalid syntax ('[' was never closed)"),
        (
            "model = Sequential([Input(shape=(8,)), Dens(4)])",
            "line 1: unknown layer 'Dens'; did you mean Dense?",
        ),
        (
            "model = Sequential([Input(shape=(3, 3, 1)), Conv2D(1, 5)])",
            "line 1: conv2d (Conv2D): a 5x5 kernel does not fit a 3x3 input with "
            "padding='valid': OH = floor((3 + 2*0 - 5) / 1) + 1 = -1",
        ),
        (
            "",
            "no Keras model found: write keras.Sequential([...]) or keras.Model(inputs, outputs)",
        ),
    ],
)
def test_json_error_record_on_bad_source(source: str, error: str) -> None:
    assert explain_json(source) == {"error": error}
