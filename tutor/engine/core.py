"""Dense and Embedding, which learn weights, and the layers that only change values in
place: dropout and noise, activations (PReLU learns one slope per value), masking,
rescaling and image augmentation."""

from __future__ import annotations

import math

from tutor.engine.args import LayerArgs
from tutor.engine.model import Shape
from tutor.engine.outcome import Outcome, a_vector, same_shape, times


def known_last_axis(layer: LayerArgs, shape: Shape) -> int:
    """Weights are sized by the last axis, so Keras refuses to build when it is None."""
    last = shape[-1]
    if last is None:
        if len(shape) == 2:
            layer.fail("last_axis_none_flatten", shape=shape)
        layer.fail("last_axis_none", shape=shape)
    return last


def dense(layer: LayerArgs, shape: Shape) -> Outcome:
    """Dense acts on the last axis only, whatever the rank."""
    units = layer.positive_int("units")
    use_bias = layer.flag("use_bias", True)
    if len(shape) < 2:
        layer.fail("dense_rank", shape=shape)
    inputs = known_last_axis(layer, shape)
    out = (*shape[:-1], units)
    derivation = f"last axis {inputs} -> units {units}: {shape} -> {out}"
    count = inputs * units + (units if use_bias else 0)
    if use_bias:
        params = f"params = {inputs}*{units} + {units} = {count}"
    else:
        params = f"params = {inputs}*{units} = {count} (no bias)"
    return Outcome(out, count, 0, derivation, params)


def embedding(layer: LayerArgs, shape: Shape) -> Outcome:
    """Every integer id becomes a learned vector: one row per word of the vocabulary
    (`mask_zero=True` only marks id 0 as padding for the layers after it)."""
    vocabulary = layer.positive_int("input_dim")
    width = layer.positive_int("output_dim")
    masked = layer.flag("mask_zero", False)
    out = (*shape, width)
    derivation = f"each token id becomes {a_vector(width)}: {shape} -> {out}"
    if masked:
        derivation += "\nmask_zero=True: id 0 is padding, skipped by the layers after"
    count = vocabulary * width
    return Outcome(out, count, 0, derivation, f"params = {vocabulary} * {width} = {count}")


def dropout(layer: LayerArgs, shape: Shape) -> Outcome:
    rate = layer.fraction("rate")
    return same_shape(shape, f"Dropout zeroes a fraction {rate} of values while training")


def spatial_dropout(layer: LayerArgs, shape: Shape, rank: int) -> Outcome:
    """SpatialDropout drops whole channels, so it needs the channels axis of a 1D/2D/3D
    feature map."""
    rate = layer.fraction("rate")
    if len(shape) != rank + 2:
        layer.fail("spatial_dropout_rank", rank=rank + 2, shape=shape)
    return same_shape(shape, f"whole channels dropped (a fraction {rate}) while training")


def noise(layer: LayerArgs, shape: Shape) -> Outcome:
    """GaussianNoise, GaussianDropout, AlphaDropout: random changes while training only."""
    if layer.cls == "GaussianNoise":
        amount = layer.raw("stddev")
        if not isinstance(amount, (int, float)) or isinstance(amount, bool) or amount < 0:
            layer.fail("arg_non_negative_number", key="stddev", value=amount)
        return same_shape(shape, f"noise with stddev {amount} is added while training")
    rate = layer.fraction("rate")
    return same_shape(shape, f"values are scaled by random noise (rate {rate}) while training")


def activation(layer: LayerArgs, shape: Shape) -> Outcome:
    """Activation, ReLU, LeakyReLU, ELU, Softmax: a function of each value (Softmax of
    each vector along its axis)."""
    return same_shape(shape, "an activation is applied to every value")


def prelu(layer: LayerArgs, shape: Shape) -> Outcome:
    """PReLU learns the slope of its negative part: one per value of a sample, or one per
    group of values along `shared_axes` (numbered from 1)."""
    shared = layer.raw("shared_axes", None)
    axes = shared if isinstance(shared, tuple) else (() if shared is None else (shared,))
    if not all(isinstance(a, int) and not isinstance(a, bool) and 1 <= a < len(shape)
               for a in axes):
        layer.fail("prelu_shared_axes", value=shared, shape=shape)
    alpha = tuple(1 if axis in axes else size for axis, size in enumerate(shape[1:], 1))
    if None in alpha:
        layer.fail("prelu_none", shape=shape)
    count = math.prod(alpha)
    where = f"alpha has shape {alpha}" if axes else "one alpha per value"
    return Outcome(
        shape, count, 0, "shape unchanged: a learned slope for negative values",
        f"params = {times(alpha)} = {count} ({where})",
    )


def passthrough(layer: LayerArgs, shape: Shape) -> Outcome:
    """Identity, Masking and ActivityRegularization let values through unchanged."""
    why = {
        "Masking": "time steps equal to mask_value are skipped by the layers after",
        "ActivityRegularization": "adds a penalty on the values to the loss",
    }.get(layer.cls, "the values pass through unchanged")
    return same_shape(shape, why)


def augmentation(layer: LayerArgs, shape: Shape) -> Outcome:
    """Random flips, rotations, zooms and shifts move pixels around only while training;
    they learn nothing and keep the image's shape."""
    if len(shape) not in (3, 4):
        layer.fail("images_rank", shape=shape)
    return same_shape(shape, "random augmentation moves pixels, only while training")


def rescaling(layer: LayerArgs, shape: Shape) -> Outcome:
    return same_shape(shape, "every value is multiplied by scale and shifted by offset")
