"""Each layer's label on the Inspect screen: its name, class, output shape and parameter
count from the engine (the numbers the lessons teach, worked out from the script's
source), or from Keras where the engine cannot read the script."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

ENGINE_SECONDS = 2.0


@dataclass(frozen=True)
class LayerRow:
    name: str
    cls: str
    output_shape: tuple[int | None, ...] | None
    params: int
    from_engine: bool

    def shape_text(self) -> str:
        if self.output_shape is None:
            return "?"
        return "(" + ", ".join("None" if n is None else str(n) for n in self.output_shape) + ")"


def layer_rows(keras_layers: Sequence[dict[str, Any]], source: str | None) -> list[LayerRow]:
    """One row per layer Keras reports, with the engine's shape and count where the
    engine read the same layer (matched by name) from `source`."""
    engine = _engine_layers(source)
    rows = []
    for layer in keras_layers:
        known = engine.get(str(layer.get("name")))
        shape = layer.get("output_shape")
        rows.append(
            LayerRow(
                name=str(layer.get("name")),
                cls=str(layer.get("class")),
                output_shape=tuple(known.output_shape)
                if known is not None
                else (tuple(shape) if isinstance(shape, list) else None),
                params=known.params if known is not None else int(layer.get("params") or 0),
                from_engine=known is not None,
            )
        )
    return rows


def _engine_layers(source: str | None) -> dict[str, Any]:
    if not source:
        return {}
    from tutor.engine import EngineError, ParseError, explain

    try:
        result = explain(source, deadline=time.monotonic() + ENGINE_SECONDS)
    except (ParseError, EngineError):
        return {}
    return {layer.name: layer for layer in result.layers}
