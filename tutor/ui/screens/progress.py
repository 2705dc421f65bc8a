"""The Progress screen: lessons done per chapter, mastery per quiz topic, the streak, and
recent exercise runs; selecting a run draws its training history."""

from __future__ import annotations

import json
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from tutor.i18n import translate
from tutor.progress import ExerciseRun
from tutor.progress.summary import metrics_text, progress_lines
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.footer import KeyFooter
from tutor.ui.widgets.history_plot import HistoryPlot

RECENT_RUNS = 20


def read_history(path: str | None) -> dict[str, list[float]]:
    """A saved Keras history (name -> per-epoch values); empty if missing or unreadable,
    since an old run's file may have been cleaned away."""
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if isinstance(data, dict) and isinstance(data.get("history"), dict):
        data = data["history"]
    if not isinstance(data, dict):
        return {}
    return {
        str(name): [v for v in values if isinstance(v, (int, float))]
        for name, values in data.items()
        if isinstance(values, list)
    }


def main_metric(history: dict[str, list[float]]) -> str:
    """The curve worth drawing: accuracy for classifiers, else MAE, else the loss."""
    return next((m for m in ("accuracy", "mae") if m in history), "loss")


class ProgressScreen(TutorScreen, Screen[None]):
    CSS_PATH = "progress.tcss"
    BINDINGS = [Binding("escape,q,b", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with VerticalScroll(id="report"):
            yield Static(id="summary")
            yield Static(id="runs-title", classes="heading")
            yield DataTable(id="runs", cursor_type="row", zebra_stripes=True)
            yield HistoryPlot("loss", id="history")
        yield KeyFooter()

    def show_language(self, lang: str) -> None:
        self.title = translate("Progress", lang)
        self.sub_title = ""
        report = self.tutor.progress.report()
        lines = progress_lines(report, self.tutor.course, lang, runs=False)
        self.query_one("#summary", Static).update(Text("\n".join(lines)))
        self.query_one("#runs-title", Static).update(translate("Exercise runs", lang))
        self._fill_runs(lang)
        self.tutor.show_progress_notice()

    def _fill_runs(self, lang: str) -> None:
        table = self.query_one("#runs", DataTable)
        table.clear(columns=True)
        for column in ("Started", "Exercise", "Status", "Metrics"):
            table.add_column(translate(column, lang))
        runs: list[ExerciseRun] = self.tutor.progress.runs()[-RECENT_RUNS:][::-1]
        for run in runs:
            table.add_row(
                run.started.astimezone().strftime("%Y-%m-%d %H:%M"),
                run.exercise_id,
                translate(run.status, lang),
                metrics_text(run.metrics),
                key=str(run.run_id),
            )
        self._runs = {str(run.run_id): run for run in runs}
        table.display = bool(runs)
        self.query_one("#history", HistoryPlot).display = bool(runs)
        if runs:
            self._plot(runs[0])

    @on(DataTable.RowHighlighted, "#runs")
    def _run_highlighted(self, event: DataTable.RowHighlighted) -> None:
        run = self._runs.get(event.row_key.value or "")
        if run is not None:
            self._plot(run)

    def _plot(self, run: ExerciseRun) -> None:
        history = read_history(run.history_path)
        self.query_one("#history", HistoryPlot).show(history, main_metric(history))
