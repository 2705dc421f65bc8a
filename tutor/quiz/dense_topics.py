"""Dense parameters and whole-model totals: from the Pima-style 8 -> 12 -> 8 -> 1 network
to MNIST-style CNNs and Embedding + recurrent text models."""

from __future__ import annotations

from random import Random

from tutor.engine import LayerSpec, ModelSpec
from tutor.quiz.build import ModelDraft
from tutor.quiz.draw import FILTERS, UNITS, conv2d, image_shape, layer, max_or_average
from tutor.quiz.question import text

DENSE_HINT = text(
    "Every unit has one weight per input value plus one bias: inputs * units + units. "
    "Dense only looks at the last axis of its input.",
    "유닛마다 입력값 하나당 가중치 하나와 편향 하나가 있습니다: 입력 수 * 유닛 수 + 유닛 수. "
    "Dense는 입력의 마지막 축만 봅니다.",
)
TOTAL_HINT = text(
    "Add up every layer's parameters. Pooling, Flatten and Dropout have none; a Dense "
    "layer after Flatten needs the flattened length.",
    "모든 층의 파라미터를 더하세요. 풀링, Flatten, Dropout은 파라미터가 없고, Flatten 뒤 "
    "Dense는 펼친 길이가 입력 수입니다.",
)


def _dense(rng: Random, units: int, *, output: bool = False, use_bias: bool | None = None):
    if output:
        activation = "sigmoid" if units == 1 else "softmax"
    else:
        activation = rng.choice(("relu", "relu", None))
    return layer("Dense", units=units, activation=activation, use_bias=use_bias)


def dense_params(rng: Random, level: str) -> ModelDraft:
    if level == "easy":
        spec = ModelSpec((rng.randint(2, 20),), (_dense(rng, rng.randint(2, 32)),))
        return ModelDraft(spec, "params", 0)
    if level == "medium":
        variant = rng.choice(("stacked", "flatten", "no-bias"))
        if variant == "flatten":
            size = rng.randint(4, 28)
            spec = ModelSpec((size, size), (layer("Flatten"), _dense(rng, rng.choice(UNITS))))
            return ModelDraft(spec, "params", 1)
        no_bias = False if variant == "no-bias" else None
        layers = (
            _dense(rng, rng.randint(4, 64)),
            _dense(rng, rng.randint(2, 64), use_bias=no_bias),
        )
        return ModelDraft(ModelSpec((rng.randint(3, 30),), layers), "params", 1)
    variant = rng.choice(("sequence", "cnn", "deep"))
    if variant == "sequence":  # Dense on a 3D input acts on the last axis only
        shape = (rng.randint(3, 50), rng.randint(2, 40))
        return ModelDraft(ModelSpec(shape, (_dense(rng, rng.randint(2, 64)),)), "params", 0)
    if variant == "cnn":
        layers: tuple[LayerSpec, ...] = (
            conv2d(rng, rng.choice(FILTERS), rng.choice((3, 5))),
            layer(max_or_average(rng), pool_size=2),
            layer("Flatten"),
            _dense(rng, rng.choice(UNITS)),
        )
        return ModelDraft(ModelSpec(image_shape(rng, 9, 33), layers), "params", 3)
    sizes = [rng.randint(3, 99) for _ in range(3)]
    layers = tuple(
        _dense(rng, units, use_bias=False if rng.random() < 0.3 else None) for units in sizes
    )
    return ModelDraft(ModelSpec((rng.randint(5, 99),), layers), "params", rng.choice((1, 2)))


def model_total_params(rng: Random, level: str) -> ModelDraft:
    if level == "easy":
        if rng.random() < 0.15:  # lesson 2.2's 4 -> 8 -> 6 -> 1: 40 + 54 + 7 = 101
            inputs, hidden, classes = 4, [8, 6], 1
        else:
            inputs, classes = rng.randint(3, 20), rng.choice((1, 1, 3, 10))
            hidden = [rng.choice((4, 6, 8, 12, 16, 32)) for _ in range(rng.randint(1, 2))]
        layers = (
            *(_dense(rng, units) for units in hidden),
            _dense(rng, classes, output=True),
        )
        return ModelDraft(ModelSpec((inputs,), layers), "total_params")
    if level == "medium":
        if rng.random() < 0.4:  # Fashion-MNIST style DNN on a small image
            size = rng.randint(8, 28)
            layers = (
                layer("Flatten"),
                _dense(rng, rng.choice((32, 64, 128))),
                _dense(rng, rng.choice((16, 32, 64))),
                _dense(rng, 10, output=True),
            )
            return ModelDraft(ModelSpec((size, size), layers), "total_params")
        layers = (
            conv2d(rng, rng.choice(FILTERS), rng.choice((3, 5))),
            layer("MaxPooling2D", pool_size=2),
            layer("Flatten"),
            _dense(rng, rng.choice((16, 32, 64))),
            _dense(rng, rng.choice((2, 3, 10)), output=True),
        )
        return ModelDraft(ModelSpec(image_shape(rng, 10, 30), layers), "total_params")
    variant = rng.random()
    if variant < 0.3:
        return _fashion_pooled(rng)
    if variant < 0.65:  # MNIST CNN style
        first, second = rng.choice(((8, 16), (16, 32), (32, 64), (10, 20)))
        padding = rng.choice((None, "same"))
        layers = (
            conv2d(rng, first, 3),
            conv2d(rng, second, 3, padding=padding),
            layer("MaxPooling2D", pool_size=2),
            layer("Dropout", rate=0.25),
            layer("Flatten"),
            _dense(rng, rng.choice((32, 64, 128))),
            layer("Dropout", rate=0.5),
            _dense(rng, 10, output=True),
        )
        return ModelDraft(ModelSpec(image_shape(rng, 12, 28, square=1.0), layers), "total_params")
    cls = rng.choice(("SimpleRNN", "LSTM", "GRU"))
    recurrent = layer(cls, units=rng.choice((8, 16, 32, 64)))
    if rng.random() < 0.5:
        recurrent = LayerSpec("Bidirectional", wrapped=recurrent)
    vocabulary = rng.choice((500, 1000, 2000, 5000))
    layers = (
        layer("Embedding", input_dim=vocabulary, output_dim=rng.randint(8, 64)),
        recurrent,
        _dense(rng, rng.choice((1, 46)), output=True),
    )
    return ModelDraft(ModelSpec((rng.randint(10, 100),), layers), "total_params")


def _fashion_pooled(rng: Random) -> ModelDraft:
    """Lesson 4.9's Fashion-MNIST CNN (b), three convolutions with pooling and Dropout(0.3),
    sometimes with the notes' typo Dense(18) for the 10 classes (2,322 parameters in that
    layer, 242,578 in all, against 1,290 and 241,546)."""
    filters = rng.choice(((32, 64, 128), (16, 32, 64)))
    layers: list[LayerSpec] = []
    for number, count in enumerate(filters):
        layers.append(layer("Conv2D", filters=count, kernel_size=3, activation="relu"))
        if number < 2:
            layers += [layer("MaxPooling2D", pool_size=2), layer("Dropout", rate=0.3)]
    layers += [
        layer("Flatten"),
        layer("Dense", units=128, activation="relu"),
        layer("Dropout", rate=0.3),
        layer("Dense", units=rng.choice((10, 18)), activation="softmax"),
    ]
    return ModelDraft(ModelSpec((28, 28, 1), tuple(layers)), "total_params")
