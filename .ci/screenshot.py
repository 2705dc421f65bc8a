"""Regenerate the README's SVG screenshots from the real course: python .ci/screenshot.py

The exercise screenshot is a real run: mnist-dnn for five epochs on the offline MNIST
sample, in a training child, as a learner would see it (about 20 s on two cores). The
Inspect screenshots are of a real mnist-cnn run (three offline epochs) and its model in
the inference child: the feature maps of the first convolution, and the drawing pad with
a 7 drawn with the keys."""

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


def three_offline_epochs(item: Exercise, store: ProgressStore, _options: object) -> TrainingRun:
    return TrainingRun(item, epochs=3, offline=True, store=store)


SEVEN = ["up"] * 9 + ["left"] * 7 + ["space"] + ["right"] * 14 + ["down", "left"] * 7
SEVEN += ["down"] * 8 + ["space"]
"""A 7 drawn on the pad with the keys, from the pen's start in the middle."""


async def capture_inspect(maps: str, pad: str) -> None:
    from tutor.ui.screens.inspect import InspectScreen

    with tempfile.TemporaryDirectory() as home:
        os.environ["DLTUTOR_HOME"] = home
        store = ProgressStore(Path(home) / "progress.sqlite3")
        app = make_app(lang="en", progress=store, run_factory=three_offline_epochs)
        async with app.run_test(size=(100, 30)) as pilot:
            app.push_screen(ExerciseScreen("mnist-cnn"))
            await pilot.pause()
            await pilot.press("r")
            while app.training is None or app.training.active:
                await asyncio.sleep(0.5)
            await pilot.pause(0.5)
            await pilot.press("i")  # Inspect the run just finished
            inspect = app.screen
            assert isinstance(inspect, InspectScreen)
            while inspect.outputs is None or inspect.stats is None:
                await asyncio.sleep(0.5)  # the model loads in the inference child
            await pilot.press("2")
            await pilot.pause(2.0)
            app.save_screenshot(filename=f"{maps}.svg", path=str(ASSETS))
            await pilot.press("1", "d", *SEVEN)
            await pilot.pause(2.0)
            app.save_screenshot(filename=f"{pad}.svg", path=str(ASSETS))
    print(f"wrote {ASSETS / maps}.svg and {ASSETS / pad}.svg")


async def main() -> None:
    await capture("screenshot", [])
    await capture("screenshot-lesson", ["enter"])
    await capture("screenshot-lesson-ko", ["enter"], lang="ko")
    await capture_exercise("screenshot-exercise")
    await capture_inspect("screenshot-inspect-maps", "screenshot-inspect-pad")


if __name__ == "__main__":
    asyncio.run(main())
