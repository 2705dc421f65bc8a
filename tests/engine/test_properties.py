"""Properties of the engine over arbitrary text and many generated models: it only ever
fails with its own one-line errors, the source it writes reads back to the same model, and
every derivation ends in the number it explains."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.engine import (
    EngineError,
    LayerResult,
    LayerSpec,
    ModelResult,
    ModelSpec,
    ParseError,
    analyze,
    explain_json,
    parse_model,
    to_source,
)
from tutor.engine.catalog import ALIASES, POSITIONAL, canonical

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of Keras source, so that random text gets past the Python parser and into the
# model reader now and then, not only into syntax errors.
TOKENS = [
    "model",
    " = ",
    "keras.",
    "layers.",
    "tf.keras.",
    "Sequential(",
    "Sequential()",
    "[",
    "]",
    "(",
    ")",
    ", ",
    "\n",
    "    ",
    "Input(",
    "shape=",
    "batch_shape=",
    "Dense(",
    "Conv2D(",
    "MaxPool2D(",
    "Flatten()",
    "Reshape(",
    "Embedding(",
    "LSTM(",
    "Bidirectional(",
    "BatchNormalization(",
    "model.add(",
    "model.build(",
    "input_shape=",
    "input_dim=",
    "input_length=",
    "init=",
    "border_mode=",
    "nb_row=",
    "strides=",
    "padding=",
    "'same'",
    "'valid'",
    "name=",
    "trainable=",
    "True",
    "False",
    "None",
    "0",
    "1",
    "3",
    "28",
    "-1",
    "2.5",
    "10**12",
    "n",
    "n = 4\n",
    "**",
    "*",
    "+",
    "-",
    "//",
    "lambda: ",
    "f'{n}'",
    "#",
    "'",
    ":",
    "def f():\n    ",
    "return ",
    "import keras\n",
    "from keras.layers.convolutional import Conv2D\n",
]
SOURCE_LIKE = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
ANY_TEXT = st.text() | SOURCE_LIKE


@FAST
@given(ANY_TEXT)
def test_parse_model_only_ever_raises_a_one_line_parse_error(source: str) -> None:
    try:
        spec = parse_model(source)
    except ParseError as error:
        assert "\n" not in str(error)
    else:
        assert isinstance(spec, ModelSpec)
        assert spec.layers


@FAST
@given(ANY_TEXT)
def test_explain_json_returns_plain_data_for_any_text(source: str) -> None:
    record = explain_json(source)
    assert isinstance(record, dict)
    assert json.loads(json.dumps(record)) == record
    if "error" in record:
        assert set(record) == {"error"}
        assert isinstance(record["error"], str)
        assert record["error"]
        assert "\n" not in record["error"]
    else:
        assert record["total_params"] == sum(layer["params"] for layer in record["layers"])


LITERALS = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-2, 40)
    | st.floats(-2, 2, allow_nan=False)
    | st.sampled_from(["same", "valid", "causal", "relu", "sum", "concat", "", "a/b"]),
    lambda inner: st.lists(inner, max_size=3).map(tuple) | st.lists(inner, max_size=3),
    max_leaves=4,
)
CLASSES = [*POSITIONAL, *ALIASES, "Input", "Dens", "Conv3D"]
KEYWORDS = sorted(
    {key for keys in POSITIONAL.values() for key in keys}
    | {"input_shape", "input_dim", "input_length", "init", "border_mode", "trainable", "name"}
)


@st.composite
def layer_calls(draw: st.DrawFn, depth: int = 0) -> str:
    """`Conv2D(3, (2, 'same'), trainable=None)`: real classes and keywords, random values."""
    cls = draw(st.sampled_from(CLASSES))
    args = [repr(value) for value in draw(st.lists(LITERALS, max_size=2))]
    if cls == "Bidirectional" and depth < 2 and draw(st.booleans()):
        args = [draw(layer_calls(depth + 1))]
    keywords = draw(st.dictionaries(st.sampled_from(KEYWORDS), LITERALS, max_size=3))
    args += [f"{key}={value!r}" for key, value in keywords.items()]
    prefix = draw(st.sampled_from(["", "layers.", "keras.layers.", "tf.keras.layers."]))
    return f"{prefix}{cls}({', '.join(args)})"


@st.composite
def model_sources(draw: st.DrawFn) -> str:
    """Sequential models with real layer names and arbitrary argument values: mostly
    impossible, so they exercise every check between the parser and the rules."""
    calls = draw(st.lists(layer_calls(), max_size=5))
    if draw(st.booleans()):
        calls.insert(0, f"keras.Input(shape={draw(LITERALS)!r})")
    source = f"model = keras.Sequential([{', '.join(calls)}])"
    if draw(st.booleans()):
        source += f"\nmodel.build(input_shape={draw(LITERALS)!r})"
    return source


@FAST
@given(model_sources())
def test_models_with_arbitrary_arguments_fail_only_with_tutor_errors(source: str) -> None:
    try:
        result = analyze(parse_model(source))
    except (ParseError, EngineError) as error:
        assert "\n" not in str(error)
        assert explain_json(source) == {"error": str(error)}
    else:
        check_totals(result)
        for layer in result.layers:
            check_derivations(layer)
        assert json.loads(json.dumps(explain_json(source)))["total_params"] == result.total_params


# ---------------------------------------------------------------------------------------------
# Valid models: the conftest generator's 320, and a hypothesis strategy for CNN chains


@st.composite
def cnn_models(draw: st.DrawFn) -> ModelSpec:
    """An image model: convolutions and pooling that always fit, then Flatten and Dense."""
    height, width = draw(st.integers(1, 40)), draw(st.integers(1, 40))
    channels = draw(st.integers(1, 4))
    size = [height, width]
    layers: list[LayerSpec] = []
    for _ in range(draw(st.integers(0, 4))):
        padding = draw(st.sampled_from(["valid", "same"]))
        strides = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
        if padding == "valid":
            window = tuple(draw(st.integers(1, min(5, n))) for n in size)
            size = [(n - k) // s + 1 for n, k, s in zip(size, window, strides, strict=True)]
        else:
            window = (draw(st.integers(1, 5)), draw(st.integers(1, 5)))
            size = [-(-n // s) for n, s in zip(size, strides, strict=True)]
        square = window[0] == window[1] and strides[0] == strides[1]
        kernel = window[0] if square and draw(st.booleans()) else window
        stride = strides[0] if square and draw(st.booleans()) else strides
        if draw(st.booleans()):
            args = {"filters": draw(st.integers(1, 16)), "kernel_size": kernel}
            if stride != 1:
                args["strides"] = stride
            if draw(st.booleans()):
                args["use_bias"] = False
            cls = "Conv2D"
        else:
            args = {"pool_size": kernel, "strides": stride}
            cls = draw(st.sampled_from(["MaxPooling2D", "AveragePooling2D", "MaxPool2D"]))
        args["padding"] = padding
        if draw(st.booleans()):
            args["trainable"] = False
        layers.append(LayerSpec(cls, args))
    layers.append(LayerSpec("Flatten"))
    for _ in range(draw(st.integers(1, 2))):
        layers.append(LayerSpec("Dense", {"units": draw(st.integers(1, 64))}))
    return ModelSpec((height, width, channels), tuple(layers))


def _canonical(layer: LayerSpec) -> LayerSpec:
    wrapped = _canonical(layer.wrapped) if layer.wrapped is not None else None
    return dataclasses.replace(layer, cls=canonical(layer.cls), wrapped=wrapped)


def _without_lines(result: ModelResult) -> ModelResult:
    layers = tuple(dataclasses.replace(layer, line=None) for layer in result.layers)
    return dataclasses.replace(result, layers=layers, notes=())


def check_round_trip(spec: ModelSpec) -> None:
    """What `to_source` writes reads back as the same model (aliases become the Keras class
    they stand for) with the same analysis, and the JSON output says the same."""
    source = to_source(spec)
    parsed = parse_model(source)
    assert parsed == dataclasses.replace(spec, layers=tuple(map(_canonical, spec.layers))), source
    expected = analyze(spec)
    assert _without_lines(analyze(parsed)) == _without_lines(expected), source
    record = explain_json(source)
    assert [layer["output_shape"] for layer in record["layers"]] == [
        list(layer.output_shape) for layer in expected.layers
    ]
    assert [layer["params"] for layer in record["layers"]] == [
        layer.params for layer in expected.layers
    ]
    assert record["total_params"] == expected.total_params


def _whole_number(number: int) -> str:
    return rf"(?<![\w.]){number}(?![\w.])"


def check_derivations(layer: LayerResult) -> None:
    """Each formula ends in the number it explains: `... = 320` for the parameters, one
    `OH = ... = 26` line per spatial axis, and every output dimension is written out."""
    assert re.search(rf"= {layer.params}(?![\w.])", layer.params_derivation), layer
    assert layer.params == layer.trainable_params + layer.non_trainable_params
    lines = layer.shape_derivation.splitlines()
    spatial = [line for line in lines if re.match(r"O[HWL] = ", line)]
    if spatial:
        dims = layer.output_shape[1:-1]
        assert len(spatial) == len(dims), layer
        for line, dim in zip(spatial, dims, strict=True):
            assert (
                line.endswith(f"= {dim}")
                or line.endswith(f"= {dim} (causal)")
                or (dim is None and "None" in line)
            ), (line, dim)
    if not layer.shape_derivation.startswith("shape unchanged"):
        for dim in layer.output_shape[1:]:
            if dim is not None:
                assert re.search(_whole_number(dim), layer.shape_derivation), (dim, layer)


def check_totals(result: ModelResult) -> None:
    assert result.total_params == sum(layer.params for layer in result.layers)
    assert result.trainable_params == sum(layer.trainable_params for layer in result.layers)
    assert result.total_params == result.trainable_params + result.non_trainable_params


def test_generated_models_round_trip_through_source(generated_models: list[ModelSpec]) -> None:
    for spec in generated_models:
        check_round_trip(spec)


def test_generated_models_derivations_contain_their_numbers(
    generated_models: list[ModelSpec],
) -> None:
    for spec in generated_models:
        result = analyze(spec)
        check_totals(result)
        for layer in result.layers:
            check_derivations(layer)


@FAST
@given(cnn_models())
def test_cnn_chains_round_trip_and_explain_their_numbers(spec: ModelSpec) -> None:
    try:
        result = analyze(spec)
    except EngineError as error:  # only a None-free chain is generated, so this is a bug
        pytest.fail(f"{error}\n{to_source(spec)}")
    check_round_trip(spec)
    check_totals(result)
    for layer in result.layers:
        check_derivations(layer)


@FAST
@given(cnn_models())
def test_cnn_chain_shapes_follow_the_course_formulas(spec: ModelSpec) -> None:
    """Independent of the engine's code: the course's floor/ceil rules, step by step."""
    height, width, channels = spec.input_shape
    for layer, result in zip(spec.layers, analyze(spec).layers, strict=True):
        args = layer.args
        if layer.cls == "Flatten":
            assert result.output_shape == (None, height * width * channels)
            break
        window = args.get("kernel_size", args.get("pool_size"))
        kh, kw = (window, window) if isinstance(window, int) else window
        stride = args.get("strides", 1)
        sh, sw = (stride, stride) if isinstance(stride, int) else stride
        if args["padding"] == "same":
            height, width = -(-height // sh), -(-width // sw)
        else:
            height, width = (height - kh) // sh + 1, (width - kw) // sw + 1
        if layer.cls == "Conv2D":
            weights = kh * kw * channels * args["filters"]
            bias = args["filters"] if args.get("use_bias", True) else 0
            channels = args["filters"]
            assert result.params == weights + bias
        else:
            assert result.params == 0
        assert result.output_shape == (None, height, width, channels)
