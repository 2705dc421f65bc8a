"""The glossary screen: the course's terms in English and Korean, filtered as the learner
types, with the highlighted term's meaning in both languages in full below the list.
Reachable with `g` from every screen.

The meanings are sentences: in a table column they were cut at 80 columns, so the table
lists the two terms and a detail pane wraps the meanings. The filter keeps the keyboard's
focus (typing narrows the list), so the arrow keys move through the list from there.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from tutor.errors import TutorError
from tutor.glossary import Term, load_glossary
from tutor.i18n import LANGUAGES, translate
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.footer import KeyFooter


class GlossaryScreen(TutorScreen, ModalScreen[None]):
    CSS_PATH = "glossary.tcss"
    BINDINGS = [
        Binding("escape", "dismiss", "Close", priority=True),
        Binding("down", "move(1)", "Next term", show=False, priority=True),
        Binding("up", "move(-1)", "Previous term", show=False, priority=True),
        Binding("pagedown", "move(10)", "Ten terms down", show=False, priority=True),
        Binding("pageup", "move(-10)", "Ten terms up", show=False, priority=True),
        Binding("f1", "app.help", "Help", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._problem: str | None = None
        self._shown: list[Term] = []
        try:
            self._terms: tuple[Term, ...] = load_glossary()
        except TutorError as error:
            self._terms, self._problem = (), str(error)

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield Input(id="filter")
        yield Static(id="problem", classes="notice")
        yield DataTable(id="terms", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="detail-box"):
            yield Static(id="detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).focus()

    def show_language(self, lang: str) -> None:
        self.query_one("#title", Static).update(translate("Glossary", lang))
        self.query_one("#filter", Input).placeholder = translate(
            "Type to filter; ↑ ↓ choose a term", lang
        )
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
        self._shown = [term for term in self._terms if term.matches(needle)]
        for term in self._shown:
            table.add_row(term.en, term.ko)
        self._show_detail(lang)

    @on(DataTable.RowHighlighted, "#terms")
    def _highlighted(self) -> None:
        self._show_detail(self.tutor.lang)

    def _show_detail(self, lang: str) -> None:
        """The highlighted term in both languages, the learner's language first."""
        detail = self.query_one("#detail", Static)
        row = self.query_one("#terms", DataTable).cursor_row
        if not self._shown:
            detail.update(translate("No term matches.", lang) if self._terms else "")
            return
        term = self._shown[min(max(row, 0), len(self._shown) - 1)]
        order = sorted(LANGUAGES, key=lambda each: each != lang)
        text = Text()
        text.append(f"{term.en}  ·  {term.ko}\n", style="bold")
        for each in order:
            text.append(f"\n{term.meaning[each]}")
        detail.update(text)

    def action_move(self, rows: int) -> None:
        table = self.query_one("#terms", DataTable)
        if table.row_count:
            table.move_cursor(row=min(max(table.cursor_row + rows, 0), table.row_count - 1))
