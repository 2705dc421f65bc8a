"""Every screen's layout at 80x24 in both languages (and the main ones at 120x40), against
SVG snapshots. Review the report (`snapshot_report.html`) before `--snapshot-update`.

The learner's data directory and the exercise scripts are at fixed paths, so that the
titles which show them (the built-in editor's) are the same in every checkout, and the
quiz's seed is fixed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.conftest import fixed_home_at
from tests.ui.every_screen import SCREENS, tutor_app
from tutor.exercises import EXERCISES_ENV, exercises_dir
from tutor.i18n import LANGUAGES

SNAPSHOT_HOME = Path("/tmp/dltutor-snapshot-home")
SNAPSHOT_EXERCISES = Path("/tmp/dltutor-snapshot-exercises")
ROOMY = ("home", "lesson", "quiz", "explain", "exercise-finished")


@pytest.fixture
def fixed_home(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    shutil.rmtree(SNAPSHOT_EXERCISES, ignore_errors=True)
    shutil.copytree(exercises_dir(), SNAPSHOT_EXERCISES)
    monkeypatch.setenv(EXERCISES_ENV, str(SNAPSHOT_EXERCISES))
    monkeypatch.setattr("tutor.quiz.fresh_seed", lambda: 2026)
    yield from fixed_home_at(SNAPSHOT_HOME, monkeypatch)
    shutil.rmtree(SNAPSHOT_EXERCISES, ignore_errors=True)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", list(SCREENS))
def test_every_screen_at_80x24(snap_compare, fixed_home, no_editor, name, lang) -> None:  # type: ignore[no-untyped-def]
    app = tutor_app(fixed_home, lang, name)
    assert snap_compare(app, run_before=SCREENS[name], terminal_size=(80, 24))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", ROOMY)
def test_main_screens_at_120x40(snap_compare, fixed_home, no_editor, name, lang) -> None:  # type: ignore[no-untyped-def]
    app = tutor_app(fixed_home, lang, name)
    assert snap_compare(app, run_before=SCREENS[name], terminal_size=(120, 40))
