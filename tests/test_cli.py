"""The `dltutor` command line, run as a learner runs it: a real process, real output."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_LESSONS, dltutor

LESSON_KEYS = {"id", "chapter", "order", "title", "languages", "exercise", "quiz_topics"}


def test_version() -> None:
    result = dltutor("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"dltutor {version('dltutor')}"


def test_lessons_json_is_one_object_per_lesson_in_reading_order() -> None:
    result = dltutor("lessons", "--json", env={"DLTUTOR_LESSONS": str(FIXTURE_LESSONS)})
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["neuron", "activations", "padding"]
    assert all(set(r) == LESSON_KEYS for r in records)
    assert records[0] == {
        "id": "neuron",
        "chapter": "basics",
        "order": 1,
        "title": "The neuron",
        "languages": ["en", "ko"],
        "exercise": None,
        "quiz_topics": ["dense-params"],
    }
    assert records[2]["languages"] == ["en"]


def test_lessons_json_lists_the_real_course() -> None:
    result = dltutor("lessons", "--json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records, "no lessons listed"
    assert all(r["languages"] == ["en", "ko"] for r in records)


def test_lessons_table_in_korean() -> None:
    result = dltutor("--lang", "ko", "lessons", env={"DLTUTOR_LESSONS": str(FIXTURE_LESSONS)})
    assert result.returncode == 0, result.stderr
    assert "강의" in result.stdout
    assert "뉴런" in result.stdout
    assert "1.1" in result.stdout and "2.1" in result.stdout


def test_language_from_locale() -> None:
    env = {"DLTUTOR_LESSONS": str(FIXTURE_LESSONS), "LANG": "ko_KR.UTF-8"}
    assert "뉴런" in dltutor("lessons", env=env).stdout


@pytest.mark.parametrize("command", [["lessons"], []], ids=["lessons", "the app"])
def test_a_broken_lesson_is_one_line_on_stderr_not_a_traceback(
    tmp_path: Path, command: list[str]
) -> None:
    chapter = tmp_path / "lessons" / "01-x"
    chapter.mkdir(parents=True)
    (chapter / "chapter.yaml").write_text("id: x\norder: 1\ntitle: {en: X}\n")
    (chapter / "01-a.en.md").write_text(
        "---\nid: a\norder: one\ntitle: A\nexercise: null\nquiz_topics: []\n---\ntext\n"
    )
    result = dltutor(*command, env={"DLTUTOR_LESSONS": str(tmp_path / "lessons")})
    assert result.returncode == 1
    assert result.stderr == (
        "dltutor: error: lessons/01-x/01-a.en.md: field 'order' must be a whole number\n"
    )


def test_unknown_language_is_refused() -> None:
    result = dltutor("--lang", "fr", "lessons")
    assert result.returncode == 2
    assert "'fr' is not one of 'en', 'ko'" in result.stderr
