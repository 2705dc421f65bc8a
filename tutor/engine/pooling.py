"""Pooling in one, two and three dimensions (Keras 3's
`compute_pooling_output_shape`): a window slides with its stride, the channels stay, and
nothing is learned. Global pooling keeps one value per channel."""

from __future__ import annotations

from tutor.engine.args import LayerArgs
from tutor.engine.conv import require_rank, spatial
from tutor.engine.model import Shape
from tutor.engine.outcome import Outcome


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
    out, lines = spatial(layer, shape, window, strides, padding)
    lines.append(f"channels stay {shape[-1]}")
    return Outcome((shape[0], *out, shape[-1]), 0, 0, "\n".join(lines))


def global_pool(layer: LayerArgs, shape: Shape, rank: int) -> Outcome:
    """Global pooling keeps one value per channel (`keepdims=True` keeps size-1 axes)."""
    require_rank(layer, shape, rank)
    keepdims = layer.flag("keepdims", False)
    out = (shape[0], *([1] * rank), shape[-1]) if keepdims else (shape[0], shape[-1])
    kept = " (keepdims=True keeps the axes as 1)" if keepdims else ""
    return Outcome(out, 0, 0, f"one value per channel: {shape} -> {out}{kept}")
