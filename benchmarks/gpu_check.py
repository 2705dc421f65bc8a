"""The one-shot GPU check: what the first real GPU machine says about the tutor's GPU path.

    benchmarks/gpu_check.sh [--no-install] [--epochs N] [--budget S] [--json FILE]

On a fresh GPU machine with nothing but this repository and the package index, it installs
`.[gpu]` into a fresh virtual environment, runs `dltutor doctor --json`, then trains
mnist-cnn and fashion-cnn-vgg on their offline data for two epochs (the second, without
TensorFlow's tracing, is the one timed; `--epochs N`): on the GPU, on the
GPU with mixed precision, with MirroredStrategy, and on the CPU for comparison. It prints
one table: the device, the last epoch's time, images per second, accuracy and peak GPU
memory of each run, with its speed against the same exercise on the CPU.

Every step has its own time-out and the whole check a budget (8 minutes): a step that
fails, hangs or would not fit is reported as such, and the table is printed whatever
happened. Exit status 0 only when every step ran. Standard library only: it runs before
anything is installed. `--no-install` uses this interpreter's dltutor instead (the tests
run it so against a stand-in TensorFlow).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
EXERCISES = ("mnist-cnn", "fashion-cnn-vgg")
BATCH_SIZE = 128
MODES = {
    "GPU": ["--device", "gpu"],
    "CPU": ["--device", "cpu"],
    "GPU mixed precision": ["--device", "gpu", "--mixed-precision"],
    "GPU mirrored": ["--device", "gpu", "--strategy", "mirrored"],
}
BUDGET_S = 480.0
INSTALL_S = 330.0
DOCTOR_S = 90.0
RUN_S = 120.0
RUN_LEAST_S = 30.0
"""A run needs TensorFlow's start and a few epochs: with less left, it is skipped."""
RESERVE_S = 5.0
"""Kept back from the budget for printing the table."""


@dataclass
class Outcome:
    """One step: `ok`, `failed`, `timed out` or `skipped`, with what it printed or why."""

    name: str
    status: str = "ok"
    seconds: float = 0.0
    detail: str = ""
    events: list[dict[str, Any]] = field(default_factory=list)


class Check:
    def __init__(self, budget: float, home: Path, python: str) -> None:
        self.deadline = time.monotonic() + budget
        self.python = python
        self.env = {**os.environ, "DLTUTOR_HOME": str(home), "PYTHONUNBUFFERED": "1"}
        self.steps: list[Outcome] = []

    def left(self) -> float:
        return self.deadline - time.monotonic() - RESERVE_S

    def step(
        self, name: str, command: list[str], limit: float, least: float, ok: tuple[int, ...] = (0,)
    ) -> Outcome:
        """Run `command` for at most `limit` seconds (less if the budget is short; skipped
        if less than `least` is left); exit statuses in `ok` mean it ran."""
        timeout = min(limit, self.left())
        if timeout < least:
            return self._done(Outcome(name, "skipped", detail="out of time (the 8-minute budget)"))
        started = time.monotonic()
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, env=self.env,
                cwd=REPO, stdin=subprocess.DEVNULL, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            outcome = Outcome(name, "timed out", detail=f"no answer within {timeout:.0f} s")
        except OSError as error:
            outcome = Outcome(name, "failed", detail=str(error))
        else:
            outcome = Outcome(name, "ok" if result.returncode in ok else "failed")
            outcome.events = _json_lines(result.stdout)
            if outcome.status != "ok":
                outcome.detail = _last_words(result.stdout, result.stderr, outcome.events)
        outcome.seconds = time.monotonic() - started
        return self._done(outcome)

    def _done(self, outcome: Outcome) -> Outcome:
        self.steps.append(outcome)
        line = f"[{outcome.seconds:6.1f} s] {outcome.name}: {outcome.status}"
        print(line + (f" ({outcome.detail})" if outcome.detail else ""), flush=True)
        return outcome

    def dltutor(self, *args: str) -> list[str]:
        return [self.python, "-m", "tutor", *args]


def install(check: Check, folder: Path) -> str | None:
    """A fresh venv with `.[gpu]`; its python, or None if that failed."""
    venv = folder / "venv"
    made = check.step("make a venv", [sys.executable, "-m", "venv", str(venv)], 60, 30)
    if made.status != "ok":
        return None
    python = str(venv / "bin" / "python")
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    installed = check.step("install .[gpu]", [*pip, f"{REPO}[gpu]"], INSTALL_S, 120)
    return python if installed.status == "ok" else None


def doctor(check: Check) -> dict[str, Any] | None:
    command = check.dltutor("doctor", "--json", "--wait", "60")  # a cold disk: slow at first
    outcome = check.step("dltutor doctor --json", command, DOCTOR_S, 10, ok=(0, 1))  # 1: problems
    record = outcome.events[-1] if outcome.events else None
    if record is None:
        return None
    gpus = ", ".join(f"{gpu['name']} ({gpu.get('memory_mb') or '?'} MB)" for gpu in record["gpus"])
    print(f"    TensorFlow {record.get('tensorflow')}, Keras {record.get('keras')}; "
          f"GPUs: {gpus or 'none'}")  # fmt: skip
    for problem in record["problems"]:
        print(f"    problem: {problem}")
    return record


def train(check: Check, exercise: str, mode: str, epochs: int) -> Outcome:
    options = ["--offline", "--epochs", str(epochs), "--batch-size", str(BATCH_SIZE), "--json"]
    command = check.dltutor("run", exercise, *MODES[mode], *options)
    return check.step(f"{exercise} on {mode}", command, RUN_S, RUN_LEAST_S)


@dataclass
class Row:
    exercise: str
    mode: str
    outcome: Outcome

    def figures(self) -> dict[str, Any]:
        """device, epoch_s (the last epoch: the first includes compiling), images_s,
        accuracy, peak_mb, or an error."""
        events = {event.get("event"): event for event in self.outcome.events}
        epochs = [event for event in self.outcome.events if event.get("event") == "epoch"]
        error = events.get("error", {}).get("message") or self.outcome.detail
        figures: dict[str, Any] = {"device": events.get("start", {}).get("device")}
        if self.outcome.status != "ok" or not epochs:
            figures["error"] = f"{self.outcome.status}: {error or 'no epoch finished'}"
            return figures
        seconds = epochs[-1].get("seconds") or 0.0
        steps = events.get("fit", {}).get("steps")
        result = events.get("result", {})
        test = result.get("test") or {}
        final = result.get("final") or {}
        figures |= {
            "epoch_s": seconds,
            "images_s": steps * BATCH_SIZE / seconds if steps and seconds else None,
            "accuracy": test.get("accuracy", final.get("val_accuracy", final.get("accuracy"))),
            "peak_mb": result.get("gpu_memory_mb"),
        }
        return figures


def table(rows: list[Row]) -> list[str]:
    """The runs side by side, each GPU run's speed against its exercise's CPU run."""
    cpu = {row.exercise: row.figures() for row in rows if row.mode == "CPU"}
    head = ("exercise", "run", "device", "epoch s", "images/s", "accuracy", "peak GPU MB", "vs CPU")
    lines, failures = [head], {}
    for row in rows:
        figures = row.figures()
        if "error" in figures:
            failures[len(lines)] = figures["error"][:120]
            lines.append((row.exercise, row.mode, *[""] * (len(head) - 2)))
            continue
        base = cpu.get(row.exercise, {}).get("epoch_s")
        speed = f"{base / figures['epoch_s']:.1f}x" if row.mode != "CPU" and base else "-"
        lines.append(
            (
                row.exercise,
                row.mode,
                figures["device"] or "?",
                f"{figures['epoch_s']:.2f}",
                f"{figures['images_s']:,.0f}" if figures["images_s"] else "-",
                f"{figures['accuracy']:.4f}" if figures["accuracy"] is not None else "-",
                f"{figures['peak_mb']:,.0f}" if figures["peak_mb"] is not None else "-",
                speed,
            )
        )
    widths = [max(len(line[column]) for line in lines) for column in range(len(head))]
    text = []
    for index, line in enumerate(lines):
        cells = [cell.ljust(width) for cell, width in zip(line, widths, strict=True)]
        if index in failures:  # the reason where the figures would be
            cells = [*cells[:2], failures[index]]
        text.append("  ".join(cells).rstrip())
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-install", action="store_true", help="use this python's dltutor")
    parser.add_argument("--epochs", type=int, default=2, help="epochs per run (default: 2)")
    parser.add_argument("--budget", type=float, default=BUDGET_S, help="seconds in all (480)")
    parser.add_argument("--exercises", nargs="+", default=list(EXERCISES), metavar="ID")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    args = parser.parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="dltutor-gpu-check-") as temporary:
        folder = Path(temporary)
        check = Check(args.budget, folder / "home", sys.executable)
        python = sys.executable if args.no_install else install(check, folder)
        rows: list[Row] = []
        record = None
        if python is not None:
            check.python = python
            record = doctor(check)
        if record is not None:
            rows = run_all(check, record, args.exercises, args.epochs)
    print()
    if rows:
        print("\n".join(table(rows)))
    elif record is None:
        print("No runs: the install or the doctor failed (see above).")
    else:
        print("No runs: TensorFlow sees no GPU here (dltutor doctor says why, above).")
    print(f"\nThe check took {time.monotonic() - started:.0f} s.")
    if args.json:
        figures = [{"exercise": r.exercise, "run": r.mode, **r.figures()} for r in rows]
        args.json.write_text(json.dumps({"doctor": record, "runs": figures}, indent=1))
    ran = check.steps and all(step.status == "ok" for step in check.steps)
    return 0 if ran and rows else 1


def run_all(check: Check, record: dict[str, Any], exercises: list[str], epochs: int) -> list[Row]:
    """Each exercise on each mode, GPU first (the point of the check), then its CPU
    baseline; on a machine without a GPU, nothing to compare."""
    if not record["gpus"]:
        return []
    rows = []
    for exercise in exercises:
        for mode in MODES:
            rows.append(Row(exercise, mode, train(check, exercise, mode, epochs)))
    return rows


def _json_lines(text: str) -> list[dict[str, Any]]:
    events = []
    for line in text.splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict):
            events.append(event)
    return events


def _last_words(stdout: str, stderr: str, events: list[dict[str, Any]]) -> str:
    """Why a step failed, in one line: the error event, else the last line it printed."""
    for event in reversed(events):
        if event.get("event") == "error":
            return str(event.get("message", ""))[:200]
    lines = [line for line in (stderr + "\n" + stdout).splitlines() if line.strip()]
    return lines[-1][:200] if lines else "no output"


if __name__ == "__main__":
    sys.exit(main())
