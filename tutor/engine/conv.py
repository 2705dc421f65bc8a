"""Convolution and pooling layers: Keras 3's output-length rules
(`keras.src.ops.operation_utils.compute_conv_output_shape` and
`compute_pooling_output_shape`) written as the course's formulas."""

from __future__ import annotations

import math

from tutor.engine.args import LayerArgs
from tutor.engine.model import Shape
from tutor.engine.outcome import Outcome, dims, times

_AXIS_LABELS = {1: ("OL",), 2: ("OH", "OW")}
_AXIS_NAMES = {1: ("length",), 2: ("height", "width")}
_LAYOUT = {1: "(batch, steps, channels)", 2: "(batch, height, width, channels)"}


def require_rank(layer: LayerArgs, shape: Shape, rank: int) -> None:
    """Keras' InputSpec check: a 2D layer needs a 4D input, a 1D layer a 3D one."""
    if len(shape) != rank + 2:
        hint = ""
        if rank == 2 and len(shape) == 3:
            hint = "; add a channels axis, e.g. keras.Input(shape=(28, 28, 1))"
        layer.fail(f"expects a {rank + 2}D input {_LAYOUT[rank]}, got {shape}{hint}")


def _spatial(
    layer: LayerArgs,
    shape: Shape,
    window: tuple[int, ...],
    strides: tuple[int, ...],
    padding: str,
    *,
    dilation: tuple[int, ...] | None = None,
) -> tuple[tuple[int | None, ...], list[str]]:
    """Output length of every spatial axis, with one formula line per axis.

    A convolution passes `dilation`; pooling has none and writes its formula without the
    padding term, as the course does. Fails like Keras when a valid window does not fit.
    """
    rank = len(window)
    sizes = shape[1:-1]
    out: list[int | None] = []
    lines: list[str] = []
    for axis in range(rank):
        label, size, k, s = _AXIS_LABELS[rank][axis], sizes[axis], window[axis], strides[axis]
        if size is None:
            out.append(None)
            lines.append(f"{label} = None (the input {_AXIS_NAMES[rank][axis]} is None)")
            continue
        if padding != "valid":
            length = math.ceil(size / s)
            causal = " (causal)" if padding == "causal" else ""
            out.append(length)
            lines.append(f"{label} = ceil({size} / {s}) = {length}{causal}")
            continue
        d = dilation[axis] if dilation else 1
        effective = d * (k - 1) + 1
        shown = str(k) if d == 1 else f"({d}*({k} - 1) + 1)"
        length = (size - effective) // s + 1
        if dilation is None:
            formula = f"{label} = floor(({size} - {k}) / {s}) + 1 = {length}"
        else:
            formula = f"{label} = floor(({size} + 2*0 - {shown}) / {s}) + 1 = {length}"
        if length <= 0:
            kind = "pool" if dilation is None else "kernel"
            _does_not_fit(layer, kind, window, dilation, sizes, formula)
        out.append(length)
        lines.append(formula)
    return tuple(out), lines


def _does_not_fit(
    layer: LayerArgs,
    kind: str,
    window: tuple[int, ...],
    dilation: tuple[int, ...] | None,
    sizes: Shape,
    formula: str,
) -> None:
    if len(window) == 1:
        what = f"a {kind} of size {window[0]} does not fit an input of length {sizes[0]}"
    else:
        what = f"a {dims(window)} {kind} does not fit a {dims(sizes)} input"
    if dilation and any(d > 1 for d in dilation):
        what += f" (dilation_rate={dims(dilation)})"
    layer.fail(f"{what} with padding='valid': {formula}")


def conv(layer: LayerArgs, shape: Shape, rank: int) -> Outcome:
    """Conv1D/Conv2D: each filter spans every input channel (divided among `groups`)."""
    require_rank(layer, shape, rank)
    filters = layer.positive_int("filters")
    kernel = layer.int_tuple("kernel_size", rank)
    strides = layer.int_tuple("strides", rank, 1)
    dilation = layer.int_tuple("dilation_rate", rank, 1)
    groups = layer.positive_int("groups", 1)
    paddings = ("valid", "same", "causal") if rank == 1 else ("valid", "same")
    padding = layer.choice("padding", paddings, "valid")
    use_bias = layer.flag("use_bias", True)
    if max(strides) > 1 and max(dilation) > 1:
        layer.fail("strides > 1 cannot be combined with dilation_rate > 1")
    channels = shape[-1]
    if channels is None:
        layer.fail(f"the channels axis is None, so the kernels cannot be sized; got {shape}")
    if channels % groups or filters % groups:
        layer.fail(
            f"groups={groups} must divide both the input channels ({channels}) "
            f"and filters ({filters})"
        )
    spatial, lines = _spatial(layer, shape, kernel, strides, padding, dilation=dilation)
    lines.append(f"channels = filters = {filters}")
    per_filter = (*kernel, channels // groups)
    weights = times(kernel) + "*" + (str(channels) if groups == 1 else f"({channels}/{groups})")
    count = (math.prod(per_filter) + use_bias) * filters
    if use_bias:
        params = f"params = ({weights} + 1) * {filters} = {count}"
    else:
        params = f"params = {weights} * {filters} = {count} (no bias)"
    return Outcome((shape[0], *spatial, filters), count, 0, "\n".join(lines), params)


def pool(layer: LayerArgs, shape: Shape, rank: int) -> Outcome:
    """Max/average pooling: strides default to the pool size; no weights. Keras 3 gives
    MaxPooling a default pool size of 2 but makes AveragePooling's required."""
    require_rank(layer, shape, rank)
    if layer.cls.startswith("Max"):
        window = layer.int_tuple("pool_size", rank, 2)
    else:
        window = layer.int_tuple("pool_size", rank)
    strides = window if layer.raw("strides") is None else layer.int_tuple("strides", rank)
    padding = layer.choice("padding", ("valid", "same"), "valid")
    spatial, lines = _spatial(layer, shape, window, strides, padding)
    lines.append(f"channels stay {shape[-1]}")
    return Outcome((shape[0], *spatial, shape[-1]), 0, 0, "\n".join(lines))


def global_pool(layer: LayerArgs, shape: Shape, rank: int) -> Outcome:
    """Global pooling keeps one value per channel (`keepdims=True` keeps size-1 axes)."""
    require_rank(layer, shape, rank)
    keepdims = layer.flag("keepdims", False)
    out = (shape[0], *([1] * rank), shape[-1]) if keepdims else (shape[0], shape[-1])
    kept = " (keepdims=True keeps the axes as 1)" if keepdims else ""
    return Outcome(out, 0, 0, f"one value per channel: {shape} -> {out}{kept}")
