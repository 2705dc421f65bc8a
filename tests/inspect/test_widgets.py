"""Pictures as half blocks, probability bars and the pad's brush, as they render."""

from __future__ import annotations

import numpy as np
from rich.console import Console

from tutor.ui.widgets.feature_maps import Grid
from tutor.ui.widgets.picture import SHADES, UPPER_HALF, Pixels, scaled, shrink
from tutor.ui.widgets.probability_bars import bar, rows_to_show


def _render(renderable: object, width: int = 80) -> list[str]:
    console = Console(width=width, color_system="truecolor", record=True)
    console.print(renderable)
    return console.export_text().splitlines()


def test_a_28x28_picture_is_14_lines_of_28_half_blocks_upper_pixel_in_front() -> None:
    values = np.zeros((28, 28))
    values[0, 0] = 1.0  # white top-left pixel over a black one
    pixels = Pixels(values)
    lines = pixels.lines()
    assert (pixels.width, pixels.height, len(lines)) == (28, 14, 14)
    first = lines[0][0]
    assert first.text == UPPER_HALF
    assert first.style.color.triplet == (255, 255, 255)
    assert first.style.bgcolor.triplet == (0, 0, 0)
    assert _render(pixels)[0] == UPPER_HALF * 28


def test_without_colour_a_picture_is_drawn_in_shades() -> None:
    values = np.zeros((4, 3))
    values[:, 2] = 1.0
    assert _render(Pixels(values, plain=True)) == [f"  {SHADES[-1]}"] * 2


def test_weights_are_blue_when_negative_and_orange_when_positive() -> None:
    (line,) = Pixels(np.array([[-1.0, 1.0], [0.0, 0.0]]), signed=True).lines()
    negative, positive = (segment.style.color.triplet for segment in line)
    assert negative.blue > negative.red and positive.red > positive.blue


def test_feature_maps_shrink_by_whole_factors_and_keep_their_range() -> None:
    assert shrink(np.ones((26, 26)), 14).shape == (13, 13)
    assert shrink(np.ones((12, 12)), 14).shape == (12, 12)
    np.testing.assert_allclose(scaled(np.array([0.0, 2.0, 4.0])), [0.0, 0.5, 1.0])
    np.testing.assert_allclose(scaled(np.array([0.2, 0.6])), [0.2, 0.6])  # a picture as is


def test_a_grid_puts_as_many_labelled_pictures_in_a_row_as_fit() -> None:
    items = [(f"#{n}", Pixels(np.zeros((14, 13)))) for n in range(7)]
    lines = _render(Grid(items), width=80)
    assert lines[0].split() == ["#0", "#1", "#2", "#3", "#4"]  # 5 of 13 + gap in 80 columns
    assert len(lines) == 2 * (1 + 7)


def test_bars_are_drawn_in_eighths_and_many_classes_keep_the_true_one() -> None:
    assert bar(0.5, 4) == "██  " and bar(1 / 8, 4) == "▌   " and bar(0.0, 3) == "   "
    probabilities = list(np.linspace(0.1, 1.0, 46) / np.linspace(0.1, 1.0, 46).sum())
    shown = rows_to_show(probabilities, true=0, room=10)
    assert len(shown) == 10 and shown[0] == 45 and 0 in shown
    assert rows_to_show([0.2, 0.8], true=1, room=10) == [0, 1]
