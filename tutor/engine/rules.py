"""Every supported layer's shape and parameter rule, and what applying one involves:
naming the layer as Keras would, reading its arguments, and `trainable=False`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial

from tutor.engine import conv, core, recurrent
from tutor.engine.args import LayerArgs
from tutor.engine.catalog import canonical, snake_case, supported_summary
from tutor.engine.errors import EngineError
from tutor.engine.limits import capped_repr
from tutor.engine.model import LayerResult, LayerSpec, Shape
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


class Namer:
    """Names layers: the given `name=`, else the name the parser recorded when the file
    constructed the layer, else Keras' `auto_name` in a fresh session (a counter per
    snake_case prefix, consumed by a wrapped layer before its wrapper)."""

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
        if spec.auto_name is not None:
            return spec.auto_name
        prefix = snake_case(cls)
        count = self._uids[prefix]
        self._uids[prefix] += 1
        return f"{prefix}_{count}" if count else prefix


def layer_args(spec: LayerSpec, namer: Namer) -> LayerArgs:
    cls = canonical(spec.cls)
    if cls is None:
        where = f"line {spec.line}: " if spec.line is not None else ""
        raise EngineError(f"{where}unknown layer {spec.cls!r}; supported: {supported_summary()}")
    wrapped = layer_args(spec.wrapped, namer) if spec.wrapped is not None else None
    return LayerArgs(namer.name(spec, cls), cls, spec.args, spec.line, wrapped)


def check_shape(shape: Shape) -> None:
    """An input shape given in a spec: positive integers or None."""
    if not isinstance(shape, tuple) or not all(
        d is None or (isinstance(d, int) and not isinstance(d, bool) and d > 0) for d in shape
    ):
        raise EngineError(
            "the input shape must be a tuple of positive integers or None "
            f"(got {capped_repr(shape)})"
        )


def _frozen(layer: LayerArgs) -> bool:
    """`trainable=False` on the layer (or on the layer a wrapper wraps) freezes all."""
    frozen = not layer.flag("trainable", True)
    return frozen or (layer.wrapped is not None and not layer.wrapped.flag("trainable", True))


def apply(layer: LayerArgs, shape: Shape) -> Outcome:
    """The layer's rule on one input shape, with `trainable=False` applied."""
    if layer.cls not in RULES:
        layer.fail("a merge layer takes a list of tensors: build the model with keras.Model")
    outcome = RULES[layer.cls](layer, shape)
    if _frozen(layer) and outcome.trainable:
        return Outcome(
            outcome.output_shape,
            0,
            outcome.trainable + outcome.non_trainable,
            outcome.shape_derivation,
            outcome.params_derivation + "; trainable=False, so all are non-trainable",
        )
    return outcome


def shared_outcome(layer: LayerArgs, again: Outcome, first: Outcome, first_name: str) -> Outcome:
    """A layer object used a second time keeps the weights it was built with: the new
    input must need the same weights, and the derivation says they are shared."""
    if (again.trainable, again.non_trainable) != (first.trainable, first.non_trainable):
        layer.fail(
            "this layer object is used again on an input its weights do not fit "
            f"({first.trainable + first.non_trainable} weights were built for its first use)"
        )
    note = f"the same layer object as {first_name}: its weights are shared, counted once"
    return Outcome(
        again.output_shape,
        again.trainable,
        again.non_trainable,
        again.shape_derivation,
        f"{again.params_derivation}; {note}",
    )


def unique_names(results: list[tuple[LayerArgs, object]]) -> None:
    """Keras refuses two layers of one model with the same name."""
    seen: dict[str, object] = {}
    for layer, key in results:
        if layer.name in seen and seen[layer.name] != key:
            taken = capped_repr(layer.name)
            layer.fail(f"another layer is already named {taken}; names must be unique")
        seen[layer.name] = key


def layer_result(layer: LayerArgs, outcome: Outcome, inbound: tuple[str, ...] = ()) -> LayerResult:
    return LayerResult(
        name=layer.name,
        cls=layer.cls,
        output_shape=outcome.output_shape,
        params=outcome.trainable + outcome.non_trainable,
        trainable_params=outcome.trainable,
        non_trainable_params=outcome.non_trainable,
        shape_derivation=outcome.shape_derivation,
        params_derivation=outcome.params_derivation,
        line=layer.line,
        inbound=inbound,
    )
