"""A wheel install carries the lessons and assets and finds them, not the checkout's copy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tutor.lessons import load_course


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel as pip would (no network: hatchling comes with the test extras)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(REPO_ROOT),
        ],
        check=True,
        timeout=300,
    )
    (built,) = out.glob("dltutor-*.whl")
    return built


def test_wheel_carries_lessons_assets_and_the_script(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    lesson_files = [n for n in names if n.startswith("tutor/_data/lessons/")]
    repo_lessons = [p for p in (REPO_ROOT / "lessons").rglob("*") if p.is_file()]
    assert len(lesson_files) == len(repo_lessons) > 0
    assert any(n.startswith("tutor/_data/assets/") for n in names)
    assert "tutor/ui/app.tcss" in names and "tutor/ui/screens/lesson.tcss" in names
    assert not any("__pycache__" in n for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "dltutor = tutor.launch:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_layout_lists_lessons_from_inside_the_package(
    wheel: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("DLTUTOR_LESSONS", None)
    where = subprocess.run(
        [sys.executable, "-c", "from tutor.resources import lessons_dir; print(lessons_dir())"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    assert Path(where.stdout.strip()) == site / "tutor" / "_data" / "lessons"
    listed = subprocess.run(
        [sys.executable, "-m", "tutor", "lessons", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    ids = [json.loads(line)["id"] for line in listed.stdout.splitlines()]
    assert ids == [lesson.id for lesson in load_course().lessons]
