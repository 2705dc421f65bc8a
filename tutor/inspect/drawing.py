"""The drawing pad's pixels, and turning a drawing into what the model takes.

A network trained on MNIST has only ever seen digits prepared one way: cropped to their
ink, scaled (keeping the aspect ratio) into a 20x20 box, and placed in a 28x28 frame with
their centre of mass at the centre. A digit drawn small in a corner of the pad is not
such an input, and the prediction for it says little about the network. So a drawing (or
a PNG) goes through the same steps before it reaches the model, and the pad shows the
result: the picture the model really sees. Fashion-MNIST's clothes fill the whole frame
(box 28). Plain NumPy.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

FRAME = 28
INK = 0.05
"""Pixels below this count as paper when cropping (a faint smudge is not the digit)."""
BRUSH_REACH = 1.8
"""A pixel at distance d from the pen gets ink 1.8 - d (clipped to 0..1): a stroke about
three pixels wide, like MNIST's pen after scaling."""
MAX_PNG_BYTES = 8 << 20


def blank(size: int = FRAME) -> np.ndarray:
    return np.zeros((size, size), dtype=np.float32)


def dab(canvas: np.ndarray, y: float, x: float, *, erase: bool = False) -> None:
    """Put ink on (or, erasing, take it off) the pixels around (y, x), in place."""
    height, width = canvas.shape
    top, left = max(0, int(y - 2)), max(0, int(x - 2))
    bottom, right = min(height, int(y + 3)), min(width, int(x + 3))
    if top >= bottom or left >= right:
        return
    rows = np.arange(top, bottom)[:, None]
    cols = np.arange(left, right)[None, :]
    ink = np.clip(BRUSH_REACH - np.hypot(rows - y, cols - x), 0.0, 1.0).astype(canvas.dtype)
    patch = canvas[top:bottom, left:right]
    if erase:
        patch[...] = np.where(ink > 0, 0.0, patch)
    else:
        np.maximum(patch, ink, out=patch)


def stroke(
    canvas: np.ndarray, start: tuple[float, float], end: tuple[float, float], *, erase: bool = False
) -> None:
    """A line of dabs from `start` to `end` ((y, x) pixels), so a quick drag leaves no gaps."""
    steps = max(1, int(np.ceil(np.hypot(end[0] - start[0], end[1] - start[1]) * 2)))
    (y0, x0), (y1, x1) = start, end
    for t in np.linspace(0.0, 1.0, steps + 1):
        dab(canvas, y0 + t * (y1 - y0), x0 + t * (x1 - x0), erase=erase)


def _resampling(size_in: int, size_out: int) -> np.ndarray:
    """(size_out, size_in) weights of a triangle filter widened when shrinking, so that
    scaling down averages (anti-aliases) as MNIST's preparation did."""
    scale = size_out / size_in
    reach = max(1.0, 1.0 / scale)
    centres = (np.arange(size_out) + 0.5) / scale
    positions = np.arange(size_in) + 0.5
    weights = np.clip(1.0 - np.abs(positions[None, :] - centres[:, None]) / reach, 0.0, None)
    totals = weights.sum(axis=1, keepdims=True)
    return weights / np.where(totals > 0, totals, 1.0)


def resize(image: np.ndarray, height: int, width: int) -> np.ndarray:
    return _resampling(image.shape[0], height) @ image @ _resampling(image.shape[1], width).T


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    """(row, column) of the ink's centre of mass, in pixel-index coordinates."""
    total = float(image.sum())
    rows = np.arange(image.shape[0])
    cols = np.arange(image.shape[1])
    return float(image.sum(axis=1) @ rows) / total, float(image.sum(axis=0) @ cols) / total


def as_model_input(drawing: np.ndarray, box: int = 20, size: int = FRAME) -> np.ndarray:
    """`drawing` (ink 0..1, any size) prepared the way MNIST's digits were: cropped to its
    ink, scaled to fit `box`x`box`, centred by its centre of mass in `size`x`size`, and
    scaled so its darkest ink is 1. A blank drawing stays blank."""
    ink = np.clip(np.asarray(drawing, dtype=np.float64), 0.0, 1.0)
    rows = np.flatnonzero(ink.max(axis=1) > INK)
    cols = np.flatnonzero(ink.max(axis=0) > INK)
    frame = np.zeros((size, size), dtype=np.float64)
    if not len(rows):
        return frame.astype(np.float32)
    crop = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    scale = box / max(crop.shape)
    height = max(1, min(box, round(crop.shape[0] * scale)))
    width = max(1, min(box, round(crop.shape[1] * scale)))
    small = np.clip(resize(crop, height, width), 0.0, 1.0)
    centre = size / 2  # where MNIST's digits have it: (14.0, 14.0) on average, in index terms
    row, col = centre_of_mass(small)
    top, left = round(centre - row), round(centre - col)
    # paste, cutting off whatever the shift pushes out of the frame
    y0, x0 = max(0, top), max(0, left)
    y1, x1 = min(size, top + height), min(size, left + width)
    frame[y0:y1, x0:x1] = small[y0 - top : y1 - top, x0 - left : x1 - left]
    peak = frame.max()
    return (frame / peak if peak > 0 else frame).astype(np.float32)


def read_png(path: Path) -> np.ndarray:
    """A picture file as ink 0..1 on paper 0 (dark-on-light pictures are inverted, judged
    by their border): what `dltutor predict --input FILE.png` feeds `as_model_input`."""
    import io

    from PIL import Image, UnidentifiedImageError

    from tutor.safeio import read_bytes

    try:
        with Image.open(io.BytesIO(read_bytes(path, MAX_PNG_BYTES))) as picture:
            grey = np.asarray(picture.convert("L"), dtype=np.float64) / 255.0
    except (UnidentifiedImageError, OSError, ValueError) as error:
        from tutor.inspect.saved import InspectError

        raise InspectError(f"{path} is not a picture that can be read ({error})") from None
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    return 1.0 - grey if border.mean() > 0.5 else grey
