"""A yes-or-no question before something that cannot be undone (deleting runs)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.i18n import translate
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.footer import KeyFooter


class ConfirmScreen(TutorScreen, ModalScreen[bool]):
    """Dismisses with True for y, False for n or Esc."""

    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("y", "dismiss(True)", "Yes"),
        Binding("n,escape", "dismiss(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            yield Static(id="answers")
        yield KeyFooter()

    def show_language(self, lang: str) -> None:
        self.query_one("#answers", Static).update(translate("y: yes, n: no", lang))
