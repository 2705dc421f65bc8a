"""The glossary file: every term in both languages, malformed entries named."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.errors import LessonError
from tutor.glossary import load_glossary

STANDARD_KOREAN_TERMS = [
    "합성곱",
    "풀링",
    "패딩",
    "스트라이드",
    "은닉층",
    "활성화 함수",
    "손실 함수",
    "과적합",
    "드롭아웃",
]


def test_the_real_glossary_has_the_standard_terms_in_both_languages() -> None:
    terms = load_glossary()
    korean = {term.ko for term in terms}
    for word in STANDARD_KOREAN_TERMS:
        assert any(word in ko for ko in korean), word
    assert len({term.en for term in terms}) == len(terms), "an English term appears twice"
    assert all(term.meaning["en"] and term.meaning["ko"] for term in terms)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {en: stride, meaning: {en: a, ko: b}}", "entry 1: field 'ko' must be"),
        ("- {en: stride, ko: 스트라이드, meaning: {en: a}}", "entry 1: field 'meaning' needs"),
        ("{en: stride}", "must be a list of terms"),
        ("- [unclosed", "invalid YAML (line 1)"),
    ],
)
def test_a_malformed_glossary_names_the_entry_and_field(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "glossary.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(LessonError, match=r"lessons/glossary\.yaml") as error:
        load_glossary(tmp_path)
    assert message in str(error.value)
    assert "\n" not in str(error.value)
