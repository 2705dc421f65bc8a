"""Old-Keras spellings from the course notes, translated to Keras 3 with a one-line note each:
renamed arguments, and input shapes given on a layer instead of `keras.Input`."""

from __future__ import annotations

import ast
from collections.abc import Callable

from tutor.engine.errors import ParseError, Phrase, at_line
from tutor.engine.limits import capped_repr
from tutor.engine.model import Shape

Note = Callable[[int, Phrase], None]
Argument = tuple[object, ast.expr]
"""An argument's value with its node, for messages."""

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
OLD_SUBMODULES = frozenset(
    "convolutional core recurrent pooling normalization embeddings wrappers "  # noqa: SIM905
    "advanced_activations".split()
)


def translate(
    named: dict[str, Argument], cls: str, written: str, line: int, note: Note, positional: int
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
                raise _error(line, "both_spellings", written=written, old=old, new=new)
            named[new] = named.pop(old)
            note(line, Phrase("note_renamed", old=old, new=new))
    if "nb_row" in named or "nb_col" in named:
        if "kernel_size" in named or not ("nb_row" in named and "nb_col" in named):
            raise _error(line, "nb_row_nb_col")
        (rows, row_node), (cols, col_node) = named.pop("nb_row"), named.pop("nb_col")
        tuple_node = ast.copy_location(ast.Tuple([row_node, col_node], ast.Load()), row_node)
        named["kernel_size"] = ((rows, cols), tuple_node)
        note(line, Phrase("note_nb_row"))
    if written.startswith("Convolution") and positional >= 3:
        note(line, Phrase("note_convolution_strides", cls=cls, written=written))


def input_from_layer(
    found: dict[str, object], cls: str, line: int, first: bool, note: Note
) -> Shape | None:
    """The model's input shape from old-style `input_shape=`, `input_dim=`,
    `input_length=` on a layer (a note either way; only the first layer's count)."""
    if not found:
        return None
    keys = ", ".join(f"{key}=" for key in found)
    if not first:
        note(line, Phrase("note_input_ignored", keys=keys))
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
        note(line, Phrase("note_input_length", shape=shape))
    else:
        note(line, Phrase("note_input_old_style", keys=keys, shape=shape))
    return shape


def checked_shape(value: object, key: str, line: int | None) -> Shape:
    """A shape written in the source: a tuple of positive ints or None."""
    if isinstance(value, list):
        value = tuple(value)
    if not isinstance(value, tuple) or not all(
        d is None or (isinstance(d, int) and not isinstance(d, bool) and d > 0) for d in value
    ):
        raise _error(line, "shape_not_tuple", key=key, value=capped_repr(value))
    return value


def _error(line: int | None, key: str, /, **values: object) -> ParseError:
    return ParseError(at_line(line, Phrase(key, **values)))
