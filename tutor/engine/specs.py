"""The model the interpreter built, written down as a frozen spec for the rules: a
Sequential model as a ModelSpec, a functional one as a FunctionalSpec. A model the file
changed where the reader cannot follow is refused here, naming where."""

from __future__ import annotations

from tutor.engine.errors import ParseError, Phrase, at_line
from tutor.engine.graph import keras_order
from tutor.engine.model import FunctionalSpec, InputSpec, LayerSpec, ModelSpec, NodeSpec
from tutor.engine.objects import (
    FunctionalObject,
    InputObject,
    LayerCall,
    LayerObject,
    SequentialObject,
    TensorObject,
)

MAX_LAYERS = 5_000
"""More layers than any course model by far; bounds the work of the rules."""


def _doubted(doubt: Phrase | None) -> None:
    if doubt is not None:
        raise ParseError(Phrase("model_changed", reason=doubt))


def layer_spec(layer: LayerObject) -> LayerSpec:
    _doubted(layer.doubt)
    wrapped = layer_spec(layer.wrapped) if layer.wrapped is not None else None
    return LayerSpec(
        layer.cls,
        layer.args,
        layer.line,
        wrapped,
        auto_name=layer.name if layer.auto_named else None,
        key=layer.key,
    )


def sequential_spec(model: SequentialObject, notes: tuple[str, ...]) -> ModelSpec:
    _doubted(model.doubt)
    if not model.entries:
        raise ParseError(at_line(model.line, Phrase("no_layers")))
    if len(model.entries) > MAX_LAYERS:
        raise ParseError(at_line(model.line, Phrase("too_many_layers", limit=MAX_LAYERS)))
    if model.input is None:
        raise ParseError(at_line(model.line, Phrase("input_unknown")))
    batch, *shape = model.input.shape
    return ModelSpec(tuple(shape), tuple(map(layer_spec, model.entries)), notes, batch)


def _calls(model: FunctionalObject) -> list[LayerCall]:
    """Every call the outputs depend on, in the order the file made them; the inputs
    they reach must be the model's own (Keras: 'Graph disconnected')."""
    declared = [tensor.source for tensor in model.inputs]
    seen: dict[int, LayerCall] = {}
    stack: list[TensorObject] = list(model.outputs)
    while stack:
        source = stack.pop().source
        if isinstance(source, InputObject):
            if not any(source is given for given in declared):
                raise ParseError(
                    at_line(model.line, Phrase("graph_disconnected", name=source.name,
                                               line=source.line))
                )
            continue
        if id(source) not in seen:
            seen[id(source)] = source
            if len(seen) > MAX_LAYERS:
                raise ParseError(at_line(model.line, Phrase("too_many_layers", limit=MAX_LAYERS)))
            stack.extend(source.inputs)
    return sorted(seen.values(), key=lambda call: call.key)


def functional_spec(model: FunctionalObject, notes: tuple[str, ...]) -> FunctionalSpec:
    _doubted(model.doubt)
    inputs = [tensor.source for tensor in model.inputs]
    assert all(isinstance(source, InputObject) for source in inputs)
    for index, source in enumerate(inputs):
        if any(source is other for other in inputs[:index]):
            raise ParseError(at_line(model.line, Phrase("input_twice", name=source.name)))
    calls = _calls(model)
    numbers: dict[int, int] = {id(source): i for i, source in enumerate(inputs)}
    numbers.update({id(call): len(inputs) + i for i, call in enumerate(calls)})
    layers: list[LayerObject] = []
    positions: dict[int, int] = {}
    for call in calls:
        if id(call.layer) not in positions:
            positions[id(call.layer)] = len(layers)
            layers.append(call.layer)
    nodes = tuple(
        NodeSpec(
            positions[id(call.layer)],
            tuple(numbers[id(tensor.source)] for tensor in call.inputs),
            call.as_list,
            call.line,
        )
        for call in calls
    )
    return FunctionalSpec(
        inputs=tuple(InputSpec(source.shape, source.name, source.line) for source in inputs),
        layers=tuple(map(layer_spec, layers)),
        nodes=nodes,
        outputs=tuple(numbers[id(tensor.source)] for tensor in model.outputs),
        notes=notes,
    )


def graph_layers(model: FunctionalObject) -> list[LayerObject | InputObject]:
    """A functional model's `model.layers`, in Keras' order: its InputLayers too."""
    layers: list[LayerObject] = []
    for call in _calls(model):
        if not any(call.layer is known for known in layers):
            layers.append(call.layer)
    inputs = [tensor.source for tensor in model.inputs]
    return [
        inputs[index] if kind == "input" else layers[index]
        for kind, index in keras_order(functional_spec(model, ()))
    ]
