"""The exercise screen: run a lesson's Keras script in the background and watch it learn.

It shows the exercise, the script that will run (the original or the learner's copy), the
dataset's state, the device, live loss and metric curves, a progress bar with an ETA and
the script's output. The run itself belongs to the app (`tutor.ui.training`): leaving this
screen does not stop it, and coming back shows it again. Redraws come from a timer, four a
second, never from the events themselves, so a fast run cannot flood the UI.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, ProgressBar, RichLog, Static

from tutor import datasets
from tutor.challenges.workspace import edit_copy, find, has_copy, reset_copy, solution_path
from tutor.errors import TutorError
from tutor.exercises import Exercise
from tutor.i18n import counted, translate
from tutor.training.report import criterion_text, data_text, metrics_text
from tutor.training.view import RunView, clock
from tutor.ui.external_editor import EditorProblem, editor_command, run_editor
from tutor.ui.screens.base import TutorScreen
from tutor.ui.screens.editor import EditorScreen
from tutor.ui.training import RunOptions, TrainingSession
from tutor.ui.widgets.footer import KeyFooter
from tutor.ui.widgets.gpu_panel import GpuPanel
from tutor.ui.widgets.history_plot import HistoryPlot

REDRAW_INTERVAL_S = 0.25


class ExerciseScreen(TutorScreen, Screen[None]):
    CSS_PATH = "exercise.tcss"
    BINDINGS = [
        Binding("escape,b", "back", "Back"),
        Binding("r", "run", "Run"),
        Binding("c", "cancel", "Cancel"),
        Binding("e", "edit", "Edit"),
        Binding("u", "reset", "Reset", show=False),
        Binding("s", "solution", "Solution"),
        Binding("o", "options", "Options"),
        Binding("i", "inspect", "Inspect", tooltip="Look inside the trained network"),
        Binding("f", "full_output", "Output full screen", show=False),
        Binding("h", "runs", "Runs of this exercise", show=False),
        Binding("down,j", "scroll_log(1)", "Scroll down", show=False),
        Binding("up,k", "scroll_log(-1)", "Scroll up", show=False),
        Binding("pagedown,space", "page_log(1)", "Page down", show=False),
        Binding("pageup", "page_log(-1)", "Page up", show=False),
        Binding("home", "log_end(False)", "Top", show=False),
        Binding("end", "log_end(True)", "Bottom", show=False),
    ]

    def __init__(self, exercise_id: str) -> None:
        super().__init__()
        self.exercise: Exercise = find(exercise_id)  # a challenge runs here too
        self._seen_version = -1
        self._seen_epochs = -1
        self._plots_to_draw: list[str] = []
        self._shown_lines = 0
        self._shown_session: TrainingSession | None = None
        self._started = False
        self._was_active = False
        self._inspect_dir: Path | None = None
        """The newest finished run of this exercise that Inspect can open."""

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(id="summary")
        with Horizontal(id="plots"):
            yield HistoryPlot("loss", id="loss-plot")
            yield HistoryPlot(self.exercise.metric or "accuracy", id="metric-plot")
        with Horizontal(id="progress-row"):
            yield ProgressBar(id="progress", show_eta=False)
            yield Static(id="status")
        yield GpuPanel(id="gpu")
        # min_width: RichLog renders at least 78 columns by default, one more than an
        # 80-column terminal leaves it, which cut each line's last letter
        yield RichLog(id="log", max_lines=2000, wrap=True, min_width=20)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.set_class(not self.exercise.trains, "no-training")
        self.set_interval(REDRAW_INTERVAL_S, self.redraw)
        self.watch(self.query_one("#log", RichLog), "scroll_y", self._show_scroll_hint)
        self._find_inspectable()

    @property
    def session(self) -> TrainingSession | None:
        """The app's run of this exercise, if there is or was one."""
        session = self.tutor.training
        return session if session is not None and session.exercise.id == self.exercise.id else None

    # --- drawing -----------------------------------------------------------------------

    def show_language(self, lang: str) -> None:
        self.title = f"{translate('Exercise', lang)}: {self.exercise.title(lang)}"
        self.sub_title = self.exercise.id
        self._seen_version = -1
        self._started = False  # the log again from its start, in the new language
        self.redraw()
        self._make_room_for_inspect()  # the language reset the footer's keys

    def redraw(self) -> None:
        """Bring the screen up to date with the run; cheap when nothing changed."""
        session = self.session
        if session is not self._shown_session or not self._started:
            self._start_fresh(session)
        self.set_class(session is None, "idle")  # no curves yet: the things to try fill it
        self._show_scroll_hint()  # the pane's size changes with f, the terminal, the run
        view = session.view if session is not None else None
        version = view.version if view is not None else 0
        if version == self._seen_version and not (view and view.active) and not self._plots_to_draw:
            return
        self._seen_version = version
        active = view is not None and view.active
        if active != self._was_active:  # the footer swaps Run and Cancel
            self._was_active = active
            self._find_inspectable()  # a run that just finished can be looked into
            self.refresh_bindings()
        lang = self.tutor.lang
        self._show("#summary", self._summary(view, lang), layout=True)
        self._show("#status", self._status(view, lang))
        if view is not None:  # the GPU's load and memory while the run trains on one
            self.query_one(GpuPanel).follow(view.gpus, view.pid, view.active, lang)
        if view is None:
            return
        fraction = view.fraction()
        self.query_one("#progress", ProgressBar).update(
            total=100 if fraction is not None else None, progress=100 * (fraction or 0)
        )
        log = self.query_one("#log", RichLog)
        follow = log.is_vertical_scroll_end  # a learner reading further up stays there
        for line in view.new_lines(self._shown_lines, lang):
            log.write(line, scroll_end=follow)
        self._shown_lines = view.logged
        self._show_scroll_hint()
        epochs = len(view.history.get("loss", []))
        if epochs != self._seen_epochs:
            self._seen_epochs = epochs
            for plot in ("#loss-plot", "#metric-plot"):  # each queued once: fast epochs
                if plot not in self._plots_to_draw:  # (k-fold models) starve neither plot
                    self._plots_to_draw.append(plot)
        if self._plots_to_draw:  # one a tick: a plot takes 10-30 ms to build on 2 cores
            chart = self.query_one(self._plots_to_draw.pop(0), HistoryPlot)
            chart.show(view.history, earlier=view.earlier, lang=lang)

    def _show(self, selector: str, text: str, *, layout: bool = False) -> None:
        """Put `text` in a line, only if it changed, and by default without a layout pass:
        four updates a second must not reflow the whole screen under the learner's keys
        (the summary, which may wrap, changes only a few times a run). Text, not markup:
        "[stand-in]" and a script's metric names print as they are."""
        line = self.query_one(selector, Static)
        if str(line.content) != text:
            line.update(Text(text), layout=layout)

    def _show_scroll_hint(self) -> None:
        """Say under the output what is below it and how to get there, so a long result
        (a 10x10 confusion matrix at 80x24) is never scrolled blind."""
        log = self.query_one("#log", RichLog)
        lang = self.tutor.lang
        title = translate("Output", lang)
        if log.max_scroll_y > 0:
            title += " · " + translate("↑↓ PgUp PgDn scroll, f full screen", lang)
        below = round(log.max_scroll_y - log.scroll_y)
        if below > 0:
            title += " · " + counted(below, "{n} more line below", "{n} more lines below", lang)
        if log.border_title != title:
            log.border_title = title

    def _start_fresh(self, session: TrainingSession | None) -> None:
        """A new run (or none yet): clear the log and plots, show the things to try."""
        self._shown_session, self._started = session, True
        self._shown_lines = 0
        self._seen_epochs = -1
        log = self.query_one("#log", RichLog)
        log.clear()
        lang = self.tutor.lang
        self._show_scroll_hint()
        if session is None:
            log.write(Text(translate("Things to try:", lang), style="bold"))
            tries = Table.grid(padding=(0, 1))  # numbered, wrapped under their own text
            tries.add_column(justify="right", no_wrap=True)
            tries.add_column()
            for number, text in enumerate(self.exercise.things_to_try(lang), 1):
                tries.add_row(f"{number}.", text)
            log.write(tries)
            self.query_one("#progress", ProgressBar).update(total=100, progress=0)

    def _summary(self, view: RunView | None, lang: str) -> str:
        """Two lines: the script and the device, then the data (whose name can be long)."""
        script = translate("your copy" if has_copy(self.exercise.id) else "original", lang)
        device = view.device if view is not None and view.device else "-"
        return (
            f"{translate('Script', lang)}: {self.exercise.script.name} ({script})  ·  "
            f"{translate('Device', lang)}: {device}\n"
            f"{translate('Data', lang)}: {self._data_state(view, lang)}"
        )

    def _data_state(self, view: RunView | None, lang: str) -> str:
        if view is not None and view.dataset:
            return data_text(view.dataset, view.stand_in, view.dataset_name, lang)
        name = self.exercise.dataset
        if name is None:
            return translate("made by the script", lang)
        try:
            status = datasets.dataset_status(name)
        except datasets.DatasetError:
            return name
        if status.state in ("cached", "bundled"):
            return f"{name} ({translate(status.state, lang)})"
        fallback = datasets.describe(name, lang, stand_in=True)
        return f"{name} ({translate('not downloaded; offline', lang)}: {fallback})"

    def _status(self, view: RunView | None, lang: str) -> str:
        if view is None:
            return self._next_run(lang)
        if view.result is not None:
            verdict = translate(view.result.status, lang)
            return verdict + criterion_text(view.result.criterion, lang)
        if view.status == "cancelling":
            return translate("Stopping after this batch...", lang)
        if not view.epochs:
            return translate("Starting (TensorFlow takes a few seconds)...", lang)
        parts = [f"{translate('epoch', lang)} {view.epoch}/{view.epochs}"]
        batch = f"{translate('batch', lang)} {view.batch}/{view.steps}" if view.steps else ""
        eta = view.eta()
        if eta is not None:
            parts.append(f"ETA {clock(eta)}")
        if view.fit > 1:
            parts.append(f"({translate('model', lang)} {view.fit})")
        latest = view.live or {name: values[-1] for name, values in view.history.items()}
        parts.append(metrics_text(latest))
        with_batch = "  ".join([parts[0], batch, *parts[1:]]) if batch else ""
        width = self.query_one("#status", Static).size.width
        return with_batch if with_batch and cell_len(with_batch) <= width else "  ".join(parts)

    def _next_run(self, lang: str) -> str:
        """What r will do, with the options chosen for it (o changes them)."""
        if not self.exercise.trains:
            return translate("r runs it; nothing is trained", lang)
        options = self.tutor.run_options.get(self.exercise.id, RunOptions())
        how = translate("r runs {epochs} epochs, batch size {batch}", lang).format(
            epochs=options.epochs or self.exercise.epochs,
            batch=options.batch_size or self.exercise.batch_size,
        )
        extras = [translate("offline", lang)] if options.offline else []
        if options.gpu_memory is not None:
            cap = translate("at most {cap} MB of GPU memory", lang)
            extras.append(cap.format(cap=options.gpu_memory))
        extras += [translate("mixed precision", lang)] if options.mixed_precision else []
        extras += [" ".join(options.script_args)] if options.script_args else []
        return how + (f" ({', '.join(extras)})" if extras else "")

    # --- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Run while nothing trains, cancel while this exercise does: the footer shows
        only the key that does something now."""
        session = self.session
        running = session is not None and session.active
        if action == "run":
            return not running
        if action == "inspect":
            return self._inspect_dir is not None
        if action == "cancel":
            return running
        return True

    def action_run(self) -> None:
        other = self.tutor.training
        if other is not None and other.active:
            message = translate("{id} is still training; cancel it first.", self.tutor.lang)
            self.notify(message.format(id=other.exercise.id), severity="warning")
            return
        self.tutor.start_training(self.exercise)
        self.refresh_bindings()
        self.redraw()

    def action_cancel(self) -> None:
        session = self.session
        if session is not None and session.active:
            self.tutor.cancel_training()
            self.redraw()

    def action_edit(self) -> None:
        """The learner's `$VISUAL`/`$EDITOR`, else the built-in editor. An editor that
        cannot start is said in one notice and the built-in one opens instead; one that
        fails after starting is said, and the copy stays as it left it."""
        try:
            path = edit_copy(self.exercise.id)
        except (OSError, TutorError) as error:  # the workspace is unwritable, or odd
            self.notify(str(error), severity="error", timeout=8)
            return
        command = editor_command()
        problem = run_editor(self.app, command, path) if command else None
        if command is None or (problem is not None and not problem.started):
            if problem is not None:
                self._say_editor_problem(problem, "; the built-in editor opens instead.")
            self._open_editor(path)
            return
        if problem is not None:
            self._say_editor_problem(problem, ".")
        self._after_edit()

    def _say_editor_problem(self, problem: EditorProblem, ending: str) -> None:
        lang = self.tutor.lang
        text = translate(problem.message, lang).format(**problem.values)
        self.notify(text + translate(ending, lang), severity="warning", timeout=8)

    def _after_edit(self) -> None:
        self._seen_version = -1
        self.redraw()

    def action_reset(self) -> None:
        backup = reset_copy(self.exercise.id)
        lang = self.tutor.lang
        if backup is None:
            self.notify(translate("You are already running the original.", lang), timeout=3)
        else:
            message = translate("Back to the original; your copy is kept as {name}.", lang)
            self.notify(message.format(name=backup.name), timeout=5)
        self._after_edit()

    def action_options(self) -> None:
        """Epochs, batch size, offline data and the script's own options for the next run."""
        from tutor.ui.screens.run_options import RunOptionsScreen

        current = self.tutor.run_options.get(self.exercise.id, RunOptions())

        def chosen(options: RunOptions | None) -> None:
            if options is not None:
                self.tutor.run_options[self.exercise.id] = options
                self._seen_version = -1
                self.redraw()

        self.app.push_screen(RunOptionsScreen(self.exercise, current), chosen)

    def action_solution(self) -> None:
        self._open_editor(solution_path(self.exercise.id), read_only=True)

    def _open_editor(self, path: Path, *, read_only: bool = False) -> None:
        """The built-in editor on `path`; a file that cannot be read (a FIFO or a huge file
        where the learner's copy should be) is one notice, not a hang."""
        try:
            editor = EditorScreen(path, read_only=read_only)
        except TutorError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self.app.push_screen(editor, lambda _saved: self._after_edit())

    def action_scroll_log(self, lines: int) -> None:
        self.query_one("#log", RichLog).scroll_relative(y=lines, animate=False)

    def action_page_log(self, pages: int) -> None:
        log = self.query_one("#log", RichLog)
        log.scroll_relative(y=pages * max(1, log.size.height - 1), animate=False)

    def action_log_end(self, bottom: bool) -> None:
        log = self.query_one("#log", RichLog)
        if bottom:
            log.scroll_end(animate=False)
        else:
            log.scroll_home(animate=False)

    def action_full_output(self) -> None:
        """The output over the whole screen (curves hidden), and back."""
        self.toggle_class("full-output")

    def _find_inspectable(self) -> None:
        """Offer Inspect for the newest finished run that has what it needs: this
        session's, else one the progress store remembers (a few file checks, no more)."""
        from tutor.inspect.files import inspect_problem

        result = self.session.view.result if self.session is not None else None
        just_run = Path(result.model_path).parent if result and result.model_path else None
        folders = [just_run] if just_run is not None else []
        for run in reversed(self.tutor.progress.runs(self.exercise.id)[-3:]):
            if run.model_path and run.status in ("passed", "failed"):
                folders.append(Path(run.model_path).parent)
        found = next((folder for folder in folders if inspect_problem(folder) is None), None)
        if found != self._inspect_dir:
            self._inspect_dir = found
            self._make_room_for_inspect()
            if found is not None and found == just_run:
                from tutor.inspect.client import InferenceChild

                InferenceChild.warm()  # TensorFlow loads while the learner reads the result

    def _make_room_for_inspect(self) -> None:
        """At 80 columns the footer has room for Inspect or Solution, not both: while there
        is a run to inspect, Solution leaves the footer (s still works; help lists it)."""
        keys = self._bindings.key_to_bindings
        shown = self._inspect_dir is None
        keys["s"] = [
            replace(binding, show=shown) if binding.action == "solution" else binding
            for binding in keys.get("s", [])
        ]
        self.refresh_bindings()

    def action_inspect(self) -> None:
        from tutor.ui.screens.inspect import InspectScreen  # on first use: start-up budget

        if self._inspect_dir is not None:
            self.app.push_screen(InspectScreen(self._inspect_dir))

    def action_runs(self) -> None:
        """This exercise's runs, to compare (the Runs screen; f there shows all)."""
        from tutor.ui.screens.runs import RunsScreen

        self.app.push_screen(RunsScreen(self.exercise.id))

    def action_back(self) -> None:
        session = self.session
        if session is not None and session.active:
            message = translate("{id} keeps training in the background.", self.tutor.lang)
            self.notify(message.format(id=self.exercise.id), timeout=3)
        self.dismiss()
