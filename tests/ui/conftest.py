"""Fixtures shared by the screen tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest


@pytest.fixture
def no_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    """No $VISUAL or $EDITOR: `e` opens the built-in editor."""
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)


@pytest.fixture(autouse=True)
def frozen_run_clock(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """In SVG snapshots, a run's clock stands still: the ETA of a running exercise is
    then the same however busy the machine is (it was 0:07 or 0:08 by the load)."""
    if "snap_compare" in request.fixturenames:
        monkeypatch.setattr("tutor.training.view.time", SimpleNamespace(monotonic=lambda: 1000.0))


def fixed_home_at(path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The learner's data directory at a fixed path, empty at the start and removed after:
    for SVG snapshots, whose screens may show the path. The snapshot tests run on one
    xdist worker (tests/conftest.py), so no other test shares it."""
    shutil.rmtree(path, ignore_errors=True)
    monkeypatch.setenv("DLTUTOR_HOME", str(path))
    yield path
    shutil.rmtree(path, ignore_errors=True)
