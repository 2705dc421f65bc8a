"""The glossary screen: the course's terms in English and Korean side by side, filtered
as the learner types. Reachable with `g` from every screen."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from tutor.errors import TutorError
from tutor.glossary import Term, load_glossary
from tutor.i18n import translate
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.footer import KeyFooter


class GlossaryScreen(TutorScreen, ModalScreen[None]):
    CSS_PATH = "glossary.tcss"
    BINDINGS = [Binding("escape", "dismiss", "Close", priority=True)]

    def __init__(self) -> None:
        super().__init__()
        self._problem: str | None = None
        try:
            self._terms: tuple[Term, ...] = load_glossary()
        except TutorError as error:
            self._terms, self._problem = (), str(error)

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield Input(id="filter")
        yield Static(id="problem", classes="notice")
        yield DataTable(id="terms", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).focus()

    def show_language(self, lang: str) -> None:
        self.query_one("#title", Static).update(translate("Glossary", lang))
        self.query_one("#filter", Input).placeholder = translate("Type to filter", lang)
        problem = self.query_one("#problem", Static)
        problem.display = self._problem is not None
        problem.update(self._problem or "")
        self._fill(lang)

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._fill(self.tutor.lang)

    def _fill(self, lang: str) -> None:
        needle = self.query_one("#filter", Input).value
        table = self.query_one("#terms", DataTable)
        table.clear(columns=True)
        table.add_column("English")
        table.add_column("한국어")
        table.add_column(translate("Meaning", lang))
        for term in self._terms:
            if term.matches(needle):
                table.add_row(term.en, term.ko, term.meaning[lang])
