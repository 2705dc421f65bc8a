"""Dense, Embedding and the layers that only move or normalise values."""

from __future__ import annotations

import math

from tutor.engine.args import LayerArgs
from tutor.engine.limits import capped_repr
from tutor.engine.model import Shape
from tutor.engine.outcome import Outcome, same_shape, times


def known_last_axis(layer: LayerArgs, shape: Shape) -> int:
    """Weights are sized by the last axis, so Keras refuses to build when it is None."""
    last = shape[-1]
    if last is None:
        hint = " (Flatten gives None when a dimension is unknown)" if len(shape) == 2 else ""
        layer.fail(f"the last axis of {shape} is None, so the weights cannot be sized{hint}")
    return last


def dense(layer: LayerArgs, shape: Shape) -> Outcome:
    """Dense acts on the last axis only, whatever the rank."""
    units = layer.positive_int("units")
    use_bias = layer.flag("use_bias", True)
    if len(shape) < 2:
        layer.fail(f"expects an input of at least 2D (batch, features), got {shape}")
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
    """Every integer id becomes a learned vector: one row per word of the vocabulary."""
    vocabulary = layer.positive_int("input_dim")
    width = layer.positive_int("output_dim")
    out = (*shape, width)
    derivation = f"each token id becomes a {width}-vector: {shape} -> {out}"
    count = vocabulary * width
    return Outcome(out, count, 0, derivation, f"params = {vocabulary} * {width} = {count}")


def flatten(layer: LayerArgs, shape: Shape) -> Outcome:
    """All non-batch axes become one; an unknown axis makes the length unknown (Keras: None)."""
    rest = shape[1:]
    if not rest:
        return Outcome((shape[0], 1), 0, 0, "nothing to flatten: length 1")
    if None in rest:
        return Outcome((shape[0], None), 0, 0, f"{shape} has a None axis, so the length is None")
    length = math.prod(rest)
    derivation = f"{times(rest)} = {length}" if len(rest) > 1 else f"already flat: {length}"
    return Outcome((shape[0], length), 0, 0, derivation)


def dropout(layer: LayerArgs, shape: Shape) -> Outcome:
    rate = layer.fraction("rate")
    return same_shape(shape, f"Dropout zeroes a fraction {rate} of values while training")


def activation(layer: LayerArgs, shape: Shape) -> Outcome:
    return same_shape(shape, "an activation is applied to every value")


def augmentation(layer: LayerArgs, shape: Shape) -> Outcome:
    """Random flips, rotations, zooms and shifts move pixels around only while training;
    they learn nothing and keep the image's shape."""
    if len(shape) not in (3, 4):
        layer.fail(f"expects images (batch, height, width, channels), got {shape}")
    return same_shape(shape, "random augmentation moves pixels, only while training")


def rescaling(layer: LayerArgs, shape: Shape) -> Outcome:
    return same_shape(shape, "every value is multiplied by scale and shifted by offset")


def batch_normalization(layer: LayerArgs, shape: Shape) -> Outcome:
    """Per feature of `axis`: gamma and beta are learned, the moving statistics are not."""
    axis = layer.integer("axis", -1)
    scale = layer.flag("scale", True)
    center = layer.flag("center", True)
    if not -len(shape) <= axis < len(shape) or axis in (0, -len(shape)):
        layer.fail(f"axis={axis} is not a feature axis of {shape}")
    size = shape[axis]
    if size is None:
        layer.fail(f"axis {axis} of {shape} is None, so gamma and beta cannot be sized")
    learned = [name for name, on in (("gamma", scale), ("beta", center)) if on]
    trainable = size * len(learned)
    count = trainable + 2 * size
    kept = f"trainable {', '.join(learned)}: {trainable}; " if learned else ""
    params = (
        f"params = {2 + len(learned)} * {size} = {count} "
        f"({kept}non-trainable moving mean, variance: {2 * size})"
    )
    return Outcome(shape, trainable, 2 * size, "shape unchanged: normalises each feature", params)


def reshape(layer: LayerArgs, shape: Shape) -> Outcome:
    """Keras' `compute_reshape_output_shape`: one -1 is solved from the total size."""
    target = layer.raw("target_shape", None)
    if (
        not isinstance(target, tuple)
        or not all(isinstance(d, int) and not isinstance(d, bool) for d in target)
        or any(d == 0 or d < -1 for d in target)
        or target.count(-1) > 1
    ):
        layer.fail(
            "target_shape must be a tuple of positive integers with at most one -1 "
            f"(got {capped_repr(target)})"
        )
    rest = shape[1:]
    known = tuple(d for d in target if d != -1)
    if None in rest:
        out = tuple(None if d == -1 else d for d in target)
        why = f"{shape} has a None axis, so -1 stays None: " if -1 in target else ""
        return Outcome((shape[0], *out), 0, 0, f"{why}{shape} -> {(shape[0], *out)}")
    total = math.prod(rest)
    written = times(rest)
    if -1 not in target:
        if math.prod(target) != total:
            layer.fail(
                f"cannot reshape {shape} ({written} = {total} values) to {target} "
                f"({times(target)} = {math.prod(target)} values)"
            )
        return Outcome((shape[0], *target), 0, 0, f"{written} = {total} = {times(target)}")
    solved, remainder = divmod(total, math.prod(known))
    if remainder:
        layer.fail(
            f"cannot reshape {shape} ({total} values) to {target}: "
            f"-1 = {total} / {math.prod(known)} is not a whole number"
        )
    out = tuple(solved if d == -1 else d for d in target)
    divisor = f"({times(known)})" if len(known) > 1 else times(known) or "1"
    return Outcome((shape[0], *out), 0, 0, f"-1 = {total} / {divisor} = {solved}")
