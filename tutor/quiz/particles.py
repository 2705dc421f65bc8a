"""Korean particles that agree with the word they follow: 품종을 but 종류를, 0.73으로 but
0.67로. A template that pastes a drawn word before '을(를)' leaves the choice to the learner;
here it is made from how the word ends when read aloud (its last syllable's 받침)."""

from __future__ import annotations

import re

PAIRS: dict[str, tuple[str, str]] = {
    "을/를": ("을", "를"),
    "이/가": ("이", "가"),
    "은/는": ("은", "는"),
    "과/와": ("과", "와"),
    "으로/로": ("으로", "로"),
}
"""Each particle as (after a final consonant, after a vowel); 으로/로 also takes 로 after ㄹ."""

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8
"""ㄹ's index among the final consonants of a Hangul syllable."""

# How a digit and a letter end when read in Korean: "ㄹ" for ㄹ, "c" for any other final
# consonant, "" for a vowel (일 ㄹ, 삼 c, 사 "", 엘 ㄹ, 엠 c, 에스 "").
_DIGIT_ENDS = {
    "0": "c", "1": "ㄹ", "2": "", "3": "c", "4": "", "5": "", "6": "c", "7": "ㄹ", "8": "ㄹ",
    "9": "",
}  # fmt: skip
_LETTER_ENDS = {"l": "ㄹ", "r": "ㄹ", "m": "c", "n": "c"}
"""Spelled-out letters (LSTM: 엠, MNIST: 티): only L, R (ㄹ), M and N (a consonant)."""
_WORD_ENDS = {
    "l": "ㄹ", "m": "c", "n": "c", "b": "c", "c": "c", "d": "c", "g": "c", "k": "c", "p": "c",
    "t": "c",
}  # fmt: skip
"""English words as Korean writes them: Pool 풀, Dropout 드롭아웃, Dense 덴스."""

_PARENTHETICAL = re.compile(r"\s*\([^()]*\)$")
_TRAILING = re.compile(r"[\s'\"`\])}.,]+$")
_LATIN = re.compile(r"[A-Za-z]+$")


def attach(word: str, particle: str) -> str:
    """`word` followed by the form of `particle` ("을/를", "이/가", "은/는", "과/와",
    "으로/로") that fits its last sound. A parenthetical is skipped, as Korean writing
    does: 품종(3개 클래스)을."""
    consonant, vowel = PAIRS[particle]
    ending = final_sound(word)
    if particle == "으로/로" and ending == "ㄹ":
        return word + vowel
    return word + (consonant if ending else vowel)


def final_sound(word: str) -> str:
    """"ㄹ", "c" (another final consonant) or "" (a vowel) for how `word` ends aloud."""
    text = word
    while True:
        shorter = _PARENTHETICAL.sub("", text)
        if shorter == text or not shorter.strip():
            break
        text = shorter
    text = _TRAILING.sub("", text)
    if not text:
        return ""
    last = text[-1]
    if _HANGUL_FIRST <= ord(last) <= _HANGUL_LAST:
        final = (ord(last) - _HANGUL_FIRST) % 28
        return "" if final == 0 else ("ㄹ" if final == _RIEUL else "c")
    if last in _DIGIT_ENDS:
        # Decimals are read digit by digit (0.73: 영 점 칠 삼) and whole numbers by place,
        # where a final 0 is 십, 백, 천 or 만: either way the last digit decides.
        return _DIGIT_ENDS[last]
    latin = _LATIN.search(text)
    if latin is not None:
        letters = latin.group()
        if letters.isupper() or len(letters) == 1:
            return _LETTER_ENDS.get(letters[-1].lower(), "")
        return _WORD_ENDS.get(letters[-1].lower(), "")
    return ""

