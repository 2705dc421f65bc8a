"""Which loss (and output layer) fits the task and the label format (curriculum section 1)."""

from __future__ import annotations

from random import Random

from tutor.quiz.concepts.draft import ConceptDraft, Item, fact, same
from tutor.quiz.particles import attach
from tutor.quiz.question import text

MSE = ("mean squared error ('mse')", "평균 제곱 오차('mse')")
BINARY = ("binary_crossentropy", "binary_crossentropy")
CATEGORICAL = ("categorical_crossentropy", "categorical_crossentropy")
SPARSE = ("sparse_categorical_crossentropy", "sparse_categorical_crossentropy")
ACCURACY = ("accuracy (a metric, not a loss)", "accuracy(손실이 아니라 평가 지표)")

HINT = text(
    "Number -> mean squared error; yes/no -> binary cross-entropy; one of many classes -> "
    "categorical cross-entropy (sparse_ when the labels are integers).",
    "숫자 예측 -> 평균 제곱 오차, 예/아니오 -> 이진 교차 엔트로피, 여러 클래스 중 하나 -> "
    "범주형 교차 엔트로피(레이블이 정수면 sparse_).",
)
_HINT = (HINT["en"], HINT["ko"])

REGRESSION = (
    ("house prices (Boston housing)", "집값(보스턴 주택 가격)"),
    ("tomorrow's temperature", "내일 기온"),
    ("a car's fuel consumption", "자동차 연비"),
)
BINARY_TASKS = (
    ("diabetes onset within 5 years or not (Pima)", "5년 안에 당뇨병 발병 여부(Pima)"),
    ("whether an IMDB movie review is positive", "IMDB 영화 리뷰가 긍정인지 여부"),
    ("whether an e-mail is spam", "이메일이 스팸인지 여부"),
)
MULTI_CLASS = (
    ("the Iris species", "붓꽃(Iris) 품종", 3),
    ("the Fashion-MNIST clothing class", "Fashion-MNIST 옷 종류", 10),
    ("the MNIST digit", "MNIST 숫자", 10),
    ("the Reuters newswire topic", "로이터 뉴스 주제", 46),
)


def regression_loss(rng: Random) -> ConceptDraft:
    en, ko = rng.choice(REGRESSION)
    return ConceptDraft(
        text(
            f"A model predicts {en}, a real number. Which loss fits?",
            f"모델이 실수 값인 {attach(ko, '을/를')} 예측합니다. 어떤 손실 함수가 맞나요?",
        ),
        MSE,
        (BINARY, CATEGORICAL, ACCURACY),
        text(
            "Regression (predicting a number) uses mean squared error with a linear output.",
            "회귀(숫자 예측)에는 선형 출력과 평균 제곱 오차를 씁니다.",
        ),
        HINT,
    )


def binary_loss(rng: Random) -> ConceptDraft:
    en, ko = rng.choice(BINARY_TASKS)
    return ConceptDraft(
        text(
            f"A model predicts {en}: a yes/no answer. Which loss fits?",
            f"모델이 {attach(ko, '을/를')} 예측합니다(예/아니오). 어떤 손실 함수가 맞나요?",
        ),
        BINARY,
        (MSE, CATEGORICAL, ACCURACY),
        text(
            "Binary classification uses binary cross-entropy with one sigmoid output unit.",
            "이진 분류에는 시그모이드 출력 유닛 하나와 이진 교차 엔트로피를 씁니다.",
        ),
        HINT,
    )


def one_hot_loss(rng: Random) -> ConceptDraft:
    en, ko, classes = rng.choice(MULTI_CLASS)
    return ConceptDraft(
        text(
            f"A model predicts {en} ({classes} classes); the labels are one-hot vectors. "
            "Which loss fits?",
            f"모델이 {attach(f'{ko}({classes}개 클래스)', '을/를')} 예측하고 레이블은 원-핫 "
            "벡터입니다. "
            "어떤 손실 함수가 맞나요?",
        ),
        CATEGORICAL,
        (BINARY, MSE, ACCURACY),
        text(
            "Multi-class classification with one-hot labels uses categorical cross-entropy "
            "with a softmax output of one unit per class.",
            "원-핫 레이블의 다중 분류에는 클래스마다 유닛 하나인 소프트맥스 출력과 "
            "범주형 교차 엔트로피를 씁니다.",
        ),
        HINT,
    )


def integer_label_loss(rng: Random) -> ConceptDraft:
    en, ko, classes = rng.choice(MULTI_CLASS)
    return ConceptDraft(
        text(
            f"A model predicts {en}; the labels are integers 0 to {classes - 1}, not "
            "one-hot vectors. Which loss fits without converting them?",
            f"모델이 {attach(ko, '을/를')} 예측하고 레이블은 원-핫이 아닌 0부터 "
            f"{classes - 1}까지의 정수입니다. 변환하지 않고 쓸 손실 함수는?",
        ),
        SPARSE,
        (CATEGORICAL, BINARY, MSE),
        text(
            "sparse_categorical_crossentropy takes integer labels directly; "
            "categorical_crossentropy needs them one-hot encoded first.",
            "sparse_categorical_crossentropy는 정수 레이블을 그대로 받고, "
            "categorical_crossentropy는 먼저 원-핫 인코딩해야 합니다.",
        ),
        HINT,
    )


def multi_class_pair(rng: Random) -> ConceptDraft:
    en, ko, classes = rng.choice(MULTI_CLASS)
    return ConceptDraft(
        text(
            f"Labels for {en} are one-hot vectors of {classes} classes. Which output layer "
            "and loss go together?",
            f"{ko} 레이블이 {classes}개 클래스의 원-핫 벡터입니다. 어울리는 출력층과 손실은?",
        ),
        same(f"Dense({classes}, activation='softmax') + categorical_crossentropy"),
        (
            same("Dense(1, activation='sigmoid') + binary_crossentropy"),
            same(f"Dense({classes}) + mse"),
            same("Dense(1, activation='softmax') + categorical_crossentropy"),
        ),
        text(
            "One softmax unit per class gives probabilities that sum to 1; categorical "
            "cross-entropy compares them with the one-hot label.",
            "클래스마다 소프트맥스 유닛 하나가 합이 1인 확률을 내고, 범주형 교차 "
            "엔트로피가 이를 원-핫 레이블과 비교합니다.",
        ),
        HINT,
        uses=frozenset({"Dense"}),
    )


def binary_pair(rng: Random) -> ConceptDraft:
    en, ko = rng.choice(BINARY_TASKS)
    return ConceptDraft(
        text(
            f"A model predicts {en}. Which output layer and loss go together?",
            f"모델이 {attach(ko, '을/를')} 예측합니다. 어울리는 출력층과 손실은?",
        ),
        same("Dense(1, activation='sigmoid') + binary_crossentropy"),
        (
            same("Dense(1) + categorical_crossentropy"),
            same("Dense(2, activation='relu') + mse"),
            same("Dense(1, activation='softmax') + binary_crossentropy"),
        ),
        text(
            "One sigmoid unit outputs the probability of 'yes' (0..1); binary cross-entropy "
            "scores it. A softmax over one unit always outputs 1.",
            "시그모이드 유닛 하나가 '예'일 확률(0..1)을 내고 이진 교차 엔트로피로 평가합니다. "
            "유닛 하나의 소프트맥스는 항상 1을 냅니다.",
        ),
        HINT,
        uses=frozenset({"Dense"}),
    )


def regression_pair(rng: Random) -> ConceptDraft:
    en, ko = rng.choice(REGRESSION)
    return ConceptDraft(
        text(
            f"A model predicts {en}. Which output layer and loss go together?",
            f"모델이 {attach(ko, '을/를')} 예측합니다. 어울리는 출력층과 손실은?",
        ),
        same("Dense(1) (linear) + mse"),
        (
            same("Dense(1, activation='sigmoid') + binary_crossentropy"),
            same("Dense(1, activation='softmax') + mse"),
            same("Dense(10, activation='softmax') + categorical_crossentropy"),
        ),
        text(
            "A number can be any size, so the output is linear (no activation) and the loss "
            "is mean squared error.",
            "숫자는 어떤 크기든 될 수 있으므로 출력은 선형(활성화 없음), 손실은 평균 제곱 "
            "오차입니다.",
        ),
        HINT,
        uses=frozenset({"Dense"}),
    )


def reuters_pair(rng: Random) -> ConceptDraft:
    return ConceptDraft(
        text(
            "Reuters newswires: 46 topics, and the labels are integers 0 to 45. Which output "
            "layer and loss?",
            "로이터 뉴스: 주제 46개, 레이블은 0부터 45까지의 정수입니다. 출력층과 손실은?",
        ),
        same("Dense(46, activation='softmax') + sparse_categorical_crossentropy"),
        (
            same("Dense(46, activation='softmax') + binary_crossentropy"),
            same("Dense(1, activation='sigmoid') + sparse_categorical_crossentropy"),
            same("Dense(46) + mse"),
        ),
        text(
            "46 classes need 46 softmax units; integer labels call for the sparse_ variant "
            "of categorical cross-entropy.",
            "클래스 46개에는 소프트맥스 유닛 46개가 필요하고, 정수 레이블에는 "
            "범주형 교차 엔트로피의 sparse_ 버전을 씁니다.",
        ),
        HINT,
        uses=frozenset({"Dense"}),
    )


def integer_labels_fix(rng: Random) -> ConceptDraft:
    classes = rng.choice((3, 10, 46))
    return ConceptDraft(
        text(
            f"The labels are integers 0 to {classes - 1}, but the model is compiled with "
            "loss='categorical_crossentropy'. What fixes it?",
            f"레이블은 0부터 {classes - 1}까지의 정수인데 loss='categorical_crossentropy'로 "
            "컴파일했습니다. 어떻게 고치나요?",
        ),
        (
            "Use sparse_categorical_crossentropy, or one-hot encode y with "
            "keras.utils.to_categorical",
            "sparse_categorical_crossentropy를 쓰거나 keras.utils.to_categorical로 y를 "
            "원-핫 인코딩합니다",
        ),
        (
            ("Switch to binary_crossentropy", "binary_crossentropy로 바꿉니다"),
            ("Use a sigmoid output layer", "시그모이드 출력층을 씁니다"),
            (
                f"Divide the labels by {classes - 1} to scale them to 0..1",
                f"레이블을 {attach(str(classes - 1), '으로/로')} 나눠 0..1로 맞춥니다",
            ),
        ),
        text(
            "categorical_crossentropy expects one-hot targets; with integer labels either "
            "encode them or use the sparse_ loss, which reads integers directly.",
            "categorical_crossentropy는 원-핫 정답을 기대합니다. 정수 레이블이면 인코딩하거나 "
            "정수를 그대로 읽는 sparse_ 손실을 씁니다.",
        ),
        HINT,
    )


ONE_HOT_TARGET = fact(
    (
        "Training with cross-entropy against one-hot targets pushes the softmax output "
        "toward what?",
        "원-핫 정답에 대한 교차 엔트로피로 학습하면 소프트맥스 출력은 어디로 가까워지나요?",
    ),
    (
        "The one-hot vector: probability 1 for the true class, 0 for the others",
        "원-핫 벡터: 정답 클래스는 확률 1, 나머지는 0",
    ),
    (
        ("Equal probabilities for every class", "모든 클래스에 같은 확률"),
        ("The label's integer value", "레이블의 정수 값"),
        ("Zero for every class", "모든 클래스에 0"),
    ),
    (
        "Cross-entropy -sum y log p is smallest when p matches the one-hot y.",
        "교차 엔트로피 -sum y log p는 p가 원-핫 y와 같을 때 가장 작습니다.",
    ),
    _HINT,
)

MSE_FORMULA = fact(
    (
        "For predictions p and targets y, what does loss='mse' minimise?",
        "예측값 p와 정답 y에 대해 loss='mse'가 최소화하는 것은?",
    ),
    ("The mean of (y - p)^2", "(y - p)^2의 평균"),
    (
        ("The mean of |y - p|", "|y - p|의 평균"),
        ("-sum y log p", "-sum y log p"),
        ("The fraction of wrong predictions", "틀린 예측의 비율"),
    ),
    (
        "Mean squared error averages the squared differences; |y - p| is the mean absolute "
        "error and -sum y log p is cross-entropy.",
        "평균 제곱 오차는 차이의 제곱을 평균합니다. |y - p|는 평균 절대 오차, "
        "-sum y log p는 교차 엔트로피입니다.",
    ),
    _HINT,
)

ITEMS: dict[str, tuple[Item, ...]] = {
    "easy": (regression_loss, binary_loss, one_hot_loss),
    "medium": (integer_label_loss, multi_class_pair, binary_pair, regression_pair),
    "hard": (integer_labels_fix, reuters_pair, ONE_HOT_TARGET, MSE_FORMULA),
}
