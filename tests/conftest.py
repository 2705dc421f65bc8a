"""Shared fixtures: an isolated learner home and a small, stable course for UI tests."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.lessons import Course, load_course

FIXTURE_LESSONS = Path(__file__).parent / "fixtures" / "lessons"
REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the real learner's data, settings and locale."""
    home = tmp_path / "dltutor-home"
    monkeypatch.setenv("DLTUTOR_HOME", str(home))
    monkeypatch.setenv("DLTUTOR_CONFIG_HOME", str(tmp_path / "dltutor-config"))
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "DLTUTOR_LESSONS", "NO_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    return home


@pytest.fixture
def fixture_course() -> Course:
    """Two chapters, three lessons, one of them English-only: layout tests stay stable
    while the real course grows."""
    return load_course(FIXTURE_LESSONS)


def dltutor(
    *args: str,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run the real command line as a learner would, in this test's isolated home."""
    return subprocess.run(
        [sys.executable, "-m", "tutor", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        input=stdin,
        env={**os.environ, **(env or {})},
    )


async def freed(pilot, refs, seconds: float = 2.0) -> None:  # type: ignore[no-untyped-def]
    """Collect garbage until every weak reference in `refs` is dead or `seconds` pass: a
    closed screen finishes closing a little after the key that closed it."""
    for _ in range(int(seconds / 0.05)):
        gc.collect()
        if all(ref() is None for ref in refs):
            return
        await pilot.pause(0.05)
