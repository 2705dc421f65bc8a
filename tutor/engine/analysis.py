"""Walks a model spec: each layer named, its rule applied to what feeds it, and the
totals added up (a layer object used twice shares its weights, so counts once)."""

from __future__ import annotations

from tutor.engine.args import LayerArgs
from tutor.engine.errors import EngineError, Phrase
from tutor.engine.functional import analyze_functional
from tutor.engine.limits import capped_repr
from tutor.engine.model import FunctionalSpec, LayerResult, ModelResult, ModelSpec, Shape
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


def analyze(spec: ModelSpec | FunctionalSpec) -> ModelResult:
    """Every layer's Keras name, output shape and parameter counts, with derivations, in
    `model.layers` order. Raises EngineError for a model Keras would refuse to build."""
    if isinstance(spec, FunctionalSpec):
        return analyze_functional(spec)
    return _analyze_sequential(spec)


def _analyze_sequential(spec: ModelSpec) -> ModelResult:
    check_shape(spec.input_shape)
    batch = spec.batch_size
    if batch is not None and (not isinstance(batch, int) or isinstance(batch, bool) or batch < 1):
        raise EngineError(Phrase("batch_size_positive", value=capped_repr(batch)))
    shape: Shape = (batch, *spec.input_shape)
    input_shape = shape
    namer = Namer()
    results: list[LayerResult] = []
    named: list[tuple[LayerArgs, object]] = []
    first_use: dict[int, tuple[Outcome, str]] = {}
    total = [0, 0]
    for index, layer_spec in enumerate(spec.layers):
        layer = layer_args(layer_spec, namer)
        identity = layer_spec.key if layer_spec.key is not None else ("spec", index)
        named.append((layer, identity))
        unique_names(named)
        outcome = apply(layer, shape)
        if layer_spec.key is not None and layer_spec.key in first_use:
            outcome = shared_outcome(layer, outcome, *first_use[layer_spec.key])
        else:
            if layer_spec.key is not None:
                first_use[layer_spec.key] = (outcome, layer.name)
            total[0] += outcome.trainable
            total[1] += outcome.non_trainable
        shape = outcome.output_shape
        results.append(layer_result(layer, outcome))
    return ModelResult(
        input_shape=input_shape,
        layers=tuple(results),
        total_params=total[0] + total[1],
        trainable_params=total[0],
        non_trainable_params=total[1],
        notes=spec.notes,
    )
