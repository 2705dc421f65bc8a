"""`dltutor --lang ko`: the command line's own tables and messages have no English prose
left (ids, code, numbers and Keras names stay as they are)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import english_left_in_korean, english_prose
from tests.conftest import dltutor
from tutor.exercises import load_catalogue
from tutor.lessons import load_course


def identifiers() -> set[str]:
    course = load_course()
    ids = {lesson.id for lesson in course.lessons}
    ids |= {topic for lesson in course.lessons for topic in lesson.quiz_topics}
    ids |= {item.id for item in load_catalogue()} | {item.lesson for item in load_catalogue()}
    return ids | {item.dataset for item in load_catalogue() if item.dataset}


@pytest.mark.parametrize("command", [["lessons"], ["exercises"]], ids=" ".join)
def test_tables_have_no_english_left(command: list[str]) -> None:
    assert english_left_in_korean(*command, identifiers=identifiers()) == set()


def test_the_detector_finds_english_and_leaves_code_alone() -> None:
    text = "id  title  quiz topics: concept-loss\n--epochs N (got 'x') ~/.keras Dense 층"
    assert english_prose(text, {"concept-loss"}) == {"id", "title", "quiz", "topics", "got"}


def test_progress_messages_in_korean(tmp_path: Path) -> None:
    export = tmp_path / "progress.json"
    assert english_left_in_korean("progress", "export", str(export)) == set()
    assert english_left_in_korean("progress", "reset") == set()  # refused: no --yes, no tty
    assert english_left_in_korean("progress", "reset", "--yes") == set()
    refused = dltutor("--lang", "ko", "progress", "reset")
    assert refused.returncode == 1 and "--yes" in refused.stderr


USAGE = [
    ["run", "x", "--device", "tpu"],
    ["run", "x", "--epochs", "0"],
    ["quiz", "--count", "x"],
    ["run"],
    ["lessons", "--bogus"],
    ["lessons", "--jsn"],
    ["lessons", "extra"],
    ["lessons", "--json=1"],
    ["run", "x", "--epochs"],
    ["frob"],
    ["lesons"],
]


@pytest.mark.parametrize("args", USAGE, ids=" ".join)
def test_usage_errors_in_korean(args: list[str]) -> None:
    result = dltutor("--lang", "ko", *args)
    assert result.returncode == 2
    assert result.stderr.startswith("dltutor: 오류: ") and result.stderr.count("\n") == 1
    assert english_prose(result.stderr, {"lessons", "run", "quiz"}) == set()


def test_the_no_terminal_message_in_korean() -> None:
    result = dltutor("--lang", "ko")  # stdin and stdout are pipes here
    assert result.returncode == 1
    assert english_prose(result.stderr) == set()


def test_the_progress_report_in_korean_names_topics_in_korean() -> None:
    """`dltutor --lang ko progress`: chapters, quiz topics (by their Korean titles, not
    their ids), statuses and the streak, all in Korean."""
    from tests.test_cli_progress import _seed_progress

    _seed_progress()
    from tutor.quiz import get_topic

    assert english_left_in_korean("progress", identifiers=identifiers()) == set()
    printed = dltutor("--lang", "ko", "progress").stdout
    assert get_topic("conv2d-params").title["ko"] in printed and "conv2d-params" not in printed
