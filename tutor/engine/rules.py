"""Walks a ModelSpec layer by layer: names each layer as a fresh Keras session would,
applies its shape and parameter rule, and adds up the totals."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial

from tutor.engine import conv, core, recurrent
from tutor.engine.args import LayerArgs
from tutor.engine.catalog import canonical, snake_case, supported_summary
from tutor.engine.errors import EngineError
from tutor.engine.limits import capped_repr
from tutor.engine.model import LayerResult, LayerSpec, ModelResult, ModelSpec, Shape
from tutor.engine.outcome import Outcome

Rule = Callable[[LayerArgs, Shape], Outcome]

RULES: dict[str, Rule] = {
    "Dense": core.dense,
    "Embedding": core.embedding,
    "Flatten": core.flatten,
    "Dropout": core.dropout,
    "Activation": core.activation,
    "BatchNormalization": core.batch_normalization,
    "Reshape": core.reshape,
    "Conv1D": partial(conv.conv, rank=1),
    "Conv2D": partial(conv.conv, rank=2),
    "MaxPooling1D": partial(conv.pool, rank=1),
    "MaxPooling2D": partial(conv.pool, rank=2),
    "AveragePooling1D": partial(conv.pool, rank=1),
    "AveragePooling2D": partial(conv.pool, rank=2),
    "GlobalAveragePooling1D": partial(conv.global_pool, rank=1),
    "GlobalAveragePooling2D": partial(conv.global_pool, rank=2),
    "GlobalMaxPooling1D": partial(conv.global_pool, rank=1),
    "GlobalMaxPooling2D": partial(conv.global_pool, rank=2),
    "SimpleRNN": recurrent.recurrent,
    "LSTM": recurrent.recurrent,
    "GRU": recurrent.recurrent,
    "Bidirectional": recurrent.bidirectional,
    "Rescaling": core.rescaling,
    "RandomFlip": core.augmentation,
    "RandomRotation": core.augmentation,
    "RandomZoom": core.augmentation,
    "RandomTranslation": core.augmentation,
    "RandomContrast": core.augmentation,
}


class _Namer:
    """Keras' `auto_name`: a counter per snake_case prefix, consumed when a layer is
    constructed without `name=` (a wrapped layer is constructed before its wrapper)."""

    def __init__(self) -> None:
        self._uids: Counter[str] = Counter()

    def name(self, spec: LayerSpec, cls: str) -> str:
        given = spec.args.get("name")
        if given is not None:
            if not isinstance(given, str) or not given or "/" in given:
                where = f"line {spec.line}: " if spec.line is not None else ""
                raise EngineError(
                    f"{where}{cls}: name must be a non-empty string without '/' "
                    f"(got {capped_repr(given)})"
                )
            return given
        prefix = snake_case(cls)
        count = self._uids[prefix]
        self._uids[prefix] += 1
        return f"{prefix}_{count}" if count else prefix


def _layer_args(spec: LayerSpec, namer: _Namer) -> LayerArgs:
    cls = canonical(spec.cls)
    if cls is None:
        where = f"line {spec.line}: " if spec.line is not None else ""
        raise EngineError(f"{where}unknown layer {spec.cls!r}; supported: {supported_summary()}")
    wrapped = _layer_args(spec.wrapped, namer) if spec.wrapped is not None else None
    return LayerArgs(namer.name(spec, cls), cls, spec.args, spec.line, wrapped)


def _check_input_shape(shape: Shape) -> None:
    if not isinstance(shape, tuple) or not all(
        d is None or (isinstance(d, int) and not isinstance(d, bool) and d > 0) for d in shape
    ):
        raise EngineError(
            "the input shape must be a tuple of positive integers or None "
            f"(got {capped_repr(shape)})"
        )


def _frozen(layer: LayerArgs) -> bool:
    """`trainable=False` on the layer (or on the layer a Bidirectional wraps) freezes all."""
    frozen = not layer.flag("trainable", True)
    return frozen or (layer.wrapped is not None and not layer.wrapped.flag("trainable", True))


def analyze(spec: ModelSpec) -> ModelResult:
    """Every layer's Keras name, output shape and parameter counts, with derivations.

    Raises EngineError for a model Keras would refuse to build.
    """
    _check_input_shape(spec.input_shape)
    shape: Shape = (None, *spec.input_shape)
    input_shape = shape
    namer = _Namer()
    results: list[LayerResult] = []
    seen: dict[str, LayerArgs] = {}
    for layer_spec in spec.layers:
        layer = _layer_args(layer_spec, namer)
        if layer.name in seen:
            taken = capped_repr(layer.name)
            layer.fail(f"another layer is already named {taken}; names must be unique")
        seen[layer.name] = layer
        outcome = RULES[layer.cls](layer, shape)
        trainable, non_trainable = outcome.trainable, outcome.non_trainable
        params_derivation = outcome.params_derivation
        if _frozen(layer) and trainable:
            trainable, non_trainable = 0, trainable + non_trainable
            params_derivation += "; trainable=False, so all are non-trainable"
        shape = outcome.output_shape
        results.append(
            LayerResult(
                name=layer.name,
                cls=layer.cls,
                output_shape=shape,
                params=trainable + non_trainable,
                trainable_params=trainable,
                non_trainable_params=non_trainable,
                shape_derivation=outcome.shape_derivation,
                params_derivation=params_derivation,
                line=layer.line,
            )
        )
    trainable_total = sum(r.trainable_params for r in results)
    frozen_total = sum(r.non_trainable_params for r in results)
    return ModelResult(
        input_shape=input_shape,
        layers=tuple(results),
        total_params=trainable_total + frozen_total,
        trainable_params=trainable_total,
        non_trainable_params=frozen_total,
        notes=spec.notes,
    )
