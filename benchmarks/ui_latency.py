"""How fast the app answers a key while an exercise trains in the background.

Drives the real app in-process (Textual's headless pilot, 80x24) on the exercise screen
and times key presses, from posting the key until the app is idle again with the screen
updated: first with nothing training, then while the real training child runs the
exercise (offline data) and its events stream into the screen. Prints the median and
95th percentile of both, side by side. Target (issue 4): 95th percentile within 50 ms.
Usage: python benchmarks/ui_latency.py [--exercise mnist-dnn] [--presses 200]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from functools import partial

from tutor.exercises import Exercise
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.training.runner import TrainingRun
from tutor.ui.app import make_app
from tutor.ui.screens.exercise import ExerciseScreen

KEYS = ("down", "up", "l")  # scroll the log, scroll back, re-render in the other language


def offline_run(epochs: int, item: Exercise, store: ProgressStore) -> TrainingRun:
    return TrainingRun(item, epochs=epochs, offline=True, store=store)


async def press_times(pilot, count: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for index in range(count):
        started = time.perf_counter()
        await pilot.press(KEYS[index % len(KEYS)])
        times.append(time.perf_counter() - started)
        await asyncio.sleep(0.02)  # a fast typist, not a flood
    return times


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


async def measure(exercise_id: str, presses: int, epochs: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as home:
        os.environ["DLTUTOR_HOME"] = home
        store = ProgressStore()
        app = make_app(load_course(), "en", store, partial(offline_run, epochs))
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(ExerciseScreen(exercise_id))
            await pilot.pause()
            idle = await press_times(pilot, presses)
            await pilot.press("r")
            while app.training is None or not app.training.view.history:
                await asyncio.sleep(0.1)  # until the first epoch: TensorFlow is up
            training = await press_times(pilot, presses)
            still = app.training.active
            await pilot.press("c")
            while app.training.active:
                await asyncio.sleep(0.1)
        if not still:
            print("warning: the run ended before the measurement did; raise --epochs")
        return {"idle": idle, "training": training}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercise", default="mnist-dnn")
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--epochs", type=int, default=50)
    args = parser.parse_args()
    results = asyncio.run(measure(args.exercise, args.presses, args.epochs))
    print(
        f"Key latency on the exercise screen ({args.exercise}), {os.cpu_count()} CPUs, "
        f"{args.presses} presses each"
    )
    for name, values in results.items():
        ms = [1000 * value for value in values]
        print(
            f"  {name:<9} median {statistics.median(ms):6.1f} ms"
            f"   p95 {percentile(ms, 0.95):6.1f} ms"
            f"   max {max(ms):6.1f} ms"
        )
    p95 = 1000 * percentile(results["training"], 0.95)
    print(
        f"  p95 while training: {p95:.1f} ms ({'within' if p95 <= 50 else 'OVER'} the 50 ms target)"
    )


if __name__ == "__main__":
    main()
