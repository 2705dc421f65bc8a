"""The Explain screen: type or paste a Keras model and watch its shapes and parameter
counts, with the working, update as you type. Nothing typed here is ever run."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static, TextArea

from tutor.engine import explain_text
from tutor.errors import TutorError
from tutor.i18n import translate
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
"""Wait this long after the last key before re-reading: parsing is fast (well under a
millisecond per layer) but redrawing the table on every key of a paste is wasted work."""


class ExplainScreen(TutorScreen, Screen[None]):
    CSS_PATH = "explain.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", priority=True),
        Binding("ctrl+l", "clear", "Clear"),
        Binding("f6", "switch_focus", "Editor/summary"),
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
        """Re-read the model; on an error keep the last good summary, dimmed, under it."""
        source = self.query_one("#source", TextArea).text
        error = self.query_one("#error", Static)
        summary = self.query_one("#summary", Static)
        try:
            table = explain_text(source, self.tutor.lang)
        except TutorError as problem:
            error.update(Text(f"⚠ {problem}"))
            error.display = True
            summary.add_class("stale")
            return
        error.update("")
        error.display = False
        summary.remove_class("stale")
        summary.update(Text(table))

    def action_clear(self) -> None:
        self.query_one("#source", TextArea).clear()

    def action_switch_focus(self) -> None:
        self.focus_next()
