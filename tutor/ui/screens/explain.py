"""The Explain screen: type or paste a Keras model and watch its shapes and parameter
counts, with the working, update as you type. Nothing typed here is ever run.

The model is read in a thread, never on the UI thread: the engine is quick on real models,
but a hostile paste must not be able to stall the keys. The totals and the number of notes
stay pinned above the footer, so they are on screen at 80x24 however long the table is,
and the summary scrolls from the editor with PageUp/PageDown.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static, TextArea
from textual.worker import get_current_worker

from tutor.engine import explain, explain_text
from tutor.errors import TutorError
from tutor.i18n import counted, translate
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.footer import KeyFooter

STARTER_MODEL = """\
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(2),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
"""
DEBOUNCE_S = 0.15
"""Wait this long after the last key before re-reading: redrawing the table on every key
of a paste is wasted work."""
READ_DEADLINE_S = 2.0
"""The engine refuses a model it has not read by then (in one line, in the learner's
language): real ones take milliseconds, a hostile paste must not hold a thread."""


@dataclass(frozen=True)
class Reading:
    """What one read of the source gave: the summary and totals, or the one-line problem."""

    source: str
    lang: str
    summary: str = ""
    totals: str = ""
    problem: str = ""


class ExplainScreen(TutorScreen, Screen[None]):
    CSS_PATH = "explain.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", priority=True),
        Binding("ctrl+l", "clear", "Clear"),
        Binding("f6", "switch_focus", "Editor/summary", priority=True),
        Binding("pagedown", "scroll_summary(1)", "Scroll summary", priority=True),
        Binding("pageup", "scroll_summary(-1)", "Scroll summary up", show=False, priority=True),
        Binding("f1", "app.help", "Help", priority=True),
    ]

    def __init__(self, source: str = STARTER_MODEL) -> None:
        super().__init__()
        self._initial_source = source
        self._timer = None

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield TextArea(
            self._initial_source, id="source", show_line_numbers=True, tab_behavior="indent"
        )
        yield Static(id="error", classes="notice")
        with VerticalScroll(id="summary-box"):
            yield Static(id="summary")
        yield Static(id="totals")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#source", TextArea).focus()

    def show_language(self, lang: str) -> None:
        self.title = translate("Explain a model", lang)
        self.sub_title = translate("Type or paste Keras code; nothing is run", lang)
        self.refresh_summary()  # the working is in the learner's language too

    @on(TextArea.Changed, "#source")
    def _source_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_S, self.refresh_summary)

    def refresh_summary(self) -> None:
        """Read the model again, off the UI thread; the newest read wins."""
        self._read(self.query_one("#source", TextArea).text, self.tutor.lang)

    @work(thread=True, exclusive=True, group="explain")
    def _read(self, source: str, lang: str) -> None:
        deadline = time.monotonic() + READ_DEADLINE_S  # the engine stops itself there
        try:
            summary = explain_text(source, lang, deadline=deadline)
            result = explain(source, deadline=deadline)
        except TutorError as problem:
            reading = Reading(source, lang, problem=str(problem))
        else:
            totals = _totals_line(result.total_params, result.trainable_params, lang)
            if result.notes:
                notes = ("{n} note under the table", "{n} notes under the table")
                totals += "  ·  " + counted(len(result.notes), *notes, lang)
            reading = Reading(source, lang, summary=summary, totals=totals)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, reading)

    def _show(self, reading: Reading) -> None:
        """Show a reading; on a problem keep the last good summary, dimmed, under it."""
        if not self.is_attached or reading.source != self.query_one("#source", TextArea).text:
            return  # the learner typed on (or left) meanwhile: a newer read is coming
        error = self.query_one("#error", Static)
        summary = self.query_one("#summary", Static)
        if reading.problem:
            error.update(Text(f"⚠ {reading.problem}"))
            error.display = True
            summary.add_class("stale")
            return
        error.update("")
        error.display = False
        summary.remove_class("stale")
        summary.update(Text(reading.summary))
        self.query_one("#totals", Static).update(Text(reading.totals))

    def action_clear(self) -> None:
        self.query_one("#source", TextArea).clear()

    def action_switch_focus(self) -> None:
        source = self.query_one("#source", TextArea)
        target = self.query_one("#summary-box") if source.has_focus else source
        target.focus()

    def action_scroll_summary(self, pages: int) -> None:
        box = self.query_one("#summary-box", VerticalScroll)
        box.scroll_relative(y=pages * max(1, box.size.height - 1), animate=False)


def _totals_line(total: int, trainable: int, lang: str) -> str:
    text = translate("Total params: {total} (trainable {trainable}, non-trainable {frozen})", lang)
    frozen = total - trainable
    return text.format(total=f"{total:,}", trainable=f"{trainable:,}", frozen=f"{frozen:,}")
