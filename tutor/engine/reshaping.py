"""Layers that only rearrange values (`keras.src.layers.reshaping`): Flatten, Reshape,
UpSampling, ZeroPadding, Cropping, Permute and RepeatVector. None of them learns anything;
each derivation says where every axis comes from."""

from __future__ import annotations

import math

from tutor.engine.args import LayerArgs
from tutor.engine.conv import AXIS_LABELS, require_rank
from tutor.engine.limits import capped_repr
from tutor.engine.model import Shape
from tutor.engine.outcome import Outcome, times


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


def reshape(layer: LayerArgs, shape: Shape) -> Outcome:
    """Keras' `compute_reshape_output_shape`: one -1 is solved from the total size."""
    target = layer.raw("target_shape", None)
    if (
        not isinstance(target, tuple)
        or not all(isinstance(d, int) and not isinstance(d, bool) for d in target)
        or any(d == 0 or d < -1 for d in target)
        or target.count(-1) > 1
    ):
        layer.fail("reshape_target", value=capped_repr(target))
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
            layer.fail("reshape_total", shape=shape, written=written, total=total,
                       target=target, target_written=times(target), target_total=math.prod(target))
        return Outcome((shape[0], *target), 0, 0, f"{written} = {total} = {times(target)}")
    solved, remainder = divmod(total, math.prod(known))
    if remainder:
        layer.fail("reshape_solve", shape=shape, total=total, target=target,
                   known=math.prod(known))
    out = tuple(solved if d == -1 else d for d in target)
    divisor = f"({times(known)})" if len(known) > 1 else times(known) or "1"
    return Outcome((shape[0], *out), 0, 0, f"-1 = {total} / {divisor} = {solved}")


def _per_axis(shape: Shape, rank: int, change) -> tuple[tuple[int | None, ...], list[str]]:
    """Apply `change(axis, size) -> (new size, formula)` to each spatial axis."""
    out: list[int | None] = []
    lines: list[str] = []
    for axis, size in enumerate(shape[1 : rank + 1]):
        label = AXIS_LABELS[rank][axis]
        if size is None:
            out.append(None)
            lines.append(f"{label} = None")
            continue
        length, formula = change(axis, size)
        out.append(length)
        lines.append(f"{label} = {formula} = {length}")
    return tuple(out), lines


def upsampling(layer: LayerArgs, shape: Shape, rank: int) -> Outcome:
    """Each value is repeated `size` times along each spatial axis."""
    require_rank(layer, shape, rank)
    size = layer.int_tuple("size", rank, 2)
    if rank > 1:
        layer.choice("interpolation", ("nearest", "bilinear", "bicubic", "lanczos3",
                                       "lanczos5", "area"), "nearest")
    out, lines = _per_axis(shape, rank, lambda axis, n: (n * size[axis], f"{n}*{size[axis]}"))
    lines.append(f"channels stay {shape[-1]}")
    return Outcome((shape[0], *out, shape[-1]), 0, 0, "\n".join(lines))


def zero_padding(layer: LayerArgs, shape: Shape, rank: int) -> Outcome:
    """Zeros are added before and after each spatial axis."""
    require_rank(layer, shape, rank)
    if rank == 1:
        padding = (layer.int_tuple("padding", 2, 1, minimum=0),)
    else:
        padding = layer.pairs("padding", rank, 1)

    def padded(axis: int, n: int) -> tuple[int, str]:
        before, after = padding[axis]
        return n + before + after, f"{n} + {before} + {after}"

    out, lines = _per_axis(shape, rank, padded)
    lines.append(f"channels stay {shape[-1]}")
    return Outcome((shape[0], *out, shape[-1]), 0, 0, "\n".join(lines))


def cropping(layer: LayerArgs, shape: Shape, rank: int) -> Outcome:
    """Values are cut off before and after each spatial axis; something must be left."""
    require_rank(layer, shape, rank)
    if rank == 1:
        crops = (layer.int_tuple("cropping", 2, (1, 1), minimum=0),)
    else:
        crops = layer.pairs("cropping", rank, 0 if rank == 2 else 1)

    def cropped(axis: int, n: int) -> tuple[int, str]:
        before, after = crops[axis]
        length = n - before - after
        if length <= 0:
            layer.fail("cropping_too_much", label=AXIS_LABELS[rank][axis], size=n,
                       before=before, after=after)
        return length, f"{n} - {before} - {after}"

    out, lines = _per_axis(shape, rank, cropped)
    lines.append(f"channels stay {shape[-1]}")
    return Outcome((shape[0], *out, shape[-1]), 0, 0, "\n".join(lines))


def permute(layer: LayerArgs, shape: Shape) -> Outcome:
    """Axes swap places: `dims` numbers them from 1 (the batch axis stays first)."""
    order = layer.raw("dims", None)
    if (
        not isinstance(order, tuple)
        or not all(isinstance(d, int) and not isinstance(d, bool) for d in order)
        or sorted(order) != list(range(1, len(order) + 1))
    ):
        layer.fail("permute_dims", value=capped_repr(order))
    if len(order) != len(shape) - 1:
        layer.fail("permute_rank", rank=len(order) + 1, shape=shape)
    out = (shape[0], *(shape[d] for d in order))
    return Outcome(out, 0, 0, f"axes in the order {order}: {shape} -> {out}")


def repeat_vector(layer: LayerArgs, shape: Shape) -> Outcome:
    """A vector becomes a sequence of `n` copies of it."""
    times_repeated = layer.positive_int("n")
    if len(shape) != 2:
        layer.fail("repeat_vector_rank", shape=shape)
    out = (shape[0], times_repeated, shape[1])
    return Outcome(out, 0, 0, f"{times_repeated} copies of each vector: {shape} -> {out}")
