"""What the tutor's runner costs over running the exercise script by hand.

Times the whole process, side by side and alternating, for the same exercise and epochs:
- `python FILE --offline --epochs N` (what a learner runs in Colab), and
- `dltutor run ID --offline --epochs N --json` (the training child, its Keras hooks, the
  event pipe, the result with confusion matrix and saved model).
and prints the medians and their ratio. Target (issue 4): at most 5% over `python FILE`.
With `--flood MB`, instead: a script that prints one 6.9 MB line, MB megabytes without a
newline and MB more in short lines, read by the runner in this process; it prints how long
that took, the event loop's worst lag (a key press waits that long) and how much this
process's peak memory grew (issue 11: the parent stays responsive, its memory bounded).
Usage: python benchmarks/runner_overhead.py [--exercise mnist-dnn] [--epochs 2] [--runs 3]
       python benchmarks/runner_overhead.py --flood 25
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tutor.exercises import exercise


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started


FLOOD = """
import sys
print(list(range(10**6)))
sys.stdout.write("x" * ({mb} * 1_000_000))
sys.stdout.write("\\n" + ("y" * 99 + "\\n") * ({mb} * 10_000))
"""
CATALOGUE = """- {{id: flood, title: {{en: Flood}}, lesson: flood, script: flood.py, dataset: null,
   task: none, epochs: null, batch_size: null, metric: null, criterion: null,
   try: [{{en: One.}}, {{en: Two.}}]}}
"""


async def flood(megabytes: int) -> None:
    """Read a flooding script's output through the runner, as the app does."""
    from tutor.exercises import exercise as find
    from tutor.training.runner import TrainingRun
    from tutor.training.view import RunView

    lags: list[float] = []

    async def tick() -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.05)
            lags.append(time.perf_counter() - before - 0.05)

    ticker = asyncio.create_task(tick())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    view = RunView("flood")
    async for event in TrainingRun(find("flood")).events():
        view.apply(event)
    seconds = time.perf_counter() - started
    ticker.cancel()
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
    total = 6.9 + 2 * megabytes
    print(f"flood: {total:.1f} MB of output ({view.logged:,} log entries), {os.cpu_count()} CPUs")
    print(f"  {seconds:.1f} s in all, TensorFlow's start included")
    print(f"  worst event-loop lag {1000 * max(lags):.0f} ms over {len(lags)} ticks of 50 ms")
    print(f"  peak memory of this process grew by {grown:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercise", default="mnist-dnn")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--flood", type=int, metavar="MB", help="measure a flood of output")
    args = parser.parse_args()
    if args.flood:
        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / "flood.py").write_text(FLOOD.format(mb=args.flood))
            (Path(folder) / "catalogue.yaml").write_text(CATALOGUE.format())
            os.environ["DLTUTOR_EXERCISES"] = folder
            os.environ["DLTUTOR_HOME"] = str(Path(folder) / "home")
            asyncio.run(flood(args.flood))
        return
    script = exercise(args.exercise).script
    common = ["--offline", "--epochs", str(args.epochs)]
    plain = [sys.executable, str(script), *common]
    tutor = [sys.executable, "-m", "tutor", "run", args.exercise, *common, "--json"]
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "DLTUTOR_HOME": home, "TF_CPP_MIN_LOG_LEVEL": "2"}
        times: dict[str, list[float]] = {"python FILE": [], "dltutor run": []}
        for _ in range(args.runs):  # alternate, so drift in machine load hits both alike
            times["python FILE"].append(timed(plain, env))
            times["dltutor run"].append(timed(tutor, env))
    print(
        f"{args.exercise}, {args.epochs} epochs offline, "
        f"{args.runs} runs each, {os.cpu_count()} CPUs"
    )
    for name, values in times.items():
        shown = ", ".join(f"{value:.2f}" for value in values)
        print(f"  {name:<12} median {statistics.median(values):6.2f} s  ({shown})")
    ratio = statistics.median(times["dltutor run"]) / statistics.median(times["python FILE"])
    verdict = "within" if ratio <= 1.05 else "OVER"
    print(f"  overhead     {100 * (ratio - 1):+.1f}% ({verdict} the 5% budget)")
    print(f"  script       {Path(script).name}")


if __name__ == "__main__":
    main()
