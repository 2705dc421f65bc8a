"""The lesson loader: the real course loads in every language, bad files are named."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_LESSONS
from tutor.errors import LessonError
from tutor.i18n import LANGUAGES
from tutor.lessons import load_course


def test_every_real_lesson_loads_in_every_language() -> None:
    course = load_course()
    assert course.lessons, "the course has no lessons"
    for lesson in course.lessons:
        assert lesson.languages == LANGUAGES, f"{lesson.id} lacks a translation"
        for lang in LANGUAGES:
            text = lesson.text(lang)
            assert text.title.strip() and text.body.strip()
            assert text.path.name.endswith(f".{lang}.md")
    for chapter in course.chapters:
        assert all(chapter.title(lang) for lang in LANGUAGES)


def test_course_is_in_reading_order(fixture_course) -> None:
    assert [c.id for c in fixture_course.chapters] == ["basics", "shapes"]
    assert [lesson.id for lesson in fixture_course.lessons] == ["neuron", "activations", "padding"]
    assert fixture_course.position("padding") == (2, 1)
    assert fixture_course.neighbour("activations", 1).id == "padding"
    assert fixture_course.neighbour("neuron", -1) is None


def test_missing_translation_falls_back_to_english(fixture_course) -> None:
    padding = fixture_course.lesson("padding")
    assert padding.languages == ("en",)
    assert padding.text("ko").title == "Padding (English only)"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """A writable copy of the fixture course to break in one place per test."""
    root = tmp_path / "lessons"
    shutil.copytree(FIXTURE_LESSONS, root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


NEURON_EN = "01-basics/01-neuron.en.md"
NEURON_KO = "01-basics/01-neuron.ko.md"


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (NEURON_EN, "title: The neuron\n", "", "01-neuron.en.md: field 'title' is missing"),
        (NEURON_EN, "order: 1", "order: first", "01-neuron.en.md: field 'order' must be a whole"),
        (
            NEURON_EN,
            "quiz_topics:",
            "quiz_topic:",
            "01-neuron.en.md: field 'quiz_topic' is unknown",
        ),
        (NEURON_EN, "quiz_topics: [dense-params]", "quiz_topics: dense", "field 'quiz_topics'"),
        (NEURON_EN, "id: neuron", "id: The Neuron", "01-neuron.en.md: field 'id' must be"),
        (NEURON_EN, "exercise: null", "exercise: [1]", "01-neuron.en.md: field 'exercise'"),
        (NEURON_EN, "title: The neuron", "title: [unclosed", "01-neuron.en.md: invalid YAML"),
        (
            NEURON_KO,
            "quiz_topics: [dense-params]",
            "quiz_topics: []",
            "01-neuron.ko.md: field 'quiz_topics'",
        ),
        (NEURON_KO, "order: 1", "order: 2", "01-neuron.ko.md: field 'order'"),
        ("02-shapes/chapter.yaml", "id: shapes", "id: basics", "chapter.yaml: field 'id' repeats"),
        ("02-shapes/chapter.yaml", "  ko: 모양\n", "  fr: Formes\n", "field 'title.fr'"),
    ],
)
def test_malformed_lesson_names_file_and_field(draft, file, old, new, message) -> None:
    _edit(draft / file, old, new)
    with pytest.raises(LessonError, match=re.escape(message)):
        load_course(draft)


def test_two_lessons_with_one_order_are_named(draft) -> None:
    for lang in ("en", "ko"):
        _edit(draft / f"01-basics/02-activations.{lang}.md", "order: 2", "order: 1")
    with pytest.raises(
        LessonError, match=re.escape("02-activations.en.md: field 'order' repeats 1 from")
    ):
        load_course(draft)


def test_front_matter_must_be_closed(draft) -> None:
    path = draft / NEURON_EN
    path.write_text("---\nid: neuron\n", encoding="utf-8")
    with pytest.raises(
        LessonError, match=re.escape("01-neuron.en.md: front matter has no closing '---'")
    ):
        load_course(draft)


def test_lesson_file_name_must_carry_a_known_language(draft) -> None:
    (draft / NEURON_EN).rename(draft / "01-basics/01-neuron.fr.md")
    with pytest.raises(LessonError, match=r"01-neuron.fr.md: file name must end in \.en\.md or"):
        load_course(draft)


def test_chapter_folder_without_chapter_file_is_named(draft) -> None:
    (draft / "02-shapes/chapter.yaml").unlink()
    with pytest.raises(LessonError, match=re.escape("02-shapes/chapter.yaml: file missing")):
        load_course(draft)


def test_an_error_is_one_line(draft) -> None:
    _edit(draft / NEURON_EN, "order: 1", "order: [1,\n  2]")
    with pytest.raises(LessonError) as caught:
        load_course(draft)
    assert "\n" not in str(caught.value)


def test_a_fifo_in_a_draft_course_is_one_line_not_a_hang(tmp_path: Path) -> None:
    """DLTUTOR_LESSONS may point anywhere: a named pipe among the lessons is refused
    without being opened."""
    import os

    from tests.conftest import dltutor

    course = tmp_path / "course"
    shutil.copytree(FIXTURE_LESSONS, course)
    lesson = course / "01-basics" / "02-activations.en.md"
    lesson.unlink()
    os.mkfifo(lesson)
    result = dltutor("lessons", env={"DLTUTOR_LESSONS": str(course)}, timeout=30)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "not a regular file" in result.stderr
