"""Every supported layer's shape and parameter rule, and what applying one involves:
naming the layer as Keras would, reading its arguments, and `trainable=False`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial

from tutor.engine import conv, core, normalization, pooling, recurrent, reshaping
from tutor.engine.args import LayerArgs
from tutor.engine.catalog import canonical, snake_case, supported_summary
from tutor.engine.errors import EngineError, Phrase, at_line
from tutor.engine.limits import capped_repr
from tutor.engine.model import LayerResult, LayerSpec, Shape
from tutor.engine.outcome import Outcome

Rule = Callable[[LayerArgs, Shape], Outcome]


def _ranked(rule: Callable[..., Outcome], prefix: str, suffix: str = "") -> dict[str, Rule]:
    """`Conv1D`, `Conv2D`, `Conv3D` -> the same rule with its rank."""
    return {f"{prefix}{rank}D{suffix}": partial(rule, rank=rank) for rank in (1, 2, 3)}


RULES: dict[str, Rule] = {
    "Dense": core.dense,
    "Embedding": core.embedding,
    "Dropout": core.dropout,
    **_ranked(core.spatial_dropout, "SpatialDropout"),
    **dict.fromkeys(("GaussianNoise", "GaussianDropout", "AlphaDropout"), core.noise),
    **dict.fromkeys(("Activation", "ReLU", "LeakyReLU", "ELU", "Softmax"), core.activation),
    "PReLU": core.prelu,
    **dict.fromkeys(("Identity", "Masking", "ActivityRegularization"), core.passthrough),
    "Rescaling": core.rescaling,
    **dict.fromkeys(
        ("RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast"),
        core.augmentation,
    ),
    "BatchNormalization": normalization.batch_normalization,
    "LayerNormalization": normalization.layer_normalization,
    "GroupNormalization": normalization.group_normalization,
    "UnitNormalization": normalization.unit_normalization,
    "Flatten": reshaping.flatten,
    "Reshape": reshaping.reshape,
    "Permute": reshaping.permute,
    "RepeatVector": reshaping.repeat_vector,
    **_ranked(reshaping.upsampling, "UpSampling"),
    **_ranked(reshaping.zero_padding, "ZeroPadding"),
    **_ranked(reshaping.cropping, "Cropping"),
    **_ranked(conv.conv, "Conv"),
    **_ranked(conv.conv_transpose, "Conv", "Transpose"),
    **{f"SeparableConv{r}D": partial(conv.separable, rank=r) for r in (1, 2)},
    **{f"DepthwiseConv{r}D": partial(conv.depthwise, rank=r) for r in (1, 2)},
    **_ranked(pooling.pool, "MaxPooling"),
    **_ranked(pooling.pool, "AveragePooling"),
    **_ranked(pooling.global_pool, "GlobalMaxPooling"),
    **_ranked(pooling.global_pool, "GlobalAveragePooling"),
    "SimpleRNN": recurrent.recurrent,
    "LSTM": recurrent.recurrent,
    "GRU": recurrent.recurrent,
    **_ranked(recurrent.conv_lstm, "ConvLSTM"),
    "Bidirectional": recurrent.bidirectional,
}
"""Every layer that takes one tensor (TimeDistributed is applied through its layer's rule;
merge layers, which take a list, are in `merge`)."""


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
                phrase = Phrase("bad_name", cls=cls, value=capped_repr(given))
                raise EngineError(at_line(spec.line, phrase))
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
        phrase = Phrase("unknown_layer", name=spec.cls, supported=supported_summary())
        raise EngineError(at_line(spec.line, phrase))
    wrapped = layer_args(spec.wrapped, namer) if spec.wrapped is not None else None
    return LayerArgs(namer.name(spec, cls), cls, spec.args, spec.line, wrapped)


def check_shape(shape: Shape) -> None:
    """An input shape given in a spec: positive integers or None."""
    if not isinstance(shape, tuple) or not all(
        d is None or (isinstance(d, int) and not isinstance(d, bool) and d > 0) for d in shape
    ):
        raise EngineError(Phrase("bad_input_shape", value=capped_repr(shape)))


def _frozen(layer: LayerArgs) -> bool:
    """`trainable=False` on the layer (or on the layer a wrapper wraps) freezes all."""
    frozen = not layer.flag("trainable", True)
    return frozen or (layer.wrapped is not None and not layer.wrapped.flag("trainable", True))


def _time_distributed(layer: LayerArgs, shape: Shape) -> Outcome:
    """TimeDistributed applies its layer to each time step (axis 1) with the same weights."""
    inner = layer.wrapped
    if inner is None:
        layer.fail("wrapper_needs_layer", cls=layer.cls)
    if len(shape) < 3:
        layer.fail("time_distributed_rank", shape=shape)
    step: Shape = (shape[0], *shape[2:])
    outcome = apply(inner, step)
    out = (outcome.output_shape[0], shape[1], *outcome.output_shape[1:])
    derivation = f"each of the {shape[1]} time steps: {step} -> {outcome.output_shape}"
    if shape[1] is None:
        derivation = f"each time step: {step} -> {outcome.output_shape}"
    shape_lines = "\n".join(filter(None, (derivation, outcome.shape_derivation)))
    return Outcome(
        out, outcome.trainable, outcome.non_trainable, f"{shape_lines}\n-> {out}",
        outcome.params_derivation + " (the same weights at every step)",
    )


def apply(layer: LayerArgs, shape: Shape) -> Outcome:
    """The layer's rule on one input shape, with `trainable=False` applied."""
    if layer.cls == "TimeDistributed":
        outcome = _time_distributed(layer, shape)
    elif layer.cls not in RULES:
        layer.fail("merge_in_sequential")
    else:
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
        layer.fail("shared_weights_do_not_fit", count=first.trainable + first.non_trainable)
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
            layer.fail("name_taken", name=capped_repr(layer.name))
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
