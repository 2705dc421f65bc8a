"""Pictures in the terminal: two pixels per character cell, with half blocks.

Each cell is an upper half block '▀' whose foreground colour is the upper pixel and whose
background colour is the lower one, so a 28x28 MNIST digit takes 28 columns and 14 lines
and looks square in any terminal with true colour, over SSH and in tmux, with no image
protocol (Sixel, Kitty) to negotiate. Without colour (NO_COLOR) a cell shows the two
pixels' mean as a shade (' ░▒▓█'), so a digit still reads.

`Pixels` is the Rich renderable (used by the feature-map grid and the drawing pad too);
`Picture` is the widget. Values are 0..1 (grey), RGB 0..1 in a last axis of 3, or, with
`signed=True`, -1..1 drawn blue (negative) to orange (positive), as weights are.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from rich.color import Color
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from textual.widget import Widget
from textual.widgets import Static

UPPER_HALF = "▀"
SHADES = " ░▒▓█"
MARK = (255, 200, 0)
"""The drawing pad's pen: a yellow pixel."""
NEGATIVE = np.array([40, 150, 255])
POSITIVE = np.array([255, 140, 0])


def to_rgb(values: np.ndarray, *, signed: bool = False) -> np.ndarray:
    """(H, W, 3) uint8 colours of a grey, RGB or signed picture."""
    array = np.nan_to_num(np.asarray(values, dtype=np.float64))
    if signed:
        array = np.clip(array, -1.0, 1.0)[..., None]
        colour = np.where(array >= 0, array * POSITIVE, -array * NEGATIVE)
        return colour.astype(np.uint8)
    array = np.clip(array, 0.0, 1.0)
    if array.ndim == 2:
        array = np.repeat(array[..., None], 3, axis=2)
    return (array * 255 + 0.5).astype(np.uint8)


def scaled(values: np.ndarray, *, signed: bool = False) -> np.ndarray:
    """Values stretched to 0..1 (or -1..1, zero kept at zero, for `signed`), so that a
    feature map or a filter shows its own contrast. A flat picture stays dark."""
    array = np.nan_to_num(np.asarray(values, dtype=np.float64))
    if signed:
        peak = float(np.abs(array).max(initial=0.0))
        return array / peak if peak > 0 else array
    low, high = float(array.min(initial=0.0)), float(array.max(initial=0.0))
    if low >= 0.0 and high <= 1.0:
        return array  # already a picture's range: keep it as the model saw it
    return (array - low) / (high - low) if high > low else np.zeros_like(array)


@lru_cache(maxsize=8192)
def _style(top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Style:
    return Style(color=Color.from_rgb(*top), bgcolor=Color.from_rgb(*bottom))


class Pixels:
    """A Rich renderable of an (H, W) or (H, W, 3) picture, two rows a line."""

    def __init__(
        self,
        values: np.ndarray,
        *,
        signed: bool = False,
        plain: bool = False,
        mark: tuple[int, int] | None = None,
    ) -> None:
        self.colours = to_rgb(values, signed=signed)
        self.grey = self.colours.mean(axis=2) / 255
        self.plain = plain
        self.mark = mark
        if self.colours.shape[0] % 2:  # an odd height: a blank last pixel row
            pad = np.zeros((1, *self.colours.shape[1:]), dtype=np.uint8)
            self.colours = np.concatenate([self.colours, pad])
            self.grey = np.concatenate([self.grey, np.zeros((1, self.grey.shape[1]))])

    @property
    def width(self) -> int:
        return int(self.colours.shape[1])

    @property
    def height(self) -> int:
        """Lines taken."""
        return int(self.colours.shape[0] // 2)

    def lines(self) -> list[list[Segment]]:
        """One list of segments per line, each `width` cells wide."""
        if self.plain:
            return [self._plain_line(row) for row in range(self.height)]
        colours = self.colours.tolist()
        if self.mark is not None:
            y, x = self.mark
            if 0 <= y < len(colours) and 0 <= x < self.width:
                colours[y][x] = list(MARK)
        result = []
        for row in range(self.height):
            top, bottom = colours[2 * row], colours[2 * row + 1]
            result.append(
                [
                    Segment(UPPER_HALF, _style(tuple(t), tuple(b)))  # type: ignore[arg-type]
                    for t, b in zip(top, bottom, strict=True)
                ]
            )
        return result

    def _plain_line(self, row: int) -> list[Segment]:
        mean = (self.grey[2 * row] + self.grey[2 * row + 1]) / 2
        cells = [SHADES[min(len(SHADES) - 1, int(value * len(SHADES)))] for value in mean]
        if self.mark is not None and self.mark[0] // 2 == row and 0 <= self.mark[1] < self.width:
            cells[self.mark[1]] = "◆"
        return [Segment("".join(cells))]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines():  # each line ends in a newline: Textual counts them
            yield from Segment.adjust_line_length(line, min(self.width, options.max_width))
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)


def shrink(values: np.ndarray, most: int) -> np.ndarray:
    """`values` (H, W[, C]) averaged over blocks of a whole factor until it is at most
    `most` pixels wide: a 26x26 feature map becomes 13x13."""
    across = max(1, -(-values.shape[1] // most))
    if across == 1:
        return values
    down = across if values.shape[0] >= across else 1
    height = values.shape[0] // down * down
    width = values.shape[1] // across * across
    blocks = values[:height, :width].reshape(
        height // down, down, width // across, across, *values.shape[2:]
    )
    return blocks.mean(axis=(1, 3))


class Picture(Static):
    """A picture widget: `show(values)` draws it (colour, or shades with NO_COLOR)."""

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text(encoding="utf-8")

    def show(self, values: np.ndarray | None, *, signed: bool = False) -> None:
        if values is None:
            self.update("")
            return
        self.update(Pixels(values, signed=signed, plain=plain(self)))


def plain(widget: Widget) -> bool:
    """Whether colour is off (NO_COLOR: the app runs in ANSI mode with colour stripped)."""
    return bool(getattr(widget.app, "ansi_color", False))
