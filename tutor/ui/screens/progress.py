"""The Progress screen: lessons done per chapter, mastery per quiz topic, the streak, and
recent exercise runs; the highlighted run's figures and training history below them.

A run's history file is read in a thread: its path comes from the progress store, which
an import may have filled, so even the careful reader (`tutor.progress.history`) must
not be able to hold up the keys.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from tutor.challenges.attempts import challenge_lines
from tutor.i18n import translate
from tutor.progress import ExerciseRun
from tutor.progress.history import read_history
from tutor.progress.summary import main_metric_text, metrics_text, progress_lines
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.footer import KeyFooter
from tutor.ui.widgets.history_plot import HistoryPlot

RECENT_RUNS = 20


def main_metric(history: dict[str, list[float]]) -> str:
    """The curve worth drawing: accuracy for classifiers, else MAE, else the loss."""
    return next((m for m in ("accuracy", "mae") if m in history), "loss")


class ProgressScreen(TutorScreen, Screen[None]):
    CSS_PATH = "progress.tcss"
    BINDINGS = [
        Binding("escape,q,b", "app.pop_screen", "Back"),
        Binding("i", "inspect", "Inspect", tooltip="Look inside the highlighted run's network"),
        Binding("h", "runs", "Runs"),
        Binding("c", "challenges", "Challenges"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, priority=True),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._runs: dict[str, ExerciseRun] = {}
        self._highlighted: ExerciseRun | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with VerticalScroll(id="report"):
            yield Static(id="summary")
            yield Static(id="challenges")
            yield Static(id="runs-title", classes="heading")
            yield DataTable(id="runs", cursor_type="row", zebra_stripes=True)
            yield Static(id="run-detail")
            yield HistoryPlot("loss", id="history")
        yield KeyFooter()

    def show_language(self, lang: str) -> None:
        self.title = translate("Progress", lang)
        self.sub_title = ""
        report = self.tutor.progress.report()
        lines = progress_lines(report, self.tutor.course, lang, runs=False)
        self.query_one("#summary", Static).update(Text("\n".join(lines)))
        challenges = challenge_lines(self.tutor.progress, lang)
        self.query_one("#challenges", Static).update(Text("\n".join(challenges)))
        self.query_one("#runs-title", Static).update(translate("Exercise runs", lang))
        self._fill_runs(lang)
        self.tutor.show_progress_notice()

    def _fill_runs(self, lang: str) -> None:
        table = self.query_one("#runs", DataTable)
        table.clear(columns=True)
        for column in ("Started", "Exercise", "Status", "Result"):
            table.add_column(translate(column, lang))
        runs: list[ExerciseRun] = self.tutor.progress.runs()[-RECENT_RUNS:][::-1]
        for run in runs:
            table.add_row(
                run.started.astimezone().strftime("%Y-%m-%d %H:%M"),
                run.exercise_id,
                translate(run.status, lang),
                main_metric_text(run.metrics),
                key=str(run.run_id),
            )
        self._runs = {str(run.run_id): run for run in runs}
        table.display = bool(runs)
        self.query_one("#history", HistoryPlot).display = bool(runs)
        detail = self.query_one("#run-detail", Static)
        if runs:
            table.focus()
            self._show_run(runs[0], lang)
        else:
            detail.update(translate("No runs yet.", lang))

    @on(DataTable.RowHighlighted, "#runs")
    def _run_highlighted(self, event: DataTable.RowHighlighted) -> None:
        run = self._runs.get(event.row_key.value or "")
        if run is not None:
            self._show_run(run, self.tutor.lang)

    def _show_run(self, run: ExerciseRun, lang: str) -> None:
        self._highlighted = run
        figures = metrics_text(run.metrics) or translate("no figures saved", lang)
        self.query_one("#run-detail", Static).update(Text(f"{run.exercise_id}: {figures}"))
        self._load_history(run)

    @work(thread=True, exclusive=True, group="history")
    def _load_history(self, run: ExerciseRun) -> None:
        history = read_history(run.history_path)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._plot, history)

    def _plot(self, history: dict[str, list[float]]) -> None:
        if self.is_attached:
            plot = self.query_one("#history", HistoryPlot)
            plot.show(history, main_metric(history), lang=self.tutor.lang)

    def action_inspect(self) -> None:
        """Open the highlighted run in Inspect, or say in one line why it cannot be."""
        from tutor.inspect.files import inspect_problem

        run, lang = self._highlighted, self.tutor.lang
        if run is None:
            return
        if not run.model_path:
            self.notify(translate("This run has no saved model.", lang), timeout=5)
            return
        folder = Path(run.model_path).parent
        problem = inspect_problem(folder, lang)
        if problem is not None:
            self.notify(problem, severity="warning", timeout=8)
            return
        from tutor.ui.screens.inspect import InspectScreen  # on first use: start-up budget

        self.app.push_screen(InspectScreen(folder))

    def action_runs(self) -> None:
        from tutor.ui.screens.runs import RunsScreen

        self.app.push_screen(RunsScreen())

    def action_challenges(self) -> None:
        from tutor.ui.screens.challenges import ChallengesScreen

        self.app.push_screen(ChallengesScreen())

    def action_page(self, pages: int) -> None:
        report = self.query_one("#report", VerticalScroll)
        report.scroll_relative(y=pages * max(1, report.size.height - 1), animate=False)
