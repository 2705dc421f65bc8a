"""The drawing pad: draw a digit (or a piece of clothing) and watch the network read it.

Every stroke is prepared the way the training data were (`tutor.inspect.drawing`), shown
as the model sees it, and sent to the Inspect screen's inference child; the bars update
when the answer comes. Strokes come faster than answers, so only the latest drawing is
ever waiting: a slow answer never queues up a backlog of old drawings.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from tutor.errors import TutorError
from tutor.i18n import translate
from tutor.inspect.drawing import as_model_input
from tutor.inspect.protocol import class_probabilities
from tutor.ui.screens.base import TutorScreen
from tutor.ui.screens.inspect_views import answer_title
from tutor.ui.widgets.drawing_pad import DrawingPad
from tutor.ui.widgets.footer import KeyFooter
from tutor.ui.widgets.picture import Picture, shrink
from tutor.ui.widgets.probability_bars import ProbabilityBars

if TYPE_CHECKING:
    from tutor.ui.screens.inspect import InspectScreen

WAIT_FOR_MODEL_S = 0.2
FULL_SIZE_HEIGHT = 30
"""From this many lines the model's view is drawn at full size (at 24, half size)."""


class InspectPadScreen(TutorScreen, Screen[None]):
    CSS_PATH = "inspect_pad.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("up", "move(-1, 0)", "Move", key_display="↑↓←→", tooltip="Move the pen (arrows)"),
        Binding("down", "move(1, 0)", "Move the pen down", show=False),
        Binding("left", "move(0, -1)", "Move the pen left", show=False),
        Binding("right", "move(0, 1)", "Move the pen right", show=False),
        Binding("space", "pen", "Pen", tooltip="Lower or lift the pen (a lowered pen draws)"),
        Binding("e", "eraser", "Eraser", tooltip="Erase instead of drawing, and back"),
        Binding("c", "clear", "Clear", tooltip="Clear all"),
        Binding(
            "s", "sample", "Sample", show=False, tooltip="Start from the sample shown on Inspect"
        ),
    ]

    def __init__(self, source: InspectScreen) -> None:
        super().__init__()
        self.source = source
        assert source.saved is not None
        self.saved = source.saved
        self.latest: np.ndarray | None = None
        """The newest prepared drawing not yet sent to the model."""
        self.asked_at = 0.0
        self.answered: list[float] = []
        """Seconds from each stroke to its bars (for the benchmark)."""
        self._asking = False

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Horizontal(id="pad-row"):
            yield DrawingPad(id="pad")
            with Vertical(id="pad-side"):
                yield Static(id="answer-title")
                yield ProbabilityBars(id="pad-bars")
                yield Static(id="seen-title")
                yield Picture(id="seen")
        yield Static(id="pad-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(DrawingPad).focus()
        self._show_seen(np.zeros((28, 28), dtype=np.float32))

    def show_language(self, lang: str) -> None:
        self.title = translate("Draw", lang) + f": {self.saved.exercise}"
        self.sub_title = self.source.run_dir.name
        self.query_one("#seen-title", Static).update(
            Text(translate("As the model sees it:", lang), style="bold")
        )
        self._show_status(lang)
        self._show_answer_title(lang)

    def _show_status(self, lang: str) -> None:
        pad = self.query_one(DrawingPad)
        pen = translate("pen down" if pad.pen_down else "pen up", lang)
        tool = translate("erasing" if pad.erasing else "drawing", lang)
        hint = translate("draw with the mouse, or the arrows and space", lang)
        self.query_one("#pad-status", Static).update(Text(f"{pen} · {tool} · {hint}"))

    def _show_answer_title(self, lang: str) -> None:
        title = answer_title(self.source.outputs is None, lang)
        self.query_one("#answer-title", Static).update(title)

    def _show_seen(self, prepared: np.ndarray) -> None:
        full = self.size.height >= FULL_SIZE_HEIGHT
        self.query_one("#seen", Picture).show(prepared if full else shrink(prepared, 14))

    # --- the model -------------------------------------------------------------------------

    def on_drawing_pad_changed(self, message: DrawingPad.Changed) -> None:
        prepared = as_model_input(message.pixels, self.saved.drawing_box)
        self._show_seen(prepared)
        self.latest = prepared
        self.asked_at = time.perf_counter()
        if not self._asking:
            self._asking = True
            self.run_worker(self._ask_latest(), group="pad-answers")

    async def _ask_latest(self) -> None:
        """Send the newest drawing, and again while newer ones came meanwhile."""
        try:
            while self.latest is not None:
                child = self.source.child
                if child is None or self.source.outputs is None:  # still loading
                    await asyncio.sleep(WAIT_FOR_MODEL_S)
                    continue
                drawing, self.latest = self.latest, None
                asked = self.asked_at
                try:
                    outputs = await child.outputs(input=drawing.reshape(self.saved.input_shape))
                except TutorError as error:
                    if self.is_attached:
                        self.notify(str(error), severity="error", timeout=8)
                    return
                if not self.is_attached:
                    return  # the learner left the pad meanwhile
                self._show_answer(outputs[0])
                if self.latest is None:
                    self.answered.append(time.perf_counter() - asked)
        finally:
            self._asking = False

    def _show_answer(self, output: np.ndarray) -> None:
        probabilities, _ = class_probabilities(output, self.saved.task)
        names = [self.saved.class_name(index) for index in range(len(probabilities))]
        self.query_one("#pad-bars", ProbabilityBars).show(names, probabilities)
        self._show_answer_title(self.tutor.lang)

    # --- keys ------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def action_move(self, rows: int, cols: int) -> None:
        self.query_one(DrawingPad).move(rows, cols)

    def action_pen(self) -> None:
        self.query_one(DrawingPad).toggle_pen()
        self._show_status(self.tutor.lang)

    def action_eraser(self) -> None:
        self.query_one(DrawingPad).toggle_eraser()
        self._show_status(self.tutor.lang)

    def action_clear(self) -> None:
        self.query_one(DrawingPad).clear()

    def action_sample(self) -> None:
        """The Inspect screen's sample on the pad, to change it and see the answer move."""
        self.query_one(DrawingPad).load(self.saved.image(self.source.sample))
