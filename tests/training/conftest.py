"""Helpers for the training tests: the tiny fixture exercises and process checks.

Tests marked `tensorflow` start a real training child (about 4 to 7 seconds of
TensorFlow import each); the rest run in milliseconds.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

FIXTURE_EXERCISES = Path(__file__).resolve().parents[1] / "fixtures" / "exercises"


@pytest.fixture
def tiny_exercises(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the catalogue at `tests/fixtures/exercises` (the `tiny` classifier)."""
    monkeypatch.setenv("DLTUTOR_EXERCISES", str(FIXTURE_EXERCISES))
    return FIXTURE_EXERCISES


def alive(pid: int) -> bool:
    """True while `pid` is a running process (a zombie awaiting its reaper counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def gone_within(pids: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(alive(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return not any(alive(pid) for pid in pids)


def hostile_exercises(root: Path, scripts: dict[str, str]) -> Path:
    """Write `scripts` (id -> source) as exercises that train nothing, with their catalogue,
    into `root`: the tests' own hostile scripts, for `DLTUTOR_EXERCISES`."""
    root.mkdir(parents=True, exist_ok=True)
    entries = []
    for exercise_id, source in scripts.items():
        (root / f"{exercise_id}.py").write_text(source)
        entries.append(
            f"- {{id: {exercise_id}, title: {{en: {exercise_id}}}, lesson: hostile, "
            f"script: {exercise_id}.py, dataset: null, task: none, epochs: null, "
            "batch_size: null, metric: null, criterion: null, "
            "try: [{en: Nothing.}, {en: Really.}]}"
        )
    (root / "catalogue.yaml").write_text("\n".join(entries) + "\n")
    return root
