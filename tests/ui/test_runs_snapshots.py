"""The Runs screen, a comparison, a challenge and its budget dialog against SVG snapshots,
at 80x24 and 120x40, in English and Korean. Review the report (`snapshot_report.html`)
before `--snapshot-update`.

The learner's data directory is a fixed path, as the run folders show in the Runs screen's
detail, and the runs have fixed times (tests/runs/sample_runs.py)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.runs.screens import SCREENS
from tests.ui.conftest import fixed_home_at
from tests.ui.every_screen import tutor_app
from tutor.i18n import LANGUAGES

SNAPSHOT_HOME = Path("/tmp/dltutor-runs-snapshot-home")
SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def fixed_home(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fixed data directory, and UTC for the local times the Runs screen shows."""
    zone = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield from fixed_home_at(SNAPSHOT_HOME, monkeypatch)
    if zone is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = zone
    time.tzset()


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", ["runs", "compare"])
def test_runs_and_a_comparison(snap_compare, fixed_home, no_editor, name, lang, size) -> None:  # type: ignore[no-untyped-def]
    app = tutor_app(fixed_home, lang, name)
    assert snap_compare(app, run_before=SCREENS[name], terminal_size=size)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", ["challenges", "challenge", "budget"])
def test_the_challenges_at_80x24(snap_compare, fixed_home, no_editor, name, lang) -> None:  # type: ignore[no-untyped-def]
    app = tutor_app(fixed_home, lang, name)
    assert snap_compare(app, run_before=SCREENS[name], terminal_size=(80, 24))
