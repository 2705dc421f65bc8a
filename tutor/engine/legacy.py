"""Old-Keras spellings from the course notes, translated to Keras 3 with a one-line note each:
renamed arguments, and input shapes given on a layer instead of `keras.Input`."""

from __future__ import annotations

import ast
from collections.abc import Callable

from tutor.engine.errors import ParseError
from tutor.engine.limits import capped_repr
from tutor.engine.model import Shape
from tutor.engine.values import Value

Note = Callable[[int, str], None]

RENAMED = {
    "init": "kernel_initializer",
    "border_mode": "padding",
    "subsample": "strides",
    "nb_filter": "filters",
    "W_regularizer": "kernel_regularizer",
    "b_regularizer": "bias_regularizer",
}
INPUT_ARGUMENTS = ("input_shape", "input_dim", "input_length", "batch_input_shape", "batch_size")
"""Accepted on any layer (Keras 3 itself takes only the first two, and warns)."""


def translate(
    named: dict[str, ast.expr], cls: str, written: str, line: int, note: Note, positional: int
) -> None:
    """Rename Keras 1 arguments in `named` in place (`positional`: how many arguments the
    call gave by position, since Keras 1's third one meant something else)."""
    renamed = dict(RENAMED)
    if cls == "Embedding":
        renamed["init"] = "embeddings_initializer"
    if cls == "Dense":
        renamed["output_dim"] = "units"
    for old, new in renamed.items():
        if old in named:
            if new in named:
                raise ParseError(f"line {line}: {written} got both {old}= and {new}=")
            named[new] = named.pop(old)
            note(line, f"{old}= is old Keras; Keras 3 calls it {new}=")
    if "nb_row" in named or "nb_col" in named:
        if "kernel_size" in named or not ("nb_row" in named and "nb_col" in named):
            raise ParseError(f"line {line}: write kernel_size=(rows, cols) for nb_row/nb_col")
        rows, cols = named.pop("nb_row"), named.pop("nb_col")
        named["kernel_size"] = ast.copy_location(ast.Tuple([rows, cols], ast.Load()), rows)
        note(line, "nb_row=, nb_col= are old Keras; Keras 3 writes kernel_size=(rows, cols)")
    if written.startswith("Convolution") and positional >= 3:
        note(
            line,
            f"the third argument of {cls} is strides in Keras 3; "
            f"Keras 1's {written}(32, 3, 3) is {cls}(32, (3, 3))",
        )


def input_from_layer(
    args: dict[str, Value], cls: str, line: int, first: bool, note: Note
) -> Shape | None:
    """Pull `input_shape=`, `input_dim=`, `input_length=` out of a layer's arguments; on
    the first layer they give the model's input shape."""
    found = {
        key: args.pop(key)
        for key in INPUT_ARGUMENTS
        if key in args and not (key == "input_dim" and cls == "Embedding")
    }
    if not found:
        return None
    if not first:
        keys = ", ".join(f"{k}=" for k in found)
        note(line, f"{keys} on a later layer is ignored")
        return None
    if "batch_input_shape" in found:
        shape = checked_shape(found["batch_input_shape"], "batch_input_shape", line)[1:]
    elif "input_shape" in found:
        shape = checked_shape(found["input_shape"], "input_shape", line)
    elif "input_dim" in found:
        length = found.get("input_length")
        dims = (length, found["input_dim"]) if length is not None else (found["input_dim"],)
        shape = checked_shape(dims, "input_dim", line)
    elif "input_length" in found:
        shape = checked_shape((found["input_length"],), "input_length", line)
    else:
        return None
    if cls == "Embedding" and "input_length" in found:
        note(line, f"input_length= is not needed in Keras 3; start with keras.Input(shape={shape})")
    else:
        keys = " and ".join(f"{k}=" for k in found)
        note(line, f"{keys} is old style; Keras 3 starts with keras.Input(shape={shape})")
    return shape


def checked_shape(value: Value, key: str, line: int) -> Shape:
    """A shape written in the source: a tuple of positive ints or None."""
    if not isinstance(value, tuple) or not all(
        d is None or (isinstance(d, int) and not isinstance(d, bool) and d > 0) for d in value
    ):
        raise ParseError(
            f"line {line}: {key} must be a tuple of positive integers or None "
            f"(got {capped_repr(value)})"
        )
    return value
