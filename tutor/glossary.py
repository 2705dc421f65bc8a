"""The glossary: each course term in English and Korean with a one-line meaning, read from
`lessons/glossary.yaml` so translators edit content, not code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tutor.errors import LessonError, TutorError
from tutor.i18n import LANGUAGES
from tutor.resources import lessons_dir, read_content
from tutor.yamlfile import parse_yaml

GLOSSARY_FILE = "glossary.yaml"


@dataclass(frozen=True)
class Term:
    en: str
    ko: str
    meaning: dict[str, str]

    def matches(self, text: str) -> bool:
        """Case-insensitive search over both terms and both meanings."""
        needle = text.strip().lower()
        haystack = " ".join((self.en, self.ko, *self.meaning.values())).lower()
        return needle in haystack


def load_glossary(root: Path | None = None) -> tuple[Term, ...]:
    """Every term, in file order; a malformed entry names the file, entry and field."""
    path = (root or lessons_dir()) / GLOSSARY_FILE
    where = f"lessons/{GLOSSARY_FILE}"
    try:
        source = read_content(path)
    except TutorError as error:
        raise LessonError(f"{where}: cannot be read ({error})") from None
    entries = parse_yaml(source, where, LessonError)
    if not isinstance(entries, list):
        raise LessonError(f"{where}: must be a list of terms")
    terms = []
    for index, entry in enumerate(entries):
        at = f"{where}: entry {index + 1}"
        if not isinstance(entry, dict):
            raise LessonError(f"{at} must be a mapping")
        for field in ("en", "ko"):
            if not isinstance(entry.get(field), str) or not entry[field].strip():
                raise LessonError(f"{at}: field '{field}' must be a non-empty string")
        meaning = entry.get("meaning")
        if not isinstance(meaning, dict) or any(
            not isinstance(meaning.get(lang), str) for lang in LANGUAGES
        ):
            raise LessonError(f"{at}: field 'meaning' needs text for {', '.join(LANGUAGES)}")
        terms.append(Term(entry["en"], entry["ko"], {lang: meaning[lang] for lang in LANGUAGES}))
    return tuple(terms)
