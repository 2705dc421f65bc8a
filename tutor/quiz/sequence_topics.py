"""Text and sequence topics: Embedding parameters, SimpleRNN/LSTM/GRU parameters, and the
output shapes that `return_sequences` and `Bidirectional` decide (IMDB and Reuters style)."""

from __future__ import annotations

from random import Random

from tutor.engine import LayerSpec, ModelSpec
from tutor.quiz.build import ModelDraft
from tutor.quiz.draw import layer
from tutor.quiz.question import text

EMBEDDING_HINT = text(
    "An Embedding stores one vector per word of the vocabulary: input_dim * output_dim, "
    "no bias. The sequence length does not matter.",
    "Embedding은 어휘의 단어마다 벡터 하나를 저장합니다: input_dim * output_dim, 편향 없음. "
    "시퀀스 길이는 상관없습니다.",
)
RNN_PARAMS_HINT = text(
    "SimpleRNN: units * (units + features + 1); LSTM: 4 * that (4 gates); GRU: "
    "3 * units * (units + features + 2) (reset_after=True keeps two biases). "
    "Bidirectional doubles it.",
    "SimpleRNN: units * (units + 입력 특성 수 + 1), LSTM: 그 4배(게이트 4개), GRU: "
    "3 * units * (units + 입력 특성 수 + 2)(reset_after=True라 편향이 두 개). "
    "Bidirectional은 두 배입니다.",
)
RNN_SHAPE_HINT = text(
    "return_sequences=True gives (None, timesteps, units), otherwise (None, units). "
    "Bidirectional (merge_mode='concat') doubles the units.",
    "return_sequences=True면 (None, timesteps, units), 아니면 (None, units)입니다. "
    "Bidirectional(merge_mode='concat')은 units를 두 배로 만듭니다.",
)

RECURRENT = ("SimpleRNN", "LSTM", "GRU")


def _embedding(rng: Random, round_numbers: bool) -> LayerSpec:
    if round_numbers:
        vocabulary = rng.choice((1000, 2000, 5000, 10000, 20000))
        width = rng.choice((8, 16, 32, 64, 100, 128))
    else:
        vocabulary, width = rng.randint(300, 20000), rng.randint(5, 150)
    return layer("Embedding", input_dim=vocabulary, output_dim=width)


def _recurrent(
    rng: Random, cls: str, units: int, *, sequences: bool = False, **extra: object
) -> LayerSpec:
    return layer(cls, units=units, return_sequences=True if sequences else None, **extra)


def _output(units: int) -> LayerSpec:
    """A classifier head: one sigmoid unit for yes/no, else softmax over the classes."""
    return layer("Dense", units=units, activation="sigmoid" if units == 1 else "softmax")


def _length(rng: Random) -> int:
    return rng.choice((10, 20, 50, 80, 100, 200)) if rng.random() < 0.6 else rng.randint(5, 120)


def embedding_params(rng: Random, level: str) -> ModelDraft:
    if level == "easy":
        spec = ModelSpec((_length(rng),), (_embedding(rng, True),))
        return ModelDraft(spec, "params", 0)
    if level == "medium":
        layers = (
            _embedding(rng, False),
            _recurrent(rng, rng.choice(RECURRENT), rng.choice((8, 16, 32))),
            layer("Dense", units=1, activation="sigmoid"),
        )
        return ModelDraft(ModelSpec((_length(rng),), layers), "params", 0)
    if rng.random() < 0.5:  # the Dense after Flatten sees length * output_dim values
        layers = (
            _embedding(rng, False),
            layer("Flatten"),
            _output(rng.choice((1, 4, 16, 46))),
        )
        return ModelDraft(ModelSpec((rng.randint(5, 60),), layers), "params", 2)
    inner = _recurrent(rng, rng.choice(RECURRENT), rng.randint(4, 64))
    layers = (
        _embedding(rng, False),
        LayerSpec("Bidirectional", wrapped=inner),
        layer("Dense", units=46, activation="softmax"),
    )
    return ModelDraft(ModelSpec((_length(rng),), layers), "params", 0)


def rnn_params(rng: Random, level: str) -> ModelDraft:
    if level == "easy":
        shape = (rng.randint(5, 60), rng.randint(1, 16))
        asked = _recurrent(rng, rng.choice(("SimpleRNN", "LSTM")), rng.choice((4, 8, 16, 32, 64)))
        return ModelDraft(ModelSpec(shape, (asked,)), "params", 0)
    if level == "medium":
        if rng.random() < 0.5:
            layers = (
                _embedding(rng, True),
                _recurrent(rng, rng.choice(("LSTM", "GRU")), rng.choice((8, 16, 32, 64))),
                layer("Dense", units=1, activation="sigmoid"),
            )
            return ModelDraft(ModelSpec((_length(rng),), layers), "params", 1)
        shape = (rng.randint(5, 60), rng.randint(1, 20))
        asked = _recurrent(rng, rng.choice(RECURRENT), rng.randint(2, 64))
        return ModelDraft(ModelSpec(shape, (asked,)), "params", 0)
    shape = (rng.randint(5, 60), rng.randint(2, 40))
    variant = rng.choice(("stacked", "bidirectional", "options"))
    if variant == "stacked":
        layers = (
            _recurrent(rng, rng.choice(RECURRENT), rng.randint(4, 64), sequences=True),
            _recurrent(rng, rng.choice(("LSTM", "GRU")), rng.randint(4, 64)),
        )
        return ModelDraft(ModelSpec(shape, layers), "params", 1)
    if variant == "bidirectional":
        inner = _recurrent(rng, rng.choice(("LSTM", "GRU")), rng.randint(4, 64))
        return ModelDraft(
            ModelSpec(shape, (LayerSpec("Bidirectional", wrapped=inner),)), "params", 0
        )
    cls = rng.choice(("LSTM", "GRU"))
    extra: dict[str, object] = {}
    if cls == "GRU" and rng.random() < 0.5:
        extra["reset_after"] = False
    if rng.random() < 0.4 or not extra:
        extra["use_bias"] = rng.choice((True, False))
    return ModelDraft(
        ModelSpec(shape, (_recurrent(rng, cls, rng.randint(4, 64), **extra),)), "params", 0
    )


def rnn_output_shape(rng: Random, level: str) -> ModelDraft:
    if level == "easy":
        shape = (rng.randint(5, 60), rng.randint(1, 16))
        asked = _recurrent(
            rng,
            rng.choice(("SimpleRNN", "LSTM")),
            rng.choice((4, 8, 16, 32, 64)),
            sequences=rng.random() < 0.5,
        )
        return ModelDraft(ModelSpec(shape, (asked,)), "output_shape", 0)
    if level == "medium":
        layers = (
            _embedding(rng, True),
            _recurrent(rng, rng.choice(RECURRENT), rng.choice((16, 32, 64)), sequences=True),
            _recurrent(
                rng, rng.choice(RECURRENT), rng.choice((8, 16, 32)), sequences=rng.random() < 0.4
            ),
        )
        return ModelDraft(ModelSpec((_length(rng),), layers), "output_shape", rng.choice((1, 2)))
    inner = _recurrent(rng, rng.choice(RECURRENT), rng.randint(4, 64), sequences=rng.random() < 0.6)
    merge = {"merge_mode": "sum"} if rng.random() < 0.2 else {}
    layers: list[LayerSpec] = [
        _embedding(rng, False),
        LayerSpec("Bidirectional", merge, wrapped=inner),
    ]
    asked = 1
    if inner.args.get("return_sequences") and rng.random() < 0.5:
        layers.append(layer("Dense", units=rng.randint(2, 20)))  # acts on every time step
        asked = rng.choice((1, 2))
    return ModelDraft(ModelSpec((_length(rng),), tuple(layers)), "output_shape", asked)
