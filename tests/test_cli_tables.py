"""Command-line tables at a terminal and piped: every word and id whole, nothing past the
terminal's edge, one plain line per row when piped."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.cli_helpers import dltutor_in_terminal
from tests.conftest import dltutor
from tutor.exercises import load_catalogue
from tutor.lessons import load_course
from tutor.terminal_table import wrap

BOX = str.maketrans({char: " " for char in "│┃┏┓┗┛━┳┻╇┡┩├┤┼─└┘┴┬╋"})


def words_on_screen(output: str) -> set[str]:
    return {word.strip(",") for word in output.translate(BOX).split()}


def lesson_words(lang: str) -> tuple[set[str], set[str]]:
    """Ids (lessons, exercises, quiz topics) and the words of every title."""
    course = load_course()
    ids, words = set(), set()
    for chapter in course.chapters:
        words |= set(chapter.title(lang).split())
        for lesson in chapter.lessons:
            ids |= {lesson.id, *lesson.quiz_topics, *([lesson.exercise] if lesson.exercise else [])}
            words |= set(lesson.text(lang).title.split())
    return ids, words


def exercise_words(lang: str) -> tuple[set[str], set[str]]:
    ids, words = set(), set()
    for item in load_catalogue():
        ids |= {item.id, item.lesson}
        words |= set(item.title(lang).split())
    return ids, words


TABLES = {"lessons": lesson_words, "exercises": exercise_words}


@pytest.mark.parametrize("columns", [80, 100, 160])
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("command", list(TABLES))
def test_at_a_terminal_no_word_is_broken(command: str, lang: str, columns: int) -> None:
    status, output = dltutor_in_terminal("--lang", lang, command, columns=columns)
    assert status == 0, output
    assert max(cell_len(line) for line in output.splitlines()) <= columns
    on_screen = words_on_screen(output)
    ids, words = TABLES[command](lang)
    assert ids - on_screen == set()
    assert {word.strip(",") for word in words} - on_screen == set()


def test_the_data_table_fits_80_columns_with_its_names_whole() -> None:
    status, output = dltutor_in_terminal("data", columns=80)
    assert status == 0, output
    assert max(cell_len(line) for line in output.splitlines()) <= 80
    assert {"mnist", "fashion_mnist", "imdb", "reuters", "pima"} <= words_on_screen(output)


def test_a_narrow_terminal_moves_columns_under_the_title() -> None:
    status, output = dltutor_in_terminal("lessons", columns=80)
    assert status == 0, output
    assert "quiz topics: concept-loss," in output  # not a column of its own at 80
    _, wide = dltutor_in_terminal("lessons", columns=160)
    assert "quiz topics:" not in wide and "quiz topics" in wide


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_piped_a_table_is_one_plain_line_per_row(lang: str) -> None:
    result = dltutor("--lang", lang, "lessons")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert not set(result.stdout) & set("│┃━─")
    course = load_course()
    assert len(lines) == 2 + len(course.chapters) + len(course.lessons)  # title, header
    for chapter_number, chapter in enumerate(course.chapters, 1):
        for lesson_number, lesson in enumerate(chapter.lessons, 1):
            [line] = [line for line in lines if f" {lesson.id} " in line]
            assert line.startswith(f"{chapter_number}.{lesson_number} ")
            assert lesson.text(lang).title in line
            assert line.endswith(", ".join(lesson.quiz_topics))


def test_piped_exercises_keep_their_columns_aligned() -> None:
    lines = dltutor("exercises").stdout.splitlines()
    header, rows = lines[1], lines[2:]
    assert len(rows) == len(load_catalogue())
    lesson_column = header.index("lesson")
    for row, item in zip(rows, load_catalogue(), strict=True):
        assert row.startswith(f"{item.id} ")
        assert row[lesson_column:].startswith(f"{item.lesson} ")


def test_wrapping_keeps_korean_words_whole_when_a_line_fills_the_column() -> None:
    # Rich's own wrapping cuts this line to '인공 뉴런과 활성 …' in a column of 18.
    assert wrap("인공 뉴런과 활성화 함수", 18) == "인공 뉴런과 활성화\n함수"


def test_a_long_path_breaks_only_after_a_slash() -> None:
    path = "~/.venv/lib/python3.11/site-packages/mlxtend/data/iris.csv.gz"
    lines = wrap(f"path: {path}", 26).splitlines()
    assert "".join(lines).replace("path: ", "", 1) == path
    assert all(line.endswith("/") for line in lines[:-1]) and max(map(len, lines)) <= 26
