"""Renders a ModelSpec as modern Keras 3 source, which `parse_model` reads back unchanged:
quiz questions are built as specs and shown to learners as code."""

from __future__ import annotations

import json

from tutor.engine.catalog import POSITIONAL, USUALLY_POSITIONAL, canonical, supported_summary
from tutor.engine.errors import EngineError, Phrase
from tutor.engine.model import LayerSpec, ModelSpec


def to_source(spec: ModelSpec) -> str:
    """`import keras` ... `model = keras.Sequential([...])`, one layer per line."""
    lines = [
        "import keras",
        "from keras import layers",
        "",
        "model = keras.Sequential(",
        "    [",
        f"        keras.Input(shape={literal(spec.input_shape)}),",
        *(f"        {layer_source(layer)}," for layer in spec.layers),
        "    ]",
        ")",
    ]
    return "\n".join(lines) + "\n"


def layer_source(layer: LayerSpec) -> str:
    """`layers.Conv2D(32, 3, activation="relu")`: leading arguments positionally, as people
    write them, the rest by keyword in the order they were given."""
    cls = canonical(layer.cls)
    if cls is None:
        raise EngineError(Phrase("unknown_layer", name=layer.cls, supported=supported_summary()))
    args = dict(layer.args)
    parts: list[str] = []
    if layer.wrapped is not None:
        parts.append(layer_source(layer.wrapped))
    else:
        for key in POSITIONAL[cls][: USUALLY_POSITIONAL.get(cls, 0)]:
            if key not in args:
                break
            parts.append(literal(args.pop(key)))
    parts.extend(f"{key}={literal(value)}" for key, value in args.items())
    return f"layers.{layer.cls}({', '.join(parts)})"


def literal(value: object) -> str:
    """Python source for a literal, with double-quoted strings as formatters write them."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, tuple):
        inner = ", ".join(literal(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)
