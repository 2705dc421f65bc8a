"""How fast the app answers a key while an exercise trains in the background.

Drives the real app in-process (headless, 80x24) on the exercise screen. Each key is
handed to the app as its terminal driver would hand it over, and timed until the first
frame that shows its effect is written. Two kinds of key:
- `j`/`k` scroll the log pane a line (the log holds a few hundred lines);
- `?` opens the help over the exercise and `escape` closes it (a whole screen switch).
First with nothing training, then while the real training child runs the exercise on
offline data and its events stream into the screen (redrawn four times a second).
With `--inspect RUN` (a finished run's folder), also on the Inspect screen's drawing pad
while drawing: each arrow key moves the lowered pen, inks a stroke and sends the drawing
to the real inference child, whose answers redraw the bars meanwhile; and `?` over the pad.
Prints the median, 95th percentile and maximum of each, side by side.
Target (issues 4 and 13): the UI answers a key within 50 ms at the 95th percentile while
training, and while drawing.
Usage: python benchmarks/ui_latency.py [--exercise mnist-dnn] [--presses 100] [--inspect RUN]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial

from textual import events
from textual.screen import Screen
from textual.widgets import RichLog

from tutor.exercises import Exercise
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.training.runner import TrainingRun
from tutor.ui.app import TutorApp, make_app
from tutor.ui.screens.exercise import ExerciseScreen
from tutor.ui.screens.help import HelpScreen

Shown = Callable[[Screen[object]], bool]


class FrameClock:
    """Notes each frame the app writes, and whether it shows what a key should change."""

    def __init__(self, app: TutorApp) -> None:
        self.app = app
        self.frames: asyncio.Queue[tuple[float, bool]] = asyncio.Queue()
        self.shown: Shown = lambda screen: False
        original = app._display

        def display(screen: Screen[object], renderable: object) -> None:
            original(screen, renderable)
            self.frames.put_nowait((time.perf_counter(), self.shown(screen)))

        app._display = display  # type: ignore[method-assign]

    async def answer(self, key: str, character: str, shown: Shown) -> float:
        """Seconds from handing `key` to the app until a frame shows its effect."""
        while not self.frames.empty():
            self.frames.get_nowait()
        self.shown = shown
        sent = time.perf_counter()
        assert self.app._driver is not None
        self.app._driver.send_message(events.Key(key, character))
        while True:
            painted, effect = await asyncio.wait_for(self.frames.get(), 10)
            if effect:
                return painted - sent


async def scroll_keys(clock: FrameClock, log: RichLog, count: int) -> list[float]:
    times = []
    for index in range(count):
        key = "k" if index % 2 else "j"  # down a line, back up a line
        before = log.scroll_y
        times.append(await clock.answer(key, key, lambda _s, b=before: log.scroll_y != b))
        await asyncio.sleep(0.05)  # a quick learner, not a flood
    return times


async def help_keys(clock: FrameClock, count: int, under: type = ExerciseScreen) -> list[float]:
    times = []
    for index in range(count):
        if index % 2:
            times.append(await clock.answer("escape", "\x1b", _is(under)))
        else:
            times.append(await clock.answer("question_mark", "?", _is(HelpScreen)))
        await asyncio.sleep(0.05)
    return times


async def fill(pilot, log: RichLog) -> RichLog:  # type: ignore[no-untyped-def]
    """Give the log room to scroll both ways: 300 lines, viewed from line 100."""
    for number in range(300):
        log.write(f"filler line {number}", scroll_end=False)
    await pilot.pause()
    log.scroll_to(y=100, animate=False)
    await pilot.pause()
    return log


async def pad_keys(clock: FrameClock, count: int) -> list[float]:
    """Arrow keys moving the lowered pen round a square: every key inks a stroke, and
    every stroke goes to the model."""
    from tutor.ui.widgets.drawing_pad import DrawingPad

    pad = clock.app.screen.query_one(DrawingPad)
    times = []
    for index in range(count):
        key = ("down", "right", "up", "left")[index // 5 % 4]
        before = pad.pen
        times.append(await clock.answer(key, "", lambda _s, b=before: pad.pen != b))
        await asyncio.sleep(0.05)
    return times


async def drawing(pilot, clock: FrameClock, run: str, presses: int) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """Open Inspect on `run`, wait for its model, open the pad and lower the pen."""
    from pathlib import Path

    from tutor.ui.screens.inspect import InspectScreen
    from tutor.ui.screens.inspect_pad import InspectPadScreen

    inspect = InspectScreen(Path(run))
    pilot.app.push_screen(inspect)
    while inspect.outputs is None and inspect.problem is None:
        await asyncio.sleep(0.1)  # TensorFlow and the model load in the child
    await pilot.press("d", "space")
    results = {
        "drawing, pen": await pad_keys(clock, presses),
        "drawing, help": await help_keys(clock, presses, InspectPadScreen),
    }
    pad = pilot.app.screen
    answered = getattr(pad, "answered", [])
    if answered:
        print(f"  (stroke to bars meanwhile: median {1000 * statistics.median(answered):.0f} ms)")
    return results


def _is(kind: type) -> Shown:
    return lambda screen: isinstance(screen, kind)


def offline_run(epochs: int, item: Exercise, store: ProgressStore, _options: object) -> TrainingRun:
    """The app's run factory, on offline data (the run options of the app are ignored)."""
    return TrainingRun(item, epochs=epochs, offline=True, store=store)


async def measure(
    exercise_id: str, presses: int, epochs: int, inspect: str | None = None
) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as home:
        os.environ["DLTUTOR_HOME"] = home
        app = make_app(load_course(), "en", ProgressStore(), partial(offline_run, epochs))
        async with app.run_test(size=(80, 24)) as pilot:
            clock = FrameClock(app)
            app.push_screen(ExerciseScreen(exercise_id))
            await pilot.pause()
            log = await fill(pilot, app.screen.query_one("#log", RichLog))
            results["idle, scroll"] = await scroll_keys(clock, log, presses)
            results["idle, help"] = await help_keys(clock, presses)
            app.screen.action_run()  # type: ignore[attr-defined]
            while app.training is None or not app.training.view.history:
                await asyncio.sleep(0.1)  # until the first epoch: TensorFlow is up
            await fill(pilot, log)  # a new run started with an empty log
            results["training, scroll"] = await scroll_keys(clock, log, presses)
            results["training, help"] = await help_keys(clock, presses)
            if not app.training.active:
                print("warning: the run ended before the measurement did; raise --epochs")
            app.cancel_training()
            while app.training.active:
                await asyncio.sleep(0.1)
            if inspect:
                results.update(await drawing(pilot, clock, inspect, presses))
    return results


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercise", default="mnist-dnn")
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--inspect", metavar="RUN", help="a finished run's folder: time drawing")
    args = parser.parse_args()
    results = asyncio.run(measure(args.exercise, args.presses, args.epochs, args.inspect))
    print(
        f"Key to frame on the exercise screen ({args.exercise}), {os.cpu_count()} CPUs, "
        f"{args.presses} presses each"
    )
    for name, values in results.items():
        ms = [1000 * value for value in values]
        print(
            f"  {name:<18} median {statistics.median(ms):6.1f} ms"
            f"   p95 {percentile(ms, 0.95):6.1f} ms   max {max(ms):6.1f} ms"
        )
    for kind, name in (
        ("scroll key", "training, scroll"), ("screen switch", "training, help"),
        ("pen key", "drawing, pen"), ("screen switch", "drawing, help"),
    ):  # fmt: skip
        if name not in results:
            continue
        p95 = 1000 * percentile(results[name], 0.95)
        verdict = "within" if p95 <= 50 else "OVER"
        while_ = name.split(",")[0]
        print(f"  p95 of a {kind} while {while_}: {p95:.1f} ms ({verdict} the 50 ms target)")


if __name__ == "__main__":
    main()
