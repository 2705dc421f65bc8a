"""Known slips: each is a mistaken version of one rule. To recognise a slip the grader
recomputes the question's answer with that rule swapped in and compares it with what the
learner typed, so a slip is named only when it explains the exact wrong answer.

Model slips change one layer rule (the engine computes every other layer as usual, so a
forgotten +1 early in a CNN shows up in the Flatten size and the total), in a Sequential
model or along a functional model's graph; merge slips do the same for a merge layer;
question slips recompute the whole answer (a residual block without its projection);
by-hand slips redo the grid with the mistaken operation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tutor.engine import EngineError, FunctionalSpec, LayerSpec, Shape, analyze
from tutor.engine.args import LayerArgs
from tutor.engine.catalog import canonical, snake_case
from tutor.engine.graph import keras_order
from tutor.engine.merge import MERGE_RULES
from tutor.engine.outcome import Outcome
from tutor.engine.rules import RULES
from tutor.quiz import by_hand
from tutor.quiz.build import answer_of
from tutor.quiz.question import Answer, Question, Text, text

LayerRule = Callable[[LayerSpec, Shape, Outcome], Outcome | None]
"""(layer, its input shape, the engine's right outcome) -> the mistaken outcome, or None
where the slip changes nothing for this layer."""
MergeRule = Callable[[LayerSpec, tuple[Shape, ...], Outcome], Outcome | None]
"""The same for a merge layer, which takes the shapes of all its inputs."""
QuestionRule = Callable[[Question], Answer | None]
"""The whole question's answer under the slip, or None where it does not apply."""

CONV = ("Conv1D", "Conv2D")
POOL = ("MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D")
BIASED = ("Dense", *CONV, "SimpleRNN", "LSTM", "GRU")
GATED = {"LSTM": 4, "GRU": 3}
ELEMENTWISE = ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")


@dataclass(frozen=True)
class Slip:
    """A named mistake: `message` tells the learner which rule they bent."""

    id: str
    message: Text
    layer_rule: LayerRule | None = None
    merge_rule: MergeRule | None = None
    question_rule: QuestionRule | None = None
    grid_rule: QuestionRule | None = None


class _NotApplicable(EngineError):
    """The slip leads to an impossible model: it cannot explain the learner's answer."""


def _args(spec: LayerSpec) -> LayerArgs:
    cls = canonical(spec.cls) or spec.cls
    wrapped = _args(spec.wrapped) if spec.wrapped is not None else None
    return LayerArgs(snake_case(cls), cls, spec.args, None, wrapped)


def _engine(spec: LayerSpec, shape: Shape) -> Outcome:
    layer = _args(spec)
    return RULES[layer.cls](layer, shape)


def _changed(spec: LayerSpec, **changes: object) -> LayerSpec:
    """The same layer with some arguments changed (inside a Bidirectional, the wrapped one)."""
    if spec.wrapped is not None:
        return LayerSpec(spec.cls, spec.args, wrapped=_changed(spec.wrapped, **changes))
    return LayerSpec(spec.cls, {**spec.args, **changes})


def _cls(spec: LayerSpec) -> str:
    return canonical(spec.cls) or spec.cls


def _inner(spec: LayerSpec) -> LayerSpec:
    """The layer whose arguments count: the wrapped one for a Bidirectional."""
    return spec.wrapped if spec.wrapped is not None else spec


def _params(right: Outcome, count: int) -> Outcome:
    return Outcome(right.output_shape, count, 0, "", "")


def _shaped(right: Outcome, shape: Shape) -> Outcome:
    return Outcome(shape, right.trainable, right.non_trainable, "", "")


def _spatial(right: Outcome, sizes: tuple[int | None, ...]) -> Outcome:
    if any(size is not None and size <= 0 for size in sizes):
        raise _NotApplicable("no positive size")
    shape = (None, *sizes, right.output_shape[-1])
    return Outcome(shape, right.trainable, right.non_trainable, "", "")


def _padding(spec: LayerSpec) -> str:
    padding = spec.args.get("padding", "valid")
    return padding.lower() if isinstance(padding, str) else "valid"


def _strides(spec: LayerSpec, rank: int) -> tuple[int, ...]:
    layer = _args(spec)
    if _cls(spec) in POOL:
        window = layer.int_tuple("pool_size", rank, 2)
        return window if layer.raw("strides") is None else layer.int_tuple("strides", rank)
    return layer.int_tuple("strides", rank, 1)


# Layer rules ---------------------------------------------------------------------------


def forgot_bias(spec: LayerSpec, shape: Shape, right: Outcome) -> Outcome | None:
    if _cls(_inner(spec)) not in BIASED or _inner(spec).args.get("use_bias", True) is False:
        return None
    return _params(right, _engine(_changed(spec, use_bias=False), shape).trainable)


def forgot_plus_one(spec: LayerSpec, shape: Shape, right: Outcome) -> Outcome | None:
    if _cls(spec) not in (*CONV, *POOL) or _padding(spec) != "valid":
        return None
    sizes = right.output_shape[1:-1]
    return _spatial(right, tuple(None if n is None else n - 1 for n in sizes))


def divided_by_pool_size(spec: LayerSpec, shape: Shape, right: Outcome) -> Outcome | None:
    if _cls(spec) not in POOL:
        return None
    rank = len(shape) - 2
    window = _args(spec).int_tuple("pool_size", rank, 2)
    if _strides(spec, rank) == window:
        return None
    sizes = shape[1:-1]
    return _spatial(
        right, tuple(None if n is None else n // p for n, p in zip(sizes, window, strict=True))
    )


def channels_as_one(spec: LayerSpec, shape: Shape, right: Outcome) -> Outcome | None:
    if _cls(spec) not in CONV or shape[-1] == 1:
        return None
    return _params(right, _engine(spec, (*shape[:-1], 1)).trainable)


def channels_as_filters(spec: LayerSpec, shape: Shape, right: Outcome) -> Outcome | None:
    filters = right.output_shape[-1]
    if _cls(spec) not in CONV or shape[-1] == filters:
        return None
    return _params(right, _engine(spec, (*shape[:-1], filters)).trainable)


def forgot_gates(spec: LayerSpec, shape: Shape, right: Outcome) -> Outcome | None:
    gates = GATED.get(_cls(_inner(spec)))
    return None if gates is None else _params(right, right.trainable // gates)


def forgot_gru_second_bias(spec: LayerSpec, shape: Shape, right: Outcome) -> Outcome | None:
    inner = _inner(spec)
    if _cls(inner) != "GRU" or inner.args.get("use_bias", True) is False:
        return None
    if inner.args.get("reset_after", True) is False:
        return None
    return _params(right, _engine(_changed(spec, reset_after=False), shape).trainable)


def valid_for_same(spec: LayerSpec, shape: Shape, right: Outcome) -> Outcome | None:
    if _cls(spec) not in (*CONV, *POOL) or _padding(spec) != "same":
        return None
    try:
        return _engine(_changed(spec, padding="valid"), shape)
    except EngineError:
        raise _NotApplicable("valid does not fit") from None


def same_ignores_stride(spec: LayerSpec, shape: Shape, right: Outcome) -> Outcome | None:
    rank = len(shape) - 2
    if _cls(spec) not in (*CONV, *POOL) or _padding(spec) != "same":
        return None
    if max(_strides(spec, rank)) == 1:
        return None
    return _spatial(right, shape[1:-1])


def ignored_stride(spec: LayerSpec, shape: Shape, right: Outcome) -> Outcome | None:
    rank = len(shape) - 2
    if _cls(spec) not in (*CONV, *POOL) or max(_strides(spec, rank)) == 1:
        return None
    return _engine(_changed(spec, strides=1), shape)


def forgot_bidirectional_doubles(spec: LayerSpec, shape: Shape, right: Outcome) -> Outcome | None:
    if _cls(spec) != "Bidirectional":
        return None
    out = right.output_shape
    if spec.args.get("merge_mode", "concat") == "concat":
        out = (*out[:-1], out[-1] // 2)
    return Outcome(out, right.trainable // 2, 0, "", "")


def flipped_return_sequences(spec: LayerSpec, shape: Shape, right: Outcome) -> Outcome | None:
    inner = _inner(spec)
    if _cls(inner) not in ("SimpleRNN", "LSTM", "GRU"):
        return None
    flipped = not inner.args.get("return_sequences", False)
    return _engine(_changed(spec, return_sequences=flipped), shape)


def embedding_used_length(spec: LayerSpec, shape: Shape, right: Outcome) -> Outcome | None:
    if _cls(spec) != "Embedding" or shape[1] is None:
        return None
    if shape[1] == spec.args.get("input_dim"):
        return None
    return _params(right, shape[1] * right.output_shape[-1])


def batch_norm_trained_only(spec: LayerSpec, shape: Shape, right: Outcome) -> Outcome | None:
    if _cls(spec) != "BatchNormalization" or not right.non_trainable:
        return None
    return _params(right, right.trainable)


def batch_norm_no_params(spec: LayerSpec, shape: Shape, right: Outcome) -> Outcome | None:
    return _params(right, 0) if _cls(spec) == "BatchNormalization" else None


# Merge rules ---------------------------------------------------------------------------


def _channels(shapes: tuple[Shape, ...]) -> int:
    if any(shape[-1] is None for shape in shapes):
        raise _NotApplicable("a channel axis is None")
    return sum(shape[-1] for shape in shapes)


def stacked_channels(spec: LayerSpec, shapes: tuple[Shape, ...], right: Outcome) -> Outcome | None:
    if _cls(spec) not in ELEMENTWISE:
        return None
    return _shaped(right, (*right.output_shape[:-1], _channels(shapes)))


def concatenate_kept_shape(
    spec: LayerSpec, shapes: tuple[Shape, ...], right: Outcome
) -> Outcome | None:
    return _shaped(right, shapes[0]) if _cls(spec) == "Concatenate" else None


def concatenated_channels(
    spec: LayerSpec, shapes: tuple[Shape, ...], right: Outcome
) -> Outcome | None:
    rank = len(shapes[0])
    if _cls(spec) != "Concatenate" or spec.args.get("axis", -1) % rank == rank - 1:
        return None
    return _shaped(right, (*shapes[0][:-1], _channels(shapes)))


# Question rules ------------------------------------------------------------------------


def forgot_projection(question: Question) -> Answer | None:
    """A model's total without the 1x1 convolutions (and the BatchNormalization after
    them) that feed an element-wise merge: the projections on residual shortcuts."""
    spec = question.spec
    if not isinstance(spec, FunctionalSpec) or question.ask["what"] != "total_params":
        return None
    rows = zip(keras_order(spec), analyze(spec).layers, strict=True)
    params = {index: row.params for (kind, index), row in rows if kind == "layer"}
    skipped: set[int] = set()
    for node in spec.nodes:
        if _cls(spec.layers[node.layer]) not in ELEMENTWISE:
            continue
        for tensor in node.inputs:
            path = _back_through_batch_norm(spec, tensor)
            if path and _is_projection(spec.layers[path[-1]]):
                skipped.update(path)
    return question.answer - sum(params[i] for i in skipped) if skipped else None


def _back_through_batch_norm(spec: FunctionalSpec, tensor: int) -> list[int]:
    """The layers that made `tensor`, walking back while they are BatchNormalization."""
    path: list[int] = []
    while tensor >= len(spec.inputs):
        node = spec.nodes[tensor - len(spec.inputs)]
        path.append(node.layer)
        if _cls(spec.layers[node.layer]) != "BatchNormalization":
            break
        tensor = node.inputs[0]
    return path


def _is_projection(spec: LayerSpec) -> bool:
    return _cls(spec) == "Conv2D" and spec.args.get("kernel_size") in (1, (1, 1))


# Grid rules ---------------------------------------------------------------------------


def _as_asked(question: Question, grid: Answer) -> Answer | None:
    """A mistaken output grid as the question asks for it: whole, or the one value."""
    ask = question.ask or {}
    if ask.get("what") != "value":
        return grid
    row, col = ask["row"], ask["col"]
    return grid[row][col] if row < len(grid) and col < len(grid[0]) else None


def by_hand_stride_one(question: Question) -> Answer | None:
    ask = question.ask or {}
    if question.stride == 1:
        return None
    if ask.get("what") == "positions":
        return by_hand.output_length(ask["size"], ask["kernel"], 1) ** 2
    if question.grid is None:
        return None
    if question.operation == "conv":
        return _as_asked(question, by_hand.convolve(question.grid, question.kernel, 1))
    return by_hand.pool(question.grid, 2, 1, question.operation)


def pool_wrong_kind(question: Question) -> Answer | None:
    if question.grid is None or question.operation not in ("max", "average"):
        return None
    other = "average" if question.operation == "max" else "max"
    return by_hand.pool(question.grid, 2, question.stride, other)


def flipped_kernel(question: Question) -> Answer | None:
    if question.grid is None or question.operation != "conv":
        return None
    flipped = tuple(tuple(reversed(row)) for row in reversed(question.kernel))
    if flipped == question.kernel:
        return None
    return _as_asked(question, by_hand.convolve(question.grid, flipped, question.stride))


SLIPS: tuple[Slip, ...] = (
    Slip(
        "forgot-bias",
        text(
            "You left out the biases: every unit or filter also has one bias (the + 1 or "
            "+ units in the formula).",
            "편향을 빠뜨렸습니다. 유닛이나 필터마다 편향이 하나씩 있습니다(공식의 + 1 또는 "
            "+ units).",
        ),
        layer_rule=forgot_bias,
    ),
    Slip(
        "forgot-plus-one",
        text(
            "You forgot the + 1 in floor((H + 2P - K) / S) + 1: the window's first position "
            "counts too.",
            "floor((H + 2P - K) / S) + 1에서 + 1을 빠뜨렸습니다. 창의 첫 위치도 셉니다.",
        ),
        layer_rule=forgot_plus_one,
    ),
    Slip(
        "divided-by-pool-size",
        text(
            "You divided by the pool size, but that only works when the stride equals the "
            "pool size; in general it is floor((H - P) / S) + 1.",
            "풀 크기로 나눴는데, 그것은 스트라이드가 풀 크기와 같을 때만 맞습니다. 일반식은 "
            "floor((H - P) / S) + 1입니다.",
        ),
        layer_rule=divided_by_pool_size,
    ),
    Slip(
        "channels-as-one",
        text(
            "You counted one input channel: each filter has a kernel for every input "
            "channel, so KH * KW * C_in weights.",
            "입력 채널을 하나로 셌습니다. 필터는 입력 채널마다 커널을 가지므로 가중치는 "
            "KH * KW * C_in개입니다.",
        ),
        layer_rule=channels_as_one,
    ),
    Slip(
        "channels-as-filters",
        text(
            "You used the number of filters as the input channels: a filter's depth is the "
            "number of channels coming in, not going out.",
            "필터 수를 입력 채널 수로 썼습니다. 필터의 깊이는 나가는 채널이 아니라 "
            "들어오는 채널 수입니다.",
        ),
        layer_rule=channels_as_filters,
    ),
    Slip(
        "forgot-gates",
        text(
            "You counted one set of weights, but an LSTM has 4 gates (GRU: 3), each with "
            "its own weights: multiply by 4 (or 3).",
            "가중치를 한 벌만 셌습니다. LSTM은 게이트가 4개(GRU는 3개)이고 게이트마다 "
            "가중치가 있으니 4(또는 3)를 곱하세요.",
        ),
        layer_rule=forgot_gates,
    ),
    Slip(
        "forgot-gru-second-bias",
        text(
            "Keras' GRU (reset_after=True) keeps two bias vectors: 3 * units * (units + "
            "features + 2), not + 1.",
            "Keras의 GRU(reset_after=True)는 편향 벡터가 두 개입니다: 3 * units * "
            "(units + 입력 특성 수 + 2)이고 + 1이 아닙니다.",
        ),
        layer_rule=forgot_gru_second_bias,
    ),
    Slip(
        "valid-for-same",
        text(
            "You used the 'valid' formula, but padding='same' pads with zeros: the output "
            "is ceil(H / S).",
            "'valid' 공식을 썼지만 padding='same'은 0으로 패딩합니다. 출력은 ceil(H / S)입니다.",
        ),
        layer_rule=valid_for_same,
    ),
    Slip(
        "same-ignores-stride",
        text(
            "'same' keeps the size only at stride 1; with a larger stride the output is "
            "ceil(H / S).",
            "'same'은 스트라이드 1에서만 크기를 유지합니다. 스트라이드가 크면 출력은 "
            "ceil(H / S)입니다.",
        ),
        layer_rule=same_ignores_stride,
    ),
    Slip(
        "ignored-stride",
        text(
            "You used stride 1, but this layer moves by its stride (pooling's stride "
            "defaults to its pool size): divide by S in floor((H - K) / S) + 1.",
            "스트라이드를 1로 계산했습니다. 이 층은 스트라이드만큼 움직입니다(풀링의 기본 "
            "스트라이드는 풀 크기). floor((H - K) / S) + 1에서 S로 나누세요.",
        ),
        layer_rule=ignored_stride,
    ),
    Slip(
        "forgot-bidirectional-doubles",
        text(
            "Bidirectional runs a forward and a backward copy: the parameters double, and "
            "with merge_mode='concat' so do the output features.",
            "Bidirectional은 정방향과 역방향 복사본을 돌립니다. 파라미터가 두 배가 되고, "
            "merge_mode='concat'이면 출력 특성 수도 두 배입니다.",
        ),
        layer_rule=forgot_bidirectional_doubles,
    ),
    Slip(
        "return-sequences",
        text(
            "Check return_sequences: True gives (None, timesteps, units), False (the "
            "default) only the last step, (None, units).",
            "return_sequences를 확인하세요. True면 (None, timesteps, units), False(기본값)면 "
            "마지막 스텝만 (None, units)입니다.",
        ),
        layer_rule=flipped_return_sequences,
    ),
    Slip(
        "embedding-used-length",
        text(
            "You used the sequence length, but an Embedding stores one vector per word of "
            "the vocabulary: input_dim * output_dim.",
            "시퀀스 길이를 썼습니다. Embedding은 어휘의 단어마다 벡터를 하나씩 저장합니다: "
            "input_dim * output_dim.",
        ),
        layer_rule=embedding_used_length,
    ),
    Slip(
        "batch-norm-trained-only",
        text(
            "You counted only gamma and beta. BatchNormalization also keeps a moving mean "
            "and variance per channel: not trained, but counted, 4 * channels in all.",
            "gamma와 beta만 셌습니다. BatchNormalization은 채널마다 이동 평균과 분산도 "
            "가집니다. 학습되지는 않지만 파라미터로 세므로 모두 4 * 채널 수입니다.",
        ),
        layer_rule=batch_norm_trained_only,
    ),
    Slip(
        "batch-norm-no-params",
        text(
            "BatchNormalization has parameters: 4 per channel (gamma, beta, moving mean and "
            "variance).",
            "BatchNormalization에도 파라미터가 있습니다: 채널마다 4개(gamma, beta, 이동 평균, "
            "이동 분산).",
        ),
        layer_rule=batch_norm_no_params,
    ),
    Slip(
        "forgot-projection",
        text(
            "You left out the 1x1 projection on the shortcut: it is a Conv2D with weights "
            "of its own (and a BatchNormalization after it, if any), and counts in the total.",
            "지름길의 1x1 투영을 빠뜨렸습니다. 투영도 자기 가중치를 가진 Conv2D이고(뒤에 "
            "BatchNormalization이 있으면 그것도) 합계에 들어갑니다.",
        ),
        question_rule=forgot_projection,
    ),
    Slip(
        "add-stacked-channels",
        text(
            "Add (like Subtract, Multiply, Average, Maximum, Minimum) works value by value: "
            "the output has the inputs' shape; it is Concatenate that adds up the channels.",
            "Add(Subtract, Multiply, Average, Maximum, Minimum도)는 값끼리 계산하므로 출력은 "
            "입력과 같은 형태입니다. 채널을 더하는 것은 Concatenate입니다.",
        ),
        merge_rule=stacked_channels,
    ),
    Slip(
        "concatenate-kept-shape",
        text(
            "Concatenate lays its inputs side by side: the sizes on its axis add up (it is "
            "Add that keeps the shape).",
            "Concatenate는 입력을 나란히 이어 붙이므로 그 축의 크기가 더해집니다(형태를 "
            "유지하는 것은 Add입니다).",
        ),
        merge_rule=concatenate_kept_shape,
    ),
    Slip(
        "concatenated-channels",
        text(
            "This Concatenate joins along the axis it is given, not the channels: the sizes "
            "on that axis add up, every other axis stays.",
            "이 Concatenate는 채널이 아니라 주어진 axis를 따라 잇습니다. 그 축의 크기가 "
            "더해지고 나머지 축은 그대로입니다.",
        ),
        merge_rule=concatenated_channels,
    ),
    Slip(
        "pool-wrong-kind",
        text(
            "You mixed up the two poolings: max pooling keeps the largest number, average "
            "pooling the mean.",
            "두 풀링을 바꿔 계산했습니다. 최대 풀링은 가장 큰 수, 평균 풀링은 평균을 남깁니다.",
        ),
        grid_rule=pool_wrong_kind,
    ),
    Slip(
        "by-hand-stride",
        text(
            "You moved the window by 1; it moves by the stride, so the output is smaller.",
            "창을 1칸씩 옮겼습니다. 창은 스트라이드만큼 움직이므로 출력이 더 작습니다.",
        ),
        grid_rule=by_hand_stride_one,
    ),
    Slip(
        "flipped-kernel",
        text(
            "You flipped the kernel (the textbook convolution); Keras and the course slide "
            "it as it is (cross-correlation).",
            "커널을 뒤집었습니다(교과서식 합성곱). Keras와 강의는 커널을 그대로 밀어 "
            "계산합니다(교차 상관).",
        ),
        grid_rule=flipped_kernel,
    ),
)
SLIPS_BY_ID: dict[str, Slip] = {slip.id: slip for slip in SLIPS}


def mistaken_answer(question: Question, slip: Slip) -> Answer | None:
    """The answer under the slip's rule, or None when the slip does not apply here (it
    changes no layer, or it makes the model impossible)."""
    if isinstance(question.spec, FunctionalSpec) and (slip.layer_rule or slip.merge_rule):
        return _graph_answer(question, slip)
    if question.spec is not None and slip.layer_rule is not None:
        return _model_answer(question, slip.layer_rule)
    if slip.question_rule is not None:
        return slip.question_rule(question)
    if question.operation is not None and slip.grid_rule is not None:
        return slip.grid_rule(question)
    return None


def _graph_answer(question: Question, slip: Slip) -> Answer | None:
    """A functional model's answer with the slip's rule on every call of a layer, in the
    order the file made them; rows in `model.layers` order, a shared layer counted once."""
    spec = question.spec
    shapes: list[Shape] = [model_input.shape for model_input in spec.inputs]
    first: dict[int, Outcome] = {}
    changed = False
    try:
        for node in spec.nodes:
            layer = spec.layers[node.layer]
            given = tuple(shapes[tensor] for tensor in node.inputs)
            if _cls(layer) in MERGE_RULES:
                right = MERGE_RULES[_cls(layer)](_args(layer), given)
                wrong = slip.merge_rule(layer, given, right) if slip.merge_rule else None
            else:
                right = _engine(layer, given[0])
                wrong = slip.layer_rule(layer, given[0], right) if slip.layer_rule else None
            changed = changed or wrong is not None
            outcome = wrong if wrong is not None else right
            first.setdefault(node.layer, outcome)
            shapes.append(outcome.output_shape)
    except EngineError:
        return None
    if not changed:
        return None
    rows = [
        Outcome(spec.inputs[index].shape, 0, 0, "") if kind == "input" else first[index]
        for kind, index in keras_order(spec)
    ]
    return answer_of(_Result(rows), question.ask["what"], question.ask["layer"])


def _model_answer(question: Question, rule: LayerRule) -> Answer | None:
    spec = question.spec
    shape: Shape = (None, *spec.input_shape)
    outcomes: list[Outcome] = []
    changed = False
    try:
        for layer in spec.layers:
            right = _engine(layer, shape)
            wrong = rule(layer, shape, right)
            changed = changed or wrong is not None
            outcome = wrong if wrong is not None else right
            outcomes.append(outcome)
            shape = outcome.output_shape
    except EngineError:
        return None
    if not changed:
        return None
    return answer_of(_Result(outcomes), question.ask["what"], question.ask["layer"])


class _Result:
    """Just enough of a ModelResult for `answer_of`."""

    def __init__(self, outcomes: list[Outcome]) -> None:
        self.layers = [_Layer(o) for o in outcomes]
        self.total_params = sum(layer.params for layer in self.layers)


class _Layer:
    def __init__(self, outcome: Outcome) -> None:
        self.output_shape = outcome.output_shape
        self.params = outcome.trainable + outcome.non_trainable
