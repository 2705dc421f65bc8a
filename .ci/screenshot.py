"""Regenerate the README's SVG screenshots from the real course: python .ci/screenshot.py

The exercise screenshot is a real run: mnist-dnn for five epochs on the offline MNIST
sample, in a training child, as a learner would see it (about 20 s on two cores)."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from tutor.exercises import Exercise
from tutor.progress import ProgressStore
from tutor.training.runner import TrainingRun
from tutor.ui.app import make_app
from tutor.ui.screens.exercise import ExerciseScreen

ASSETS = Path(__file__).resolve().parents[1] / "assets"


async def capture(name: str, keys: list[str], lang: str = "en") -> None:
    with tempfile.TemporaryDirectory() as home:  # a new learner, not whoever runs this
        app = make_app(lang=lang, progress=ProgressStore(Path(home) / "progress.sqlite3"))
        await _save(app, name, keys)


async def _save(app, name: str, keys: list[str]) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*keys)
        await pilot.pause(0.5)
        app.save_screenshot(filename=f"{name}.svg", path=str(ASSETS))
    print(f"wrote {ASSETS / name}.svg")


def five_offline_epochs(item: Exercise, store: ProgressStore) -> TrainingRun:
    return TrainingRun(item, epochs=5, offline=True, store=store)


async def capture_exercise(name: str) -> None:
    with tempfile.TemporaryDirectory() as home:
        os.environ["DLTUTOR_HOME"] = home  # the run's history and model go there too
        store = ProgressStore(Path(home) / "progress.sqlite3")
        app = make_app(lang="en", progress=store, run_factory=five_offline_epochs)
        async with app.run_test(size=(100, 30)) as pilot:
            app.push_screen(ExerciseScreen("mnist-dnn"))
            await pilot.pause()
            await pilot.press("r")
            while app.training is None or app.training.active:
                await asyncio.sleep(0.5)
            await pilot.pause(0.5)
            app.save_screenshot(filename=f"{name}.svg", path=str(ASSETS))
    print(f"wrote {ASSETS / name}.svg")


async def main() -> None:
    await capture("screenshot", [])
    await capture("screenshot-lesson", ["enter"])
    await capture("screenshot-lesson-ko", ["enter"], lang="ko")
    await capture_exercise("screenshot-exercise")


if __name__ == "__main__":
    asyncio.run(main())
