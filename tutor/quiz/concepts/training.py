"""How training goes (lessons 2.3 and 3.6): a gradient-descent step, the valley gradient
descent ends in on lesson 2.3's two-valley loss, what a hidden layer learns that an SVM's
kernel fixes, and when early stopping stops and which epoch it restores. Every number is
worked out here by running the rule, never typed in."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from tutor.quiz.concepts.draft import ConceptDraft, Item, decimal, fact, numbers, same
from tutor.quiz.question import text

_HINT = (
    "Gradient descent: w <- w - η · ∂L/∂w, always downhill, so it stops in the valley it "
    "starts above. Early stopping counts epochs without a better val_loss and stops when "
    "the count reaches patience.",
    "경사 하강법: w <- w - η · ∂L/∂w. 항상 내리막으로만 가므로 시작한 쪽의 골짜기에서 "
    "멈춥니다. 조기 종료는 val_loss가 나아지지 않은 에포크를 세다가 그 수가 patience에 "
    "이르면 멈춥니다.",
)
HINT = text(*_HINT)


def gradient_step(rng: Random) -> ConceptDraft:
    """One step of w <- w - η · ∂L/∂w (lesson 2.3: 0.5 - 0.05 · (-12.0) = 1.1)."""
    w, gradient, rate = rng.choice(
        ((0.5, -12.0, 0.05), (0.5, -12.0, 0.01), (1.0, 4.0, 0.1), (2.0, -6.0, 0.05),
         (-1.0, 8.0, 0.1), (0.2, -15.0, 0.02), (1.5, 3.0, 0.2), (3.0, 20.0, 0.01))
    )  # fmt: skip
    new = round(w - rate * gradient, 6)
    wrong = (w + rate * gradient, w - gradient, rate * gradient, w - 10 * rate * gradient)
    return ConceptDraft(
        text(
            f"A weight w = {decimal(w)} has the gradient ∂L/∂w = {decimal(gradient)}. What is w "
            f"after one gradient-descent step with learning rate η = {decimal(rate)}?",
            f"가중치 w = {decimal(w)}의 기울기가 ∂L/∂w = {decimal(gradient)}입니다. 학습률 "
            f"η = {decimal(rate)}로 경사 하강법을 한 번 하면 w는?",
        ),
        same(decimal(new)),
        numbers(decimal(new), (decimal(round(v, 6)) for v in wrong)),
        text(
            f"w <- w - η · ∂L/∂w = {decimal(w)} - {decimal(rate)} · ({decimal(gradient)}) = "
            f"{decimal(new)}: the step goes against the gradient, downhill.",
            f"w <- w - η · ∂L/∂w = {decimal(w)} - {decimal(rate)} · ({decimal(gradient)}) = "
            f"{decimal(new)}. 기울기의 반대 방향, 즉 내리막으로 갑니다.",
        ),
        HINT,
    )


# Lesson 2.3's loss with two valleys: L(w) = 3w⁴ - 4w³ - 12w² + 32.
def valley_loss(w: float) -> float:
    return 3 * w**4 - 4 * w**3 - 12 * w**2 + 32


def valley_slope(w: float) -> float:
    """∂L/∂w = 12w(w + 1)(w - 2): zero at the local minimum -1, the hill 0, the minimum 2."""
    return 12 * w * (w + 1) * (w - 2)


VALLEY_RATE = 0.01
VALLEY_STARTS = (-2.0, -1.5, -0.5, -0.25, 0.25, 0.5, 1.0, 1.5, 2.5, 3.0)
"""Starting weights (lesson 2.3's -2 among them); 0, the top of the hill, is not one."""


def descend(w: float, rate: float = VALLEY_RATE, steps: int = 2000) -> float:
    for _ in range(steps):
        w -= rate * valley_slope(w)
    return w


def _place(w: float) -> tuple[str, str]:
    loss = round(valley_loss(w))
    if w < 0:
        return (f"w = -1, a local minimum (L = {loss})", f"w = -1, 지역 최솟값 (L = {loss})")
    if w > 0:
        return (f"w = 2, the global minimum (L = {loss})", f"w = 2, 전역 최솟값 (L = {loss})")
    return (f"w = 0, the top of the hill (L = {loss})", f"w = 0, 언덕 꼭대기 (L = {loss})")


def valley_end(rng: Random) -> ConceptDraft:
    start = rng.choice(VALLEY_STARTS)
    end = round(descend(start), 6)
    right = _place(end)
    others = [_place(w) for w in (-1.0, 2.0, 0.0) if _place(w) != right]
    first = round(start - VALLEY_RATE * valley_slope(start), 4)
    return ConceptDraft(
        text(
            "Gradient descent on L(w) = 3w⁴ - 4w³ - 12w² + 32 (∂L/∂w = 12w(w + 1)(w - 2)) "
            f"starts at w = {decimal(start)} with η = {VALLEY_RATE}. Where does it end?",
            "L(w) = 3w⁴ - 4w³ - 12w² + 32 (∂L/∂w = 12w(w + 1)(w - 2))에서 경사 하강법이 "
            f"w = {decimal(start)}, η = {VALLEY_RATE}로 시작합니다. 어디에서 멈추나요?",
        ),
        right,
        (*others, ("Nowhere: the loss grows without end", "멈추지 않고 손실이 끝없이 커집니다")),
        text(
            f"The first step goes to w = {decimal(first)}; gradient descent only walks "
            f"downhill, so it stays on its side of the hill at w = 0 and settles at "
            f"{right[0]}. The other valley is never visited.",
            f"첫 걸음에 w = {decimal(first)}로 갑니다. 경사 하강법은 내리막으로만 가므로 "
            f"w = 0의 언덕을 넘지 못하고 {right[1]}에서 멈춥니다. 다른 골짜기에는 가지 "
            "않습니다.",
        ),
        HINT,
    )


SVM_FEATURES = fact(
    (
        "Both an SVM and a network with one hidden layer end with a linear split in a "
        "feature space. What does the hidden layer do that the SVM's kernel does not?",
        "SVM과 은닉층 하나인 신경망은 모두 특성 공간에서 선형으로 나누며 끝납니다. 은닉층은 "
        "하고 SVM의 커널은 하지 않는 일은?",
    ),
    (
        "It learns its features from the data, by backpropagation",
        "역전파로 데이터에서 특성을 스스로 배웁니다",
    ),
    (
        ("It maps the inputs into a new feature space", "입력을 새 특성 공간으로 옮깁니다"),
        (
            "It separates the classes with a flat boundary",
            "평평한 경계로 클래스를 나눕니다",
        ),
        ("It needs no labelled examples", "레이블이 있는 예제가 필요 없습니다"),
        ("It always has fewer parameters", "파라미터가 항상 더 적습니다"),
    ),
    (
        "Both map the inputs to features and split them linearly; the SVM's kernel fixes "
        "those features before training, while the hidden layer's weights, and so its "
        "features, are learned.",
        "둘 다 입력을 특성으로 옮긴 뒤 선형으로 나눕니다. SVM의 커널은 훈련 전에 특성을 "
        "정해 두지만, 은닉층은 가중치를, 그러니까 특성을 학습합니다.",
    ),
    _HINT,
)
LOCAL_MINIMUM = fact(
    (
        "Why can gradient descent stop at a local minimum instead of the lowest loss?",
        "경사 하강법이 가장 낮은 손실이 아니라 지역 최솟값에서 멈출 수 있는 이유는?",
    ),
    (
        "It only walks downhill, and at the bottom of any valley the gradient is 0",
        "내리막으로만 가고, 어느 골짜기든 바닥에서는 기울기가 0이라서",
    ),
    (
        ("The learning rate becomes 0 there", "그곳에서 학습률이 0이 되어서"),
        ("The loss cannot be computed there", "그곳에서는 손실을 계산할 수 없어서"),
        ("Keras stops after a fixed number of steps", "Keras가 정해진 횟수만큼만 움직여서"),
    ),
    (
        "The step η · ∂L/∂w is 0 where the slope is 0, so a run that reaches the bottom of "
        "a shallow valley stays there; a different start, momentum or Adam can help.",
        "걸음 η · ∂L/∂w는 기울기가 0인 곳에서 0이므로, 얕은 골짜기 바닥에 닿은 학습은 그대로 "
        "머뭅니다. 다른 시작점, 모멘텀, Adam이 도움이 됩니다.",
    ),
    _HINT,
)


# Early stopping --------------------------------------------------------------------------

LESSON_LOSSES = (0.52, 0.44, 0.40, 0.38, 0.37, 0.38, 0.39, 0.41)
LESSON_PATIENCE = 3


@dataclass(frozen=True)
class Stopped:
    """An EarlyStopping(monitor="val_loss", patience=...) run: the epoch after which it
    stops (1-based; None if it never does), the best epoch, and the wait count per epoch."""

    stopped: int | None
    best: int
    waits: tuple[int, ...]


def early_stopping(losses: tuple[float, ...], patience: int) -> Stopped:
    """Keras' rule: a lower val_loss than the best so far resets the wait count, any other
    epoch adds one, and training stops once the count reaches `patience`."""
    best, best_epoch, wait, waits = float("inf"), 0, 0, []
    for epoch, loss in enumerate(losses, 1):
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
        waits.append(wait)
        if wait >= patience:
            return Stopped(epoch, best_epoch, tuple(waits))
    return Stopped(None, best_epoch, tuple(waits))


def _losses(rng: Random) -> tuple[tuple[float, ...], int]:
    """The lesson's run (it stops after its last epoch, 8), or 12 fresh epochs that fall,
    may dip once more, and rise so that training stops before the best is the last."""
    if rng.random() < 0.2:
        return LESSON_LOSSES, LESSON_PATIENCE
    while True:
        patience = rng.choice((2, 3, 4))
        loss, losses = rng.choice((0.9, 0.8, 0.7, 0.6)), []
        for _ in range(rng.randint(3, 6)):
            loss = round(loss - rng.choice((0.02, 0.03, 0.05, 0.08)), 2)
            losses.append(loss)
        for _ in range(12 - len(losses)):
            loss = round(loss + rng.choice((-0.02, 0.01, 0.02, 0.03)), 2)
            losses.append(loss)
        run = early_stopping(tuple(losses), patience)
        if run.stopped is not None and run.stopped - run.best > 1:
            return tuple(losses), patience


def _table(losses: tuple[float, ...], waits: tuple[int, ...]) -> str:
    epochs = " ".join(f"{n:>4}" for n in range(1, len(losses) + 1))
    return "\n".join(
        [
            f"epoch     {epochs}",
            f"val_loss  {' '.join(f'{v:.2f}' for v in losses)}",
            f"wait      {' '.join(f'{w:>4}' for w in waits)}",
        ]
    )


def _early_stopping_item(rng: Random, restored: bool) -> ConceptDraft:
    losses, patience = _losses(rng)
    run = early_stopping(losses, patience)
    shown = ", ".join(f"{v:.2f}" for v in losses)
    table = _table(losses[: run.stopped], run.waits)
    right = run.best if restored else run.stopped
    candidates = (run.stopped, run.best, run.stopped - 1, run.best + patience, run.stopped + 1)
    question = (
        ("With restore_best_weights=True, the weights of which epoch does the model keep?",
         "restore_best_weights=True이면 모델은 몇 번째 에포크의 가중치를 갖게 되나요?")
        if restored
        else ("After which epoch does training stop?", "몇 번째 에포크가 끝난 뒤 학습이 멈추나요?")
    )  # fmt: skip
    return ConceptDraft(
        text(
            f"EarlyStopping(monitor='val_loss', patience={patience}) watches a run whose "
            f"val_loss after epochs 1, 2, 3, ... would be {shown}. {question[0]}",
            f"EarlyStopping(monitor='val_loss', patience={patience})이 학습을 지켜봅니다. "
            f"에포크 1, 2, 3, ...에서 나올 val_loss: {shown}. {question[1]}",
        ),
        same(right),
        numbers(right, (n for n in candidates if n >= 1)),
        text(
            f"{table}\nThe best val_loss comes at epoch {run.best}; "
            f"after it the wait count reaches patience = {patience} at epoch {run.stopped}, "
            f"so training stops there, and restore_best_weights=True goes back to epoch "
            f"{run.best}.",
            f"{table}\n가장 좋은 val_loss는 에포크 {run.best}입니다. 그 뒤 "
            f"기다린 수가 에포크 {run.stopped}에서 patience = {patience}에 이르러 학습이 "
            f"멈추고, restore_best_weights=True는 에포크 {run.best}로 돌아갑니다.",
        ),
        HINT,
        uses=frozenset({"patience"}),
    )


def early_stop_epoch(rng: Random) -> ConceptDraft:
    return _early_stopping_item(rng, restored=False)


def restored_epoch(rng: Random) -> ConceptDraft:
    return _early_stopping_item(rng, restored=True)


ITEMS: dict[str, tuple[Item, ...]] = {
    "easy": (SVM_FEATURES, gradient_step, LOCAL_MINIMUM),
    "medium": (valley_end, gradient_step, early_stop_epoch),
    "hard": (valley_end, early_stop_epoch, restored_epoch),
}
