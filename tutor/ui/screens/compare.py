"""Two to four runs side by side: one metric's curves overlaid (each run drawn with its
letter), every figure in one table, the course's own figures labelled 'course, full data'
(stand-in runs marked not comparable), and what changed from one run to the next.

The runs' histories are read in a thread, as on the Progress screen: their paths come
from the progress store, which an import may have filled.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from tutor.errors import TutorError
from tutor.i18n import translate
from tutor.runs.compare import Comparison, compare_runs
from tutor.runs.text import diff_lines, figure_rows, reference_lines, script_text
from tutor.ui.screens.base import TutorScreen
from tutor.ui.screens.scrolling import SCROLL_BINDINGS, ScrollsPane
from tutor.ui.widgets.compare_plot import MARKS, ComparePlot, Curve
from tutor.ui.widgets.footer import KeyFooter


class CompareScreen(ScrollsPane, TutorScreen, Screen[None]):
    CSS_PATH = "compare.tcss"
    BINDINGS = [
        Binding("escape,b", "app.pop_screen", "Back"),
        Binding("m", "metric", "Metric"),
        Binding("n", "next_change", "Next change"),
        *SCROLL_BINDINGS,
    ]

    def __init__(self, run_ids: list[int]) -> None:
        super().__init__()
        self.run_ids = run_ids
        self.comparison: Comparison | None = None
        self.metric = ""
        self.change = 0
        """Which diff is shown: 0 is A to B, 1 is B to C, ..."""

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with VerticalScroll(id="report"):
            yield Static(id="legend")
            yield ComparePlot(id="plot")
            yield Static(id="figures")
            yield Static(id="references")
            yield Static(id="changes")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#report", VerticalScroll).focus()
        self._load()

    @work(thread=True, exclusive=True, group="compare")
    def _load(self) -> None:
        try:
            comparison = compare_runs(self.tutor.progress, self.run_ids)
        except TutorError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, comparison)

    def _failed(self, problem: str) -> None:
        self.notify(problem, severity="error", timeout=6)
        self.dismiss()

    def _loaded(self, comparison: Comparison) -> None:
        self.comparison = comparison
        curves = comparison.curves()
        self.metric = curves[0] if curves else ""
        if self.is_attached:
            self.show_language(self.tutor.lang)

    def show_language(self, lang: str) -> None:
        self.title = translate("Compare runs", lang)
        self.sub_title = " ".join(f"#{run_id}" for run_id in self.run_ids)
        comparison = self.comparison
        if comparison is None:
            self.query_one("#legend", Static).update(translate("Reading the runs...", lang))
            return
        legend = "  ".join(
            f"{MARKS[comparison.letter(run)]} {comparison.letter(run)} #{run.id} {run.exercise}"
            f" ({script_text(run, lang)})"
            for run in comparison.runs
        )
        self.query_one("#legend", Static).update(Text(legend))
        self._plot()
        self.query_one("#figures", Static).update(self._figures(comparison, lang))
        references = reference_lines(comparison, lang)
        self.query_one("#references", Static).update(Text("\n".join(references)))
        self.query_one("#references", Static).display = bool(references)
        self._show_change()

    def _plot(self) -> None:
        comparison = self.comparison
        plot = self.query_one("#plot", ComparePlot)
        plot.display = bool(self.metric)
        if comparison is None or not self.metric:
            return
        curves = [
            Curve(comparison.letter(run), comparison.histories[run.id].get(self.metric, ()))
            for run in comparison.runs
        ]
        reference = comparison.reference_line(self.metric)
        plot.show(
            self.metric,
            curves,
            reference.value if reference is not None else None,
            lang=self.tutor.lang,
        )

    def _figures(self, comparison: Comparison, lang: str) -> Table:
        """The figures with a column per run: labels on the left, letters on top."""
        rows = figure_rows(comparison, lang)
        table = Table(box=None, padding=(0, 2, 0, 0), show_header=True, header_style="bold")
        table.add_column(no_wrap=True, style="bold")
        for cell in rows[0][1]:
            table.add_column(Text(cell), no_wrap=True)
        for label, cells in rows[1:]:
            table.add_row(Text(label), *(Text(cell) for cell in cells))
        return table

    def _show_change(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        lang = self.tutor.lang
        diff = comparison.diffs[self.change % len(comparison.diffs)]
        text = Text()
        for number, line in enumerate(diff_lines(diff, comparison, lang)):
            if number == 0:
                style = "bold"
            elif line.startswith(("+++", "---", "@@")):
                style = "dim"
            elif line.startswith("+"):
                style = "green"
            elif line.startswith("-"):
                style = "red"
            else:
                style = ""
            text.append(line + "\n", style=style)
        if len(comparison.diffs) > 1:
            text.append(translate("n: the next pair of runs", lang), style="dim")
        self.query_one("#changes", Static).update(text)

    # --- keys ------------------------------------------------------------------------

    def action_metric(self) -> None:
        """Plot the next metric the runs logged."""
        if self.comparison is None:
            return
        curves = self.comparison.curves()
        if curves:
            self.metric = curves[(curves.index(self.metric) + 1) % len(curves)]
            self._plot()

    def action_next_change(self) -> None:
        """What changed between the next pair of runs (B to C after A to B)."""
        if self.comparison is not None:
            self.change = (self.change + 1) % len(self.comparison.diffs)
            self._show_change()

    def scroll_pane(self) -> VerticalScroll:
        return self.query_one("#report", VerticalScroll)
