"""Merge layers, which take a list of tensors (`keras.src.layers.merging`): the
element-wise ones need the same shape (an axis of 1 stretches to match, as in NumPy),
Concatenate needs every axis but its own to agree, Dot multiplies along one axis of each.
No weights; the error names the axis that does not agree."""

from __future__ import annotations

from collections.abc import Callable

from tutor.engine.args import LayerArgs
from tutor.engine.model import Shape
from tutor.engine.outcome import Outcome

MergeRule = Callable[[LayerArgs, tuple[Shape, ...]], Outcome]

_SYMBOLS = {
    "Add": "+",
    "Subtract": "-",
    "Multiply": "*",
    "Average": "average of",
    "Maximum": "maximum of",
    "Minimum": "minimum of",
}


def _listed(shapes: tuple[Shape, ...]) -> str:
    return ", ".join(str(shape) for shape in shapes)


def _batch(layer: LayerArgs, shapes: tuple[Shape, ...]) -> int | None:
    """Keras refuses to merge tensors with different fixed batch sizes."""
    sizes = {shape[0] for shape in shapes} - {None}
    if len(sizes) > 1:
        layer.fail("merge_batch_sizes", shapes=_listed(shapes))
    return next(iter(sizes), None)


def _broadcast(layer: LayerArgs, have: Shape, other: Shape, shapes: tuple[Shape, ...]) -> Shape:
    """Keras' `_compute_elemwise_op_output_shape` on shapes without the batch axis: the
    shorter one lines up with the end of the longer; a 1 stretches to match."""
    if len(have) < len(other):
        have, other = other, have
    if not other:
        return have
    lead = len(have) - len(other)
    out = list(have[:lead])
    for axis, (size, that) in enumerate(zip(have[lead:], other, strict=True), lead + 1):
        if size is None or that is None:
            out.append(None)
        elif size == 1 or that == 1:
            out.append(that if size == 1 else size)
        elif size != that:
            layer.fail("merge_axis", axis=axis, have=size, size=that, shapes=_listed(shapes))
        else:
            out.append(size)
    return tuple(out)


def _same_rank(layer: LayerArgs, shapes: tuple[Shape, ...]) -> None:
    ranks = sorted({len(shape) for shape in shapes})
    if len(ranks) > 1:
        layer.fail("merge_ranks", shapes=_listed(shapes))


def elementwise(layer: LayerArgs, shapes: tuple[Shape, ...]) -> Outcome:
    """Add, Subtract, Multiply, Average, Maximum, Minimum: value by value, so the shapes
    must agree axis by axis (Keras' `_compute_elemwise_op_output_shape`)."""
    if layer.cls == "Subtract" and len(shapes) != 2:
        layer.fail("takes_two_tensors", cls=layer.cls, count=len(shapes))
    batch = _batch(layer, shapes)
    out = shapes[0][1:]
    for shape in shapes[1:]:
        out = _broadcast(layer, out, shape[1:], shapes)
    result = (batch, *out)
    symbol = _SYMBOLS[layer.cls]
    if symbol in "+-*":
        written = f" {symbol} ".join(str(shape) for shape in shapes)
    else:
        written = f"{symbol} {_listed(shapes)}"
    why = "value by value, so every axis must match (or be 1)"
    return Outcome(result, 0, 0, f"{written} -> {result}: {why}")


def concatenate(layer: LayerArgs, shapes: tuple[Shape, ...]) -> Outcome:
    """Joined along `axis`: its sizes add up; every other axis must agree."""
    axis = layer.integer("axis", -1)
    _same_rank(layer, shapes)
    rank = len(shapes[0])
    if not -rank <= axis < rank or axis % rank == 0:
        layer.fail("concatenate_axis", axis=axis, shape=shapes[0])
    position = axis % rank
    for other in range(rank):
        if other == position:
            continue
        sizes = {shape[other] for shape in shapes} - {None}
        if len(sizes) > 1:
            shown = ", ".join(str(shape[other]) for shape in shapes)
            layer.fail("concatenate_mismatch", other=other, shown=shown,
                       shapes=_listed(shapes), axis=axis)
    joined = [shape[position] for shape in shapes]
    size = None if None in joined else sum(joined)  # type: ignore[arg-type]
    result = (*shapes[0][:position], size, *shapes[0][position + 1 :])
    if size is None:
        total = "None (an input's axis is None)"
    else:
        total = " + ".join(map(str, joined)) + f" = {size}"
    return Outcome(result, 0, 0, f"axis {axis}: {total}: {_listed(shapes)} -> {result}")


def dot(layer: LayerArgs, shapes: tuple[Shape, ...]) -> Outcome:
    """The dot product of two tensors along one axis of each (`Dot(axes=...)`)."""
    if len(shapes) != 2:
        layer.fail("takes_two_tensors", cls=layer.cls, count=len(shapes))
    first, second = shapes
    axes = layer.raw("axes", None)
    if isinstance(axes, int) and not isinstance(axes, bool):
        pair = (axes % len(first), axes % len(second)) if axes < 0 else (axes, axes)
    elif (
        isinstance(axes, tuple)
        and len(axes) == 2
        and all(isinstance(a, int) and not isinstance(a, bool) for a in axes)
    ):
        pair = axes
    else:
        layer.fail("dot_axes")
    if not all(-len(s) <= a < len(s) and a % len(s) for a, s in zip(pair, shapes, strict=True)):
        layer.fail("dot_axes_range", axes=axes)
    left, right = first[pair[0]], second[pair[1]]
    if left is not None and right is not None and left != right:
        layer.fail("dot_sizes", first_axis=pair[0], first=first, left=left,
                   second_axis=pair[1], second=second, right=right)
    kept_first = [d for i, d in enumerate(first) if i != pair[0] % len(first)]
    kept_second = [d for i, d in enumerate(second) if i != pair[1] % len(second)][1:]
    result = (*kept_first, *kept_second)
    if len(result) == 1:
        result = (*result, 1)
    return Outcome(
        result, 0, 0,
        f"dot product over axis {pair[0]} of {first} and axis {pair[1]} of {second} -> {result}",
    )


MERGE_RULES: dict[str, MergeRule] = {
    **dict.fromkeys(_SYMBOLS, elementwise),
    "Concatenate": concatenate,
    "Dot": dot,
}
