"""Reading a model file in order, as Python would run it: loops, conditions, constants and
their reassignments, list building, `pop`, `build` and fixed batch sizes give Keras' own
numbers (checked against Keras 3.15 when these tests were written); whatever depends on
the run is refused in one line naming the line and the construct, never counted around."""

from __future__ import annotations

import textwrap

import pytest

from tutor.engine import ParseError, analyze, explain, parse_model

HEAD = "import keras\nfrom keras import layers\n"


def read(source: str):
    return explain(HEAD + textwrap.dedent(source))


def refusal(source: str) -> str:
    with pytest.raises(ParseError) as caught:
        read(source)
    message = str(caught.value)
    assert "\n" not in message, message
    return message


# ---------------------------------------------------------------------------------------------
# The issue's examples, with Keras' numbers


def test_a_for_loop_adds_its_layer_each_time() -> None:
    result = read(
        """
        model = keras.Sequential([keras.Input(shape=(8,))])
        for _ in range(3):
            model.add(layers.Dense(8, activation="relu"))
        model.add(layers.Dense(1))
        """
    )
    assert result.total_params == 225
    assert [layer.name for layer in result.layers] == ["dense", "dense_1", "dense_2", "dense_3"]
    assert [layer.line for layer in result.layers] == [6, 6, 6, 7]


def test_a_while_loop_on_known_values_runs_as_python_would() -> None:
    result = read(
        """
        model = keras.Sequential([keras.Input(shape=(28, 28, 3))])
        i = 0
        while i < 2:
            model.add(layers.Conv2D(8, 3))
            i += 1
        """
    )
    assert result.total_params == 808
    assert result.layers[-1].output_shape == (None, 24, 24, 8)


def test_a_condition_on_a_constant_takes_one_branch() -> None:
    result = read(
        """
        USE_DROPOUT = False
        model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(16)])
        if USE_DROPOUT:
            model.add(layers.Dense(99))
        else:
            model.add(layers.Dropout(0.5))
        model.add(layers.Dense(1))
        """
    )
    assert result.total_params == 161
    assert [layer.cls for layer in result.layers] == ["Dense", "Dropout", "Dense"]


def test_a_constant_reassigned_under_a_condition() -> None:
    result = read(
        """
        BIG = False
        UNITS = 64
        if BIG:
            UNITS = 128
        model = keras.Sequential([keras.Input(shape=(10,)), layers.Dense(UNITS)])
        """
    )
    assert result.layers[0].output_shape == (None, 64)
    assert result.total_params == 10 * 64 + 64


def test_constants_have_the_value_they_had_where_the_layer_was_made() -> None:
    result = read(
        """
        units = 4
        model = keras.Sequential([keras.Input(shape=(8,))])
        model.add(layers.Dense(units))
        units = units * 3
        model.add(layers.Dense(units))
        """
    )
    assert [layer.output_shape for layer in result.layers] == [(None, 4), (None, 12)]


def test_try_is_refused_with_its_line() -> None:
    message = refusal(
        """
        model = keras.Sequential([keras.Input(shape=(8,))])
        try:
            model.add(layers.Dense(3))
        except Exception:
            model.add(layers.Dense(7))
        """
    )
    assert message.startswith("the model depends on a try block on line 5")


def test_pop_removes_the_last_layer() -> None:
    result = read(
        """
        model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(3), layers.Dense(2)])
        model.pop()
        model.add(layers.Dense(7))
        """
    )
    assert [(layer.name, layer.output_shape) for layer in result.layers] == [
        ("dense", (None, 3)),
        ("dense_2", (None, 7)),  # Keras named dense_1 when it was made, then popped it
    ]
    assert result.total_params == 15 + 28


def test_pop_on_an_empty_model_is_an_error() -> None:
    assert refusal("model = keras.Sequential()\nmodel.pop()") == (
        "line 4: model.pop() on a model without layers"
    )


def test_build_gives_the_input_shape() -> None:
    result = read(
        """
        model = keras.Sequential([layers.Embedding(1000, 32), layers.LSTM(8)])
        model.build(input_shape=(None, 500))
        """
    )
    assert result.layers[0].output_shape == (None, 500, 32)
    assert result.input_shape == (None, 500)


@pytest.mark.parametrize(
    ("model_input", "first", "last"),
    [
        ("keras.Input(batch_shape=(32, 28, 28, 1))", (32, 26, 26, 8), (32, 10)),
        ("keras.Input(shape=(28, 28, 1), batch_size=16)", (16, 26, 26, 8), (16, 10)),
    ],
)
def test_a_fixed_batch_size_is_kept(model_input: str, first: tuple, last: tuple) -> None:
    result = read(
        f"""
        model = keras.Sequential([
            {model_input},
            layers.Conv2D(8, 3),
            layers.Flatten(),
            layers.Dense(10),
        ])
        """
    )
    assert result.input_shape[0] == first[0]
    assert result.layers[0].output_shape == first
    assert result.layers[-1].output_shape == last


def test_one_layer_object_used_twice_counts_its_weights_once() -> None:
    result = read(
        """
        hidden = layers.Dense(4)
        model = keras.Sequential([keras.Input(shape=(4,)), hidden, hidden])
        """
    )
    assert [(layer.name, layer.params) for layer in result.layers] == [
        ("dense", 20),
        ("dense", 20),
    ]
    assert result.total_params == 20  # as Keras' model.count_params()
    assert "shared, counted once" in result.layers[1].params_derivation


# ---------------------------------------------------------------------------------------------
# Building the list of layers


@pytest.mark.parametrize(
    "listing",
    [
        "[keras.Input(shape=(8,)), *[layers.Dense(8) for _ in range(3)], layers.Dense(1)]",
        "[keras.Input(shape=(8,))] + [layers.Dense(8) for _ in range(3)] + [layers.Dense(1)]",
        "[keras.Input(shape=(8,))] + [layers.Dense(n) for n in (8, 8, 8)] + [layers.Dense(1)]",
        "[keras.Input(shape=(8,))] + [layers.Dense(8)] * 0 + "
        "[layers.Dense(8), layers.Dense(8), layers.Dense(8), layers.Dense(1)]",
    ],
)
def test_layer_lists_built_by_comprehensions_and_plus(listing: str) -> None:
    assert read(f"model = keras.Sequential({listing})").total_params == 225


def test_a_list_filled_by_a_loop() -> None:
    result = read(
        """
        stack = [keras.Input(shape=(32, 32, 3))]
        for filters in [16, 32]:
            for _ in range(2):
                stack.append(layers.Conv2D(filters, 3, padding="same", activation="relu"))
            stack.append(layers.MaxPooling2D())
        stack += [layers.Flatten(), layers.Dense(10)]
        model = keras.Sequential(stack)
        """
    )
    assert [layer.cls for layer in result.layers] == [
        "Conv2D", "Conv2D", "MaxPooling2D", "Conv2D", "Conv2D", "MaxPooling2D", "Flatten", "Dense"
    ]  # fmt: skip
    assert result.layers[-2].output_shape == (None, 8 * 8 * 32)


def test_loop_control_break_continue_and_else() -> None:
    result = read(
        """
        model = keras.Sequential([keras.Input(shape=(4,))])
        for units in range(1, 10):
            if units % 2 == 0:
                continue
            if units > 5:
                break
            model.add(layers.Dense(units))
        else:
            model.add(layers.Dense(99))
        """
    )
    assert [layer.output_shape[-1] for layer in result.layers] == [1, 3, 5]


def test_f_strings_and_format_name_layers() -> None:
    result = read(
        """
        model = keras.Sequential([keras.Input(shape=(4,))])
        for i in range(2):
            model.add(layers.Dense(4, name=f"hidden_{i}"))
        model.add(layers.Dense(1, name="out_{}".format(2)))
        """
    )
    assert [layer.name for layer in result.layers] == ["hidden_0", "hidden_1", "out_2"]


def test_a_script_guarded_by_main_is_read() -> None:
    result = read(
        """
        if __name__ == "__main__":
            model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(2)])
        """
    )
    assert result.total_params == 10


def test_freezing_a_layer_after_it_is_made() -> None:
    result = read(
        """
        model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(3), layers.Dense(2)])
        model.layers[0].trainable = False
        """
    )
    assert (result.trainable_params, result.non_trainable_params) == (8, 15)


# ---------------------------------------------------------------------------------------------
# What only a run can know is refused, naming the line and the construct


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            """
            model = keras.Sequential([keras.Input(shape=(8,))])
            while loss() > 0.1:
                model.add(layers.Dense(8))
            """,
            "the model depends on a while loop on line 5 whose condition (loss() > 0.1) is "
            "known only at run time",
        ),
        (
            """
            import sys
            model = keras.Sequential([keras.Input(shape=(8,))])
            if len(sys.argv) > 1:
                model.add(layers.Dense(8))
            """,
            "the model depends on an if on line 6 whose condition (len(sys.argv) > 1) is known "
            "only at run time",
        ),
        (
            """
            model = keras.Sequential([keras.Input(shape=(8,))])
            for size in load_sizes():
                model.add(layers.Dense(size))
            """,
            "the model depends on a for loop on line 5 over load_sizes(), known only at run time",
        ),
        (
            """
            def add_block(m):
                m.add(layers.Dense(8))

            model = keras.Sequential([keras.Input(shape=(8,))])
            add_block(model)
            """,
            "the model depends on add_block(), a function of this file called on line 8",
        ),
        (
            """
            class Net(keras.Model):
                pass

            model = Net()
            """,
            "the model comes from Net, a subclass of a Keras class (line 4)",
        ),
    ],
)
def test_a_model_that_depends_on_the_run_is_refused(source: str, expected: str) -> None:
    assert refusal(source).startswith(expected)


@pytest.mark.parametrize(
    ("setting", "origin"),
    [
        ("n = int(input('units? '))", "input() on line 3"),
        ("import os\nn = int(os.environ['UNITS'])", "an environment variable read on line 4"),
        ("import os\nn = int(os.getenv('UNITS', 8))", "an environment variable read on line 4"),
        ("import sys\nn = int(sys.argv[1])", "the command line (sys.argv) read on line 4"),
        ("import random\nn = random.randint(4, 64)", "random.randint on line 4"),
        ("import numpy as np\nn = int(np.random.choice([8, 16]))", "np.random.choice on"),
        ("def pick():\n    return 8\nn = pick()", "pick(), a function of this file called on"),
        ("n = 8\nif ask():\n    n = 16", "an if on line 4 whose condition (ask()) is known"),
    ],
)
def test_a_value_known_only_at_run_time_is_refused_with_its_origin(
    setting: str, origin: str
) -> None:
    source = f"{setting}\nmodel = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(n)])\n"
    message = refusal(source)
    assert message.startswith(f"line {source.count(chr(10)) + 2}: units is known only at run time")
    assert origin in message


def test_an_unknown_value_that_reaches_no_model_changes_nothing() -> None:
    result = read(
        """
        import random
        seed = random.randint(0, 100)
        try:
            data = load()
        except OSError:
            data = None
        for batch in data:
            print(batch)
        model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(2)])
        """
    )
    assert result.total_params == 18


def test_a_model_built_in_a_function_is_read_as_if_called_once() -> None:
    result = read(
        """
        def build_model():
            model = keras.Sequential([keras.Input(shape=(13,)), layers.Dense(64), layers.Dense(1)])
            model.compile(optimizer="adam", loss="mse")
            return model

        def main():
            for fold in range(folds()):
                model = build_model()
            model = build_model()
            model.fit(x, y)

        if __name__ == "__main__":
            main()
        """
    )
    assert result.total_params == 13 * 64 + 64 + 65


def test_a_model_from_a_function_then_changed_outside_it_is_refused() -> None:
    message = refusal(
        """
        def build_model():
            return keras.Sequential([keras.Input(shape=(13,)), layers.Dense(64)])

        model = build_model()
        model.add(layers.Dense(1))
        """
    )
    assert "build_model(), a function of this file called on line 7" in message


def test_a_function_parameter_in_a_layer_is_refused() -> None:
    message = refusal(
        """
        def build_model(units):
            return keras.Sequential([keras.Input(shape=(13,)), layers.Dense(units)])
        """
    )
    assert message.startswith("line 5: units is known only at run time")
    assert "the parameter units of build_model()" in message


def test_a_loop_that_never_ends_stops_in_one_line() -> None:
    message = refusal(
        """
        model = keras.Sequential([keras.Input(shape=(8,))])
        while True:
            pass
        """
    )
    assert message == "the source took too long to read (too many steps)"


def test_reading_never_imports_or_runs_what_it_reads() -> None:
    spec = parse_model(
        "import os\nos.system('rm -rf /')\n"
        "model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])"
    )
    assert analyze(spec).total_params == 3


def test_a_layer_made_in_a_branch_the_reader_cannot_follow_makes_later_names_unsure() -> None:
    result = read(
        """
        import sys
        if len(sys.argv) > 1:
            extra = layers.Dense(3)
        model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(2)])
        """
    )
    assert result.total_params == 10
    (note,) = result.notes
    assert note.startswith("automatic layer names after an if on line 5")
    named = read(
        """
        import sys
        if len(sys.argv) > 1:
            extra = layers.Dense(3)
        model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(2, name="out")])
        """
    )
    assert named.notes == ()


def test_a_pretrained_keras_application_is_refused_by_name() -> None:
    message = refusal(
        """
        base = keras.applications.MobileNetV2(input_shape=(96, 96, 3), include_top=False)
        base.trainable = False
        model = keras.Sequential([base, layers.GlobalAveragePooling2D(), layers.Dense(1)])
        """
    )
    assert message.startswith("line 6: base is a pretrained model from keras.applications")
