"""A 28x28 drawing pad: the mouse where the terminal reports it, the keys always.

Each character cell holds two pixels (half blocks, as in `Picture`), so the pad is 28
columns by 14 lines. A mouse drag inks a line under the pointer (the right button
erases); with the keys, the arrows move the pen (a yellow pixel), space lifts or lowers
it (a lowered pen inks as it moves), `e` switches to the eraser and back, `c` clears.
Every change posts `DrawingPad.Changed` with a copy of the pixels, for the screen to send
to the model.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tutor.inspect.drawing import FRAME, blank, dab, stroke
from tutor.ui.widgets.picture import Pixels, plain


class DrawingPad(Widget, can_focus=True):
    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text(encoding="utf-8")

    pen_down: reactive[bool] = reactive(False)
    erasing: reactive[bool] = reactive(False)

    class Changed(Message):
        """The drawing changed; `pixels` is a copy (ink 0..1)."""

        def __init__(self, pixels: np.ndarray) -> None:
            super().__init__()
            self.pixels = pixels

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pixels = blank()
        self.pen = (FRAME // 2, FRAME // 2)
        """(row, column) of the keyboard pen."""
        self._dragging: tuple[float, float] | None = None
        self._drag_erases = False

    def render(self) -> Pixels:
        return Pixels(self.pixels, plain=plain(self), mark=self.pen)

    # --- keys (bound by the screen, which lists them in its footer) -------------------

    def move(self, rows: int, cols: int) -> None:
        row = min(FRAME - 1, max(0, self.pen[0] + rows))
        col = min(FRAME - 1, max(0, self.pen[1] + cols))
        if self.pen_down:
            stroke(self.pixels, self.pen, (row, col), erase=self.erasing)
        self.pen = (row, col)
        self._changed(inked=self.pen_down)

    def toggle_pen(self) -> None:
        self.pen_down = not self.pen_down
        if self.pen_down:
            dab(self.pixels, *self.pen, erase=self.erasing)
        self._changed(inked=self.pen_down)

    def toggle_eraser(self) -> None:
        self.erasing = not self.erasing

    def clear(self) -> None:
        self.pixels = blank()
        self._changed(inked=True)

    def load(self, pixels: np.ndarray) -> None:
        """Start from a picture (a test sample, to change it and watch the answer move)."""
        self.pixels = np.clip(np.asarray(pixels, dtype=np.float32), 0, 1).reshape(FRAME, FRAME)
        self._changed(inked=True)

    # --- mouse ---------------------------------------------------------------------------

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self.capture_mouse()
        self._drag_erases = event.button == 3
        self._dragging = self._pixel(event)
        self._ink(self._dragging, self._dragging)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging is not None:
            here = self._pixel(event)
            self._ink(self._dragging, here)
            self._dragging = here

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self._dragging = None
        self.release_mouse()

    def _pixel(self, event: events.MouseEvent) -> tuple[float, float]:
        """The pixel under the pointer (inside the border): a cell is one pixel wide and
        two tall. A drag that leaves the pad keeps drawing along its edge."""
        offset = event.get_content_offset_capture(self)
        return 2 * offset.y + 0.5, float(offset.x)

    def _ink(self, start: tuple[float, float], end: tuple[float, float]) -> None:
        stroke(self.pixels, start, end, erase=self._drag_erases)
        self.pen = (min(FRAME - 1, max(0, int(end[0]))), min(FRAME - 1, max(0, int(end[1]))))
        self._changed(inked=True)

    def _changed(self, *, inked: bool) -> None:
        self.refresh()
        if inked:
            self.post_message(self.Changed(self.pixels.copy()))
