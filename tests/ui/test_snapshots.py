"""Layout, checked against SVG snapshots at the smallest supported size and a roomy one.

Review the report (`snapshot_report.html`) before `--snapshot-update`.
"""

from __future__ import annotations

import pytest

from tutor.ui.app import make_app

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, fixture_course, size) -> None:
    assert snap_compare(make_app(fixture_course, "en"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_lesson(snap_compare, fixture_course, size) -> None:
    assert snap_compare(make_app(fixture_course, "en"), press=["enter"], terminal_size=size)


def test_lesson_in_korean(snap_compare, fixture_course) -> None:
    assert snap_compare(make_app(fixture_course, "ko"), press=["enter"], terminal_size=(80, 24))


def test_help_over_a_lesson(snap_compare, fixture_course) -> None:
    app = make_app(fixture_course, "en")
    assert snap_compare(app, press=["enter", "question_mark"], terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_exercise_after_a_run(snap_compare, tmp_path, size) -> None:
    """Curves, the verdict and the result in the log, from a scripted run of six epochs."""
    from tests.ui.test_exercise_screen import PASSED, FakeRun, Runs, app_with, settle, training
    from tutor.ui.screens.exercise import ExerciseScreen

    async def run_it(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.push_screen(ExerciseScreen("mnist-dnn"))
        await pilot.pause()
        await pilot.press("r")
        await settle(pilot)

    app = app_with(Runs(FakeRun([*training(6), PASSED])), tmp_path)
    assert snap_compare(app, run_before=run_it, terminal_size=size)
