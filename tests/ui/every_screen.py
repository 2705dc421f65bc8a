"""Every screen of the app, opened as a learner opens it, for the tests that must hold on
all of them (footers that fit, keys listed in help, snapshots)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from tests.runs.screens import SCREENS as RUNS_SCREENS
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


async def _inspect(pilot: Pilot, run: object, *keys: str) -> None:
    """The Inspect screen on a saved run, its model a NumPy stand-in (tests/inspect)."""
    from tests.inspect.fakes import FakeChild
    from tutor.ui.screens.inspect import InspectScreen

    pilot.app.push_screen(InspectScreen(run, child_factory=FakeChild))  # type: ignore[arg-type]
    await pilot.pause(0.3)
    for key in keys:
        await _keys(pilot, key)


async def inspect(pilot: Pilot) -> None:
    from tests.inspect.fakes import image_run

    await _inspect(pilot, image_run())


async def inspect_layers(pilot: Pilot) -> None:
    from tests.inspect.fakes import image_run

    await _inspect(pilot, image_run(), "2")


async def inspect_mistakes(pilot: Pilot) -> None:
    from tests.inspect.fakes import image_run

    await _inspect(pilot, image_run(), "3")


async def inspect_weights(pilot: Pilot) -> None:
    from tests.inspect.fakes import image_run

    await _inspect(pilot, image_run(), "4")


async def inspect_pad(pilot: Pilot) -> None:
    from tests.inspect.fakes import image_run

    await _inspect(pilot, image_run(), "d", "space", "down", "down", "down", "down")


async def inspect_text(pilot: Pilot) -> None:
    from tests.inspect.fakes import text_run

    await _inspect(pilot, text_run())


async def inspect_typing(pilot: Pilot) -> None:
    from tests.inspect.fakes import text_run

    await _inspect(pilot, text_run(), "t")


async def inspect_old_run(pilot: Pilot) -> None:
    from tests.inspect.fakes import image_run

    run = image_run()
    (run / "inspect.npz").unlink()  # a run from before Inspect
    await _inspect(pilot, run)


async def exercise_inspectable(pilot: Pilot) -> None:
    """An exercise whose last run (in the progress store) can be inspected."""
    from tests.inspect.fakes import image_run

    store = pilot.app.progress  # type: ignore[attr-defined]
    run_id = store.start_run("mnist-dnn")
    model = str(image_run("mnist-dnn-20250101-120000") / "model.keras")
    store.finish_run(run_id, "passed", metrics={}, history_path=None, model_path=model)
    await exercise(pilot)


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
    "exercise-inspectable": exercise_inspectable,
    "inspect": inspect,
    "inspect-layers": inspect_layers,
    "inspect-mistakes": inspect_mistakes,
    "inspect-weights": inspect_weights,
    "inspect-pad": inspect_pad,
    "inspect-text": inspect_text,
    "inspect-typing": inspect_typing,
    "inspect-old-run": inspect_old_run,
}
SCREENS.update(RUNS_SCREENS)  # the Runs, Compare and challenge screens (tests/runs)
SETTLE_SECONDS = 3.0


async def until_idle(pilot: Pilot) -> None:
    """Wait (up to SETTLE_SECONDS) until no background worker waits or runs, and what they
    brought is drawn: a screen reads its files and asks its model off the UI thread, and
    on a busy machine that takes longer than any fixed pause."""
    deadline = asyncio.get_running_loop().time() + SETTLE_SECONDS
    quiet = 0
    while quiet < 2 and asyncio.get_running_loop().time() < deadline:
        await pilot.pause(0.05)
        busy = any(not worker.is_finished for worker in pilot.app.workers)
        quiet = 0 if busy else quiet + 1


def _settled(opener: Opener) -> Opener:
    async def open_and_settle(pilot: Pilot) -> None:
        await opener(pilot)
        await until_idle(pilot)

    return open_and_settle


SCREENS = {name: _settled(opener) for name, opener in SCREENS.items()}


def tutor_app(tmp_path, lang: str, name: str) -> TutorApp:  # type: ignore[no-untyped-def]
    """The real course, a private progress store, and a scripted run for the exercise."""
    if name == "exercise-running":
        runs = Runs(FakeRun(training(3), hold_after=5))
    else:
        runs = Runs(FakeRun([*training(6), PASSED]))
    return app_with(runs, tmp_path, lang)
