"""How long Inspect keeps a learner waiting, on this machine.

Drives the real app in-process (headless, 80x24) with the real inference child on a
finished run:
- open: from pushing the Inspect screen to the first frame with the sample's picture,
  and to the first frame with the model's bars (TensorFlow's import and the model's load
  in the child included), each open a fresh child; then the same with a spare child
  started `--warm` seconds ahead, as the exercise screen starts one when a run finishes;
- stroke: on the drawing pad with the pen lowered, from an arrow key (a stroke) to the
  first frame whose bars show the model's answer to it.
Without `--run`, trains `--exercise` for one epoch on offline data first (in a temporary
home). Prints median and worst of each, and the child's own load time.
Targets (issue 13): 3 s from opening to the first picture including model load, 150 ms
from a stroke to updated bars.
Usage: python benchmarks/inspect_latency.py [--run RUN | --exercise mnist-cnn] [--opens 3]
       [--strokes 60] [--warm 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.screen import Screen

from tutor.inspect.client import InferenceChild
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.ui.app import TutorApp, make_app
from tutor.ui.screens.inspect import InspectScreen
from tutor.ui.widgets.probability_bars import ProbabilityBars


class Frames:
    """Checks what each frame the app writes shows, at the moment it is written."""

    def __init__(self, app: TutorApp) -> None:
        self.checks: dict[str, Callable[[], bool]] = {}
        self.seen: dict[str, float] = {}
        original = app._display

        def display(screen: Screen[object], renderable: object) -> None:
            original(screen, renderable)
            now = time.perf_counter()
            for name, check in list(self.checks.items()):
                if check():
                    self.seen[name] = now
                    del self.checks[name]

        app._display = display  # type: ignore[method-assign]

    def expect(self, name: str, check: Callable[[], bool]) -> None:
        """Watch the frames from now on for one that `check` says shows `name`."""
        self.checks[name] = check

    async def shown(self, name: str, since: float, timeout: float = 180) -> float:
        """Seconds from `since` to the frame that showed `name`."""
        deadline = time.perf_counter() + timeout
        while name not in self.seen:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{name} was never shown")
            await asyncio.sleep(0.001)
        return self.seen.pop(name) - since


async def opens(
    app: TutorApp, frames: Frames, run: Path, count: int, warm: float = 0.0
) -> dict[str, list[float]]:
    picture, bars, loads = [], [], []
    for _ in range(count):
        if warm:
            InferenceChild.warm()
            await asyncio.sleep(warm)
        screen = InspectScreen(run)
        frames.expect("picture", lambda s=screen: s.saved is not None)
        frames.expect("bars", lambda s=screen: s.outputs is not None)
        started = time.perf_counter()
        app.push_screen(screen)
        picture.append(await frames.shown("picture", started))
        bars.append(await frames.shown("bars", started))
        loads.append(screen.child.ready.seconds)
        screen.dismiss()
        await asyncio.sleep(1.0)  # the closed child's memory back before the next open
    return {"open to picture": picture, "open to bars": bars, "child's own load": loads}


async def strokes(app: TutorApp, pilot, frames: Frames, run: Path, count: int) -> list[float]:  # type: ignore[no-untyped-def]
    screen = InspectScreen(run)
    app.push_screen(screen)
    while screen.outputs is None:
        await asyncio.sleep(0.1)
    await pilot.press("d", "space")
    bars = app.screen.query_one("#pad-bars", ProbabilityBars)
    times = []
    for index in range(count):
        key = ("down", "right", "up", "left")[index // 6 % 4]
        await pilot.pause(0.3)  # the previous answer has arrived
        before = bars.probabilities
        frames.expect("answer", lambda b=before: bars.probabilities is not b)
        sent = time.perf_counter()
        assert app._driver is not None
        app._driver.send_message(events.Key(key, None))
        times.append(await frames.shown("answer", sent))
    return times


def train(exercise_id: str, home: str) -> Path:
    env = {**os.environ, "DLTUTOR_HOME": home, "KERAS_HOME": os.path.join(home, "keras")}
    command = [sys.executable, "-m", "tutor", "run", exercise_id, "--epochs", "1", "--offline",
               "--json"]  # fmt: skip
    lines = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout
    return Path(json.loads(lines.splitlines()[-1])["model_path"]).parent


async def measure(
    run: Path, count: int, stroke_count: int, warm: float
) -> dict[str, list[float]]:
    app = make_app(load_course(), "en", ProgressStore(Path(tempfile.mkdtemp()) / "p.sqlite3"))
    async with app.run_test(size=(80, 24)) as pilot:
        frames = Frames(app)
        results = await opens(app, frames, run, count)
        if warm:
            ahead = await opens(app, frames, run, count, warm)
            results[f"... spare {warm:.0f} s"] = ahead["open to bars"]
            results["... its own load"] = ahead["child's own load"]
        results["stroke to bars"] = await strokes(app, pilot, frames, run, stroke_count)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, help="a finished run's folder")
    parser.add_argument("--exercise", default="mnist-cnn")
    parser.add_argument("--opens", type=int, default=3)
    parser.add_argument("--strokes", type=int, default=60)
    parser.add_argument("--warm", type=float, default=20.0, help="seconds a spare starts ahead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        run = args.run or train(args.exercise, home)
        results = asyncio.run(measure(run, args.opens, args.strokes, args.warm))
    print(f"Inspect on {run.name}, {os.cpu_count()} CPUs")
    for name, values in results.items():
        ms = sorted(1000 * value for value in values)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        print(
            f"  {name:<18} median {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms"
            f"   max {ms[-1]:7.1f} ms   ({len(ms)})"
        )
    spare = next((name for name in results if name.startswith("... spare")), None)
    targets = [("open to picture", 3.0), ("open to bars", 3.0), ("stroke to bars", 0.15)]
    for name, target in targets + ([(spare, 3.0)] if spare else []):
        median = statistics.median(results[name])
        verdict = "within" if median <= target else "OVER"
        goal = f"{verdict} the {1000 * target:.0f} ms target"
        print(f"  median {name}: {1000 * median:.0f} ms ({goal})")


if __name__ == "__main__":
    main()
