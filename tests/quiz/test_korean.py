"""Korean questions read as written Korean: every particle agrees with the word before it
(no '품종을(를)' left for the learner to resolve), and the lessons' terms are used."""

from __future__ import annotations

import re

import pytest

from tutor.quiz import Question, generate
from tutor.quiz.particles import attach, final_sound

UNRESOLVED = re.compile(r"\((?:을|를|이|가|은|는|와|과|으)\)")


def every_text(question: Question, langs: tuple[str, ...] = ("en", "ko")) -> list[str]:
    fields = (question.prompt, question.explanation, question.hint)
    texts = [field[lang] for field in fields for lang in langs]
    options = [dict(zip(("en", "ko"), pair, strict=True)) for pair in question.choices]
    return texts + [option[lang] for option in options for lang in langs]


def test_no_generated_question_leaves_a_particle_unresolved(
    every_question: list[Question],
) -> None:
    """Every topic at every level over 50 seeds, English and Korean."""
    for question in every_question:
        for text in every_text(question):
            assert not UNRESOLVED.search(text), (question.id, text)


def test_the_quiz_says_교차_엔트로피_as_the_lessons_do(every_question: list[Question]) -> None:
    korean = "\n".join(text for q in every_question for text in every_text(q, ("ko",)))
    assert "크로스 엔트로피" not in korean
    assert "교차 엔트로피" in korean and "cross-entropy" not in korean.replace("_", "")


@pytest.mark.parametrize(
    ("word", "particle", "written"),
    [
        ("품종", "을/를", "품종을"),
        ("종류", "을/를", "종류를"),
        ("붓꽃(Iris) 품종(3개 클래스)", "을/를", "붓꽃(Iris) 품종(3개 클래스)을"),
        ("집값(보스턴 주택 가격)", "을/를", "집값(보스턴 주택 가격)을"),
        ("파일", "으로/로", "파일로"),
        ("0.73", "으로/로", "0.73으로"),
        ("0.67", "으로/로", "0.67로"),
        ("0.25", "으로/로", "0.25로"),
        ("10", "으로/로", "10으로"),
        ("45", "은/는", "45는"),
        ("LSTM", "이/가", "LSTM이"),
        ("GRU", "이/가", "GRU가"),
        ("Dropout(0.5)", "은/는", "Dropout(0.5)은"),
        ("Dense", "과/와", "Dense와"),
        ("Flatten", "과/와", "Flatten과"),
    ],
)
def test_the_particle_follows_how_the_word_ends_aloud(
    word: str, particle: str, written: str
) -> None:
    assert attach(word, particle) == written


def test_a_word_made_only_of_symbols_takes_the_vowel_form() -> None:
    assert final_sound("()") == "" and attach("", "을/를") == "를"


def test_the_iris_prompt_agrees_with_품종() -> None:
    """The example from the report: the particle after a drawn word with a parenthetical."""
    prompts = [
        q.prompt["ko"]
        for seed in range(60)
        for q in generate("concept-loss", seed, "easy")
        if "품종" in q.prompt["ko"]
    ]
    assert prompts and all("품종(3개 클래스)을 예측" in p or "품종을 예측" in p for p in prompts)
