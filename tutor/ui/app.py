"""The Textual application: holds the course and the language, and hosts the screens."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from functools import partial

from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from tutor.config import remember_language
from tutor.exercises import Exercise
from tutor.i18n import detect_language, other_language
from tutor.lessons import Course, load_course
from tutor.progress import ProgressStore
from tutor.training.liveness import close_interrupted_runs
from tutor.ui.localize import localize_bindings
from tutor.ui.screens.base import TutorScreen
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.training import RunFactory, RunOptions, TrainingSession, start_child


class TutorApp(App[None]):
    """dltutor's app. Screens read `course`, record what the learner does in `progress`,
    and watch `lang` to re-render themselves."""

    CSS_PATH = "app.tcss"
    TITLE = "dltutor"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f1", "help", "Help", show=False, priority=True),  # even from a text box
        Binding("l", "toggle_language", "Language"),
        Binding("g", "glossary", "Glossary"),
    ]

    SCREENS = {"help": HelpScreen}  # built on first use, then kept: see its module

    lang: reactive[str] = reactive("en", init=False)

    def __init__(
        self,
        course: Course,
        lang: str,
        progress: ProgressStore,
        *,
        no_color: bool = False,
        run_factory: RunFactory = start_child,
        start_screen: Callable[[], Screen[None]] | None = None,
    ) -> None:
        """`start_screen` opens over the home screen at start (`dltutor inspect RUN`)."""
        # Textual alone turns NO_COLOR into shades of grey; in ANSI mode it strips colour
        # entirely, as no-color.org asks, and widgets fall back to bold and reverse video.
        super().__init__(ansi_color=True if no_color else None)
        if no_color:
            self.theme = "ansi-dark"
        self.course = course
        self.progress = progress
        self.run_factory = run_factory
        self.start_screen = start_screen
        self.training: TrainingSession | None = None
        """The latest exercise run; one at a time, since each wants the whole CPU or GPU."""
        self.run_options: dict[str, RunOptions] = {}
        """Each exercise's options for its next run, for this session."""
        self.set_reactive(TutorApp.lang, lang)

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.set_aside_startup_objects()
        close_interrupted_runs(self.progress)  # runs a killed tutor left 'running'
        self.push_screen(HomeScreen())
        if self.start_screen is not None:
            self.push_screen(self.start_screen())
        self.show_progress_notice()

    def set_aside_startup_objects(self) -> None:
        """Keep what start-up built (modules, course, styles) out of the garbage
        collector's passes: they live as long as the app, and scanning them made every
        full pass pause the UI for tens of milliseconds on a slow machine. Garbage made
        so far is collected first, so freezing holds on to nothing that is already dead;
        screens are built after this, so closing one frees it."""
        gc.collect()
        gc.freeze()

    def on_unmount(self) -> None:
        self.progress.close()
        gc.unfreeze()  # an app built in a longer-lived process (the tests) leaves no trace

    def show_progress_notice(self) -> None:
        """Tell the learner, once, when their progress could not be read or saved: the
        store never raises for that, so the tutor carries on either way."""
        notice = self.progress.take_notice()
        if notice:
            self.notify(notice, severity="warning", timeout=10)

    def start_training(self, exercise: Exercise) -> TrainingSession:
        """Train `exercise` in the background with the options chosen for it; the worker
        (and with it the child process) is cancelled if the app quits first."""
        options = self.run_options.get(exercise.id, RunOptions())
        session = TrainingSession(exercise, self.run_factory(exercise, self.progress, options))
        self.training = session
        self.run_worker(session.drive(), name=f"train {exercise.id}", group="training")
        return session

    def cancel_training(self) -> None:
        if self.training is not None and self.training.active:
            self.run_worker(self.training.cancel(), group="cancel")

    def watch_lang(self, lang: str) -> None:
        localize_bindings(self, lang)
        for screen in self.screen_stack:
            if isinstance(screen, TutorScreen):
                screen.follow_language(lang)

    def action_toggle_language(self) -> None:
        """Switch language, and remember it for the next launch (in a thread: a slow or
        full disk costs the learner the setting, never a frozen key)."""
        self.lang = other_language(self.lang)
        self.run_worker(partial(remember_language, self.lang), thread=True, group="settings")

    def action_glossary(self) -> None:
        from tutor.ui.screens.glossary import GlossaryScreen  # on first use: start-up budget

        if not isinstance(self.screen, GlossaryScreen):
            self.push_screen(GlossaryScreen())

    def action_help(self) -> None:
        """Open the help over the current screen; F1 again closes it."""
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen("help")


def make_app(
    course: Course | None = None,
    lang: str | None = None,
    progress: ProgressStore | None = None,
    run_factory: RunFactory = start_child,
    start_screen: Callable[[], Screen[None]] | None = None,
) -> TutorApp:
    """Build the app for the CLI and the tests alike (progress from the learner's data
    directory unless a store is given)."""
    no_color = bool(os.environ.get("NO_COLOR"))
    return TutorApp(
        course or load_course(),
        detect_language(lang),
        progress if progress is not None else ProgressStore(),
        no_color=no_color,
        run_factory=run_factory,
        start_screen=start_screen,
    )
