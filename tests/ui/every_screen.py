"""Every screen of the app, opened as a learner opens it, for the tests that must hold on
all of them (footers that fit, keys listed in help, snapshots)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from tests.ui.test_exercise_screen import PASSED, FakeRun, Runs, app_with, settle, training
from tutor.ui.app import TutorApp

Opener = Callable[[Pilot], Awaitable[None]]


async def _keys(pilot: Pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def home(pilot: Pilot) -> None:
    await pilot.pause()


async def lesson(pilot: Pilot) -> None:
    from tutor.ui.screens.lesson import LessonScreen

    pilot.app.push_screen(LessonScreen("mnist-dnn"))  # a lesson with a quiz and an exercise
    await pilot.pause()


async def quiz(pilot: Pilot) -> None:
    await lesson(pilot)
    await _keys(pilot, "t")


async def explain(pilot: Pilot) -> None:
    await _keys(pilot, "x")


async def progress(pilot: Pilot) -> None:
    await _keys(pilot, "s")


async def glossary(pilot: Pilot) -> None:
    await _keys(pilot, "g")


async def help_over_home(pilot: Pilot) -> None:
    await _keys(pilot, "question_mark")


async def exercise(pilot: Pilot) -> None:
    await lesson(pilot)
    await _keys(pilot, "e")


async def exercise_running(pilot: Pilot) -> None:
    await exercise(pilot)
    await _keys(pilot, "r")
    await pilot.pause(0.3)


async def exercise_finished(pilot: Pilot) -> None:
    await exercise(pilot)
    await _keys(pilot, "r")
    await settle(pilot)


async def exercise_picker(pilot: Pilot) -> None:
    from tutor.ui.screens.lesson import LessonScreen

    pilot.app.push_screen(LessonScreen("fashion-cnn"))  # four variants to choose from
    await pilot.pause()
    await _keys(pilot, "e")


async def editor(pilot: Pilot) -> None:
    await exercise(pilot)
    await _keys(pilot, "e")


async def solution(pilot: Pilot) -> None:
    await exercise(pilot)
    await _keys(pilot, "s")


SCREENS: dict[str, Opener] = {
    "home": home,
    "lesson": lesson,
    "quiz": quiz,
    "explain": explain,
    "progress": progress,
    "glossary": glossary,
    "help": help_over_home,
    "exercise": exercise,
    "exercise-running": exercise_running,
    "exercise-finished": exercise_finished,
    "exercise-picker": exercise_picker,
    "editor": editor,
    "solution": solution,
}


def tutor_app(tmp_path, lang: str, name: str) -> TutorApp:  # type: ignore[no-untyped-def]
    """The real course, a private progress store, and a scripted run for the exercise."""
    if name == "exercise-running":
        runs = Runs(FakeRun(training(3), hold_after=5))
    else:
        runs = Runs(FakeRun([*training(6), PASSED]))
    return app_with(runs, tmp_path, lang)
