"""Every hand-worked number in the first half of chapter 4 (CNN: lessons 4.1 to 4.5) is
recomputed here, formatted as the lessons print it, and looked for in both the English and
the Korean text.

The expected strings come from the computation, never from a copy of the answer: the
convolution and pooling grids are computed window by window, output sizes with the
formulas. If a lesson's number is wrong, or one language drifts from the other, this test
names it. Shapes and parameter counts of Keras models are checked by
`test_lesson_models.py`.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np

from tests.lesson_text import LANGS, assert_in_both, body, keras_exports

Grid = list[list[float]]


def assert_phrases(lesson_id: str, phrases: dict[str, list[str]]) -> None:
    """Wording that differs by language; line breaks (and quote marks) count as spaces."""
    for lang, wanted in phrases.items():
        text = " ".join(re.sub(r"^> ?", "", body(lesson_id, lang), flags=re.MULTILINE).split())
        missing = [phrase for phrase in wanted if phrase not in text]
        assert not missing, f"{lesson_id}.{lang}.md lacks {missing}"


def number(value: float) -> str:
    """2.0 -> "2", 19.5 -> "19.5", -1.0 -> "-1": as the lessons write grid values."""
    return f"{value + 0.0:g}"


def grid(rows: Grid) -> str:
    """[[2, 1, 1], [0, 2, 2], [0, 1, 1]]: a matrix as the lessons print it."""
    return "[" + ", ".join("[" + ", ".join(number(v) for v in row) + "]" for row in rows) + "]"


def window(image: Grid, top: int, left: int, height: int, width: int) -> Grid:
    return [row[left : left + width] for row in image[top : top + height]]


def out_size(size: int, filter_size: int, stride: int = 1, padding: int = 0) -> int:
    """OH = floor((H + 2P - FH) / S) + 1."""
    return (size + 2 * padding - filter_size) // stride + 1


def convolve(image: Grid, kernel: Grid, stride: int = 1) -> tuple[Grid, dict]:
    """'valid' cross-correlation, as Keras computes it; also each window's working."""
    fh, fw = len(kernel), len(kernel[0])
    oh, ow = out_size(len(image), fh, stride), out_size(len(image[0]), fw, stride)
    output: Grid = [[0.0] * ow for _ in range(oh)]
    working = {}
    for r in range(oh):
        for c in range(ow):
            patch = window(image, r * stride, c * stride, fh, fw)
            pairs = [
                (x, k)
                for patch_row, kernel_row in zip(patch, kernel, strict=True)
                for x, k in zip(patch_row, kernel_row, strict=True)
            ]
            output[r][c] = sum(x * k for x, k in pairs)
            products = " + ".join(f"{number(x)}*{number(k)}" for x, k in pairs)
            working[(r * stride, c * stride)] = (patch, f"{products} = {number(output[r][c])}")
    return output, working


# --- 4.1 why convolution ------------------------------------------------------------------


def conv_params(fh: int, fw: int, c_in: int, c_out: int, bias: bool = True) -> int:
    return (fh * fw * c_in + int(bias)) * c_out


def dense_params(inputs: int, units: int) -> int:
    return inputs * units + units


def test_dense_against_conv_weights() -> None:
    pixels = 28 * 28 * 1
    dense = dense_params(pixels, 128)
    conv = conv_params(3, 3, 1, 32)
    big = 200 * 200 * 3
    assert dense // conv >= 300
    positions = out_size(28, 3) ** 2
    assert_in_both(
        "why-convolution",
        [
            f"{pixels} x 128 + 128",
            f"= {dense:,}",
            f"(3 x 3 x 1 + 1) x 32 = {conv}",
            f"{big} x 128 + 128",
            f"= {dense_params(big, 128):,}",
            f"(3 x 3 x 3 + 1) x 32 = {conv_params(3, 3, 3, 32)}",
            f"{out_size(28, 3)} x {out_size(28, 3)} = {positions}",
        ],
    )
    fewer = dense // conv // 100 * 100
    assert_phrases(
        "why-convolution",
        {
            "en": [f"more than {fewer} times fewer", f"the {3 * 3 + 1} numbers of one filter"],
            "ko": [f"{fewer}배 넘게 적은", f"숫자 {3 * 3 + 1}개를"],
        },
    )


def test_dense_against_conv_on_a_3x3_image() -> None:
    """The notes' Dense(4, input_dim=9) against one 2x2 filter on the same 3x3 image."""
    side, units, kernel = 3, 4, 2
    pixels = side * side
    positions = out_size(side, kernel) ** 2
    assert positions == units  # both give four outputs
    letters = [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]]
    weights = [["w1", "w2"], ["w3", "w4"]]
    expected = [
        "Dense(4, input_dim=9)",
        f"{pixels} x {units} = {pixels * units}",
        f"{kernel} x {kernel} = {positions}",
        f"{pixels} x {units} + {units} = {dense_params(pixels, units)}",
        f"{kernel * kernel} + 1 = {conv_params(kernel, kernel, 1, 1)}",
    ]
    for r in range(out_size(side, kernel)):
        for c in range(out_size(side, kernel)):
            patch = window(letters, r, c, kernel, kernel)
            terms = [
                f"{w}·{x}"
                for w_row, x_row in zip(weights, patch, strict=True)
                for w, x in zip(w_row, x_row, strict=True)
            ]
            expected.append(f"out({r},{c}) = " + " + ".join(terms))
    assert_in_both("why-convolution", expected)
    assert_phrases(
        "why-convolution",
        {
            "en": [f"{pixels * units} weights against {kernel * kernel}"],
            "ko": [f"가중치 {pixels * units}개 대 {kernel * kernel}개"],
        },
    )


def test_image_data_format_is_what_keras_writes(tmp_path: Path) -> None:
    """The keras.json the lesson shows is the file Keras writes on its first import."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KERAS_")}
    env["KERAS_HOME"] = str(tmp_path)
    subprocess.run(
        [sys.executable, "-c", "import keras"], env=env, check=True, timeout=300,
        capture_output=True,
    )  # fmt: skip
    written = json.loads((tmp_path / "keras.json").read_text(encoding="utf-8"))
    assert written["image_data_format"] == "channels_last"
    exported = keras_exports("config")
    assert {"image_data_format", "set_image_data_format"} <= exported
    for lang in LANGS:
        text = body("why-convolution", lang)
        shown = re.search(r"^```json\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
        assert shown, f"why-convolution.{lang}: no keras.json"
        assert json.loads(shown.group(1)) == written, lang
        for name in (
            "~/.keras/keras.json",
            "keras.config.image_data_format()",
            'keras.config.set_image_data_format("channels_first")',
        ):
            assert name in text, (lang, name)


# --- 4.2 convolution by hand --------------------------------------------------------------

IMAGE: Grid = [[1, 0, 1, 0], [0, 1, 1, 0], [0, 0, 1, 1], [0, 0, 1, 0]]
KERNEL: Grid = [[1, 0], [0, 1]]


def test_input_and_filter_are_drawn() -> None:
    rows = ["│ " + "  ".join(number(v) for v in row) + " │" for row in IMAGE]
    rows += ["│ " + "  ".join(number(v) for v in row) + " │" for row in KERNEL]
    assert_in_both("convolution-by-hand", rows)


def test_stride_one_feature_map() -> None:
    output, working = convolve(IMAGE, KERNEL)
    expected = [grid(output), f"floor(({len(IMAGE)} - 2) / 1) + 1 = {len(output)}"]
    for (r, c), (patch, sums) in working.items():
        expected.append(f"({r}, {c})      {grid(patch)}    {sums}")
    assert_in_both("convolution-by-hand", expected)
    # The three steps drawn one by one: the sums and the map filling in.
    first = [working[(0, 0)], working[(0, 1)], working[(1, 0)]]
    for _, sums in first:
        products, value = sums.split(" = ")
        terms = products.split(" + ")
        assert_in_both(
            "convolution-by-hand", [" + ".join(terms[:2]), " + ".join(terms[2:]) + f" = {value}"]
        )


def test_stride_two_feature_map() -> None:
    output, working = convolve(IMAGE, KERNEL, stride=2)
    full, _ = convolve(IMAGE, KERNEL)
    assert output == [row[::2] for row in full[::2]]
    expected = [grid(output), f"floor(({len(IMAGE)} - 2) / 2) + 1 = {len(output)}"]
    expected += [f"({r}, {c}): {sums}" for (r, c), (_, sums) in working.items()]
    expected += [
        "[" + "][".join("  ".join(number(v) for v in pair) for pair in (row[:2], row[2:])) + "]"
        for row in IMAGE
    ]
    assert_in_both("convolution-by-hand", expected)


def test_stride_two_is_four_windows_of_nine() -> None:
    """Stride 2 visits 4 of the 9 windows: less than half the work, not a quarter."""
    full = out_size(len(IMAGE), 2) ** 2
    strided = out_size(len(IMAGE), 2, stride=2) ** 2
    assert strided / full < 0.5 and strided / full != 0.25
    assert_phrases(
        "convolution-by-hand",
        {
            "en": [f"from {strided} windows instead of {full}, less than half the work"],
            "ko": [f"창이 {full}개가 아니라 {strided}개이므로 계산은 절반도 되지 않습니다"],
        },
    )
    for lang in LANGS:
        text = body("convolution-by-hand", lang)
        assert "a quarter of the work" not in text and "계산은 4분의 1" not in text, lang


# The notes' 5x5 example shows only its result; this input and filter (the numbers of the
# figure that comes with Dumoulin and Visin's guide to convolution arithmetic) give it.
BIG_IMAGE: Grid = [
    [3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]
]  # fmt: skip
BIG_KERNEL: Grid = [[0, 1, 2], [2, 2, 0], [0, 1, 2]]
NOTES_RESULT: Grid = [[12, 12, 17], [10, 17, 19], [9, 6, 14]]


def test_five_by_five_with_a_three_by_three_filter() -> None:
    output, _ = convolve(BIG_IMAGE, BIG_KERNEL)
    windows = np.lib.stride_tricks.sliding_window_view(np.array(BIG_IMAGE), (3, 3))
    by_numpy = np.einsum("ijkl,kl->ij", windows, np.array(BIG_KERNEL))
    assert by_numpy.tolist() == output == NOTES_RESULT
    patch = window(BIG_IMAGE, 0, 0, 3, 3)
    rows = []
    for patch_row, kernel_row in zip(patch, BIG_KERNEL, strict=True):
        pairs = list(zip(patch_row, kernel_row, strict=True))
        products = " + ".join(f"{number(x)}*{number(k)}" for x, k in pairs)
        values = " ".join(number(x) for x in patch_row)
        rows.append((values, products, sum(x * k for x, k in pairs)))
    expected = [grid(NOTES_RESULT), f"floor((5 - 3) / 1) + 1 = {len(output)}"]
    expected += ["│ " + "  ".join(number(v) for v in row) + " │" for row in BIG_IMAGE]
    expected += ["│ " + "  ".join(number(v) for v in row) + " │" for row in BIG_KERNEL]
    expected.append(" + ".join(number(total) for *_, total in rows) + f" = {number(output[0][0])}")
    assert_in_both("convolution-by-hand", expected)
    for lang in LANGS:
        lines = [" ".join(line.split()) for line in body("convolution-by-hand", lang).splitlines()]
        for values, products, total in rows:
            assert f"{values} {products} = {number(total)}" in lines, (lang, products)
    assert_phrases(
        "convolution-by-hand",
        {
            "en": [f"(0, 1) gives {number(output[0][1])} and (0, 2) gives {number(output[0][2])}"],
            "ko": [f"(0, 1)은 {number(output[0][1])}, (0, 2)는 {number(output[0][2])}"],
        },
    )


def test_the_lessons_numpy_check_prints_the_notes_result() -> None:
    for lang in LANGS:
        text = body("convolution-by-hand", lang)
        blocks = re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)
        [snippet] = [block for block in blocks if "[[3, 3, 2, 1, 0]" in block]
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(snippet, {"np": np})  # the lesson's own three lines of NumPy
        assert printed.getvalue().strip() == str(NOTES_RESULT), lang


def test_bias_and_relu() -> None:
    output, _ = convolve(IMAGE, KERNEL)
    bias = -1
    shifted = [[v + bias for v in row] for row in output]
    relu = [[max(0.0, v) for v in row] for row in shifted]
    expected = []
    for rows in (output, shifted, relu):
        expected += ["[" + ", ".join(number(v) for v in row) + "]" for row in rows]
    assert_in_both("convolution-by-hand", expected)
    params = conv_params(2, 2, 1, 1)
    phrases = {
        "en": [f"a bias of {bias}", f"2 x 2 weights + 1 bias = {params} parameters"],
        "ko": [f"편향이 {bias}", f"가중치 2 x 2개 + 편향 1개 = {params}개"],
    }
    assert_phrases("convolution-by-hand", phrases)


def test_the_filter_is_its_own_flip() -> None:
    flipped = [row[::-1] for row in KERNEL[::-1]]
    assert flipped == KERNEL
    assert_in_both("convolution-by-hand", ["180", grid(flipped)])


# --- 4.3 padding and stride ---------------------------------------------------------------


def same_size(size: int, stride: int) -> int:
    """Keras 'same': OH = ceil(H / S)."""
    return math.ceil(size / stride)


def floor_working(size: int, filter_size: int, stride: int, padding: int) -> str:
    out = out_size(size, filter_size, stride, padding)
    return f"floor(({size} + 2*{padding} - {filter_size}) / {stride}) + 1 = {out}"


def windows_covering(size: int, filter_size: int, padding: int, row: int, col: int) -> int:
    """How many stride-1 windows include input pixel (row, col)."""
    positions = out_size(size, filter_size, 1, padding)
    count = 0
    for top in range(positions):
        for left in range(positions):
            r, c = row + padding, col + padding
            count += top <= r < top + filter_size and left <= c < left + filter_size
    return count


def test_valid_shrinks_the_picture() -> None:
    size = 28
    for _ in range(10):
        size = out_size(size, 3)
    assert_in_both("padding-and-stride", ["28x28", f"{size}x{size}"])
    corner = windows_covering(28, 3, 0, 0, 0)
    middle = windows_covering(28, 3, 0, 14, 14)
    padded_corner = windows_covering(4, 3, 1, 0, 0)
    phrases = {
        "en": [
            f"falls into {'one' if corner == 1 else corner} 3x3",
            f"middle into {middle}",
            f"sits in {padded_corner} windows instead of {corner}",
        ],
        "ko": [
            f"3x3 창 {corner}개에만",
            f"가운데 픽셀은 {middle}개에",
            f"창 {corner}개가 아니라 {padded_corner}개에",
        ],
    }
    assert_phrases("padding-and-stride", phrases)


def test_zero_padding_diagram() -> None:
    pad = (3 - 1) // 2
    assert_in_both("padding-and-stride", [f"P = {pad}", f"P = {(5 - 1) // 2}", "P = (FH - 1) / 2"])
    padded = [[0] * (len(IMAGE) + 2 * pad)]
    padded += [[0, *row, 0] for row in IMAGE]
    padded += [[0] * (len(IMAGE) + 2 * pad)]
    side = len(padded)
    expected = [f"{side}x{side}", "4x4"]
    expected += ["0 │ " + "   ".join(number(v) for v in row) + " │ 0" for row in IMAGE]
    expected += [
        "│ " + "   ".join(number(v) for v in row) + " │" for row in window(padded, 0, 0, 3, 3)
    ]
    assert out_size(len(IMAGE), 3, 1, pad) == len(IMAGE)
    expected.append(floor_working(len(IMAGE), 3, 1, pad))
    assert_in_both("padding-and-stride", expected)


def test_output_size_examples() -> None:
    cases = [(28, 3, 1, 0), (28, 3, 1, 1), (28, 3, 2, 0), (4, 3, 1, 1), (28, 5, 1, 0)]
    expected = [floor_working(*case) for case in cases]
    expected += [f"ceil({h} / {s}) = {same_size(h, s)}" for h, s in ((28, 1), (28, 2), (13, 2))]
    assert_in_both("padding-and-stride", expected)


def test_same_padding_goes_to_the_bottom() -> None:
    size, filter_size, stride = 28, 3, 2
    out = same_size(size, stride)
    total = max((out - 1) * stride + filter_size - size, 0)
    assert total // 2 == 0 and total - total // 2 == 1
    assert_in_both(
        "padding-and-stride", [f"({out} - 1) x {stride} + {filter_size} - {size} = {total}"]
    )


def test_chain_of_convolutions() -> None:
    size = same_size(28, 1)
    expected = [f"ceil(28 / 1) = {size}"]
    expected.append(floor_working(size, 3, 1, 0))
    size = out_size(size, 3, 1, 0)
    expected.append(floor_working(size, 3, 2, 0))
    size = out_size(size, 3, 2, 0)
    expected.append(f"ceil({size} / 2) = {same_size(size, 2)}")
    assert_in_both("padding-and-stride", expected)


def test_height_comes_first() -> None:
    height, width, filters, fh = 39, 31, 20, 4
    oh, ow = out_size(height, fh), out_size(width, fh)
    # The notes write the right 36 after a formula without its + 1 (issue 12.7).
    as_written = (height + 2 * 0 - fh) // 1
    assert as_written == oh - 1
    assert_in_both(
        "padding-and-stride",
        [
            f"({height}, {width}, 1)",
            floor_working(height, fh, 1, 0),
            floor_working(width, fh, 1, 0),
            f"({height} + 2*0 - {fh}) / 1 = {oh}",
            f"({fh} - {fh}) / 1 + 1 = {out_size(fh, fh)}",
            f"({oh}, {ow}, {filters})",
        ],
    )
    assert_phrases(
        "padding-and-stride",
        {
            "en": [f"The {oh} is right", f"as written it gives {as_written}"],
            "ko": [f"{oh}은 맞지만", f"적힌 대로 계산하면 {as_written}가"],
        },
    )
    for lang in LANGS:
        assert f"= {as_written}" not in body("padding-and-stride", lang), lang


# --- 4.4 filters and channels -------------------------------------------------------------

CHANNELS: list[Grid] = [[[1, 0, 1], [0, 1, 1], [0, 0, 1]], [[2, 1, 0], [1, 0, 1], [0, 1, 2]]]
KERNELS: list[Grid] = [[[1, 0], [0, 1]], [[0, 1], [1, 0]]]
BIAS = 1


def test_one_filter_reads_every_channel() -> None:
    rgb = conv_params(3, 3, 3, 1)
    assert_phrases(
        "filters-and-channels",
        {
            "en": [f"3 x 3 x 3 weights + 1 bias = {rgb}"],
            "ko": [f"가중치 3 x 3 x 3개 + 편향 1개 = {rgb}"],
        },
    )


def test_two_channel_example() -> None:
    maps = [convolve(channel, kernel)[0] for channel, kernel in zip(CHANNELS, KERNELS, strict=True)]
    size = len(maps[0])
    total = [[sum(m[r][c] for m in maps) + BIAS for c in range(size)] for r in range(size)]
    expected = [grid(total)]
    for channel, kernel, fmap in zip(CHANNELS, KERNELS, maps, strict=True):
        expected += ["[" + ", ".join(number(v) for v in row) + "]" for row in channel]
        expected += ["[" + ", ".join(number(v) for v in row) + "]" for row in kernel]
        expected += ["[" + ", ".join(number(v) for v in row) + "]" for row in fmap]
    sums = [
        "["
        + ", ".join(
            " + ".join([*(number(m[r][c]) for m in maps), number(BIAS)]) for c in range(size)
        )
        + "]"
        for r in range(size)
    ]
    expected.append("[" + ", ".join(sums) + "]")
    assert_in_both("filters-and-channels", expected)
    params = conv_params(2, 2, len(CHANNELS), 1)
    assert_phrases(
        "filters-and-channels",
        {
            "en": [f"2 x 2 x {len(CHANNELS)} weights and 1 bias: {params} parameters"],
            "ko": [f"가중치 2 x 2 x {len(CHANNELS)}개와 편향 1개, 모두 {params}개"],
        },
    )


def test_the_three_small_examples() -> None:
    expected = []
    for c_in, c_out in ((1, 1), (1, 3), (3, 2)):
        total = conv_params(2, 2, c_in, c_out)
        expected.append(f"(2 x 2 x {c_in} + 1) x {c_out} = {total}")
        if c_out > 1:
            expected.append(f"= {total}  ({2 * 2 * c_in * c_out} + {c_out})")
    assert_in_both("filters-and-channels", expected)


def test_channels_flow_between_layers() -> None:
    first, second = conv_params(3, 3, 1, 32), conv_params(3, 3, 32, 64)
    assert_in_both(
        "filters-and-channels",
        [
            f"(3 x 3 x 1 + 1) x 32  = {first}",
            f"(3 x 3 x 32 + 1) x 64 = {second:,}",
            "(3, 3, 32, 64)",
        ],
    )


def test_the_forgotten_bias() -> None:
    without = conv_params(4, 4, 1, 20, bias=False)
    with_bias = conv_params(4, 4, 1, 20)
    small_without = conv_params(2, 2, 3, 2, bias=False)
    assert_in_both(
        "filters-and-channels",
        [
            f"1 x 4 x 4 x 20 = {without}",
            f"(4 x 4 x 1 + 1) x 20 = {with_bias}",
            f"3 x 2 x 2 x 2 = {small_without}",
            f"{small_without} + 2 = {conv_params(2, 2, 3, 2)}",
        ],
    )


# --- 4.5 pooling, Flatten and Dropout ----------------------------------------------------

POOL_INPUT: Grid = [[12, 20, 30, 0], [8, 12, 2, 0], [34, 70, 37, 7], [112, 100, 22, 12]]


def pool_size_out(size: int, pool: int, stride: int | None = None) -> int:
    """floor((H - P) / S) + 1, the stride defaulting to the pool size as in Keras."""
    stride = pool if stride is None else stride
    return (size - pool) // stride + 1


def pool(image: Grid, size: int = 2) -> tuple[Grid, Grid, list[list[float]]]:
    out = pool_size_out(len(image), size)
    maximum: Grid = [[0.0] * out for _ in range(out)]
    average: Grid = [[0.0] * out for _ in range(out)]
    windows = []
    for r in range(out):
        for c in range(out):
            values = [v for row in window(image, r * size, c * size, size, size) for v in row]
            maximum[r][c], average[r][c] = max(values), sum(values) / len(values)
            windows.append(values)
    return maximum, average, windows


def test_max_and_average_pooling() -> None:
    maximum, average, windows = pool(POOL_INPUT)
    expected = [grid(maximum), grid(average)]
    expected += [" │ ".join(f"{number(v):>3}" for v in row) for row in maximum]
    assert_in_both("pooling-flatten-dropout", expected)
    for values in windows:
        sums = " + ".join(number(v) for v in values)
        mean = number(sum(values) / len(values))
        row = re.compile(
            rf"\({', '.join(number(v) for v in values)}\)\s+{number(max(values))}\s+"
            rf"\({re.escape(sums)}\) / {len(values)} = {re.escape(mean)}$",
            re.MULTILINE,
        )
        for lang in LANGS:
            assert row.search(body("pooling-flatten-dropout", lang)), (lang, values)


def test_the_bottom_right_average_is_not_18() -> None:
    last = pool(POOL_INPUT)[2][-1]
    total = sum(last)
    assert total / len(last) != 18
    assert_in_both(
        "pooling-flatten-dropout",
        [
            f"{' + '.join(number(v) for v in last)} = {number(total)}",
            f"{number(total)} / 4 = {number(total / 4)}",
        ],
    )
    assert_phrases("pooling-flatten-dropout", {"en": ["given as 18"], "ko": ["18로 적습니다"]})


def test_max_pooling_ignores_a_small_shift() -> None:
    shifted = [row[:] for row in POOL_INPUT]
    shifted[0][1], shifted[1][1] = shifted[1][1], shifted[0][1]
    assert pool(shifted)[0] == pool(POOL_INPUT)[0]
    assert pool(shifted)[1] == pool(POOL_INPUT)[1]  # the average does not move either
    moved, below = number(POOL_INPUT[0][1]), number(POOL_INPUT[1][1])
    assert_phrases(
        "pooling-flatten-dropout",
        {
            "en": [f"Move the {moved} one pixel down, swapping it with the {below} below"],
            "ko": [f"{moved}을 한 칸 아래로 옮겨 그 아래의 {below}와"],
        },
    )


def test_pooling_output_sizes() -> None:
    expected = [
        f"floor((26 - 2) / 2) + 1 = {pool_size_out(26, 2)}",
        f"floor((13 - 2) / 2) + 1 = {pool_size_out(13, 2)}",
        f"floor((26 - 3) / 2) + 1 = {pool_size_out(26, 3, 2)}",
        f"ceil(13 / 2) = {math.ceil(13 / 2)}",
        f"13 / 2 = {13 / 2:g}",
        f"26 / 2 = {26 // 2}",
        "26 / 3",
    ]
    assert pool_size_out(26, 3, 2) != 26 // 3
    assert_in_both("pooling-flatten-dropout", expected)
    assert_phrases(
        "pooling-flatten-dropout",
        {
            "en": [f"{13 / 2:g} becomes {13 // 2}", f"26 / 3 would say {26 // 3}"],
            "ko": [f"{13 / 2:g}는 {13 // 2}이 됩니다", f"26 / 3은 {26 // 3}이라고"],
        },
    )


def test_flatten_sizes() -> None:
    pooled = pool_size_out(out_size(28, 3), 2)
    flat = pooled * pooled * 32
    full = out_size(28, 3) ** 2 * 32
    assert (full * 10) // (flat * 10) == 4 and (full * 10) % (flat * 10) == 0
    assert_phrases(
        "pooling-flatten-dropout",
        {"en": ["weights by four"], "ko": ["가중치를 4분의 1로"]},
    )
    assert_in_both(
        "pooling-flatten-dropout",
        [
            f"({pooled}, {pooled}, 32)",
            f"{pooled} x {pooled} x 32 = {flat:,}",
            f"26 x 26 x 32 = {full:,}",
            f"Dense {full:,} x 10 + 10",
            f"Dense {flat:,} x 10 + 10",
        ],
    )


def test_dropout_example() -> None:
    rate = 0.25
    values = [0.8, 0.4, 1.2, 0.6]
    keep = [1, 0, 1, 1]
    trained = [v * k / (1 - rate) for v, k in zip(values, keep, strict=True)]
    shown = "[" + ", ".join(f"{v:.3f}".rstrip("0").rstrip(".") for v in trained) + "]"
    assert_in_both(
        "pooling-flatten-dropout",
        [
            f"Dropout({rate})",
            f"{rate:.0%}",
            f"1 / (1 - {rate})",
            "[" + ", ".join(f"{v:g}" for v in values) + "]",
            shown,
            f"/ {1 - rate:g}",
        ],
    )
