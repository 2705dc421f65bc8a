"""The `dltutor` command line, run as a learner runs it: a real process, real output."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.cli_helpers import dltutor_in_terminal
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


def test_a_broken_lesson_is_one_line_on_stderr_not_a_traceback(tmp_path: Path) -> None:
    chapter = tmp_path / "lessons" / "01-x"
    chapter.mkdir(parents=True)
    (chapter / "chapter.yaml").write_text("id: x\norder: 1\ntitle: {en: X}\n")
    (chapter / "01-a.en.md").write_text(
        "---\nid: a\norder: one\ntitle: A\nexercise: null\nquiz_topics: []\n---\ntext\n"
    )
    result = dltutor("lessons", env={"DLTUTOR_LESSONS": str(tmp_path / "lessons")})
    assert result.returncode == 1
    assert result.stderr == (
        "dltutor: error: lessons/01-x/01-a.en.md: field 'order' must be a whole number\n"
    )


FIXTURE = {"DLTUTOR_LESSONS": str(FIXTURE_LESSONS)}


def test_the_language_chosen_is_remembered_over_the_locale() -> None:
    english_locale, korean_locale = {"LANG": "en_US.UTF-8"}, {"LANG": "ko_KR.UTF-8"}
    assert "뉴런" in dltutor("lessons", "--lang", "ko", env={**FIXTURE, **english_locale}).stdout
    assert "뉴런" in dltutor("lessons", env={**FIXTURE, **english_locale}).stdout
    assert "The neuron" in dltutor("--lang=en", "lessons", env={**FIXTURE, **korean_locale}).stdout
    assert "The neuron" in dltutor("lessons", env={**FIXTURE, **korean_locale}).stdout


def test_the_app_opens_in_the_remembered_language() -> None:
    dltutor("--lang", "ko", "lessons", env=FIXTURE)
    status, output = dltutor_in_terminal(env=FIXTURE, until="뉴런", then=b"q")
    assert "뉴런" in output and "The neuron" not in output
    assert status == 0


def test_an_unwritable_config_dir_does_not_stop_the_command(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    env = {**FIXTURE, "DLTUTOR_CONFIG_HOME": str(blocker)}
    result = dltutor("--lang", "ko", "lessons", env=env)
    assert (result.returncode, result.stderr) == (0, "")
    assert "뉴런" in result.stdout


AFTER_THE_COMMAND = {
    "lessons": (["lessons", "--lang", "ko"], 0, "강의"),
    "exercises": (["exercises", "--lang", "ko"], 0, "실습 목록"),
    "progress": (["progress", "--lang", "ko"], 0, "퀴즈 주제"),
    "progress export": (["progress", "export", "{tmp}/p.json", "--lang", "ko"], 0, "저장했습니다"),
    "quiz": (["quiz", "--topics", "--lang=ko"], 0, "합성곱"),
    "run": (["run", "no-such-thing", "--lang", "ko"], 1, "오류"),
    "data import": (["data", "import", "cifar10", "{tmp}", "--lang", "ko"], 1, "오류"),
}


@pytest.mark.parametrize(
    ("args", "status", "korean"), AFTER_THE_COMMAND.values(), ids=list(AFTER_THE_COMMAND)
)
def test_lang_is_accepted_after_the_command(
    tmp_path: Path, args: list[str], status: int, korean: str
) -> None:
    result = dltutor(*(arg.replace("{tmp}", str(tmp_path)) for arg in args))
    assert result.returncode == status, result.stderr
    assert korean in result.stdout + result.stderr


def test_explain_reads_lang_after_its_files() -> None:
    model = "model = Sequential([Dense(8, input_dim=4)])\n"
    result = dltutor("explain", "-", "--lang", "ko", stdin=model)
    assert result.returncode == 0, result.stderr
    assert "params = 4*8 + 8 = 40" in result.stdout and "유닛" in result.stdout
