"""The Runs screen: every run of every exercise and challenge, to pick two to four to
compare, and to delete the ones not worth keeping.

The table scrolls sideways at 80 columns; the highlighted run's every figure is written
out below it, so nothing is only in a column off screen. Marked runs are lettered A to D
in the order they were marked, as the comparison letters them.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from tutor.i18n import translate
from tutor.runs.compare import LETTERS, MAX_RUNS, MIN_RUNS
from tutor.runs.records import RunRecord, list_runs, sort_runs
from tutor.runs.text import COLUMNS, run_cells, run_detail
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.footer import KeyFooter

SORT_ORDER = ("started", *(column for column in COLUMNS if column != "started"))


class RunsScreen(TutorScreen, Screen[None]):
    CSS_PATH = "runs.tcss"
    BINDINGS = [
        Binding("escape,b", "app.pop_screen", "Back"),
        Binding("m,space", "mark", "Mark"),
        Binding("enter", "compare", "Compare", priority=True),
        Binding("d", "delete", "Delete"),
        Binding("f", "filter", "Next exercise", show=False),
        Binding("s", "sort", "Sort by the next column", show=False),
        Binding("r", "reverse", "Reverse the order", show=False),
    ]

    def __init__(self, exercise_id: str | None = None) -> None:
        """`exercise_id` shows that exercise's (or challenge's) runs first; f shows all."""
        super().__init__()
        self.exercise_id = exercise_id
        self.sort_column = "started"
        self.descending = True
        self.marked: list[int] = []
        self._runs: list[RunRecord] = []
        self._shown: list[RunRecord] = []
        self._filled: object = None

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(id="where")
        yield DataTable(id="runs", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail")
        yield KeyFooter()

    def show_language(self, lang: str) -> None:
        self.title = translate("Runs", lang)
        self.sub_title = ""
        self.refill()

    def on_screen_resume(self) -> None:
        """Back from a comparison (or anywhere): runs may have finished meanwhile."""
        self.refill()

    # --- the table -------------------------------------------------------------------

    def refill(self) -> None:
        """Read the runs again and show them filtered, sorted and marked."""
        self._runs = list_runs(self.tutor.progress)
        known = {run.id for run in self._runs}
        self.marked = [run_id for run_id in self.marked if run_id in known]
        self._fill()

    def _fill(self) -> None:
        lang = self.tutor.lang
        table = self.query_one("#runs", DataTable)
        highlighted = self._highlighted()
        shown = [run for run in self._runs if self.exercise_id in (None, run.exercise)]
        self._shown = sort_runs(shown, self.sort_column, descending=self.descending)
        rows = [run_cells(run, lang) for run in self._shown]
        headers = {
            column: translate(column, lang)
            + ((" ▼" if self.descending else " ▲") if column == self.sort_column else "")
            for column in COLUMNS
        }
        columns = fitting_columns(headers, rows, self.app.size.width - 4)
        shown = (columns, [headers[c] for c in columns], rows, list(self.marked))
        if shown == self._filled:  # a resize that changes nothing: filling the table
            return  # again in the same frame would leave its columns as narrow as headings
        self._filled = shown
        table.clear(columns=True)
        table.add_column(" ", key="mark")
        for column in columns:
            table.add_column(headers[column], key=column)
        for run, cells in zip(self._shown, rows, strict=True):
            row = [self._mark(run.id), *(cells[column] for column in columns)]
            table.add_row(*(Text(cell) for cell in row), key=str(run.id))
        if highlighted is not None and any(run.id == highlighted for run in self._shown):
            table.move_cursor(row=table.get_row_index(str(highlighted)), animate=False)
        self._show_where()
        self._show_detail()
        table.focus()

    def on_resize(self) -> None:
        if self._runs:
            self._fill()

    def _mark(self, run_id: int) -> str:
        return LETTERS[self.marked.index(run_id)] if run_id in self.marked else ""

    def _highlighted(self) -> int | None:
        table = self.query_one("#runs", DataTable)
        if not self._shown or table.cursor_row < 0 or table.cursor_row >= len(self._shown):
            return None
        return self._shown[table.cursor_row].id

    def _show_where(self) -> None:
        lang = self.tutor.lang
        which = self.exercise_id or translate("all", lang)
        order = translate(self.sort_column, lang) + (" ▼" if self.descending else " ▲")
        text = (
            f"{translate('Exercise', lang)}: {which} (f)  ·  "
            f"{translate('sorted by', lang)} {order} (s, r)  ·  "
            + translate("{n} of {most} marked", lang).format(n=len(self.marked), most=MAX_RUNS)
        )
        self.query_one("#where", Static).update(Text(text))

    def _show_detail(self) -> None:
        lang = self.tutor.lang
        run_id = self._highlighted()
        run = next((run for run in self._shown if run.id == run_id), None)
        lines = run_detail(run, lang) if run is not None else [translate("No runs yet.", lang)]
        self.query_one("#detail", Static).update(Text("\n".join(lines)))

    @on(DataTable.RowHighlighted, "#runs")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    # --- keys ------------------------------------------------------------------------

    def action_mark(self) -> None:
        """Mark the highlighted run for comparing (A, B, ... in marking order), or unmark
        it."""
        run_id = self._highlighted()
        if run_id is None:
            return
        if run_id in self.marked:
            self.marked.remove(run_id)
        elif len(self.marked) >= MAX_RUNS:
            message = translate("Compare at most {most} runs at once.", self.tutor.lang)
            self.notify(message.format(most=MAX_RUNS), severity="warning", timeout=3)
            return
        else:
            self.marked.append(run_id)
        table = self.query_one("#runs", DataTable)
        for run in self._shown:  # letters move up when one is unmarked
            table.update_cell(str(run.id), "mark", Text(self._mark(run.id)))
        self._show_where()
        if table.cursor_row < len(self._shown) - 1:
            table.move_cursor(row=table.cursor_row + 1, animate=False)

    def action_compare(self) -> None:
        if len(self.marked) < MIN_RUNS:
            message = translate("Mark two to four runs with m, then press enter.", self.tutor.lang)
            self.notify(message, timeout=4)
            return
        from tutor.ui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(list(self.marked)))

    def action_filter(self) -> None:
        """Show the next exercise's runs only, then all of them again."""
        exercises = list(dict.fromkeys(sorted(run.exercise for run in self._runs)))
        choices: list[str | None] = [None, *exercises]
        position = choices.index(self.exercise_id) if self.exercise_id in choices else 0
        self.exercise_id = choices[(position + 1) % len(choices)]
        self._fill()

    def action_sort(self) -> None:
        position = SORT_ORDER.index(self.sort_column)
        self.sort_column = SORT_ORDER[(position + 1) % len(SORT_ORDER)]
        self._fill()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self._fill()

    def action_delete(self) -> None:
        """Delete the marked runs, or the highlighted one, after asking."""
        from tutor.ui.screens.confirm import ConfirmScreen

        chosen = list(self.marked) or ([self._highlighted()] if self._highlighted() else [])
        if not chosen:
            return
        lang = self.tutor.lang
        ids = ", ".join(f"#{run_id}" for run_id in chosen)
        question = translate("Delete runs {ids} and their folders?", lang).format(ids=ids)

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete([run_id for run_id in chosen if run_id is not None])

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, exclusive=True, group="delete")
    def _delete(self, run_ids: list[int]) -> None:
        """In a thread: a run's folder holds its model, and removing megabytes of files
        must not hold up the keys."""
        from tutor.errors import TutorError
        from tutor.runs.manage import delete_runs
        from tutor.training.liveness import run_is_alive

        try:
            deleted = delete_runs(self.tutor.progress, run_ids, run_is_alive)
        except TutorError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=6)
            return
        self.app.call_from_thread(self._deleted, deleted.runs, deleted.kept_folders)

    def _deleted(self, runs: tuple[int, ...], kept: tuple[object, ...]) -> None:
        lang = self.tutor.lang
        ids = ", ".join(str(run_id) for run_id in runs)
        self.notify(translate("Deleted runs {ids}.", lang).format(ids=ids), timeout=3)
        for folder in kept:
            message = translate("{folder} could not be removed; delete it yourself.", lang)
            self.notify(message.format(folder=folder), severity="warning", timeout=8)
        self.marked = [run_id for run_id in self.marked if run_id not in runs]
        if self.is_attached:
            self.refill()


def fitting_columns(headers: dict[str, str], rows: list[dict[str, str]], width: int) -> list[str]:
    """The columns, in order, that fit `width` cells whole: a column cut at the edge would
    show half a word, and every figure of the highlighted run is written out below the
    table anyway."""
    chosen: list[str] = []
    used = 3  # the mark column
    for column in COLUMNS:
        needed = max(cell_len(text) for text in [headers[column], *(row[column] for row in rows)])
        if used + needed + 2 > width:
            break
        chosen.append(column)
        used += needed + 2
    return chosen
