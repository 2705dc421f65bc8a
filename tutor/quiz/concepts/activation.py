"""Which activation goes where, and what the output activations produce (sections 2-3)."""

from __future__ import annotations

import math
from random import Random

from tutor.quiz.concepts.draft import ConceptDraft, Item, fact, numbers, same
from tutor.quiz.particles import attach
from tutor.quiz.question import text

RELU = ("ReLU ('relu')", "ReLU('relu')")
SIGMOID = ("sigmoid", "sigmoid(시그모이드)")
SOFTMAX = ("softmax", "softmax(소프트맥스)")
LINEAR = ("linear (no activation)", "linear(활성화 없음)")
TANH = ("tanh", "tanh")

_HINT = (
    "Hidden layers: ReLU. Output: linear for a number, sigmoid for yes/no, softmax for one "
    "of many classes.",
    "은닉층은 ReLU, 출력층은 숫자면 linear, 예/아니오면 sigmoid, 여러 클래스 중 하나면 "
    "softmax입니다.",
)
HINT = text(*_HINT)

HIDDEN = fact(
    (
        "Which activation does the course use in the hidden layers of a deep network?",
        "강의에서 깊은 신경망의 은닉층에 쓰는 활성화 함수는?",
    ),
    RELU,
    (
        SOFTMAX,
        LINEAR,
        ("sigmoid, because it keeps gradients large", "sigmoid(기울기를 크게 유지하므로)"),
    ),
    (
        "ReLU is the default for hidden layers: it is cheap and does not squash gradients "
        "the way sigmoid does in deep nets.",
        "은닉층에는 ReLU를 기본으로 씁니다. 계산이 싸고, 깊은 신경망에서 시그모이드처럼 "
        "기울기를 짓누르지 않습니다.",
    ),
    _HINT,
)
BINARY_OUTPUT = fact(
    (
        "A yes/no classifier has one output unit. Which activation should it use?",
        "예/아니오 분류기의 출력 유닛이 하나입니다. 어떤 활성화 함수를 써야 하나요?",
    ),
    SIGMOID,
    (SOFTMAX, RELU, LINEAR),
    (
        "Sigmoid maps any score to 0..1, the probability of 'yes'; softmax over a single "
        "unit would always output 1.",
        "시그모이드는 어떤 점수든 0..1, 즉 '예'일 확률로 바꿉니다. 유닛 하나의 "
        "소프트맥스는 항상 1을 냅니다.",
    ),
    _HINT,
)
MULTI_OUTPUT = fact(
    (
        "A classifier picks one of 10 classes with Dense(10, ...). Which output activation?",
        "Dense(10, ...)로 10개 클래스 중 하나를 고르는 분류기의 출력 활성화 함수는?",
    ),
    SOFTMAX,
    (RELU, LINEAR, TANH),
    (
        "Softmax turns the 10 scores into probabilities that sum to 1.",
        "소프트맥스는 점수 10개를 합이 1인 확률로 바꿉니다.",
    ),
    _HINT,
    uses=("Dense",),
)
REGRESSION_OUTPUT = fact(
    (
        "A regression model predicts a house price. Which output activation?",
        "집값을 예측하는 회귀 모델의 출력 활성화 함수는?",
    ),
    LINEAR,
    (SOFTMAX, SIGMOID, TANH),
    (
        "A price can be any number, so the output is left linear (the identity); sigmoid "
        "and tanh would squash it into a small range.",
        "가격은 어떤 수든 될 수 있으므로 출력은 선형(항등)으로 둡니다. 시그모이드나 tanh는 "
        "좁은 범위로 눌러 버립니다.",
    ),
    _HINT,
)


def softmax_sum(rng: Random) -> ConceptDraft:
    units = rng.choice((3, 4, 5, 10, 46))
    return ConceptDraft(
        text(
            f"Dense({units}, activation='softmax') outputs {units} numbers for one example. "
            "What do they add up to?",
            f"Dense({units}, activation='softmax')는 예제 하나에 {units}개의 수를 냅니다. 그 합은?",
        ),
        same(1),
        (*numbers(1, (units, 0)), ("It depends on the input", "입력에 따라 다릅니다")),
        text(
            "Softmax divides each exp(score) by the sum of all of them, so the outputs are "
            "probabilities that sum to 1.",
            "소프트맥스는 각 exp(점수)를 전체 합으로 나누므로 출력은 합이 1인 확률입니다.",
        ),
        HINT,
        uses=frozenset({"Dense"}),
    )


def relu_value(rng: Random) -> ConceptDraft:
    value = rng.choice([v for v in range(-9, 10) if v != 0])
    right = max(0, value)
    return ConceptDraft(
        text(f"What is relu({value})?", f"relu({value})의 값은?"),
        same(right),
        numbers(right, (-value, value, 1, 0, abs(value) + 1)),
        text(
            f"ReLU keeps positive values and turns negative ones into 0: max(0, {value}) = "
            f"{right}.",
            f"ReLU는 양수는 그대로, 음수는 0으로 바꿉니다: max(0, {value}) = {right}.",
        ),
        HINT,
    )


def output_units(rng: Random) -> ConceptDraft:
    en, ko, classes = rng.choice(
        (
            ("Iris (3 species)", "Iris(품종 3개)", 3),
            ("Fashion-MNIST (10 clothing classes)", "Fashion-MNIST(옷 종류 10개)", 10),
            ("Reuters (46 topics)", "로이터 뉴스(주제 46개)", 46),
            (
                "hand-drawn shapes (circle, rectangle, triangle)",
                "손으로 그린 도형(원, 사각형, 삼각형)",
                3,
            ),
        )
    )
    return ConceptDraft(
        text(
            f"How many units does the softmax output layer need for {en}?",
            f"{ko} 분류에서 소프트맥스 출력층의 유닛 수는?",
        ),
        same(classes),
        numbers(classes, (1, classes - 1, classes + 1, 2 * classes)),
        text(
            f"One unit per class: {classes} units, one probability each.",
            f"클래스마다 유닛 하나: {classes}개 유닛이 각각 확률 하나를 냅니다.",
        ),
        HINT,
    )


SIGMOID_RANGE = fact(
    ("In what range do sigmoid outputs lie?", "시그모이드 출력값의 범위는?"),
    ("0 to 1", "0에서 1 사이"),
    (
        ("-1 to 1", "-1에서 1 사이"),
        ("0 to infinity", "0에서 무한대"),
        ("Any real number", "모든 실수"),
    ),
    (
        "Sigmoid squashes any score into 0..1, which is why it gives a probability; "
        "tanh gives -1..1 and ReLU 0..infinity.",
        "시그모이드는 어떤 점수든 0..1로 눌러서 확률로 쓸 수 있습니다. tanh는 -1..1, "
        "ReLU는 0..무한대입니다.",
    ),
    _HINT,
)
WHY_RELU = fact(
    (
        "Why is ReLU preferred over sigmoid in the hidden layers of deep networks?",
        "깊은 신경망의 은닉층에서 시그모이드보다 ReLU를 선호하는 이유는?",
    ),
    (
        "Its gradient does not shrink toward 0 for positive inputs, so gradients do not vanish",
        "양수 입력에서 기울기가 0으로 줄어들지 않아 기울기 소실이 생기지 않습니다",
    ),
    (
        ("Its outputs are probabilities that sum to 1", "출력이 합이 1인 확률이라서"),
        ("It keeps every output between 0 and 1", "모든 출력을 0과 1 사이로 유지해서"),
        ("It adds fewer parameters to the layer", "층의 파라미터를 줄여서"),
    ),
    (
        "Sigmoid's gradient is at most 0.25 and near 0 for large inputs; multiplied through "
        "many layers it vanishes. ReLU's gradient is 1 for positive inputs. Activations "
        "add no parameters.",
        "시그모이드의 기울기는 최대 0.25이고 입력이 크면 0에 가까워서, 여러 층을 거쳐 "
        "곱하면 사라집니다. ReLU의 기울기는 양수 입력에서 1입니다. 활성화 함수는 "
        "파라미터를 더하지 않습니다.",
    ),
    _HINT,
)
DEFAULT_ACTIVATION = fact(
    (
        "Dense(10) is written without activation=. Which activation does it use?",
        "activation= 없이 Dense(10)이라고 쓰면 어떤 활성화 함수를 쓰나요?",
    ),
    ("linear (the identity)", "linear(항등 함수)"),
    (RELU, SIGMOID, SOFTMAX),
    (
        "Keras' default activation is None, i.e. linear: the output is the weighted sum "
        "plus the bias.",
        "Keras의 기본 활성화는 None, 즉 선형입니다: 출력은 가중합에 편향을 더한 값입니다.",
    ),
    _HINT,
    uses=("Dense",),
)
SOFTMAX_ONE_UNIT = fact(
    (
        "What does Dense(1, activation='softmax') output?",
        "Dense(1, activation='softmax')는 무엇을 출력하나요?",
    ),
    ("Always 1.0, whatever the input", "입력과 상관없이 항상 1.0"),
    (
        ("A probability between 0 and 1", "0과 1 사이의 확률"),
        ("0 or 1 depending on the class", "클래스에 따라 0 또는 1"),
        ("The raw score", "점수 그대로"),
    ),
    (
        "Softmax divides exp(score) by the sum over all units; with one unit that is "
        "exp(s) / exp(s) = 1. A yes/no output needs sigmoid.",
        "소프트맥스는 exp(점수)를 모든 유닛의 합으로 나눕니다. 유닛이 하나면 "
        "exp(s) / exp(s) = 1입니다. 예/아니오 출력에는 시그모이드가 필요합니다.",
    ),
    _HINT,
    uses=("Dense",),
)


def probability_text(value: float) -> str:
    """Two decimals, or as many more as it takes for a probability below 1 not to print
    as 1.00: softmax of [7, 1, -1] gives 0.997 to its largest score."""
    for digits in range(2, 16):
        shown = f"{value:.{digits}f}"
        if value >= 1 or float(shown) < 1:
            return shown
    return shown


def softmax_largest(rng: Random) -> ConceptDraft:
    scores = rng.sample(range(-3, 8), 3)
    best = max(scores)
    probabilities = [math.exp(s) for s in scores]
    share = probability_text(max(probabilities) / sum(probabilities))
    return ConceptDraft(
        text(
            f"Softmax turns the scores {scores} into probabilities. Which probability is "
            "the largest?",
            f"소프트맥스로 점수 {scores}의 확률을 구합니다. 가장 큰 확률은 어느 것인가요?",
        ),
        (f"The one for score {best}", f"점수 {best}의 확률"),
        (
            *((f"The one for score {s}", f"점수 {s}의 확률") for s in scores if s != best),
            ("All three are equal", "셋 다 같습니다"),
        ),
        text(
            f"Softmax is exp(score) / sum: the largest score gets the largest share, "
            f"here {share}, exaggerated compared with the scores.",
            f"소프트맥스는 exp(점수) / 합이라 가장 큰 점수가 가장 큰 몫을 받습니다. 여기서는 "
            f"{attach(share, '으로/로')}, 점수 차이보다 더 벌어집니다.",
        ),
        HINT,
    )


ITEMS: dict[str, tuple[Item, ...]] = {
    "easy": (HIDDEN, BINARY_OUTPUT, MULTI_OUTPUT, REGRESSION_OUTPUT),
    "medium": (softmax_sum, relu_value, output_units, SIGMOID_RANGE),
    "hard": (WHY_RELU, DEFAULT_ACTIVATION, SOFTMAX_ONE_UNIT, softmax_largest),
}
