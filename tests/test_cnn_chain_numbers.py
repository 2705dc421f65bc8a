"""Every hand-worked number in the second half of chapter 4 (reading a CNN, the MNIST CNN,
the shapes CNN, the Fashion-MNIST CNNs, CNN history) is recomputed here, formatted as the
lessons print it, and looked for in both the English and the Korean text.

Model shapes and parameter counts in ```python blocks are checked by test_lesson_models.py;
this file covers the chains worked in prose, tables and diagrams, and the arithmetic around
the exercises. The inputs are the layer settings; every answer comes from the formulas:
output size floor((H + 2P - K) / S) + 1, Conv2D parameters (K x K x C_in + 1) x C_out,
Dense parameters inputs x units + units.
"""

from __future__ import annotations

import itertools
import math
import re

from tests.lesson_text import (
    LANGS,
    assert_in_both,
    assert_in_prose,
    body,
    keras_defaults,
    keras_exports,
)


def out_size(size: int, kernel: int, stride: int = 1, padding: int = 0) -> int:
    """The output-size formula: floor((H + 2P - K) / S) + 1."""
    return math.floor((size + 2 * padding - kernel) / stride) + 1


def conv_params(kernel: int, c_in: int, filters: int) -> int:
    return (kernel * kernel * c_in + 1) * filters


def dense_params(inputs: int, units: int) -> int:
    return inputs * units + units


def conv_working(size: int, kernel: int) -> str:
    """A valid, stride-1 convolution as the lessons write it: 160 - 5 + 1 = 156."""
    return f"{size} - {kernel} + 1 = {out_size(size, kernel)}"


def pool_working(size: int, pool: int = 2) -> str:
    """Pooling with stride = pool size: floor((156 - 2) / 2) + 1 = 78."""
    return f"floor(({size} - {pool}) / {pool}) + 1 = {out_size(size, pool, pool)}"


def conv_count(kernel: int, c_in: int, filters: int) -> str:
    """(4 x 4 x 1 + 1) x 20 = 340"""
    return (
        f"({kernel} x {kernel} x {c_in} + 1) x {filters} = {conv_params(kernel, c_in, filters):,}"
    )


# --- 4.6 reading a CNN ----------------------------------------------------------------------

# The notes' first chain: 160x120, three 5x5/5x5/4x4 convolutions each followed by pool 2,
# then Dense 512 -> 128 -> 4. The filter counts (16, 32, 64) and the 3 input channels are the
# lesson's choice, since the notes give only the sizes.
CHAIN1_INPUT = (160, 120, 3)
CHAIN1_CONVS = ((5, 16), (5, 32), (4, 64))
CHAIN1_DENSE = (512, 128, 4)


def test_chain_160_by_120() -> None:
    rows, cols, channels = CHAIN1_INPUT
    expected = [f"{rows} x {cols} x {channels}"]
    conv_totals = []
    for kernel, filters in CHAIN1_CONVS:
        expected += [conv_working(rows, kernel), conv_working(cols, kernel)]
        conv_totals.append(conv_params(kernel, channels, filters))
        rows, cols, channels = out_size(rows, kernel), out_size(cols, kernel), filters
        expected.append(f"{rows} x {cols} x {channels}")
        expected.append(pool_working(rows))
        rows, cols = out_size(rows, 2, 2), out_size(cols, 2, 2)
        expected += [f"({cols})", f"{rows} x {cols} x {channels}"]
    flat = rows * cols * channels
    expected.append(f"{rows} x {cols} x {channels} = {flat:,}")
    # The notes' sizes, reached by the formula rather than copied.
    assert (rows, cols) == (17, 12)
    assert_in_both("reading-a-cnn", expected)
    first_dense = dense_params(flat, CHAIN1_DENSE[0])
    sizes = (flat, *CHAIN1_DENSE)
    total = sum(conv_totals) + sum(dense_params(a, b) for a, b in itertools.pairwise(sizes))
    assert_in_prose(
        "reading-a-cnn",
        [
            " + ".join(f"{n:,}" for n in conv_totals) + f" = {sum(conv_totals):,}",
            f"{first_dense:,}",
            f"{total:,}",
            f"{flat:,}",
        ],
    )


# The notes' second chain: (39, 31, 1), 100 classes.
CHAIN2_INPUT = (39, 31, 1)
CHAIN2_CONVS = ((4, 20, True), (3, 40, True), (2, 60, True), (2, 60, False))  # pool after?
CHAIN2_CLASSES = 100


def shape(*values: int) -> str:
    return "(" + ", ".join(str(v) for v in values) + (",)" if len(values) == 1 else ")")


def test_chain_39_by_31_table() -> None:
    rows, cols, channels = CHAIN2_INPUT
    expected = [f"| {shape(rows, cols, channels)}"]
    total = 0
    for kernel, filters, pool in CHAIN2_CONVS:
        expected.append(f"| {conv_count(kernel, channels, filters)} |")
        expected += [conv_working(rows, kernel), conv_working(cols, kernel)]
        total += conv_params(kernel, channels, filters)
        rows, cols, channels = out_size(rows, kernel), out_size(cols, kernel), filters
        expected.append(f"| {shape(rows, cols, channels)}")
        if pool:
            expected += [pool_working(rows), pool_working(cols)]
            rows, cols = out_size(rows, 2, 2), out_size(cols, 2, 2)
            expected.append(f"| {shape(rows, cols, channels)}")
    flat = rows * cols * channels
    dense = dense_params(flat, CHAIN2_CLASSES)
    total += dense
    expected += [
        f"{rows} x {cols} x {channels} = {flat}",
        f"| {shape(flat)}",
        f"| {shape(CHAIN2_CLASSES)}",
        f"| {flat} x {CHAIN2_CLASSES} + {CHAIN2_CLASSES} = {dense:,} |",
        f"| {total:,} ",
    ]
    assert_in_prose("reading-a-cnn", expected)


def test_chain_39_by_31_known_mistakes() -> None:
    """The notes count 4 x 4 x 1 x 20 (no bias) and drop the + 1 of the size formula."""
    rows, _, c_in = CHAIN2_INPUT
    kernel, filters, _ = CHAIN2_CONVS[0]
    assert conv_params(kernel, c_in, filters) - kernel * kernel * c_in * filters == filters
    assert_in_prose(
        "reading-a-cnn",
        [
            f"{kernel} x {kernel} x {c_in} x {filters} = {kernel * kernel * c_in * filters}",
            conv_count(kernel, c_in, filters),
            f"({rows} + 2*0 - {kernel})/1",
            f"floor(({rows} + 2*0 - {kernel}) / 1) + 1 = {out_size(rows, kernel)}",
            # 7 x 5 pools to 3 x 2: the last row and column are dropped.
            f"{7} / 2",
            pool_working(7),
        ],
    )


# The notes' "stack it yourself" network: 8 x 8 x 1, two 'same' convolutions each followed by
# pool 2, then Dense 8 and Dense 3; the notes count 178 parameters.
CHAIN3_INPUT = (8, 8, 1)
CHAIN3_CONVS = ((3, 2), (2, 3))  # kernel, filters; padding "same", stride 1
CHAIN3_DENSE = (8, 3)
NOTES_CHAIN3_TOTAL = 178


def test_chain_8_by_8_stacked_yourself() -> None:
    rows, cols, channels = CHAIN3_INPUT
    assert math.ceil(rows / 1) == rows  # 'same' at stride 1 keeps the size
    expected = [f"ceil({rows} / 1) = {math.ceil(rows / 1)}", shape(rows, cols, channels)]
    counts = []
    for kernel, filters in CHAIN3_CONVS:
        counts.append(conv_params(kernel, channels, filters))
        expected.append(conv_count(kernel, channels, filters))
        channels = filters
        expected.append(shape(rows, cols, channels))
        rows, cols = out_size(rows, 2, 2), out_size(cols, 2, 2)
        expected.append(shape(rows, cols, channels))
    flat = rows * cols * channels
    expected += [f"{rows} x {cols} x {channels} = {flat}", shape(flat)]
    size = flat
    for units in CHAIN3_DENSE:
        counts.append(dense_params(size, units))
        expected += [f"{size} x {units} + {units} = {dense_params(size, units)}", shape(units)]
        size = units
    total = sum(counts)
    assert total == NOTES_CHAIN3_TOTAL
    expected.append(" + ".join(map(str, counts)) + f" = {total}")
    assert_in_prose("reading-a-cnn", expected)


def test_the_tutor_is_called_dltutor() -> None:
    for lang in LANGS:
        text = body("reading-a-cnn", lang)
        assert "`dltutor explain`" in text and "`tutor explain`" not in text, lang


# --- 4.7 the MNIST CNN and its callbacks -----------------------------------------------------

MNIST_TRAIN, MNIST_SIDE, MNIST_CLASSES = 60_000, 28, 10
MNIST_CONVS = ((3, 32), (3, 64))  # kernel, filters; no pooling between them
MNIST_DENSE = 128
MNIST_BATCH, MNIST_SPLIT = 64, 0.2  # the exercise script's defaults


def assert_each(lesson_id: str, templates: dict[str, str], **values: object) -> None:
    """A number inside words: one template per language, e.g. {"en": "after epoch {n}"}."""
    for lang in LANGS:
        expected = templates[lang].format(**values)
        prose = " ".join(body(lesson_id, lang).split())
        assert expected in prose, f"{lesson_id}.{lang}.md lacks {expected!r}"


def test_mnist_cnn_parameters() -> None:
    side, channels = MNIST_SIDE, 1
    sides, counts = [side], []
    expected = []
    for kernel, filters in MNIST_CONVS:
        expected.append(conv_count(kernel, channels, filters))
        counts.append(conv_params(kernel, channels, filters))
        side, channels = out_size(side, kernel), filters
        sides.append(side)
    pooled = out_size(side, 2, 2)
    flat = pooled * pooled * channels
    hidden = dense_params(flat, MNIST_DENSE)
    output = dense_params(MNIST_DENSE, MNIST_CLASSES)
    total = sum(counts) + hidden + output
    expected += [
        f"{pooled} x {pooled} x {channels} = {flat:,}",
        f"{flat:,} x {MNIST_DENSE} + {MNIST_DENSE} = {hidden:,}",
        f"{100 * hidden / total:.1f}%",
        " + ".join(f"{n:,}" for n in (*counts, hidden, output)) + f" = {total:,}",
    ]
    assert_in_prose("mnist-cnn", expected)
    assert_each(
        "mnist-cnn",
        {"en": "{a} to {b} to {c}", "ko": "{a}에서 {b}, 다시 {c}"},
        **dict(zip("abc", sides, strict=True)),
    )


def test_mnist_cnn_steps() -> None:
    validation = MNIST_TRAIN - math.floor(MNIST_TRAIN * (1 - MNIST_SPLIT))
    train = MNIST_TRAIN - validation
    steps = math.ceil(train / MNIST_BATCH)
    assert_in_prose(
        "mnist-cnn",
        [f"{validation:,}", f"{train:,}", f"ceil({train} / {MNIST_BATCH}) = {steps}"],
    )


# A made-up MNIST-like run; what the callbacks do with it is computed below with Keras' rules
# (EarlyStopping: min_delta 0, strictly lower is better; ModelCheckpoint mode "max": strictly
# higher; ReduceLROnPlateau: better only by more than min_delta 1e-4).
VAL_LOSS = (0.060, 0.045, 0.041, 0.043, 0.040, 0.042, 0.044, 0.046)
VAL_ACCURACY = (0.982, 0.986, 0.988, 0.987, 0.990, 0.989, 0.990, 0.988)
STOP_PATIENCE, LR_PATIENCE, LR_FACTOR, ADAM_LR = 3, 2, 0.5, 0.001


def early_stopping(values: tuple[float, ...], patience: int, min_delta: float = 0.0):
    """Per epoch: 0 for a new best, else epochs without improvement; and the stop epoch."""
    best, wait, waits = math.inf, 0, []
    for epoch, value in enumerate(values, 1):
        if value < best - min_delta:
            best, wait = value, 0
        else:
            wait += 1
        waits.append(wait)
        if wait >= patience:
            return waits, epoch
    return waits, None


def test_callbacks_table() -> None:
    waits, stop = early_stopping(VAL_LOSS, STOP_PATIENCE)
    assert stop is not None
    best = min(range(stop), key=lambda i: VAL_LOSS[i]) + 1
    saved, top = [], -math.inf
    for epoch, value in enumerate(VAL_ACCURACY[:stop], 1):
        if value > top:
            saved.append(epoch)
            top = value
    assert saved[-1] == best  # the file and the restored weights are the same epoch
    words = {
        "en": ("best", "{n} epoch without better", "{n} epochs without better", "saved"),
        "ko": ("최고", "{n} 에포크째 개선 없음", "{n} 에포크째 개선 없음", "저장"),
    }
    stop_words = {"en": "stop", "ko": "멈춤"}
    for lang in LANGS:
        rows = {" ".join(line.split()) for line in body("mnist-cnn", lang).splitlines()}
        new_best, one, many, save = words[lang]
        for epoch, wait in enumerate(waits, 1):
            if wait == 0:
                status = new_best
            elif wait == STOP_PATIENCE:
                status = f"{wait} = patience: {stop_words[lang]}"
            else:
                status = (one if wait == 1 else many).format(n=wait)
            mark = save if epoch in saved else "-"
            numbers = f"{epoch} {VAL_LOSS[epoch - 1]:.3f} {VAL_ACCURACY[epoch - 1]:.3f}"
            row = f"{numbers} {status} {mark}"
            assert any(r.startswith(row) for r in rows), f"mnist-cnn.{lang}: row {row!r}"
    listed = ", ".join(map(str, saved[:-1]))
    assert_each(
        "mnist-cnn",
        {
            "en": "stops after epoch {stop} and restores the weights of epoch {best}",
            "ko": "에포크 {stop}이 끝나고 멈추며 에포크 {best}의 가중치",
        },
        stop=stop,
        best=best,
    )
    assert_each(
        "mnist-cnn",
        {"en": "saved at epochs {listed} and {last}", "ko": "에포크 {listed}, {last}에서"},
        listed=listed,
        last=saved[-1],
    )


def test_reduce_lr_on_plateau() -> None:
    waits, act = early_stopping(VAL_LOSS, LR_PATIENCE, min_delta=1e-4)
    assert act is not None and waits[act - 1] == LR_PATIENCE
    assert_each(
        "mnist-cnn",
        {"en": "act after epoch {act}", "ko": "에포크 {act} 뒤에 작동"},
        act=act,
    )
    assert_in_prose("mnist-cnn", [f"factor={LR_FACTOR}, patience={LR_PATIENCE}"])
    assert_each(
        "mnist-cnn",
        {"en": "{old:g} becomes {new:g}", "ko": "{old:g}이 {new:g}가"},
        old=ADAM_LR,
        new=ADAM_LR * LR_FACTOR,
    )


# --- 4.8 hand-drawn shapes ---------------------------------------------------------------------

SHAPES_SIDE, SHAPES_CLASSES, SHAPES_PER_CLASS = 24, 3, 15
SHAPES_CONVS = ((3, 32), (3, 64))
ROTATION, TRANSLATION, OLD_ROTATION_DEGREES = 0.1, 0.15, 36


def shapes_total(channels: int) -> int:
    """The shapes CNN's parameters for an input of 24 x 24 x channels."""
    side, total = SHAPES_SIDE, 0
    for kernel, filters in SHAPES_CONVS:
        total += conv_params(kernel, channels, filters)
        side, channels = out_size(side, kernel), filters
    flat = out_size(side, 2, 2) ** 2 * channels
    return total + dense_params(flat, 128) + dense_params(128, SHAPES_CLASSES)


def test_shapes_model_and_data() -> None:
    side, channels, total, sides = SHAPES_SIDE, 1, 0, [SHAPES_SIDE]
    for kernel, filters in SHAPES_CONVS:
        total += conv_params(kernel, channels, filters)
        side, channels = out_size(side, kernel), filters
        sides.append(side)
    pooled = out_size(side, 2, 2)
    flat = pooled * pooled * channels
    total += dense_params(flat, 128) + dense_params(128, SHAPES_CLASSES)
    images = SHAPES_CLASSES * SHAPES_PER_CLASS
    assert_in_prose(
        "shapes-cnn",
        [
            f"{SHAPES_CLASSES} x {SHAPES_PER_CLASS} = {images}",
            f"{pooled} x {pooled} x {channels} = {flat:,}",
            f"{total:,} / {images} = {round(total / images):,}",
        ],
    )
    assert_each(
        "shapes-cnn",
        {"en": "{a} to {b} to {c}", "ko": "{a}에서 {b}, 다시 {c}"},
        **dict(zip("abc", sides, strict=True)),
    )


def test_the_notes_model_reads_three_channels() -> None:
    """flow_from_directory reads RGB, so the notes' model takes (24, 24, 3); the exercise
    draws grey images, one channel."""
    first_grey = conv_params(3, 1, SHAPES_CONVS[0][1])
    first_rgb = conv_params(3, 3, SHAPES_CONVS[0][1])
    grey, rgb = shapes_total(channels=1), shapes_total(channels=3)
    assert rgb == grey - first_grey + first_rgb
    assert_in_prose(
        "shapes-cnn",
        [
            f"({SHAPES_SIDE}, {SHAPES_SIDE}, 3)",
            conv_count(3, 3, SHAPES_CONVS[0][1]),
            f"{grey:,} - {first_grey} + {first_rgb} = {rgb:,}",
        ],
    )
    for lang, grey in (("en", "small grey"), ("ko", "작은 흑백")):
        assert grey not in " ".join(body("shapes-cnn", lang).split()), lang


def test_folders_then_and_now() -> None:
    """What the lesson says of flow_from_directory and image_dataset_from_directory is what
    Keras' own source defines."""
    assert "ImageDataGenerator" not in keras_exports("preprocessing.image")
    assert "image_dataset_from_directory" in keras_exports("utils")
    assert "Rescaling" in keras_exports("layers")
    old = keras_defaults("src/legacy/preprocessing/image.py", "flow_from_directory")
    new = keras_defaults("src/utils/image_dataset_utils.py", "image_dataset_from_directory")
    assert old["target_size"] == new["image_size"] == (256, 256)
    assert old["color_mode"] == new["color_mode"] == "rgb"
    quoted = [
        f'class_mode="{old["class_mode"]}"',
        f'label_mode="{new["label_mode"]}"',
        f'color_mode="{old["color_mode"]}"',
        'color_mode="grayscale"',
        'label_mode="categorical"',
        "image_size=(24, 24)",
        "keras.utils.image_dataset_from_directory",
        "flow_from_directory",
        "fit_generator",
        "layers.Rescaling(1 / 255)",
        "steps_per_epoch",
        f"{new['image_size'][0]} x {new['image_size'][1]}",
    ]
    assert_in_prose("shapes-cnn", quoted)


def test_augmentation_ranges() -> None:
    assert_in_prose(
        "shapes-cnn",
        [
            f"{ROTATION} x 360 = {ROTATION * 360:g}",
            f"{TRANSLATION} x {SHAPES_SIDE} = {TRANSLATION * SHAPES_SIDE:g}",
            f"rotation_range={OLD_ROTATION_DEGREES}",
            f"{OLD_ROTATION_DEGREES} / 360 = {OLD_ROTATION_DEGREES / 360:g}",
            f"RandomRotation({OLD_ROTATION_DEGREES / 360:g})",
            f"RandomTranslation({TRANSLATION}, {TRANSLATION})",
        ],
    )


# --- 4.9 Fashion-MNIST CNNs in three steps ------------------------------------------------------

FASHION_SIDE, FASHION_CLASSES = 28, 10
NOPOOL_FILTERS = (16, 32, 64)  # step (a): three valid 3x3 convolutions, no pooling
POOL_FILTERS = (32, 64, 128)  # step (b): pooling after the first two
AUGMENT_DEGREES, AUGMENT_SHIFT = 10, 0.1


def fashion_model(filters: tuple[int, ...], pool_after: int) -> tuple[list[int], int, int, int]:
    """Sides after each convolution (and its pooling), the Flatten size, Dense(128)'s
    parameters and the model's total, for a chain of valid 3x3 convolutions."""
    side, channels, total, sides = FASHION_SIDE, 1, 0, []
    for index, count in enumerate(filters):
        total += conv_params(3, channels, count)
        side, channels = out_size(side, 3), count
        sides.append(side)
        if index < pool_after:
            side = out_size(side, 2, 2)
            sides.append(side)
    flat = side * side * channels
    hidden = dense_params(flat, 128)
    total += hidden + dense_params(128, FASHION_CLASSES)
    return sides, flat, hidden, total


def test_fashion_steps_a_and_b() -> None:
    sides_a, flat_a, hidden_a, total_a = fashion_model(NOPOOL_FILTERS, pool_after=0)
    sides_b, flat_b, hidden_b, total_b = fashion_model(POOL_FILTERS, pool_after=2)
    side_a, side_b = sides_a[-1], sides_b[-1]
    expected = [
        f"{side_a} x {side_a} x {NOPOOL_FILTERS[-1]} = {flat_a:,}",
        f"{side_b} x {side_b} x {POOL_FILTERS[-1]} = {flat_b:,}",
        f"{100 * hidden_a / total_a:.1f}%",
        f"{total_a / total_b:.1f}",
        f"{flat_a / flat_b:.1f}",
        pool_working(sides_b[2]),
        f"{hidden_a:,}",
        f"{hidden_b:,}",
    ]
    assert_in_prose("fashion-cnn", expected)
    # The side-by-side diagram: each convolution's output, and pool -> for step (b).
    diagram = [
        f"Conv 3x3 {sides_a[0]} x {sides_a[0]} {sides_b[0]} x {sides_b[0]} "
        f"pool -> {sides_b[1]} x {sides_b[1]}",
        f"Conv 3x3 {sides_a[1]} x {sides_a[1]} {sides_b[2]} x {sides_b[2]} "
        f"pool -> {sides_b[3]} x {sides_b[3]}",
        f"Conv 3x3 {sides_a[2]} x {sides_a[2]} {sides_b[4]} x {sides_b[4]}",
    ]
    for lang in LANGS:
        rows = [" ".join(line.split()) for line in body("fashion-cnn", lang).splitlines()]
        assert [r for r in rows if r.startswith("Conv 3x3 ")] == diagram, lang
    for lang in LANGS:
        table = body("fashion-cnn", lang)
        for total, flat in ((total_a, flat_a), (total_b, flat_b)):
            assert re.search(rf"\|\s*{total:,}\s*\|\s*{flat:,}\s*\|", table), (lang, total)


TYPO_UNITS = 18  # the notes' Dense(units=18) output of step (b)


def test_the_typo_in_step_b() -> None:
    _, _, _, total = fashion_model(POOL_FILTERS, pool_after=2)
    right = dense_params(128, FASHION_CLASSES)
    wrong = dense_params(128, TYPO_UNITS)
    assert_in_prose(
        "fashion-cnn",
        [
            f"Dense(units={TYPO_UNITS}, activation='softmax')",
            f"128 x {TYPO_UNITS} + {TYPO_UNITS} = {wrong:,}",
            f"{total - right + wrong:,}",
            f"{total:,}",
        ],
    )
    assert_each(
        "fashion-cnn",
        {"en": "{w:,} parameters instead of {r:,}", "ko": "{r:,}개가 아니라 {working}"},
        w=wrong,
        r=right,
        working=f"128 x {TYPO_UNITS} + {TYPO_UNITS} = {wrong:,}",
    )
    assert_each(
        "fashion-cnn",
        {"en": "and {n} units simply", "ko": "남는 유닛 {n}개"},
        n=TYPO_UNITS - FASHION_CLASSES,
    )


def test_fashion_step_c_vgg() -> None:
    # Two 'same' convolutions keep 28 (ceil(28 / 1)), pool 14, a 'same' one keeps 14, a
    # 'valid' one gives 12, pool 6.
    same = math.ceil(FASHION_SIDE / 1)
    pooled = out_size(same, 2, 2)
    valid = out_size(pooled, 3)
    last = out_size(valid, 2, 2)
    flat = last * last * 256
    total = (
        conv_params(3, 1, 32)
        + conv_params(3, 32, 64)
        + conv_params(3, 64, 128)
        + conv_params(3, 128, 256)
        + dense_params(flat, 512)
        + dense_params(512, 256)
        + dense_params(256, FASHION_CLASSES)
    )
    assert_in_prose(
        "fashion-cnn",
        [
            f"ceil({FASHION_SIDE} / 1) = {same}",
            conv_working(pooled, 3),
            f"{last} x {last} x 256 = {flat:,}",
            f"{total:,}",
        ],
    )
    for lang in LANGS:
        assert re.search(rf"\|\s*{total:,}\s*\|\s*{flat:,}\s*\|", body("fashion-cnn", lang))


def test_the_accuracies_are_the_notes() -> None:
    """89 / 92.5 / 92.9% come from the notes' own runs, not the exercises' recipe."""
    words = {
        "en": ["Notes' test accuracy", "the notes report", "so your figures will differ"],
        "ko": ["노트의 테스트 정확도", "노트는 테스트 정확도를", "결과가 다를 것입니다"],
    }
    for lang, phrases in words.items():
        prose = " ".join(body("fashion-cnn", lang).split())
        missing = [phrase for phrase in phrases if phrase not in prose]
        assert not missing, (lang, missing)


def test_shear_has_a_keras_layer() -> None:
    assert "RandomShear" in keras_exports("layers")
    for lang in LANGS:
        text = body("fashion-cnn", lang)
        assert "`RandomShear`" in text and "RandomShear(x_factor=0.1)" in text, lang
        assert "no core Keras" not in text and "핵심 층에 없" not in text, lang


def test_fashion_augmentation() -> None:
    assert_in_prose(
        "fashion-cnn",
        [
            f"RandomRotation({AUGMENT_DEGREES} / 360)",
            f"{AUGMENT_DEGREES} / 360 = {AUGMENT_DEGREES / 360:.3f}",
            f"RandomTranslation({AUGMENT_SHIFT}, {AUGMENT_SHIFT})",
            f"{AUGMENT_SHIFT * FASHION_SIDE:g}",
        ],
    )


# --- 4.10 CNN history -------------------------------------------------------------------------

TIMELINE = {"LeNet-5": 1998, "AlexNet": 2012, "VGG16": 2014, "ResNet": 2015, "Mask R-CNN": 2017}
ALEXNET_PARAMS = 60_000_000  # the notes: about 60 million


def test_timeline() -> None:
    for lang in LANGS:
        text = " ".join(body("cnn-history", lang).split())
        for name, year in TIMELINE.items():
            assert re.search(rf"{year} ─[┬┼┴]─ {re.escape(name)} ", text), (lang, name)
        assert "R-CNN (2014)" in text or "R-CNN(2014)" in text, lang


def test_lenet_against_alexnet() -> None:
    lenet = (
        conv_params(5, 1, 6)
        + conv_params(5, 6, 16)
        + dense_params(5 * 5 * 16, 120)
        + dense_params(120, 84)
        + dense_params(84, 10)
    )
    about = round(lenet, -4)
    assert ALEXNET_PARAMS // about == 1000
    assert_each(
        "cnn-history",
        {"en": "About {k} thousand parameters", "ko": "파라미터는 약 {man}만 개"},
        k=about // 1000,
        man=about // 10_000,
    )
    assert_each(
        "cnn-history",
        {"en": "a thousand times LeNet", "ko": "LeNet의 천 배"},
    )
    assert_in_prose("cnn-history", [f"{lenet:,}", f"~{ALEXNET_PARAMS // 1_000_000}M"])


def test_stacked_3x3_against_5x5() -> None:
    channels = 64
    two = 2 * conv_params(3, channels, channels)
    one = conv_params(5, channels, channels)
    assert two < one
    field = [1 + n * (3 - 1) for n in (2, 3)]  # what 2 and 3 stacked 3x3 layers see
    assert_in_prose(
        "cnn-history",
        [
            f"2 x {conv_count(3, channels, channels).rsplit(' = ', 1)[0]} = {two:,}",
            conv_count(5, channels, channels),
            *(f"{f}x{f}" for f in field),
        ],
    )


def test_vgg16_flatten() -> None:
    side = 224
    for _ in range(5):  # five blocks, each ended by 2x2 pooling
        side = out_size(side, 2, 2)
    flat = side * side * 512
    assert_in_prose("cnn-history", [f"{side} x {side} x 512 = {flat:,}", "1,000"])


def test_inception_1x1_saving() -> None:
    c_in, c_out = 256, 64
    direct = conv_params(5, c_in, c_out)
    reduce = conv_params(1, c_in, c_out)
    then = conv_params(5, c_out, c_out)
    assert reduce + then < direct
    assert_in_prose(
        "cnn-history",
        [
            conv_count(5, c_in, c_out),
            conv_count(1, c_in, c_out),
            conv_count(5, c_out, c_out),
            f"{reduce + then:,}",
        ],
    )
