"""benchmarks/gpu_check.sh on machines that are not the GPU box it is for: without a GPU it
says so plainly; where every run fails (the stand-in TensorFlow cannot train) or the
budget runs out, it still prints its table, each row saying why. Its arithmetic (speed
against the CPU, images per second) is checked on recorded events. `--no-install` keeps
it quick: no venv, this interpreter's dltutor."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from typing import Any

from benchmarks import gpu_check
from tests.conftest import REPO_ROOT
from tests.gpu.stand_ins import H200, standin_env


def check(*args: str, gpus: list[dict[str, Any]]) -> tuple[int, str, float]:
    env = {**os.environ, **standin_env({"gpus": gpus}, [{"used_mb": 100}] if gpus else None)}
    env |= {"LANG": "C.UTF-8", "TERM": "xterm-256color", "PYTHON": sys.executable}
    del env["DLTUTOR_EXERCISES"]  # the course's own exercises
    started = time.monotonic()
    result = subprocess.run(
        ["sh", str(REPO_ROOT / "benchmarks" / "gpu_check.sh"), "--no-install", *args],
        capture_output=True, text=True, env=env, timeout=240, check=False,
    )  # fmt: skip
    assert result.stderr == ""
    return result.returncode, result.stdout, time.monotonic() - started


def test_without_a_gpu_it_says_so_and_runs_nothing() -> None:
    status, out, seconds = check(gpus=[])
    assert status == 1
    assert "dltutor doctor --json: ok" in out
    assert "GPUs: none" in out
    assert "No runs: TensorFlow sees no GPU here (dltutor doctor says why, above)." in out
    assert "mnist-cnn" not in out  # nothing trained
    assert "The check took" in out and seconds < 60


def test_every_run_failing_still_prints_the_table_with_each_reason() -> None:
    status, out, _ = check("--exercises", "mnist-cnn", "--epochs", "1", gpus=[H200])
    assert status == 1
    table = out[out.index("\nexercise ") :].splitlines()
    rows = [line for line in table[1:] if line.startswith("mnist-cnn")]
    assert [row.split("  ")[1].strip() for row in rows] == [
        "GPU", "CPU", "GPU mixed precision", "GPU mirrored"
    ]  # fmt: skip
    for row in rows:  # the stand-in Keras cannot train: each run's own error, in one line
        assert "failed: AttributeError: module 'keras' has no attribute" in row, row


def test_a_budget_too_short_skips_what_would_not_fit() -> None:
    status, out, seconds = check("--exercises", "mnist-cnn", "--budget", "20", gpus=[H200])
    assert status == 1 and seconds < 30
    assert "mnist-cnn on GPU: skipped (out of time (the 8-minute budget))" in out
    assert out.count("skipped: out of time") == 4  # in the table too


def run(events: list[dict[str, Any]], status: str = "ok") -> gpu_check.Outcome:
    return gpu_check.Outcome("run", status, events=events)


def recorded(device: str, seconds: float, accuracy: float, peak: float | None) -> list[dict]:  # type: ignore[type-arg]
    return [
        {"event": "start", "device": device},
        {"event": "fit", "steps": 36, "epochs": 2},
        {"event": "epoch", "epoch": 1, "seconds": seconds * 5},
        {"event": "epoch", "epoch": 2, "seconds": seconds},
        {"event": "result", "status": "passed", "test": {"accuracy": accuracy},
         "gpu_memory_mb": peak},
    ]  # fmt: skip


def test_the_table_compares_each_gpu_run_with_its_cpu_run() -> None:
    rows = [
        gpu_check.Row("mnist-cnn", "GPU", run(recorded("NVIDIA H200", 0.5, 0.9655, 412.3))),
        gpu_check.Row("mnist-cnn", "CPU", run(recorded("CPU", 4.0, 0.9612, None))),
        gpu_check.Row("mnist-cnn", "GPU mirrored", run([], "timed out")),
    ]
    lines = gpu_check.table(rows)
    assert lines[0].split() == ["exercise", "run", "device", "epoch", "s", "images/s",
                                "accuracy", "peak", "GPU", "MB", "vs", "CPU"]  # fmt: skip
    # 36 steps of 128 images in the last epoch's 0.5 s; 4.0 s on the CPU is 8 times slower
    assert lines[1].split() == ["mnist-cnn", "GPU", "NVIDIA", "H200", "0.50", "9,216", "0.9655",
                                "412", "8.0x"]  # fmt: skip
    assert lines[2].split() == ["mnist-cnn", "CPU", "CPU", "4.00", "1,152", "0.9612", "-", "-"]
    assert lines[3].split()[:2] == ["mnist-cnn", "GPU"]
    assert lines[3].endswith("timed out: no epoch finished")
