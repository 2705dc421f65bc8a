"""What the tutor's runner costs over running the exercise script by hand.

Times the whole process, side by side and alternating, for the same exercise and epochs:
- `python FILE --offline --epochs N` (what a learner runs in Colab), and
- `dltutor run ID --offline --epochs N --json` (the training child, its Keras hooks, the
  event pipe, the result with confusion matrix and saved model).
and prints the medians and their ratio. Target (issue 4): at most 5% over `python FILE`.
Usage: python benchmarks/runner_overhead.py [--exercise mnist-dnn] [--epochs 2] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercise", default="mnist-dnn")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
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
