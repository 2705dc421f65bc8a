"""Convolutions in one, two and three dimensions: plain (with dilation, groups and causal
padding), transposed (with output_padding), separable and depthwise. Keras 3's length
rules (`keras.src.ops.operation_utils.compute_conv_output_shape`,
`keras.src.backend.common.backend_utils.compute_conv_transpose_output_shape`) written as
the course's formulas, one line per spatial axis."""

from __future__ import annotations

import math

from tutor.engine.args import LayerArgs
from tutor.engine.errors import Phrase
from tutor.engine.model import Shape
from tutor.engine.outcome import Outcome, dims, times

AXIS_LABELS = {1: ("OL",), 2: ("OH", "OW"), 3: ("OD", "OH", "OW")}
AXIS_NAMES = {1: ("length",), 2: ("height", "width"), 3: ("depth", "height", "width")}
LAYOUTS = {rank: Phrase(f"layout_{rank}d") for rank in (1, 2, 3)}
TIME_LAYOUTS = {rank: Phrase(f"layout_time_{rank}d") for rank in (1, 2, 3)}


def require_rank(layer: LayerArgs, shape: Shape, rank: int) -> None:
    """Keras' InputSpec check: a 2D layer needs a 4D input, a 1D layer a 3D one."""
    if len(shape) != rank + 2:
        if rank == 2 and len(shape) == 3:
            layer.fail("rank_needs_channels", rank=rank + 2, layout=LAYOUTS[rank], shape=shape)
        layer.fail("rank", rank=rank + 2, layout=LAYOUTS[rank], shape=shape)


def known_channels(layer: LayerArgs, shape: Shape) -> int:
    if shape[-1] is None:
        layer.fail("channels_none", shape=shape)
    return shape[-1]


def spatial(
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
        label, size, k, s = AXIS_LABELS[rank][axis], sizes[axis], window[axis], strides[axis]
        if size is None:
            out.append(None)
            lines.append(f"{label} = None (the input {AXIS_NAMES[rank][axis]} is None)")
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
            _does_not_fit(layer, dilation is None, window, dilation, sizes, formula)
        out.append(length)
        lines.append(formula)
    return tuple(out), lines


def _does_not_fit(
    layer: LayerArgs,
    pooling: bool,
    window: tuple[int, ...],
    dilation: tuple[int, ...] | None,
    sizes: Shape,
    formula: str,
) -> None:
    kind = "pool" if pooling else "kernel"
    dilated = f" (dilation_rate={dims(dilation)})" if dilation and max(dilation) > 1 else ""
    if len(window) == 1:
        layer.fail(f"{kind}_does_not_fit_1d", size=window[0], length=sizes[0],
                   dilated=dilated, formula=formula)
    layer.fail(f"{kind}_does_not_fit", window=dims(window), sizes=dims(sizes), dilated=dilated,
               formula=formula)


def _window(layer: LayerArgs, shape: Shape, rank: int, paddings: tuple[str, ...]):
    """What every convolution reads the same way: kernel, strides, dilation, padding."""
    require_rank(layer, shape, rank)
    kernel = layer.int_tuple("kernel_size", rank)
    strides = layer.int_tuple("strides", rank, 1)
    dilation = layer.int_tuple("dilation_rate", rank, 1)
    padding = layer.choice("padding", paddings, "valid")
    return kernel, strides, dilation, padding


def _no_strided_dilation(layer: LayerArgs, strides: tuple[int, ...], dilation: tuple[int, ...]):
    if max(strides) > 1 and max(dilation) > 1:
        layer.fail("strides_and_dilation")


def conv(layer: LayerArgs, shape: Shape, rank: int) -> Outcome:
    """Conv1D/2D/3D: each filter spans every input channel (divided among `groups`)."""
    filters = layer.positive_int("filters")
    paddings = ("valid", "same", "causal") if rank == 1 else ("valid", "same")
    kernel, strides, dilation, padding = _window(layer, shape, rank, paddings)
    groups = layer.positive_int("groups", 1)
    use_bias = layer.flag("use_bias", True)
    _no_strided_dilation(layer, strides, dilation)
    channels = known_channels(layer, shape)
    if channels % groups or filters % groups:
        layer.fail("groups_divide", groups=groups, channels=channels, filters=filters)
    out, lines = spatial(layer, shape, kernel, strides, padding, dilation=dilation)
    lines.append(f"channels = filters = {filters}")
    per_filter = (*kernel, channels // groups)
    weights = times(kernel) + "*" + (str(channels) if groups == 1 else f"({channels}/{groups})")
    count = (math.prod(per_filter) + use_bias) * filters
    if use_bias:
        params = f"params = ({weights} + 1) * {filters} = {count}"
    else:
        params = f"params = {weights} * {filters} = {count} (no bias)"
    return Outcome((shape[0], *out, filters), count, 0, "\n".join(lines), params)


def conv_transpose(layer: LayerArgs, shape: Shape, rank: int) -> Outcome:
    """Conv1D/2D/3DTranspose: each input position spreads a kernel over the output, so
    lengths grow by the stride (Keras' `_get_output_shape_given_tf_padding`)."""
    filters = layer.positive_int("filters")
    kernel, strides, dilation, padding = _window(layer, shape, rank, ("valid", "same"))
    use_bias = layer.flag("use_bias", True)
    output_padding = (
        None if layer.raw("output_padding") is None
        else layer.int_tuple("output_padding", rank, minimum=0)
    )
    if output_padding is not None:
        for axis, (extra, stride) in enumerate(zip(output_padding, strides, strict=True)):
            if extra >= stride:
                layer.fail("output_padding_below_strides", axis=axis, extra=extra, stride=stride)
    _no_strided_dilation(layer, strides, dilation)
    channels = known_channels(layer, shape)
    out: list[int | None] = []
    lines: list[str] = []
    for axis, size in enumerate(shape[1:-1]):
        label = AXIS_LABELS[rank][axis]
        if size is None:
            out.append(None)
            lines.append(f"{label} = None (the input {AXIS_NAMES[rank][axis]} is None)")
            continue
        s, d, k = strides[axis], dilation[axis], kernel[axis]
        effective = (k - 1) * d + 1
        shown = str(k) if d == 1 else f"({d}*({k} - 1) + 1)"
        if output_padding is None and padding == "valid":
            length = size * s + max(effective - s, 0)
            formula = f"{size}*{s} + max({shown} - {s}, 0)"
        elif output_padding is None:
            length = size * s
            formula = f"{size}*{s}"
        elif padding == "valid":
            length = (size - 1) * s + effective + output_padding[axis]
            formula = f"({size} - 1)*{s} + {shown} + {output_padding[axis]}"
        else:
            length = (size - 1) * s + effective % 2 + output_padding[axis]
            formula = f"({size} - 1)*{s} + {shown} % 2 + {output_padding[axis]}"
        out.append(length)
        lines.append(f"{label} = {formula} = {length}")
    lines.append(f"channels = filters = {filters}")
    count = (math.prod(kernel) * channels + use_bias) * filters
    weights = f"{times(kernel)}*{channels}"
    if use_bias:
        params = f"params = ({weights} + 1) * {filters} = {count}"
    else:
        params = f"params = {weights} * {filters} = {count} (no bias)"
    return Outcome((shape[0], *out, filters), count, 0, "\n".join(lines), params)


def separable(layer: LayerArgs, shape: Shape, rank: int) -> Outcome:
    """SeparableConv1D/2D: a depthwise kernel per input channel, then a 1x1 pointwise
    convolution that mixes the channels into `filters`."""
    filters = layer.positive_int("filters")
    kernel, strides, dilation, padding = _window(layer, shape, rank, ("valid", "same"))
    multiplier = layer.positive_int("depth_multiplier", 1)
    use_bias = layer.flag("use_bias", True)
    channels = known_channels(layer, shape)
    out, lines = spatial(layer, shape, kernel, strides, padding, dilation=dilation)
    lines.append(f"channels = filters = {filters}")
    depthwise = math.prod(kernel) * channels * multiplier
    pointwise = channels * multiplier * filters
    count = depthwise + pointwise + (filters if use_bias else 0)
    parts = f"{times(kernel)}*{channels}*{multiplier} + {channels}*{multiplier}*{filters}"
    if use_bias:
        params = f"params = {parts} + {filters} = {count} (depthwise + pointwise + bias)"
    else:
        params = f"params = {parts} = {count} (depthwise + pointwise, no bias)"
    return Outcome((shape[0], *out, filters), count, 0, "\n".join(lines), params)


def depthwise(layer: LayerArgs, shape: Shape, rank: int) -> Outcome:
    """DepthwiseConv1D/2D: each input channel gets its own `depth_multiplier` kernels;
    channels are never mixed."""
    kernel, strides, dilation, padding = _window(layer, shape, rank, ("valid", "same"))
    multiplier = layer.positive_int("depth_multiplier", 1)
    use_bias = layer.flag("use_bias", True)
    channels = known_channels(layer, shape)
    out, lines = spatial(layer, shape, kernel, strides, padding, dilation=dilation)
    width = channels * multiplier
    lines.append(f"channels = {channels}*{multiplier} = {width} (depth_multiplier)")
    count = math.prod(kernel) * width + (width if use_bias else 0)
    if use_bias:
        params = f"params = {times(kernel)}*{channels}*{multiplier} + {width} = {count}"
    else:
        params = f"params = {times(kernel)}*{channels}*{multiplier} = {count} (no bias)"
    return Outcome((shape[0], *out, width), count, 0, "\n".join(lines), params)
