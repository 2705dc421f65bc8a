"""Image topics: Conv2D output shapes and parameters, pooling, Flatten and whole CNN chains.

Easy questions use one layer, stride 1 and 'valid' padding; medium ones bring strides,
'same', `use_bias=False` and tuples; hard ones chain several layers on odd, non-square
inputs (like the notes' 39x31 example)."""

from __future__ import annotations

from random import Random

from tutor.engine import LayerSpec, ModelSpec
from tutor.quiz.build import ModelDraft
from tutor.quiz.draw import FILTERS, conv2d, image_shape, layer, max_or_average, maybe_tuple
from tutor.quiz.question import text

CONV_SHAPE_HINT = text(
    "'valid': OH = floor((H + 2P - K) / S) + 1 with P = 0; 'same': OH = ceil(H / S). "
    "The channels become the number of filters.",
    "'valid': OH = floor((H + 2P - K) / S) + 1 (P = 0), 'same': OH = ceil(H / S). "
    "채널 수는 필터 수가 됩니다.",
)
CONV_PARAMS_HINT = text(
    "(KH * KW * input channels + 1) * filters; without a bias drop the + 1. "
    "Strides and padding do not change the count.",
    "(KH * KW * 입력 채널 수 + 1) * 필터 수. 편향이 없으면 + 1을 뺍니다. "
    "스트라이드와 패딩은 파라미터 수를 바꾸지 않습니다.",
)
POOL_HINT = text(
    "'valid': floor((H - P) / S) + 1, where S defaults to the pool size; 'same': "
    "ceil(H / S). The channels stay.",
    "'valid': floor((H - P) / S) + 1 (S를 안 쓰면 풀 크기와 같습니다), 'same': ceil(H / S). "
    "채널 수는 그대로입니다.",
)
FLATTEN_HINT = text(
    "Work out the shape that reaches Flatten, then multiply every axis except the batch: "
    "H * W * C.",
    "Flatten에 들어오는 형태를 먼저 구한 뒤 배치 축을 뺀 모든 축을 곱합니다: H * W * C.",
)
CHAIN_HINT = text(
    "Go layer by layer: each Conv2D and pooling layer changes H and W by its formula, "
    "Conv2D sets the channels to its filters, and Flatten multiplies H * W * C.",
    "층마다 차례로 계산하세요. Conv2D와 풀링은 공식대로 H, W를 바꾸고, Conv2D는 채널 수를 "
    "필터 수로 바꾸며, Flatten은 H * W * C를 곱합니다.",
)


def conv_output_shape(rng: Random, level: str) -> ModelDraft:
    if level == "easy":
        size = rng.randint(6, 32)
        spec = ModelSpec(
            (size, size, rng.choice((1, 3))),
            (conv2d(rng, rng.choice(FILTERS), rng.choice((2, 3, 3, 5))),),
        )
        return ModelDraft(spec, "output_shape", 0)
    if level == "medium":
        shape = image_shape(rng, 8, 40)
        kernel: int | tuple[int, int] = rng.choice((2, 3, 3, 5))
        variant = rng.choice(("stride", "same", "same-stride", "rectangle"))
        strides = 2 if variant in ("stride", "same-stride") else None
        padding = "same" if variant.startswith("same") else None
        if variant == "rectangle":
            kernel = rng.choice(((3, 5), (5, 3), (1, 3), (3, 1), (2, 4)))
        asked = conv2d(rng, rng.choice(FILTERS), kernel, strides=strides, padding=padding)
        before = [conv2d(rng, rng.choice(FILTERS), 3)] if rng.random() < 0.3 else []
        return ModelDraft(ModelSpec(shape, (*before, asked)), "output_shape", len(before))
    shape = image_shape(rng, 15, 63, channels=(1, 3, 4), square=0.3)
    layers: list[LayerSpec] = [
        conv2d(
            rng,
            rng.choice(FILTERS),
            rng.choice((3, 5)),
            strides=rng.choice((None, 2)),
            padding=rng.choice((None, "same")),
        )
    ]
    if rng.random() < 0.6:
        layers.append(layer(max_or_average(rng), pool_size=rng.choice((2, 3))))
    layers.append(
        conv2d(
            rng,
            rng.choice(FILTERS),
            rng.choice((3, (3, 5), (5, 3), (1, 3), (4, 2))),
            strides=rng.choice((2, 3, (2, 1), (1, 2))),
            padding=rng.choice(("valid", "same")),
        )
    )
    return ModelDraft(ModelSpec(shape, tuple(layers)), "output_shape", len(layers) - 1)


def conv_params(rng: Random, level: str) -> ModelDraft:
    if level == "easy":
        spec = ModelSpec(
            image_shape(rng, 8, 32, square=1.0),
            (conv2d(rng, rng.choice(FILTERS), rng.choice((2, 3, 3, 4, 5))),),
        )
        return ModelDraft(spec, "params", 0)
    if level == "medium":
        shape = image_shape(rng, 10, 40)
        asked = conv2d(
            rng,
            rng.choice(FILTERS),
            maybe_tuple(rng, rng.choice((2, 3, 5)), 0.3),
            strides=rng.choice((None, None, 2)),
            padding=rng.choice((None, None, "same")),
            use_bias=False if rng.random() < 0.3 else None,
        )
        before = [conv2d(rng, rng.choice(FILTERS), 3)] if rng.random() < 0.5 else []
        return ModelDraft(ModelSpec(shape, (*before, asked)), "params", len(before))
    shape = image_shape(rng, 20, 64, channels=(1, 2, 3, 4), square=0.4)
    layers = [
        conv2d(rng, rng.randint(3, 40), rng.choice((3, 5)), padding=rng.choice((None, "same"))),
        layer(max_or_average(rng), pool_size=2),
        conv2d(
            rng,
            rng.randint(5, 70),
            rng.choice((3, (3, 5), (5, 3), (2, 4), (1, 3))),
            strides=rng.choice((None, 2, (2, 1))),
            use_bias=False if rng.random() < 0.3 else None,
        ),
    ]
    if rng.random() < 0.4:
        layers.append(conv2d(rng, rng.randint(5, 70), rng.choice((1, 3, (3, 1)))))
    return ModelDraft(ModelSpec(shape, tuple(layers)), "params", len(layers) - 1)


def pooling_output_shape(rng: Random, level: str) -> ModelDraft:
    if level == "easy":
        size = 2 * rng.randint(2, 16)
        channels = rng.choice((1, 3, 8, 16, 32, 64))
        pool = layer(max_or_average(rng), pool_size=2)
        return ModelDraft(ModelSpec((size, size, channels), (pool,)), "output_shape", 0)
    if level == "medium":
        shape = image_shape(rng, 7, 33, channels=(1, 3, 8, 16, 32, 64))
        pool_size, strides, padding = rng.choice(
            ((3, 2, None), (2, 1, None), (3, None, None), (2, None, "same"), (3, 2, "same"))
        )
        pool = layer(max_or_average(rng), pool_size=pool_size, strides=strides, padding=padding)
        return ModelDraft(ModelSpec(shape, (pool,)), "output_shape", 0)
    shape = image_shape(rng, 15, 63, channels=(1, 3), square=0.3)
    layers = [
        conv2d(rng, rng.choice(FILTERS), rng.choice((3, 5)), padding=rng.choice((None, "same"))),
        layer(
            max_or_average(rng),
            pool_size=rng.choice((2, 3, (2, 3), (3, 2))),
            strides=rng.choice((None, 1, 2, (2, 1), (1, 2))),
            padding=rng.choice((None, "valid", "same")),
        ),
    ]
    return ModelDraft(ModelSpec(shape, tuple(layers)), "output_shape", 1)


def flatten_size(rng: Random, level: str) -> ModelDraft:
    if level == "easy":
        size = rng.randint(2, 28)
        shape = (size, size, rng.choice((1, 1, 3, 8, 16, 32, 64)))
        return ModelDraft(ModelSpec(shape, (layer("Flatten"),)), "output_shape", 0)
    if level == "medium":
        shape = image_shape(rng, 8, 32)
        if rng.random() < 0.5:
            first = conv2d(rng, rng.choice(FILTERS), rng.choice((2, 3, 5)))
        else:
            first = layer(max_or_average(rng), pool_size=2)
        spec = ModelSpec(shape, (first, layer("Flatten")))
        return ModelDraft(spec, "output_shape", 1)
    shape = image_shape(rng, 15, 49, square=0.4)
    layers = [
        conv2d(
            rng,
            rng.choice(FILTERS),
            rng.choice((3, 5)),
            strides=rng.choice((None, 2)),
            padding=rng.choice((None, "same")),
        ),
        layer(max_or_average(rng), pool_size=rng.choice((2, 3)), strides=rng.choice((None, 2))),
        layer("Flatten"),
    ]
    return ModelDraft(ModelSpec(shape, tuple(layers)), "output_shape", 2)


def cnn_chain(rng: Random, level: str) -> ModelDraft:
    """Conv/pool blocks down to Flatten (and a Dense head, as in the notes); the question
    is the Flatten length, which fixes the first Dense layer's weights."""
    if level == "medium" and rng.random() < 0.3:
        return _stacked_yourself(rng)
    if level == "easy":
        blocks, shape = 1, image_shape(rng, 10, 32, square=1.0)
    elif level == "medium":
        blocks, shape = 2, image_shape(rng, 20, 64, square=0.7)
    else:
        blocks, shape = 3, image_shape(rng, 30, 80, channels=(1, 3), square=0.2)
    layers: list[LayerSpec] = []
    filters = rng.choice((8, 16, 20, 32))
    for block in range(blocks):
        padding = "same" if level != "easy" and rng.random() < 0.3 else None
        kernel = 3 if level == "easy" else rng.choice((2, 3, 3, 4, 5))
        strides = 2 if level == "hard" and block == 0 and rng.random() < 0.3 else None
        layers.append(conv2d(rng, filters, kernel, strides=strides, padding=padding))
        if level == "hard" and rng.random() < 0.3:
            layers.append(layer("MaxPooling2D", pool_size=3, strides=2))
        else:
            layers.append(layer(max_or_average(rng, 0.8), pool_size=2))
        if level == "hard" and rng.random() < 0.3:
            layers.append(layer("Dropout", rate=rng.choice((0.25, 0.3, 0.5))))
        filters = min(2 * filters, 128)
    layers.append(layer("Flatten"))
    flatten_index = len(layers) - 1
    layers.append(layer("Dense", units=rng.choice((10, 3, 4, 100)), activation="softmax"))
    return ModelDraft(ModelSpec(shape, tuple(layers)), "output_shape", flatten_index)


def _stacked_yourself(rng: Random) -> ModelDraft:
    """Lesson 4.6's 'stack it yourself' network: two small 'same' convolutions (3x3, then
    2x2), each pooled by 2, Flatten, Dense 8 and Dense 3. With 8x8 input and 2 and 3
    filters: Flatten 12, the second convolution 27 parameters, 178 in all. Asks one of
    the three."""
    first, second = rng.choice((2, 3, 4)), rng.choice((2, 3, 4))
    layers = (
        conv2d(rng, first, 3, padding="same"),
        layer("MaxPooling2D", pool_size=2),
        conv2d(rng, second, 2, padding="same"),
        layer("MaxPooling2D", pool_size=2),
        layer("Flatten"),
        layer("Dense", units=8, activation="relu"),
        layer("Dense", units=3, activation="softmax"),
    )
    spec = ModelSpec((rng.choice((6, 8, 8, 10, 12, 16)),) * 2 + (1,), layers)
    what = rng.choice(("flatten", "conv", "total"))
    if what == "flatten":
        return ModelDraft(spec, "output_shape", 4)
    if what == "conv":
        return ModelDraft(spec, "params", 2)
    return ModelDraft(spec, "total_params")
