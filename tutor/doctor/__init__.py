"""`dltutor doctor`: what a learner or a teacher needs to know before training on this
machine, each line with a verdict and, where something is wrong, the fix.

TensorFlow is imported only in a child process (`tutor.doctor.probe`), as training does,
while this process looks at the rest (`tutor.doctor.machine`); the child gets `wait`
seconds, so the doctor always finishes in well under 15 s, and says so when TensorFlow
was too slow to answer. `tutor.doctor.verdicts` judges the facts.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from tutor.doctor import machine
from tutor.doctor.verdicts import Check, gpus_seen, judge

PROBE_WAIT_S = 11.0
"""TensorFlow's import takes 3 to 8 s on a warm disk; past this the doctor gives up on it
and says so, to finish in under 15 s (the command's own start takes up to 2 s on a busy
machine)."""


@dataclass(frozen=True)
class Diagnosis:
    checks: list[Check]
    record: dict[str, Any]
    """The `--json` object: python, dltutor, tensorflow, keras, gpus, cuda, datasets,
    paths, terminal, problems."""

    @property
    def problems(self) -> list[Check]:
        return [check for check in self.checks if check.verdict == "problem"]


def diagnose(wait: float = PROBE_WAIT_S) -> Diagnosis:
    """Look at this machine: TensorFlow in a child process, the rest meanwhile here."""
    started = time.monotonic()
    probe_process = subprocess.Popen(
        [sys.executable, "-m", "tutor.doctor.probe"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=_child_env(),
        start_new_session=True,
    )
    facts = {
        "python": platform.python_version(),
        "dltutor": _version("dltutor"),
        "environ": dict(os.environ),
        "nvidia_hardware": machine.nvidia_hardware(),
        "nvml": machine.nvml_facts(),
        "datasets": machine.datasets_facts(),
        "paths": machine.paths_facts(),
        "terminal": machine.terminal_facts(),
    }
    probe = _probe_result(probe_process, max(wait - (time.monotonic() - started), 0.1), wait)
    checks = judge(probe, facts)
    return Diagnosis(checks, _record(probe, facts, checks))


def _probe_result(process: subprocess.Popen[bytes], timeout: float, wait: float) -> dict[str, Any]:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return {"timed_out": f"{wait:g}"}
    try:
        probe = json.loads(out.decode("utf-8", "replace").strip().splitlines()[-1])
    except (ValueError, IndexError):
        last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        return {"import_error": last[0][:200]}
    return probe if isinstance(probe, dict) else {"import_error": "no facts"}


def _child_env() -> dict[str, str]:
    """The probe imports `tutor` from wherever this process did (a checkout works too)."""
    root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": os.pathsep.join(part for part in (root, path) if part)}


def _record(probe: dict[str, Any], facts: dict[str, Any], checks: list[Check]) -> dict[str, Any]:
    return {
        "python": facts["python"],
        "dltutor": facts["dltutor"],
        "tensorflow": probe.get("tensorflow"),
        "keras": probe.get("keras"),
        "gpus": gpus_seen(probe, facts),
        "cuda": {
            "built_with_cuda": probe.get("built_with_cuda"),
            "cuda": probe.get("cuda"),
            "cudnn": probe.get("cudnn"),
            "driver": facts["nvml"]["driver"],
            "driver_cuda": facts["nvml"]["driver_cuda"] or probe.get("driver_cuda"),
            "libraries": probe.get("libraries", {}),
            "visible_devices": facts["environ"].get("CUDA_VISIBLE_DEVICES"),
            "nvidia_gpus": max(facts["nvidia_hardware"], len(facts["nvml"]["gpus"])),
        },
        "datasets": facts["datasets"],
        "paths": facts["paths"],
        "terminal": facts["terminal"],
        "problems": [check.english() for check in checks if check.verdict == "problem"],
    }


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None
