"""Whether a long session stays as quick as a fresh one: key to frame, and what it leaves behind.

Drives the real app in-process (headless, 80x24, the real course) round after round:
open a lesson, open the help over it, close it, go back home; a key every 0.3 s. Each key
is timed from being handed to the app until the first frame that shows its effect (as in
`ui_latency.py`). It also counts the objects the garbage collector tracks (what a full
pass must scan) and times every collection. A screen or widget that outlives its screen
shows up as steady growth, and the full passes that stop the UI get longer with it.
Prints the first rounds and the last rounds side by side.
Usage: python benchmarks/long_session.py [--rounds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import tempfile
import time

from ui_latency import FrameClock, percentile

from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.ui.app import make_app
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen

STEPS = (
    ("open a lesson", "enter", "\r", LessonScreen),
    ("open the help", "question_mark", "?", HelpScreen),
    ("close the help", "escape", "\x1b", LessonScreen),
    ("back home", "escape", "\x1b", HomeScreen),
)


class CollectionTimer:
    """Times each garbage collection, by generation, through `gc.callbacks`."""

    def __init__(self) -> None:
        self.pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses[info["generation"]].append(time.perf_counter() - self._started)


def resident_mb() -> float:
    """This process's resident memory (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


Rounds = tuple[list[list[float]], list[tuple[int, float]], CollectionTimer]


async def measure(rounds: int) -> Rounds:
    """Seconds per key (one list per round), and after each round the objects tracked
    and the resident memory."""
    keys: list[list[float]] = []
    tracked: list[tuple[int, float]] = []
    timer = CollectionTimer()
    with tempfile.TemporaryDirectory() as home:
        os.environ["DLTUTOR_HOME"] = home
        app = make_app(load_course(), "en", ProgressStore())
        async with app.run_test(size=(80, 24)) as pilot:
            clock = FrameClock(app)
            await pilot.pause()
            gc.callbacks.append(timer)
            for _ in range(rounds):
                times = []
                for _name, key, character, screen in STEPS:
                    shown = lambda current, kind=screen: isinstance(current, kind)  # noqa: E731
                    times.append(await clock.answer(key, character, shown))
                    await asyncio.sleep(0.3)
                keys.append(times)
                tracked.append((len(gc.get_objects()), resident_mb()))
            gc.callbacks.remove(timer)
    return keys, tracked, timer


def summary(values: list[float]) -> str:
    ms = [1000 * value for value in values]
    return (
        f"median {statistics.median(ms):6.1f}  p95 {percentile(ms, 0.95):6.1f}"
        f"  max {max(ms):6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60)
    args = parser.parse_args()
    keys, tracked, timer = asyncio.run(measure(args.rounds))
    third = max(2, args.rounds // 3)
    print(f"{args.rounds} rounds of lesson -> help -> close -> home, {os.cpu_count()} CPUs")
    print(f"key to frame, first {third} rounds vs last {third}:")
    for index, (name, *_rest) in enumerate(STEPS):
        first = [times[index] for times in keys[:third]]
        last = [times[index] for times in keys[-third:]]
        print(f"  {name:<15} first: {summary(first)}   last: {summary(last)}")
    for label, (count, megabytes) in (("round 1", tracked[0]), ("the last", tracked[-1])):
        print(f"after {label}: {count} objects tracked by the collector, {megabytes:.0f} MB")
    for generation, pauses in timer.pauses.items():
        if pauses:
            print(
                f"  generation {generation} collections: {len(pauses):5d}, longest "
                f"{1000 * max(pauses):6.1f} ms, all together {1000 * sum(pauses):7.1f} ms"
            )


if __name__ == "__main__":
    main()
