"""Normalization layers: the shape never changes; what they learn is a scale (gamma) and a
shift (beta) per feature of the normalised axis, and BatchNormalization also keeps moving
statistics that are not trained."""

from __future__ import annotations

import math

from tutor.engine.args import LayerArgs
from tutor.engine.model import Shape
from tutor.engine.outcome import Outcome, same_shape, times


def _feature_axis(layer: LayerArgs, shape: Shape, axis: int) -> int:
    if not -len(shape) <= axis < len(shape) or axis in (0, -len(shape)):
        layer.fail("not_feature_axis", axis=axis, shape=shape)
    return axis % len(shape)


def batch_normalization(layer: LayerArgs, shape: Shape) -> Outcome:
    """Per feature of `axis`: gamma and beta are learned, the moving statistics are not."""
    axis = layer.integer("axis", -1)
    scale = layer.flag("scale", True)
    center = layer.flag("center", True)
    size = shape[_feature_axis(layer, shape, axis)]
    if size is None:
        layer.fail("normalized_axis_none", axis=axis, shape=shape)
    learned = [name for name, on in (("gamma", scale), ("beta", center)) if on]
    trainable = size * len(learned)
    count = trainable + 2 * size
    kept = f"trainable {', '.join(learned)}: {trainable}; " if learned else ""
    params = (
        f"params = {2 + len(learned)} * {size} = {count} "
        f"({kept}non-trainable moving mean, variance: {2 * size})"
    )
    return Outcome(shape, trainable, 2 * size, "shape unchanged: normalises each feature", params)


def _learned(layer: LayerArgs, sizes: tuple[int, ...], gamma: bool, beta: bool) -> Outcome:
    learned = [name for name, on in (("gamma", gamma), ("beta", beta)) if on]
    per = math.prod(sizes)
    count = per * len(learned)
    if not learned:
        return Outcome((), 0, 0, "", "params = 0 (center=False, scale=False)")
    return Outcome((), count, 0, "", f"params = {len(learned)} * {times(sizes)} = {count} "
                   f"({', '.join(learned)})")


def layer_normalization(layer: LayerArgs, shape: Shape) -> Outcome:
    """Each sample is normalised over `axis` (the last by default); gamma and beta have one
    value per feature of those axes."""
    axis = layer.raw("axis", -1)
    axes = axis if isinstance(axis, tuple) else (axis,)
    if not axes or not all(isinstance(a, int) and not isinstance(a, bool) for a in axes):
        layer.fail("arg_integer", key="axis", value=axis)
    positions = sorted(_feature_axis(layer, shape, a) for a in axes)
    sizes = tuple(shape[p] for p in positions)
    if None in sizes:
        layer.fail("normalized_axis_none", axis=axis, shape=shape)
    rms = layer.flag("rms_scaling", False)
    learned = _learned(layer, sizes, layer.flag("scale", True) or rms,
                       layer.flag("center", True) and not rms)
    why = f"shape unchanged: normalises each sample over axis {axis}"
    return Outcome(shape, learned.trainable, 0, why, learned.params_derivation)


def group_normalization(layer: LayerArgs, shape: Shape) -> Outcome:
    """The channels of `axis` are split into `groups`, each normalised on its own."""
    axis = layer.integer("axis", -1)
    groups = layer.integer("groups", 32)
    size = shape[_feature_axis(layer, shape, axis)]
    if size is None:
        layer.fail("normalized_axis_none", axis=axis, shape=shape)
    if groups == -1:
        groups = size
    if groups <= 0 or size < groups or size % groups:
        layer.fail("groups_split", groups=groups, size=size)
    learned = _learned(layer, (size,), layer.flag("scale", True), layer.flag("center", True))
    why = f"shape unchanged: normalises {groups} groups of {size // groups} channels"
    return Outcome(shape, learned.trainable, 0, why, learned.params_derivation)


def unit_normalization(layer: LayerArgs, shape: Shape) -> Outcome:
    axis = layer.raw("axis", -1)
    for single in axis if isinstance(axis, tuple) else (axis,):
        if not isinstance(single, int) or isinstance(single, bool):
            layer.fail("arg_integer", key="axis", value=axis)
        _feature_axis(layer, shape, single)
    return same_shape(shape, "every sample is scaled to length 1")
