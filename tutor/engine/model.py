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
    `Bidirectional` or `TimeDistributed`. The parser also records `auto_name`, the name
    Keras gave the layer when the file constructed it, and `key`, the same for every use
    of one layer object (its weights are shared). Neither, nor `line`, takes part in
    equality.
    """

    cls: str
    args: Mapping[str, object] = field(default_factory=dict)
    line: int | None = field(default=None, compare=False)
    wrapped: LayerSpec | None = None
    auto_name: str | None = field(default=None, compare=False)
    key: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "args", MappingProxyType(dict(self.args)))


@dataclass(frozen=True)
class ModelSpec:
    """A Sequential model: the input shape without the batch axis, the layers in order,
    the parser's notes about old-Keras spellings it translated, and a fixed batch size
    (`keras.Input(batch_shape=...)` or `batch_size=`) if one was given."""

    input_shape: Shape
    layers: tuple[LayerSpec, ...]
    notes: tuple[str, ...] = field(default=(), compare=False)
    batch_size: int | None = None


@dataclass(frozen=True)
class InputSpec:
    """One `keras.Input` of a functional model: its shape with the batch axis."""

    shape: Shape
    name: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class NodeSpec:
    """One call of a layer: `layer` indexes FunctionalSpec.layers; `inputs` numbers tensors,
    the model's inputs first and then one per node in order; `as_list` is True when the
    tensors were passed as a list (as merge layers take them)."""

    layer: int
    inputs: tuple[int, ...]
    as_list: bool = False
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class FunctionalSpec:
    """A functional model, `keras.Model(inputs, outputs)`: each layer object once, its
    calls in the order the file made them, and the tensors that are the outputs."""

    inputs: tuple[InputSpec, ...]
    layers: tuple[LayerSpec, ...]
    nodes: tuple[NodeSpec, ...]
    outputs: tuple[int, ...]
    notes: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class LayerResult:
    """One layer's Keras name, output shape (batch axis `None` unless fixed), parameter
    counts, and the formulas with numbers substituted that the learner is shown.
    `inbound` names the layers that feed it (in a functional model)."""

    name: str
    cls: str
    output_shape: Shape
    params: int
    trainable_params: int
    non_trainable_params: int
    shape_derivation: str
    params_derivation: str
    line: int | None = None
    inbound: tuple[str, ...] = ()


@dataclass(frozen=True)
class ModelResult:
    """The whole model: input shape with the batch axis, every layer in Keras'
    `model.layers` order, and the totals (a shared layer's weights counted once).
    A functional model lists its InputLayers among the layers, as Keras does, and has
    `input_shapes` for all its inputs."""

    input_shape: Shape
    layers: tuple[LayerResult, ...]
    total_params: int
    trainable_params: int
    non_trainable_params: int
    notes: tuple[str, ...] = ()
    input_shapes: tuple[Shape, ...] = ()
    functional: bool = False
