"""Language choice and the interface's own strings (lesson text lives in `lessons/`).

Interface strings are written in English in the code and looked up here, gettext style, so
a missing translation falls back to readable English instead of a key name.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES: tuple[str, ...] = ("en", "ko")
LANGUAGE_NAMES: Mapping[str, str] = {"en": "English", "ko": "한국어"}
DEFAULT_LANGUAGE = "en"

_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_KOREAN: Mapping[str, str] = {
    # Screens and headings
    "Lessons": "강의",
    "Chapter": "장",
    "Keys": "단축키",
    "Help": "도움말",
    "Global": "전체",
    "This screen": "이 화면",
    "Exercise": "실습",
    "Exercises": "실습 목록",
    "Quiz topics": "퀴즈 주제",
    "none": "없음",
    "Not yet in Korean; showing English.": "아직 한국어판이 없어 영어로 보여 줍니다.",
    "First lesson": "첫 강의입니다",
    "Last lesson": "마지막 강의입니다",
    "Press Esc or ? to close": "Esc 또는 ? 를 누르면 닫힙니다",
    "Deep learning in your terminal": "터미널에서 배우는 딥러닝",
    # Quiz
    "easy": "쉬움",
    "medium": "보통",
    "hard": "어려움",
    "Done": "끝",
    "Score": "점수",
    "Score: {right}/{total}": "점수: {right}/{total}",
    "Press Enter for the next question": "Enter를 누르면 다음 문제로 넘어갑니다",
    "Type your answer and press Enter (h: hint, Esc: back)": (
        "답을 입력하고 Enter를 누르세요 (h: 힌트, Esc: 뒤로)"
    ),
    "Hint": "힌트",
    "Practice": "연습",
    "Review": "복습",
    "Quiz": "퀴즈",
    "Nothing is due for review.": "지금 복습할 주제가 없습니다.",
    "This lesson has no quiz.": "이 강의에는 퀴즈가 없습니다.",
    # Glossary
    "Glossary": "용어집",
    "Type to filter": "입력하면 걸러집니다",
    "Meaning": "뜻",
    # Explain
    "Explain a model": "모델 풀이",
    "Type or paste Keras code; nothing is run": (
        "Keras 코드를 입력하거나 붙여 넣으세요. 코드는 실행되지 않습니다"
    ),
    "Clear": "지우기",
    "Editor/summary": "편집기/요약 전환",
    # Progress
    "Progress": "학습 현황",
    "Started": "시작",
    "Status": "상태",
    "Metrics": "지표",
    "running": "실행 중",
    "passed": "통과",
    "failed": "미달",
    "cancelled": "취소됨",
    "error": "오류",
    "Continue": "이어서 보기",
    "{n} reviews due": "복습할 주제 {n}개",
    "finished": "완료",
    "opened": "열어 봄",
    "No answers yet.": "아직 푼 문제가 없습니다.",
    "Reviews due": "복습할 주제",
    "Streak": "연속 학습",
    "day": "일",
    "days": "일",
    "Exercise runs": "실습 실행 기록",
    "No runs yet.": "아직 실행한 실습이 없습니다.",
    # Exercises
    "Run": "실행",
    "Cancel": "취소",
    "Edit": "편집",
    "Reset": "원본으로",
    "Solution": "정답 코드",
    "Save": "저장",
    "Things to try:": "해 볼 만한 것:",
    "Script": "스크립트",
    "Data": "데이터",
    "Device": "장치",
    "your copy": "내 사본",
    "original": "원본",
    "stand-in": "대체 데이터",
    "made by the script": "스크립트가 직접 만듦",
    "cached": "내려받아 둠",
    "bundled": "패키지에 포함",
    "not downloaded; offline": "내려받지 않음, 오프라인이면",
    "r runs it; nothing is trained": "r 키로 실행합니다. 학습은 하지 않습니다",
    "r runs {epochs} epochs, batch size {batch}": (
        "r 키로 실행: 에포크 {epochs}번, 배치 크기 {batch}"
    ),
    "Stopping after this batch...": "이번 배치가 끝나면 멈춥니다...",
    "Starting (TensorFlow takes a few seconds)...": (
        "시작하는 중 (TensorFlow를 불러오는 데 몇 초 걸립니다)..."
    ),
    "epoch": "에포크",
    "batch": "배치",
    "model": "모델",
    "{id} is still training; cancel it first.": "{id} 학습이 아직 진행 중입니다. 먼저 취소하세요.",
    # The learner's own editor (lead)
    "$EDITOR cannot be read ({error})": "$EDITOR 값을 읽을 수 없습니다 ({error})",
    "{editor} was not found": "편집기를 찾을 수 없습니다: {editor}",
    "this terminal cannot hand over to {editor}": (
        "이 터미널에서는 편집기에 화면을 넘길 수 없습니다: {editor}"
    ),
    "{editor} could not start: {error}": "편집기를 시작할 수 없습니다: {editor} ({error})",
    "{editor} was stopped by {signal}": "편집기가 {signal} 신호로 중단되었습니다: {editor}",
    "{editor} exited with status {status}": (
        "편집기가 오류로 끝났습니다 (종료 상태 {status}): {editor}"
    ),
    "; the built-in editor opens instead.": ". 대신 내장 편집기를 엽니다.",
    "You are already running the original.": "이미 원본을 실행하고 있습니다.",
    "Back to the original; your copy is kept as {name}.": (
        "원본으로 돌아갔습니다. 내 사본은 {name}(으)로 남겨 두었습니다."
    ),
    "{id} keeps training in the background.": "{id} 학습은 뒤에서 계속됩니다.",
    "Solution (read-only)": "정답 코드 (읽기 전용)",
    "Your copy": "내 사본",
    "Could not save: {error}": "저장하지 못했습니다: {error}",
    "Saved; r runs your copy.": "저장했습니다. 이제 r 키는 내 사본을 실행합니다.",
    "Unsaved changes: ctrl+s saves, Esc again discards them.": (
        "저장하지 않은 변경이 있습니다. ctrl+s는 저장, Esc를 한 번 더 누르면 버립니다."
    ),
    # Key descriptions (they feed the footer and the help screen)
    "Quit": "종료",
    "Language": "언어",
    "Open": "열기",
    "Down": "아래로",
    "Up": "위로",
    "Next lesson": "다음 강의",
    "Previous lesson": "이전 강의",
    "Back": "뒤로",
    "Scroll down": "아래로 스크롤",
    "Scroll up": "위로 스크롤",
    "Page down": "한 쪽 아래로",
    "Page up": "한 쪽 위로",
    "Top": "맨 위로",
    "Bottom": "맨 아래로",
    "Close": "닫기",
}


def detect_language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """`explicit` if given, else Korean when the POSIX locale says `ko_*`, else English.

    LC_ALL outranks LC_MESSAGES, which outranks LANG, as in POSIX; the first one set decides.
    """
    if explicit:
        return explicit
    env = os.environ if environ is None else environ
    for variable in _LOCALE_VARIABLES:
        value = env.get(variable, "")
        if value:
            return "ko" if value.lower().startswith("ko") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def other_language(lang: str) -> str:
    """The language the toggle key switches to."""
    return LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]


def translate(text: str, lang: str) -> str:
    """The interface string `text` (written in English) in `lang`."""
    if lang == "ko":
        return _KOREAN.get(text, text)
    return text
