"""`dltutor quiz` in a plain terminal: one question at a time on stdin/stdout, for a
learner on an SSH session who wants a quick drill without the full-screen app."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from tutor.i18n import translate
from tutor.progress import ProgressStore
from tutor.quiz.grading import grade
from tutor.quiz.question import CHOICE_LETTERS, Question
from tutor.quiz.results import results_by_topic
from tutor.quiz.topics import get_topic

HINT_KEY = "?"


def run_console_quiz(
    questions: Iterable[Question],
    lang: str,
    *,
    total: int,
    ask: Callable[[str], str] = input,
    say: Callable[[str], None] = print,
    progress: ProgressStore | None = None,
) -> int:
    """Ask each of the `total` questions until it is answered readably; returns the number
    right. Questions may be built as they are asked (`practice_stream`).

    Answers are recorded in the learner's progress (review scheduling included); end of
    input (ctrl+d) stops the quiz early, with the score so far.
    """
    store = progress if progress is not None else ProgressStore()
    answer_prompt = translate("answer ({key} for a hint)> ", lang).format(key=HINT_KEY)
    answers: list[tuple[str, bool]] = []
    try:
        for number, question in enumerate(questions, 1):
            say(
                f"\n[{number}/{total}] {get_topic(question.topic).title[lang]}"
                f" ({translate(question.difficulty, lang)})"
            )
            say(question.prompt[lang])
            if question.model:
                say("\n" + question.model.rstrip())
            for letter, choice in zip(CHOICE_LETTERS, question.choices, strict=False):
                say(f"  {letter}) {choice[1] if lang == 'ko' else choice[0]}")
            started = time.monotonic()
            feedback = None
            while feedback is None or feedback.status == "unreadable":
                if feedback is not None:
                    say(feedback.message[lang])
                answer = ask(answer_prompt).strip()
                if answer == HINT_KEY:
                    say(question.hint[lang])
                    continue
                feedback = grade(question, answer)
            seconds = time.monotonic() - started
            answers.append((question.topic, feedback.status == "right"))
            say(feedback.message[lang])
            if feedback.slip is not None:
                say(feedback.slip.message[lang])
            if feedback.status == "wrong" and feedback.explanation:
                say(feedback.explanation[lang])
            store.record_attempt(
                question.topic,
                difficulty=question.difficulty,
                question_id=question.id,
                answer=answer,
                correct=feedback.status == "right",
                seconds=seconds,
            )
            if store.notice:
                say(store.take_notice() or "")
    except (EOFError, KeyboardInterrupt):
        say("")
    finally:
        if progress is None:
            store.close()
    right = sum(correct for _topic, correct in answers)
    say("\n" + translate("Score: {right}/{total}", lang).format(right=right, total=len(answers)))
    for result in results_by_topic(answers):
        say(f"  {get_topic(result.topic).title[lang]}: {result.right}/{result.total}")
    return right
