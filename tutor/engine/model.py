"""Frozen descriptions of a model (what the parser or quiz writes) and of its analysis."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

Shape = tuple[int | None, ...]


@dataclass(frozen=True)
class LayerSpec:
    """One layer as written: class name, arguments by keyword, and where it came from.

    `args` holds Python literals only (int, float, str, bool, None, tuples); positional
    arguments are stored under their Keras keyword. `wrapped` is the layer inside a
    `Bidirectional`. `line` is for messages and does not take part in equality.
    """

    cls: str
    args: Mapping[str, object] = field(default_factory=dict)
    line: int | None = field(default=None, compare=False)
    wrapped: LayerSpec | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "args", MappingProxyType(dict(self.args)))


@dataclass(frozen=True)
class ModelSpec:
    """A Sequential model: the input shape without the batch axis, the layers in order,
    and the parser's notes about old-Keras spellings it translated."""

    input_shape: Shape
    layers: tuple[LayerSpec, ...]
    notes: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class LayerResult:
    """One layer's Keras name, output shape (batch axis `None`), parameter counts, and the
    formulas with numbers substituted that the learner is shown."""

    name: str
    cls: str
    output_shape: Shape
    params: int
    trainable_params: int
    non_trainable_params: int
    shape_derivation: str
    params_derivation: str
    line: int | None = None


@dataclass(frozen=True)
class ModelResult:
    """The whole model: input shape with the batch axis, every layer, and the totals."""

    input_shape: Shape
    layers: tuple[LayerResult, ...]
    total_params: int
    trainable_params: int
    non_trainable_params: int
    notes: tuple[str, ...] = ()
