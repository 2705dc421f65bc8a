"""Recurrent layers: a weight matrix for the input, one for the previous state, and biases,
once per gate (SimpleRNN 1, GRU 3, LSTM 4); ConvLSTM does the same with convolutions; a
Bidirectional layer runs a copy of its layer each way."""

from __future__ import annotations

import math

from tutor.engine.args import LayerArgs
from tutor.engine.catalog import RECURRENT
from tutor.engine.conv import TIME_LAYOUTS, known_channels, spatial
from tutor.engine.model import Shape
from tutor.engine.outcome import Outcome, a_vector, times

_GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}
_MERGE_MODES = ("concat", "sum", "mul", "ave")


def _sequence_features(layer: LayerArgs, shape: Shape) -> int:
    if len(shape) != 3:
        layer.fail("sequence_rank", shape=shape)
    if shape[-1] is None:
        layer.fail("features_none", shape=shape)
    return shape[-1]


def _weights(layer: LayerArgs, features: int) -> tuple[int, str]:
    """The parameter count and its formula without `params =`, e.g. `4 * 64 * (64 + 100 + 1)`.

    GRU's default `reset_after=True` keeps two bias vectors (input and recurrent).
    """
    units = layer.positive_int("units")
    use_bias = layer.flag("use_bias", True)
    biases = 0
    if use_bias:
        biases = 2 if layer.cls == "GRU" and layer.flag("reset_after", True) else 1
    gates = _GATES[layer.cls]
    inner = f"{units} + {features}" + (f" + {biases}" if biases else "")
    formula = (f"{gates} * " if gates > 1 else "") + f"{units} * ({inner})"
    return gates * units * (units + features + biases), formula


def _output(layer: LayerArgs, shape: Shape, width: int) -> tuple[Shape, str]:
    if layer.flag("return_sequences", False):
        out = (shape[0], shape[1], width)
        return out, f"return_sequences=True: {a_vector(width)} per time step -> {out}"
    out = (shape[0], width)
    return out, f"return_sequences=False: only the last step's {width}-vector -> {out}"


def recurrent(layer: LayerArgs, shape: Shape) -> Outcome:
    """SimpleRNN, LSTM and GRU."""
    features = _sequence_features(layer, shape)
    count, formula = _weights(layer, features)
    suffix = "" if layer.flag("use_bias", True) else " (no bias)"
    out, derivation = _output(layer, shape, layer.positive_int("units"))
    return Outcome(out, count, 0, derivation, f"params = {formula} = {count}{suffix}")


def bidirectional(layer: LayerArgs, shape: Shape) -> Outcome:
    """A forward and a backward copy of the wrapped layer: parameters always double;
    `concat` doubles the features, the other merge modes combine them element-wise."""
    inner = layer.wrapped
    if inner is None:
        layer.fail("wrapper_needs_layer", cls=layer.cls)
    if inner.cls not in RECURRENT:
        layer.fail("bidirectional_wraps", supported=", ".join(RECURRENT), cls=inner.cls)
    merge_mode = layer.raw("merge_mode", "concat")
    if merge_mode is None:
        layer.fail("merge_mode_none")
    if merge_mode not in _MERGE_MODES:
        layer.fail("arg_choice", key="merge_mode", options=", ".join(map(repr, _MERGE_MODES)),
                   value=repr(merge_mode))
    features = _sequence_features(inner, shape)
    count, formula = _weights(inner, features)
    units = inner.positive_int("units")
    width = 2 * units if merge_mode == "concat" else units
    out, derivation = _output(inner, shape, width)
    if merge_mode == "concat":
        merged = f"concat: {units} forward + {units} backward = {width} features"
    else:
        merged = f"{merge_mode}: forward and backward combined value by value, {units} features"
    bias = "" if inner.flag("use_bias", True) else ", no bias"
    params = f"params = 2 * {formula} = {2 * count} (forward + backward{bias})"
    return Outcome(out, 2 * count, 0, f"{merged}\n{derivation}", params)


def conv_lstm(layer: LayerArgs, shape: Shape, rank: int) -> Outcome:
    """ConvLSTM1D/2D/3D: an LSTM whose four gates are convolutions over each time step's
    feature map (the recurrent ones keep its size with 'same' padding)."""
    if len(shape) != rank + 3:
        layer.fail("rank", rank=rank + 3, layout=TIME_LAYOUTS[rank], shape=shape)
    filters = layer.positive_int("filters")
    kernel = layer.int_tuple("kernel_size", rank)
    strides = layer.int_tuple("strides", rank, 1)
    dilation = layer.int_tuple("dilation_rate", rank, 1)
    padding = layer.choice("padding", ("valid", "same"), "valid")
    use_bias = layer.flag("use_bias", True)
    step: Shape = (shape[0], *shape[2:])
    channels = known_channels(layer, step)
    out, lines = spatial(layer, step, kernel, strides, padding, dilation=dilation)
    lines.append(f"channels = filters = {filters}")
    if layer.flag("return_sequences", False):
        result = (shape[0], shape[1], *out, filters)
        lines.append(f"return_sequences=True: a feature map per time step -> {result}")
    else:
        result = (shape[0], *out, filters)
        lines.append(f"return_sequences=False: only the last step's feature map -> {result}")
    window = math.prod(kernel)
    count = 4 * filters * (window * (channels + filters) + (1 if use_bias else 0))
    bias = " + 1" if use_bias else ""
    suffix = "" if use_bias else " (no bias)"
    params = f"params = 4 * {filters} * ({times(kernel)}*({channels} + {filters}){bias}) = {count}"
    return Outcome(result, count, 0, "\n".join(lines), params + suffix)
