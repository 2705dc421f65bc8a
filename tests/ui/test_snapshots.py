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
