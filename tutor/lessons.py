"""Load the course from `lessons/`: chapters of Markdown lessons with YAML front matter.

Layout: `lessons/<NN-chapter>/chapter.yaml` and one `<NN-slug>.<lang>.md` per lesson and
language. The loader checks every file strictly, because a typo in a field name should fail
the test suite with the file and the field named, not show a learner a half-empty screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor.errors import LessonError
from tutor.i18n import DEFAULT_LANGUAGE, LANGUAGES
from tutor.resources import lessons_dir, read_content
from tutor.yamlfile import parse_yaml

CHAPTER_FILE = "chapter.yaml"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LESSON_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")
_LESSON_FIELDS = ("id", "order", "title", "exercise", "quiz_topics")
_CHAPTER_FIELDS = ("id", "order", "title")
# Fields that describe the lesson rather than its wording: every language must agree on them.
_SHARED_FIELDS = ("order", "exercise", "quiz_topics")


@dataclass(frozen=True)
class LessonText:
    """One language's version of a lesson."""

    title: str
    body: str
    path: Path


@dataclass(frozen=True)
class Lesson:
    id: str
    chapter: str
    order: int
    exercise: str | None
    quiz_topics: tuple[str, ...]
    texts: Mapping[str, LessonText]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGUAGES if lang in self.texts)

    def has(self, lang: str) -> bool:
        return lang in self.texts

    def text(self, lang: str) -> LessonText:
        """The lesson in `lang`, or in English when it has not been translated yet."""
        return (
            self.texts.get(lang)
            or self.texts.get(DEFAULT_LANGUAGE)
            or next(iter(self.texts.values()))
        )


@dataclass(frozen=True)
class Chapter:
    id: str
    order: int
    titles: Mapping[str, str]
    lessons: tuple[Lesson, ...]

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles[DEFAULT_LANGUAGE]


@dataclass(frozen=True)
class Course:
    chapters: tuple[Chapter, ...]

    @property
    def lessons(self) -> tuple[Lesson, ...]:
        """Every lesson in reading order, across chapters."""
        return tuple(lesson for chapter in self.chapters for lesson in chapter.lessons)

    def lesson(self, lesson_id: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        raise LessonError(f"no lesson with id {lesson_id!r}")

    def chapter(self, chapter_id: str) -> Chapter:
        for chapter in self.chapters:
            if chapter.id == chapter_id:
                return chapter
        raise LessonError(f"no chapter with id {chapter_id!r}")

    def position(self, lesson_id: str) -> tuple[int, int]:
        """(chapter number, lesson number), both from 1, as the UI labels them: 1.2."""
        for chapter_number, chapter in enumerate(self.chapters, 1):
            for lesson_number, lesson in enumerate(chapter.lessons, 1):
                if lesson.id == lesson_id:
                    return chapter_number, lesson_number
        raise LessonError(f"no lesson with id {lesson_id!r}")

    def neighbour(self, lesson_id: str, step: int) -> Lesson | None:
        """The lesson `step` places after (or before, if negative) `lesson_id`, if any."""
        ids = [lesson.id for lesson in self.lessons]
        index = ids.index(lesson_id) + step
        return self.lessons[index] if 0 <= index < len(ids) else None


def load_course(root: Path | None = None) -> Course:
    """Read and check every chapter under `root` (default: the installed `lessons/`)."""
    root = lessons_dir() if root is None else root
    if not root.is_dir():
        raise LessonError(f"{root}: lessons folder not found")
    folders = list(_chapter_folders(root))
    chapters = [_load_chapter(folder, root) for folder in folders]
    chapter_files = [folder / CHAPTER_FILE for folder in folders]
    _require_unique(chapters, chapter_files, "id", root)
    _require_unique(chapters, chapter_files, "order", root)
    lessons = [lesson for chapter in chapters for lesson in chapter.lessons]
    _require_unique(lessons, [_any_path(lesson) for lesson in lessons], "id", root)
    return Course(tuple(sorted(chapters, key=lambda chapter: chapter.order)))


def _chapter_folders(root: Path) -> Iterator[Path]:
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and (folder / CHAPTER_FILE).is_file():
            yield folder
        elif folder.is_dir() and any(folder.glob("*.md")):
            raise LessonError(f"{_shown(folder / CHAPTER_FILE, root)}: file missing")


def _load_chapter(folder: Path, root: Path) -> Chapter:
    path = folder / CHAPTER_FILE
    data = _parse_yaml(read_content(path), path, root)
    _check_fields(data, _CHAPTER_FIELDS, path, root)
    chapter_id = _slug(data, path, root)
    order = _integer(data, "order", path, root)
    titles = data["title"]
    if not isinstance(titles, dict) or DEFAULT_LANGUAGE not in titles:
        raise LessonError(
            f"{_shown(path, root)}: field 'title' must map languages to titles, "
            f"with '{DEFAULT_LANGUAGE}' at least"
        )
    for lang, title in titles.items():
        if lang not in LANGUAGES or not isinstance(title, str) or not title.strip():
            raise LessonError(f"{_shown(path, root)}: field 'title.{lang}' is not a title")
    lessons = _load_lessons(folder, chapter_id, root)
    return Chapter(chapter_id, order, dict(titles), lessons)


def _load_lessons(folder: Path, chapter_id: str, root: Path) -> tuple[Lesson, ...]:
    by_id: dict[str, dict[str, tuple[dict[str, Any], LessonText]]] = {}
    for path in sorted(folder.glob("*.md")):
        lang, meta, text = _load_lesson_file(path, root)
        versions = by_id.setdefault(meta["id"], {})
        if lang in versions:
            raise LessonError(f"{_shown(path, root)}: field 'id' repeats {meta['id']!r}")
        versions[lang] = (meta, text)
    lessons = [_merge_languages(chapter_id, versions, root) for versions in by_id.values()]
    _require_unique(lessons, [_any_path(lesson) for lesson in lessons], "order", root)
    return tuple(sorted(lessons, key=lambda lesson: lesson.order))


def _load_lesson_file(path: Path, root: Path) -> tuple[str, dict[str, Any], LessonText]:
    match = _LESSON_NAME.match(path.name)
    if not match or match["lang"] not in LANGUAGES:
        raise LessonError(
            f"{_shown(path, root)}: file name must end in "
            + " or ".join(f".{lang}.md" for lang in LANGUAGES)
        )
    front, body = _split_front_matter(read_content(path), path, root)
    meta = _parse_yaml(front, path, root)
    _check_fields(meta, _LESSON_FIELDS, path, root)
    _slug(meta, path, root)
    _integer(meta, "order", path, root)
    title = meta["title"]
    if not isinstance(title, str) or not title.strip():
        raise LessonError(f"{_shown(path, root)}: field 'title' must be non-empty text")
    exercise = meta["exercise"]
    if exercise is not None and not (isinstance(exercise, str) and _SLUG.match(exercise)):
        raise LessonError(f"{_shown(path, root)}: field 'exercise' must be an exercise id or null")
    topics = meta["quiz_topics"]
    if not isinstance(topics, list) or not all(
        isinstance(topic, str) and _SLUG.match(topic) for topic in topics
    ):
        raise LessonError(f"{_shown(path, root)}: field 'quiz_topics' must be a list of topic ids")
    if not body.strip():
        raise LessonError(f"{_shown(path, root)}: the lesson has no text after its front matter")
    meta["quiz_topics"] = tuple(topics)
    return match["lang"], meta, LessonText(title.strip(), body.strip() + "\n", path)


def _merge_languages(
    chapter_id: str, versions: dict[str, tuple[dict[str, Any], LessonText]], root: Path
) -> Lesson:
    reference_lang = DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in versions else next(iter(versions))
    reference, _ = versions[reference_lang]
    for meta, text in versions.values():
        for field in _SHARED_FIELDS:
            if meta[field] != reference[field]:
                raise LessonError(
                    f"{_shown(text.path, root)}: field '{field}' is {meta[field]!r} but the "
                    f"{reference_lang} version says {reference[field]!r}"
                )
    return Lesson(
        id=reference["id"],
        chapter=chapter_id,
        order=reference["order"],
        exercise=reference["exercise"],
        quiz_topics=reference["quiz_topics"],
        texts={lang: text for lang, (_, text) in versions.items()},
    )


def _split_front_matter(source: str, path: Path, root: Path) -> tuple[str, str]:
    lines = source.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise LessonError(f"{_shown(path, root)}: must start with '---' front matter")
    for index, line in enumerate(lines[1:], 1):
        if line.strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :])
    raise LessonError(f"{_shown(path, root)}: front matter has no closing '---'")


def _parse_yaml(source: str, path: Path, root: Path) -> dict[str, Any]:
    data = parse_yaml(source, _shown(path, root), LessonError)
    if not isinstance(data, dict):
        raise LessonError(f"{_shown(path, root)}: expected 'field: value' lines")
    return data


def _check_fields(data: dict[str, Any], fields: tuple[str, ...], path: Path, root: Path) -> None:
    # Unknown fields first: a misspelt field is more often the cause than a forgotten one.
    for field in data:
        if field not in fields:
            raise LessonError(
                f"{_shown(path, root)}: field '{field}' is unknown (expected {', '.join(fields)})"
            )
    for field in fields:
        if field not in data:
            raise LessonError(f"{_shown(path, root)}: field '{field}' is missing")


def _slug(data: dict[str, Any], path: Path, root: Path) -> str:
    value = data["id"]
    if not isinstance(value, str) or not _SLUG.match(value):
        raise LessonError(
            f"{_shown(path, root)}: field 'id' must be lowercase words joined by '-' "
            f"(got {value!r})"
        )
    return value


def _integer(data: dict[str, Any], field: str, path: Path, root: Path) -> int:
    value = data[field]
    if isinstance(value, bool) or not isinstance(value, int):
        raise LessonError(f"{_shown(path, root)}: field '{field}' must be a whole number")
    return value


def _require_unique(items: list[Any], paths: list[Path], attribute: str, root: Path) -> None:
    """Fail on the second item whose `attribute` repeats an earlier one, naming its file."""
    seen: dict[Any, Path] = {}
    for item, path in zip(items, paths, strict=True):
        value = getattr(item, attribute)
        if value in seen:
            raise LessonError(
                f"{_shown(path, root)}: field '{attribute}' repeats {value!r} "
                f"from {_shown(seen[value], root)}"
            )
        seen[value] = path


def _any_path(lesson: Lesson) -> Path:
    return lesson.text(DEFAULT_LANGUAGE).path


def _shown(path: Path, root: Path) -> str:
    """The path as a learner or author would recognise it: from the `lessons` folder on."""
    try:
        return str(Path(root.name) / path.relative_to(root))
    except ValueError:
        return str(path)
