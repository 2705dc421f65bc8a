"""A functional model, `keras.Model(inputs, outputs)`: each call of a layer worked out in
the order the file made it, then the rows in Keras' `model.layers` order (its InputLayers
too), each naming the layers that feed it. A layer called twice is one row whose weights
count once; a merge layer takes the list of tensors it was given."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from tutor.engine.args import LayerArgs
from tutor.engine.errors import EngineError, Phrase
from tutor.engine.graph import keras_order
from tutor.engine.limits import capped_repr
from tutor.engine.merge import MERGE_RULES
from tutor.engine.model import FunctionalSpec, LayerResult, ModelResult, Shape
from tutor.engine.outcome import Outcome
from tutor.engine.rules import (
    Namer,
    apply,
    check_shape,
    layer_args,
    layer_result,
    shared_outcome,
    unique_names,
)


def _input_row(name: str, shape: Shape) -> LayerResult:
    return LayerResult(
        name=name,
        cls="InputLayer",
        output_shape=shape,
        params=0,
        trainable_params=0,
        non_trainable_params=0,
        shape_derivation=f"the model's input: {shape}",
        params_derivation="params = 0",
    )


def _outcome(layer: LayerArgs, shapes: list[Shape], as_list: bool) -> Outcome:
    """A merge layer needs a list of tensors; every other layer one tensor."""
    if layer.cls in MERGE_RULES:
        if not as_list:
            layer.fail("merge_needs_list")
        return MERGE_RULES[layer.cls](layer, tuple(shapes))
    if as_list and len(shapes) != 1:
        layer.fail("takes_one_tensor", count=len(shapes))
    return apply(layer, shapes[0])


def analyze_functional(spec: FunctionalSpec) -> ModelResult:
    """Every row of `model.layers` with its output shape, counts and feeding layers."""
    for model_input in spec.inputs:
        check_shape(model_input.shape)
        if not model_input.shape:
            raise EngineError(Phrase("input_needs_batch"))
    namer = Namer()
    layers = [layer_args(layer, namer) for layer in spec.layers]
    unique_names([(layer, index) for index, layer in enumerate(layers)])
    input_names = {model_input.name for model_input in spec.inputs}
    for layer in layers:
        if layer.name in input_names:
            layer.fail("name_taken", name=capped_repr(layer.name))
    shapes: list[Shape] = [model_input.shape for model_input in spec.inputs]
    producers: list[str] = [model_input.name for model_input in spec.inputs]
    first: dict[int, Outcome] = {}
    inbound: dict[int, list[str]] = {}
    uses: Counter[int] = Counter()
    for node in spec.nodes:
        layer = layers[node.layer]
        outcome = _outcome(layer, [shapes[t] for t in node.inputs], node.as_list)
        uses[node.layer] += 1
        if node.layer in first:
            shared_outcome(layer, outcome, first[node.layer], layer.name)
        else:
            first[node.layer] = outcome
        feeding = inbound.setdefault(node.layer, [])
        feeding.extend(producers[t] for t in node.inputs if producers[t] not in feeding)
        shapes.append(outcome.output_shape)
        producers.append(layer.name)
    rows: list[LayerResult] = []
    for kind, index in keras_order(spec):
        if kind == "input":
            rows.append(_input_row(spec.inputs[index].name, spec.inputs[index].shape))
        else:
            outcome = first[index]
            if uses[index] > 1:
                shared = f"; used {uses[index]} times: its weights are shared, counted once"
                outcome = replace(outcome, params_derivation=outcome.params_derivation + shared)
            rows.append(layer_result(layers[index], outcome, tuple(inbound[index])))
    trainable = sum(outcome.trainable for outcome in first.values())
    frozen = sum(outcome.non_trainable for outcome in first.values())
    return ModelResult(
        input_shape=spec.inputs[0].shape,
        layers=tuple(rows),
        total_params=trainable + frozen,
        trainable_params=trainable,
        non_trainable_params=frozen,
        notes=spec.notes,
        input_shapes=tuple(model_input.shape for model_input in spec.inputs),
        functional=True,
    )
