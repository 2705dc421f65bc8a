"""Every number in chapter 1 (the deep-learning workflow) is recomputed here, formatted as
the lessons print it, and looked for in both the English and the Korean text.

The expected strings come from the computation, never from a copy of the answer: if a
lesson's number is wrong, or one language drifts from the other, this test names it.
"""

from __future__ import annotations

import math
import re
import statistics

import pytest

from tests.lesson_text import LANGS, assert_in_both, body


def plain(value: float) -> str:
    """How the lessons write an exact small number: 5, -1.5, 0 (never 5.0 or -0)."""
    return f"{value + 0.0:g}"


def three(value: float) -> str:
    """Three decimals, with trailing zeros dropped: 0.286, 0 and 1."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def listed(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


TRAIN_IMAGES = 60_000
BATCH = 128


def test_steps_per_epoch() -> None:
    steps = math.ceil(TRAIN_IMAGES / BATCH)
    full = (steps - 1) * BATCH
    last = TRAIN_IMAGES - full
    assert 0 < last <= BATCH
    with_validation = int(TRAIN_IMAGES * (1 - 0.2))
    assert_in_both(
        "five-steps",
        [
            f"ceil({TRAIN_IMAGES} / {BATCH}) = ceil({TRAIN_IMAGES / BATCH:g}) = {steps}",
            f"{steps - 1} x {BATCH}",
            f"{full:,}",
            f"{TRAIN_IMAGES} - {full} = {last}",
            f"{steps}/{steps}",
            f"{TRAIN_IMAGES:,}",
            f"ceil({with_validation} / {BATCH}) = {math.ceil(with_validation / BATCH)}",
            f"{with_validation:,}",
        ],
    )


def test_validation_split_of_the_code_example() -> None:
    rows, train_rows, split = 1000, 800, 0.2
    held_back = round(train_rows * split)
    for lang, template in (("en", "({n} rows)"), ("ko", "{n}행")):
        assert template.format(n=held_back) in body("five-steps", lang)
    assert_in_both("five-steps", [f"x[:{train_rows}]", f"x[{train_rows}:]", f"{rows:,}"])


# --- 1.2 preparing data -------------------------------------------------------------------

X = [2, 4, 4, 4, 5, 5, 7, 9]


def test_standardization_example() -> None:
    mean = statistics.mean(X)
    std = statistics.pstdev(X)
    squares = sum((x - mean) ** 2 for x in X)
    z = [(x - mean) / std for x in X]
    z_squares = sum(v * v for v in z)
    assert math.isclose(statistics.mean(z), 0) and math.isclose(statistics.pvariance(z), 1)
    assert_in_both(
        "preparing-data",
        [
            listed([plain(x) for x in X]),
            f"{sum(X)} / {len(X)} = {plain(mean)}",
            f"{plain(squares)} / {len(X)} = {plain(statistics.pvariance(X))}",
            f"sqrt({plain(statistics.pvariance(X))}) = {plain(std)}",
            f"(x - {plain(mean)}) / {plain(std)}",
            listed([plain(v) for v in z]),
            f"{plain(z_squares)} / {len(X)} = {plain(z_squares / len(X))}",
        ],
    )


def test_min_max_example() -> None:
    low, high = min(X), max(X)
    scaled = [(x - low) / (high - low) for x in X]
    assert scaled[0] == 0 and scaled[-1] == 1
    assert_in_both(
        "preparing-data",
        [f"(x - {low}) / {high - low} = " + listed([three(v) for v in scaled]), "/ 255"],
    )


def test_label_and_one_hot_encoding() -> None:
    names = ["setosa", "virginica", "versicolor", "setosa"]
    classes = sorted(set(names))
    codes = [classes.index(name) for name in names]
    one_hot = {code: [int(code == k) for k in range(len(classes))] for code in codes}
    expected = [f"y_int: [{' '.join(map(str, codes))}]"]
    for code, name in enumerate(classes):
        expected += [f"| {name}", f"| {code} ", listed([str(bit) for bit in one_hot[code]])]
    expected.append(listed([listed([str(b) for b in one_hot[code]]) for code in codes]))
    assert_in_both("preparing-data", expected)


# --- 1.3 softmax and cross-entropy -------------------------------------------------------

SCORES = [2.0, 1.0, 0.1]


def softmax(scores: list[float]) -> tuple[list[float], list[float]]:
    exps = [math.exp(score) for score in scores]
    total = sum(exps)
    return exps, [e / total for e in exps]


def test_softmax_example() -> None:
    exps, p = softmax(SCORES)
    total = sum(exps)
    shown = [f"{v:.3f}" for v in p]
    assert f"{sum(float(v) for v in shown):.3f}" == f"{sum(p):.3f}"
    assert_in_both(
        "softmax-cross-entropy",
        [
            *(f"{e:.3f}" for e in exps),
            f"= {total:.4f}",
            f"= {sum(p):.3f}",
            "[" + " ".join(shown) + "]",
            listed(shown),
            listed([f"{s:.1f}" for s in SCORES]),
            f"e = {math.e:.3f}",
        ],
    )


def test_cross_entropy_of_each_target() -> None:
    _, p = softmax(SCORES)
    expected = [listed([f"{v:.4f}" for v in p])]
    for target, prob in enumerate(p):
        loss = -math.log(prob)
        # The lesson prints p to four decimals: recomputing from the printed p must agree.
        assert f"{-math.log(round(prob, 4)):.3f}" == f"{loss:.3f}"
        one_hot = listed([str(int(k == target)) for k in range(len(p))])
        expected += [f"{target}  {one_hot}", f"-ln({prob:.4f}) = {loss:.3f}"]
    gradient = [prob - (k == 0) for k, prob in enumerate(p)]
    expected.append(f"[{p[0]:.3f} - 1, " + ", ".join(f"{v:.3f}" for v in p[1:]) + "]")
    expected.append(listed([f"{v:.3f}" for v in gradient]))
    assert_in_both("softmax-cross-entropy", expected)


@pytest.mark.parametrize("prob", [1.0, 0.9, 0.5, 0.1, 0.01])
def test_loss_table(prob: float) -> None:
    row = re.compile(rf"\|\s*{re.escape(str(prob))}\s*\|\s*{-math.log(prob) + 0.0:.3f}\s*\|")
    for lang in LANGS:
        assert row.search(body("softmax-cross-entropy", lang)), f"row for p = {prob} ({lang})"


def test_binary_cross_entropy_example() -> None:
    z = 2.0
    p = 1 / (1 + math.exp(-z))
    shown = round(p, 4)
    for prob in (p, 1 - p):
        assert f"{-math.log(round(prob, 4)):.3f}" == f"{-math.log(prob):.3f}"
    assert_in_both(
        "softmax-cross-entropy",
        [
            f"exp(-{z:.1f})) = {shown:.4f}",
            f"-ln({shown:.4f}) = {-math.log(p):.3f}",
            f"-ln(1 - {shown:.4f}) = -ln({1 - shown:.4f}) = {-math.log(1 - p):.3f}",
        ],
    )


def test_early_stopping_waits_for_patience() -> None:
    """EarlyStopping stops `patience` epochs after the best one, not at it (issue 12.7)."""
    said = {
        "en": "stop once the validation loss has not improved for `patience` epochs",
        "ko": "검증 손실이 `patience` 에포크 동안 나아지지 않으면 멈춘다",
    }
    wrong = {"en": "stop at the epoch with the best", "ko": "가장 낮은 에포크에서 멈춘다"}
    for lang in LANGS:
        prose = " ".join(body("five-steps", lang).split())
        assert said[lang] in prose, lang
        assert wrong[lang] not in prose, lang
