"""What dropout, padding, stride, pooling and Flatten do (curriculum section 4, and known
mistake 4: 'input / pool size' only holds when the stride equals the pool size)."""

from __future__ import annotations

import math
from random import Random

from tutor.engine import LayerSpec, ModelSpec, analyze
from tutor.quiz.concepts.draft import ConceptDraft, Item, decimal, fact, numbers, same
from tutor.quiz.draw import layer as spec
from tutor.quiz.question import text

_HINT = (
    "'valid' = no padding, the output shrinks; 'same' = zero padding, output = "
    "ceil(input / stride). Dropout acts only while training; pooling, Flatten and Dropout "
    "have no parameters.",
    "'valid'는 패딩 없음(출력이 줄어듦), 'same'은 0으로 패딩해 출력 = ceil(입력 / 스트라이드). "
    "드롭아웃은 학습 중에만 동작하고, 풀링, Flatten, 드롭아웃에는 파라미터가 없습니다.",
)
HINT = text(*_HINT)


def dropout_rate(rng: Random) -> ConceptDraft:
    rate = rng.choice((0.1, 0.2, 0.25, 0.3, 0.4, 0.5))
    percent = round(rate * 100)
    return ConceptDraft(
        text(
            f"What does Dropout({decimal(rate)}) do while the model trains?",
            f"Dropout({decimal(rate)})은 학습하는 동안 무엇을 하나요?",
        ),
        (
            f"Switches off a random {percent}% of its inputs at each training step",
            f"학습 단계마다 입력의 {percent}%를 무작위로 끕니다",
        ),
        (
            (f"Removes {percent}% of the training data", f"훈련 데이터의 {percent}%를 지웁니다"),
            (
                f"Multiplies every weight by {decimal(rate)}",
                f"모든 가중치를 {decimal(rate)}배로 줄입니다",
            ),
            (
                f"Stops training after {percent}% of the epochs",
                f"에포크의 {percent}%가 지나면 학습을 멈춥니다",
            ),
        ),
        text(
            f"Dropout({decimal(rate)}) zeroes a fresh random {percent}% of the values at "
            "every training step, so no unit can rely on another; it has no parameters.",
            f"Dropout({decimal(rate)})은 학습 단계마다 새로 무작위로 값의 {percent}%를 0으로 "
            "만들어 유닛들이 서로에게 기대지 못하게 합니다. 파라미터는 없습니다.",
        ),
        HINT,
        uses=frozenset({"Dropout"}),
    )


POOLING_PARAMS = fact(
    (
        "How many parameters does MaxPooling2D(2) have?",
        "MaxPooling2D(2)의 파라미터 수는?",
    ),
    same(0),
    (
        ("4, one per window cell", "4개(창의 칸마다 하나)"),
        ("5, four weights and a bias", "5개(가중치 4개와 편향 1개)"),
        ("One per channel", "채널마다 1개"),
    ),
    (
        "Pooling only takes the maximum (or mean) of each window: nothing is learned, so "
        "model.summary() shows 0.",
        "풀링은 창마다 최댓값(또는 평균)을 고를 뿐 학습하는 것이 없어서 model.summary()에 "
        "0으로 나옵니다.",
    ),
    _HINT,
    uses=("MaxPooling2D",),
)
FLATTEN = fact(
    ("What does Flatten do?", "Flatten은 무엇을 하나요?"),
    (
        "Turns the feature maps of each example into one vector for the Dense layers",
        "예제마다 특성 맵을 하나의 벡터로 펼쳐 Dense 층에 넘깁니다",
    ),
    (
        ("Averages each feature map into one number", "특성 맵마다 평균을 내어 수 하나로 만듭니다"),
        ("Keeps only the first channel", "첫 번째 채널만 남깁니다"),
        ("Cuts the height and the width in half", "높이와 너비를 절반으로 줄입니다"),
    ),
    (
        "Flatten reshapes (H, W, C) into H * W * C values in a row; it has no parameters. "
        "Averaging each map into one number is global average pooling, another layer.",
        "Flatten은 (H, W, C)를 H * W * C개의 값 한 줄로 바꿉니다. 파라미터는 없습니다. "
        "맵마다 평균을 내어 수 하나로 만드는 것은 다른 층인 전역 평균 풀링입니다.",
    ),
    _HINT,
    uses=("Flatten", "Dense"),
)
MAX_POOL_KEEPS = fact(
    ("What does a 2x2 max pooling window keep?", "2x2 최대 풀링 창은 무엇을 남기나요?"),
    ("The largest of its 4 numbers", "4개의 수 중 가장 큰 수"),
    (
        ("The sum of its 4 numbers", "4개의 수의 합"),
        ("The average of its 4 numbers", "4개의 수의 평균"),
        ("The top-left number", "왼쪽 위의 수"),
    ),
    (
        "Max pooling keeps each window's maximum (average pooling would keep the mean), "
        "which gives some translation invariance and cuts computation.",
        "최대 풀링은 창마다 최댓값을 남깁니다(평균 풀링은 평균). 약간의 이동 불변성을 주고 "
        "계산량을 줄입니다.",
    ),
    _HINT,
    uses=("MaxPooling2D",),
)


def _size(n: int) -> str:
    return f"{n}x{n}"


def same_keeps_size(rng: Random) -> ConceptDraft:
    size, kernel = rng.randint(6, 64), rng.choice((3, 5))
    right = _size(size)
    return ConceptDraft(
        text(
            f"Conv2D(8, {kernel}, padding='same') (stride 1) gets a {size}x{size}x1 input. "
            "What are the output's height and width?",
            f"Conv2D(8, {kernel}, padding='same')(스트라이드 1)에 {size}x{size}x1 입력이 "
            "들어갑니다. 출력의 높이와 너비는?",
        ),
        same(right),
        numbers(
            right,
            [
                _size(size - kernel + 1),
                _size(size - kernel),
                _size(math.ceil(size / 2)),
                _size(size + kernel - 1),
            ],
        ),
        text(
            f"'same' pads with zeros so that the output is ceil({size} / 1) = {size}: at "
            "stride 1 the size is kept.",
            f"'same'은 0으로 패딩해 출력 크기가 ceil({size} / 1) = {size}입니다. 스트라이드 "
            "1에서는 크기가 유지됩니다.",
        ),
        HINT,
        uses=frozenset({"Conv2D", "padding"}),
    )


def _stride_two(rng: Random, size: int) -> ConceptDraft:
    right = _size(math.ceil(size / 2))
    return ConceptDraft(
        text(
            f"Conv2D(8, 3, strides=2, padding='same') gets a {size}x{size}x1 input. "
            "What are the output's height and width?",
            f"Conv2D(8, 3, strides=2, padding='same')에 {size}x{size}x1 입력이 들어갑니다. "
            "출력의 높이와 너비는?",
        ),
        same(right),
        numbers(
            right,
            [
                _size(size // 2),
                _size(size),
                _size((size - 3) // 2 + 1),
                _size(size - 2),
                _size(size // 2 - 1),
            ],
        ),
        text(
            f"'same' gives ceil(H / S) = ceil({size} / 2) = {math.ceil(size / 2)}: stride 2 "
            "halves the size, rounding up.",
            f"'same'은 ceil(H / S) = ceil({size} / 2) = {math.ceil(size / 2)}입니다. "
            "스트라이드 2는 크기를 절반으로 줄이고 올림합니다.",
        ),
        HINT,
        uses=frozenset({"Conv2D", "padding", "strides"}),
    )


def stride_two_even(rng: Random) -> ConceptDraft:
    return _stride_two(rng, 2 * rng.randint(4, 32))


def stride_two_odd(rng: Random) -> ConceptDraft:
    return _stride_two(rng, 2 * rng.randint(4, 32) + 1)


VALID_MEANS = fact(
    ("What does padding='valid' mean?", "padding='valid'는 무슨 뜻인가요?"),
    (
        "No padding: at stride 1 the output shrinks by kernel size - 1",
        "패딩 없음: 스트라이드 1에서 출력이 (커널 크기 - 1)만큼 줄어듭니다",
    ),
    (
        (
            "Zero padding so that the output keeps its size",
            "출력 크기가 유지되도록 0으로 패딩합니다",
        ),
        ("Keras checks that the input is valid", "Keras가 입력이 올바른지 검사합니다"),
        ("Padding with copies of the border values", "가장자리 값을 복사해 패딩합니다"),
    ),
    (
        "'valid' adds nothing around the input, so OH = floor((H - K) / S) + 1; 'same' "
        "pads with zeros.",
        "'valid'는 입력 둘레에 아무것도 더하지 않아 OH = floor((H - K) / S) + 1입니다. "
        "'same'은 0으로 패딩합니다.",
    ),
    _HINT,
    uses=("padding",),
)
DROPOUT_AT_PREDICT = fact(
    (
        "What does a Dropout layer do when you call model.predict?",
        "model.predict를 호출할 때 Dropout 층은 무엇을 하나요?",
    ),
    (
        "Nothing: dropout is active only during training",
        "아무것도 하지 않습니다: 드롭아웃은 학습 중에만 동작합니다",
    ),
    (
        ("Switches off the same fraction of units", "같은 비율의 유닛을 끕니다"),
        ("Switches off the units it dropped last", "마지막에 껐던 유닛들을 끕니다"),
        ("Removes the dropped units for good", "꺼 둔 유닛을 영구히 없앱니다"),
    ),
    (
        "At inference every unit is used; Keras scales the kept values during training "
        "instead, so nothing changes at prediction time.",
        "추론할 때는 모든 유닛을 씁니다. Keras는 학습 중에 남은 값을 미리 키워 두므로 "
        "예측할 때는 바꿀 것이 없습니다.",
    ),
    _HINT,
    uses=("Dropout",),
)


def pool_three_stride_two(rng: Random) -> ConceptDraft:
    size = rng.randint(9, 40)
    out = (size - 3) // 2 + 1
    right = _size(out)
    return ConceptDraft(
        text(
            f"MaxPooling2D(pool_size=3, strides=2) gets a {size}x{size}x16 input. What are "
            "the output's height and width?",
            f"MaxPooling2D(pool_size=3, strides=2)에 {size}x{size}x16 입력이 들어갑니다. "
            "출력의 높이와 너비는?",
        ),
        same(right),
        numbers(
            right,
            [
                _size(size // 3),
                _size(size // 2),
                _size((size - 3) // 2),
                _size(math.ceil(size / 2)),
                _size(size - 2),
            ],
        ),
        text(
            f"floor((H - P) / S) + 1 = floor(({size} - 3) / 2) + 1 = {out}. 'Input / pool "
            "size' only works when the stride equals the pool size.",
            f"floor((H - P) / S) + 1 = floor(({size} - 3) / 2) + 1 = {out}. '입력 / 풀 크기'는 "
            "스트라이드가 풀 크기와 같을 때만 맞습니다.",
        ),
        HINT,
        uses=frozenset({"MaxPooling2D", "strides"}),
    )


CHANNELS_SUMMED = fact(
    (
        "One Conv2D filter slides over a 3-channel (RGB) input. How many output maps does "
        "that one filter produce?",
        "Conv2D 필터 하나가 3채널(RGB) 입력 위를 지나갑니다. 그 필터 하나가 만드는 출력 "
        "맵은 몇 개인가요?",
    ),
    ("One: its three per-channel results are added", "1개: 채널별 결과 세 개를 더합니다"),
    (
        ("Three: one per input channel", "3개: 입력 채널마다 하나"),
        ("Nine: three per channel", "9개: 채널마다 세 개"),
        ("It depends on the stride", "스트라이드에 따라 다릅니다"),
    ),
    (
        "A filter has one kernel per input channel and sums their results into ONE map; "
        "C_out filters give C_out maps, which is why the weights are KH*KW*C_in per filter.",
        "필터는 입력 채널마다 커널을 하나씩 가지고 그 결과를 더해 맵 하나를 만듭니다. "
        "필터 C_out개가 맵 C_out개를 만들며, 그래서 필터 하나의 가중치는 KH*KW*C_in개입니다.",
    ),
    _HINT,
    uses=("Conv2D",),
)
PARAMETER_SHARING = fact(
    (
        "Why does a Conv2D layer need far fewer weights than a Dense layer on the same image?",
        "같은 이미지에 대해 Conv2D 층이 Dense 층보다 가중치가 훨씬 적은 이유는?",
    ),
    (
        "Each filter's small kernel is shared by every position of the image",
        "필터의 작은 커널 하나를 이미지의 모든 위치가 함께 씁니다",
    ),
    (
        ("Convolution ignores the channels", "합성곱은 채널을 무시합니다"),
        ("Conv2D layers have no biases", "Conv2D 층에는 편향이 없습니다"),
        ("It only looks at the centre of the image", "이미지의 가운데만 봅니다"),
    ),
    (
        "Parameter sharing and local receptive fields: one 3x3 kernel per channel is "
        "reused everywhere, while Dense connects every pixel to every unit.",
        "파라미터 공유와 국소 수용장: 채널마다 3x3 커널 하나를 모든 위치에서 다시 쓰지만, "
        "Dense는 모든 픽셀을 모든 유닛에 연결합니다.",
    ),
    _HINT,
    uses=("Conv2D", "Dense"),
)



def _weights(input_shape: tuple[int, ...], *layers: LayerSpec) -> int:
    """The engine's count for the last layer, built without biases: its weights."""
    return analyze(ModelSpec(input_shape, layers)).layers[-1].params


def dense_against_conv(rng: Random) -> ConceptDraft:
    """Lesson 4.1: Dense(4) on a flattened 3x3 image has 36 weights, one 2x2 filter 4."""
    side, units = rng.choice((3, 4, 5, 6)), rng.choice((2, 3, 4, 5, 8))
    kernel = rng.choice([k for k in (2, 3) if k < side])
    image = (side, side, 1)
    dense = _weights(image, spec("Flatten"), spec("Dense", units=units, use_bias=False))
    conv = _weights(image, spec("Conv2D", filters=1, kernel_size=kernel, use_bias=False))

    def pair(d: int, c: int) -> tuple[str, str]:
        return (f"Dense {d} weights, Conv2D {c}", f"Dense 가중치 {d}개, Conv2D {c}개")

    wrong = [pair(dense, dense), pair(side * side, conv), pair(conv, dense)]
    wrong.append(pair(dense + units, conv + 1))
    return ConceptDraft(
        text(
            f"A grey {side}x{side} image, flattened to {side * side} values, feeds "
            f"layers.Dense({units}); a layers.Conv2D(1, {kernel}) reads the same image. How "
            "many weights (biases aside) does each layer have?",
            f"{side}x{side} 회색 이미지를 값 {side * side}개로 펴서 layers.Dense({units})에 "
            f"넣고, 같은 이미지를 layers.Conv2D(1, {kernel})도 읽습니다. 편향을 빼고 각 층의 "
            "가중치는 몇 개인가요?",
        ),
        pair(dense, conv),
        tuple(wrong),
        text(
            f"Dense joins every input to every unit: {side * side} x {units} = {dense} weights "
            f"(+ {units} biases). The convolution has one {kernel}x{kernel} filter, "
            f"{kernel} x {kernel} = {conv} weights (+ 1 bias), shared at every position.",
            f"Dense는 모든 입력을 모든 유닛에 잇습니다: {side * side} x {units} = 가중치 "
            f"{dense}개(+ 편향 {units}개). 합성곱은 {kernel}x{kernel} 필터 하나, "
            f"{kernel} x {kernel} = 가중치 {conv}개(+ 편향 1개)를 모든 위치에서 함께 씁니다.",
        ),
        HINT,
        uses=frozenset({"Flatten", "Dense", "Conv2D"}),
    )


ITEMS: dict[str, tuple[Item, ...]] = {
    "easy": (dropout_rate, POOLING_PARAMS, FLATTEN, MAX_POOL_KEEPS),
    "medium": (
        same_keeps_size,
        stride_two_even,
        VALID_MEANS,
        DROPOUT_AT_PREDICT,
        dense_against_conv,
    ),
    "hard": (stride_two_odd, pool_three_stride_two, CHANNELS_SUMMED, PARAMETER_SHARING),
}
