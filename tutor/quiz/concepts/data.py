"""Preparing data: scaling, encoding labels, and the train/validation/test split
(curriculum section 1, and known mistake 5: min-max is not standardization)."""

from __future__ import annotations

from random import Random

from tutor.quiz.concepts.draft import ConceptDraft, Item, decimal, fact, numbers, same
from tutor.quiz.question import text

STANDARDIZATION = ("standardization: z = (x - mean) / std", "표준화: z = (x - mean) / std")
MIN_MAX = (
    "min-max normalization: (x - min) / (max - min)",
    "최소-최대 정규화: (x - min) / (max - min)",
)
ONE_HOT = ("one-hot encoding", "원-핫 인코딩")
LABEL_ENCODING = ("label encoding", "레이블 인코딩")

_HINT = (
    "Standardization: (x - mean) / std gives mean 0, variance 1. Min-max: (x - min) / "
    "(max - min) gives 0..1. One-hot: a 1 at the class index, 0 elsewhere.",
    "표준화 (x - mean) / std는 평균 0, 분산 1, 최소-최대 정규화 (x - min) / (max - min)은 "
    "0..1 범위를 만듭니다. 원-핫은 클래스 위치만 1, 나머지는 0입니다.",
)
HINT = text(*_HINT)

MEAN_ZERO = fact(
    (
        "Which feature scaling gives every feature mean 0 and variance 1?",
        "모든 특성을 평균 0, 분산 1로 만드는 스케일링은?",
    ),
    STANDARDIZATION,
    (MIN_MAX, ONE_HOT, LABEL_ENCODING),
    (
        "Standardization subtracts the mean and divides by the standard deviation; "
        "min-max normalization maps to the range 0..1 instead.",
        "표준화는 평균을 빼고 표준편차로 나눕니다. 최소-최대 정규화는 대신 0..1 범위로 옮깁니다.",
    ),
    _HINT,
)
PIXELS = fact(
    (
        "MNIST pixel values are 0 to 255. How does the course scale them to 0..1?",
        "MNIST 픽셀 값은 0에서 255입니다. 강의에서는 0..1로 어떻게 바꾸나요?",
    ),
    same("x.astype('float32') / 255"),
    (same("x - 255"), same("x / 784"), same("x * 255")),
    (
        "Dividing by the largest value 255 maps 0..255 onto 0..1 (min-max with min 0).",
        "가장 큰 값 255로 나누면 0..255가 0..1이 됩니다(최솟값이 0인 최소-최대 정규화).",
    ),
    _HINT,
)
NAMES_TO_INTEGERS = fact(
    (
        "Turning the species names 'setosa', 'versicolor', 'virginica' into 0, 1, 2 is "
        "called what?",
        "품종 이름 'setosa', 'versicolor', 'virginica'를 0, 1, 2로 바꾸는 것을 무엇이라 하나요?",
    ),
    LABEL_ENCODING,
    (ONE_HOT, ("standardization", "표준화"), ("min-max normalization", "최소-최대 정규화")),
    (
        "Label encoding maps each string to an integer; one-hot encoding would then turn "
        "each integer into a vector with a single 1.",
        "레이블 인코딩은 문자열마다 정수를 붙입니다. 원-핫 인코딩은 그 정수를 1이 하나뿐인 "
        "벡터로 바꿉니다.",
    ),
    _HINT,
)


def one_hot_vector(rng: Random) -> ConceptDraft:
    classes = rng.randint(3, 6)
    label = rng.randrange(classes)

    def vector(*ones: int) -> str:
        return "[" + ", ".join("1" if i in ones else "0" for i in range(classes)) + "]"

    wrong = [
        vector((label + 1) % classes),
        vector(classes - 1 - label) if classes - 1 - label != label else vector(*range(classes)),
        f"[{label}]",
        vector(*(i for i in range(classes) if i != label)),
    ]
    return ConceptDraft(
        text(
            f"With {classes} classes numbered from 0, what is the one-hot vector for "
            f"label {label}?",
            f"0부터 번호를 붙인 클래스 {classes}개에서 레이블 {label}의 원-핫 벡터는?",
        ),
        same(vector(label)),
        numbers(vector(label), wrong),
        text(
            f"One position per class, counted from 0: a 1 at position {label}, 0 elsewhere.",
            f"클래스마다 자리 하나(0부터 셉니다): {label}번 자리만 1, 나머지는 0입니다.",
        ),
        HINT,
    )


def min_max_value(rng: Random) -> ConceptDraft:
    low = rng.choice((0, 0, 10, 20, 50))
    span = rng.choice((10, 20, 40, 50, 100, 200))
    fraction = rng.choice([f for f in (0.1, 0.2, 0.25, 0.5, 0.75, 0.8) if (span * f).is_integer()])
    value = low + int(span * fraction)
    high = low + span
    right = decimal(fraction)
    wrong = (
        decimal(1 - fraction),
        decimal(round(value / high, 3)),
        str(value - low),
        "1",
        decimal(fraction / 2),
        "0",
    )
    return ConceptDraft(
        text(
            f"A feature ranges from {low} to {high}. What is x = {value} after min-max "
            "normalization?",
            f"어떤 특성의 범위가 {low}에서 {high}입니다. x = {value}의 최소-최대 정규화 값은?",
        ),
        same(right),
        numbers(right, wrong),
        text(
            f"(x - min) / (max - min) = ({value} - {low}) / ({high} - {low}) = {right}",
            f"(x - min) / (max - min) = ({value} - {low}) / ({high} - {low}) = {right}",
        ),
        HINT,
    )


def standardized_value(rng: Random) -> ConceptDraft:
    mean = rng.choice((10, 20, 50, 100, 120))
    std = rng.choice((2, 4, 5, 10, 20))
    z = rng.choice([z for z in (-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2) if float(z * std).is_integer()])
    value = mean + int(z * std)
    right = decimal(z)
    wrong = (decimal(-z), str(value - mean), decimal(round(value / std, 2)), "0", decimal(2 * z))
    return ConceptDraft(
        text(
            f"A feature has mean {mean} and standard deviation {std}. What is x = {value} "
            "after standardization?",
            f"어떤 특성의 평균은 {mean}, 표준편차는 {std}입니다. x = {value}의 표준화 값은?",
        ),
        same(right),
        numbers(right, wrong),
        text(
            f"z = (x - mean) / std = ({value} - {mean}) / {std} = {right}",
            f"z = (x - mean) / std = ({value} - {mean}) / {std} = {right}",
        ),
        HINT,
    )


VALIDATION = fact(
    ("What is the validation set for?", "검증(validation) 세트는 무엇에 쓰나요?"),
    (
        "Checking the model on unseen data during training, e.g. to spot overfitting",
        "학습 중에 보지 않은 데이터로 모델을 확인합니다(예: 과적합 발견)",
    ),
    (
        (
            "Training the weights together with the training set",
            "훈련 세트와 함께 가중치를 학습합니다",
        ),
        (
            "The final score, measured once at the very end",
            "마지막에 한 번만 재는 최종 점수입니다",
        ),
        ("Storing the labels separately from the features", "레이블을 특성과 따로 보관합니다"),
    ),
    (
        "The validation set is watched during training (validation_data or "
        "validation_split); the test set gives the final score once at the end.",
        "검증 세트는 학습하는 동안 지켜봅니다(validation_data 또는 validation_split). "
        "최종 점수는 마지막에 테스트 세트로 한 번 잽니다.",
    ),
    _HINT,
)
FEATURES_AND_LABELS = fact(
    ("In the course's data preparation, what are X and y?", "강의의 데이터 준비에서 X와 y는?"),
    ("X: the input features; y: the labels", "X: 입력 특성, y: 레이블(정답)"),
    (
        ("X: the training set; y: the test set", "X: 훈련 세트, y: 테스트 세트"),
        ("X: the labels; y: the input features", "X: 레이블, y: 입력 특성"),
        ("X: the validation data; y: the predictions", "X: 검증 데이터, y: 예측값"),
    ),
    (
        "The first step splits each row into the features X the model reads and the "
        "label y it should predict.",
        "첫 단계에서 각 행을 모델이 읽는 특성 X와 맞혀야 할 레이블 y로 나눕니다.",
    ),
    _HINT,
)
MISNAMED_SCALING = fact(
    (
        "The MNIST notes call (x - min) / (max - min) 'standardization'. What is it really?",
        "MNIST 강의 노트는 (x - min) / (max - min)을 '표준화'라고 부릅니다. 실제 이름은?",
    ),
    ("Min-max normalization (range 0..1)", "최소-최대 정규화(범위 0..1)"),
    (
        ("Standardization (mean 0, variance 1)", "표준화(평균 0, 분산 1)"),
        ONE_HOT,
        LABEL_ENCODING,
    ),
    (
        "Standardization is (x - mean) / std; (x - min) / (max - min) is min-max "
        "normalization, a common mix-up in the notes.",
        "표준화는 (x - mean) / std이고, (x - min) / (max - min)은 최소-최대 정규화입니다. "
        "강의 노트에서 자주 헷갈리는 부분입니다.",
    ),
    _HINT,
)
NEEDS_ONE_HOT = fact(
    ("Which loss needs one-hot encoded labels?", "원-핫 인코딩된 레이블이 필요한 손실 함수는?"),
    same("categorical_crossentropy"),
    (
        same("sparse_categorical_crossentropy"),
        same("mse"),
        ("binary_crossentropy with one sigmoid unit", "시그모이드 유닛 하나의 binary_crossentropy"),
    ),
    (
        "categorical_crossentropy compares the softmax output with a one-hot vector; the "
        "sparse_ variant reads integer labels instead.",
        "categorical_crossentropy는 소프트맥스 출력을 원-핫 벡터와 비교합니다. sparse_ "
        "버전은 대신 정수 레이블을 읽습니다.",
    ),
    _HINT,
)
OVERFITTING = fact(
    (
        "Training loss keeps falling while validation loss rises. What is happening?",
        "훈련 손실은 계속 줄어드는데 검증 손실은 올라갑니다. 무슨 일인가요?",
    ),
    (
        "Overfitting: the model memorises the training data",
        "과적합: 모델이 훈련 데이터를 외우고 있습니다",
    ),
    (
        ("Underfitting: the model is too small", "과소적합: 모델이 너무 작습니다"),
        ("The learning rate is too low", "학습률이 너무 낮습니다"),
        ("The validation set is too easy", "검증 세트가 너무 쉽습니다"),
    ),
    (
        "When the gap opens the model fits noise in the training set; the course's "
        "remedies are dropout, pooling, augmentation, early stopping and more data.",
        "두 손실이 벌어지면 모델이 훈련 세트의 잡음까지 맞추고 있는 것입니다. 강의의 "
        "해결책은 드롭아웃, 풀링, 데이터 증강, 조기 종료, 더 많은 데이터입니다.",
    ),
    _HINT,
)


def k_fold(rng: Random) -> ConceptDraft:
    folds = rng.randint(3, 10)
    return ConceptDraft(
        text(
            f"With {folds}-fold cross-validation, how many times is the model tested, each "
            "time on a different fold?",
            f"{folds}-겹 교차 검증에서 모델은 매번 다른 폴드로 몇 번 테스트되나요?",
        ),
        same(folds),
        numbers(folds, (1, folds - 1, 2 * folds, folds + 1)),
        text(
            f"Each of the {folds} folds is the test fold once while the other "
            f"{folds - 1} train the model: {folds} tests instead of one.",
            f"{folds}개 폴드가 한 번씩 테스트 폴드가 되고 나머지 {folds - 1}개로 학습합니다: "
            f"한 번이 아니라 {folds}번 테스트합니다.",
        ),
        HINT,
    )


PIMA_BASELINE = fact(
    (
        "Pima: 268 of 768 patients are positive, 500 negative. What accuracy does a model "
        "get that always answers 'negative'?",
        "Pima: 환자 768명 중 268명이 양성, 500명이 음성입니다. 항상 '음성'이라고 답하는 "
        "모델의 정확도는?",
    ),
    same("65.1%"),
    (same("34.9%"), same("50%"), same("77.7%")),
    (
        "500 / 768 = 65.1%: the baseline a real model must beat (the best reported "
        "10-fold accuracy is 77.7%).",
        "500 / 768 = 65.1%: 실제 모델이 넘어야 할 기준선입니다(보고된 최고 10-겹 정확도는 77.7%).",
    ),
    _HINT,
)

ITEMS: dict[str, tuple[Item, ...]] = {
    "easy": (MEAN_ZERO, one_hot_vector, PIXELS, NAMES_TO_INTEGERS),
    "medium": (min_max_value, standardized_value, VALIDATION, FEATURES_AND_LABELS),
    "hard": (MISNAMED_SCALING, NEEDS_ONE_HOT, OVERFITTING, k_fold, PIMA_BASELINE),
}
