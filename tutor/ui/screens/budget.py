"""A challenge's script refused before it ran: the one-line reason and the Explain table
of its model, so the learner sees at once which layers hold the parameters."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.challenges.budget import BudgetCheck, where_the_parameters_are
from tutor.i18n import translate
from tutor.ui.screens.base import TutorScreen
from tutor.ui.screens.scrolling import SCROLL_BINDINGS, ScrollsPane
from tutor.ui.widgets.footer import KeyFooter


class BudgetScreen(ScrollsPane, TutorScreen, ModalScreen[bool]):
    """Dismisses with True for e (edit the copy), False for Esc."""

    CSS_PATH = "budget.tcss"
    BINDINGS = [
        Binding("escape,q", "dismiss(False)", "Back"),
        Binding("e", "dismiss(True)", "Edit"),
        *SCROLL_BINDINGS,
    ]

    def __init__(self, check: BudgetCheck, source: str) -> None:
        super().__init__()
        self.check = check
        self.source = source

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(id="refusal")
            yield Static(id="model")
        yield KeyFooter()

    def show_language(self, lang: str) -> None:
        dialog = self.query_one("#dialog", VerticalScroll)
        dialog.border_title = translate("Over budget: nothing was run", lang)
        self.query_one("#refusal", Static).update(Text(self.check.message(lang)))
        table = where_the_parameters_are(self.source, lang)
        self.query_one("#model", Static).update(Text(table))

    def scroll_pane(self) -> VerticalScroll:
        return self.query_one("#dialog", VerticalScroll)
