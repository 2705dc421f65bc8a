"""The quiz screen: one question at a time, the model as code, the answer typed in, and
immediate feedback with the worked derivation and the name of a known slip."""

from __future__ import annotations

import time
from collections.abc import Sequence

from rich.syntax import Syntax
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from tutor.i18n import translate
from tutor.quiz import Feedback, Question, get_topic, grade
from tutor.quiz.question import CHOICE_LETTERS
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.footer import KeyFooter


class QuizScreen(TutorScreen, Screen[None]):
    """Asks `questions` in order; every graded answer is recorded in the learner's
    progress, which schedules the topic's next review."""

    CSS_PATH = "quiz.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", priority=True),
        Binding("h", "hint", "Hint"),
    ]

    def __init__(self, questions: Sequence[Question], title: str) -> None:
        super().__init__()
        self.questions = list(questions)
        self.quiz_title = title
        self.index = 0
        self.right = 0
        self.feedback: Feedback | None = None
        self.started = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with VerticalScroll(id="question-box"):
            yield Static(id="counter")
            yield Static(id="prompt")
            yield Static(id="model")
            yield Static(id="choices")
            yield Static(id="hint", classes="notice")
            yield Static(id="feedback")
        yield Input(id="answer")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#answer", Input).focus()

    @property
    def question(self) -> Question:
        return self.questions[self.index]

    @property
    def finished(self) -> bool:
        return self.index >= len(self.questions)

    def show_language(self, lang: str) -> None:
        self.title = self.quiz_title
        self.query_one("#answer", Input).placeholder = translate(
            "Type your answer and press Enter (h: hint, Esc: back)", lang
        )
        self._render_question(lang)

    def _render_question(self, lang: str) -> None:
        counter = self.query_one("#counter", Static)
        if self.finished:
            counter.update(translate("Done", lang))
            score = translate("Score: {right}/{total}", lang)
            self.query_one("#prompt", Static).update(
                score.format(right=self.right, total=len(self.questions))
            )
            for name in ("#model", "#choices", "#hint", "#feedback"):
                self.query_one(name, Static).display = False
            self.query_one("#answer", Input).display = False
            return
        question = self.question
        self.sub_title = get_topic(question.topic).title[lang]
        counter.update(
            f"{self.index + 1}/{len(self.questions)}  ·  {translate(question.difficulty, lang)}"
            f"  ·  {translate('Score', lang)} {self.right}"
        )
        self.query_one("#prompt", Static).update(Text(question.prompt[lang]))
        model = self.query_one("#model", Static)
        model.display = question.model is not None
        if question.model is not None:
            model.update(Syntax(question.model.rstrip(), "python", theme="ansi_dark"))
        choices = self.query_one("#choices", Static)
        choices.display = bool(question.choices)
        choices.update(
            Text(
                "\n".join(
                    f"{letter}) {ko if lang == 'ko' else en}"
                    for letter, (en, ko) in zip(CHOICE_LETTERS, question.choices, strict=False)
                )
            )
        )
        self._render_feedback(lang)

    def _render_feedback(self, lang: str) -> None:
        box = self.query_one("#feedback", Static)
        feedback = self.feedback
        box.display = feedback is not None
        box.set_classes(feedback.status if feedback else "")
        if feedback is None:
            return
        lines = [feedback.message[lang]]
        if feedback.slip is not None:
            lines.append(feedback.slip.message[lang])
        if feedback.status == "wrong" and feedback.explanation:
            lines += ["", feedback.explanation[lang]]
        if feedback.status != "unreadable":
            lines += ["", translate("Press Enter for the next question", lang)]
        box.update(Text("\n".join(lines)))

    @on(Input.Changed, "#answer")
    def _typed(self, event: Input.Changed) -> None:
        """`h` asks for the hint even while typing: no answer ever contains an h, and
        the Input (rightly) keeps printable keys from reaching key bindings."""
        if "h" in event.value.lower():
            event.input.value = event.value.replace("h", "").replace("H", "")
            self.action_hint()

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        lang = self.tutor.lang
        if self.feedback is not None and self.feedback.status != "unreadable":
            self._next(lang)
            return
        feedback = grade(self.question, event.value)
        self.feedback = feedback
        if feedback.status != "unreadable":
            self.right += feedback.status == "right"
            self.tutor.progress.record_attempt(
                self.question.topic,
                difficulty=self.question.difficulty,
                question_id=self.question.id,
                answer=event.value,
                correct=feedback.status == "right",
                seconds=time.monotonic() - self.started,
            )
            self.tutor.show_progress_notice()
        self._render_question(lang)

    def _next(self, lang: str) -> None:
        self.index += 1
        self.feedback = None
        self.started = time.monotonic()
        self.query_one("#hint", Static).display = False
        self.query_one("#answer", Input).value = ""
        self._render_question(lang)
        self.query_one("#question-box", VerticalScroll).scroll_home(animate=False)

    def action_hint(self) -> None:
        if self.finished:
            return
        hint = self.query_one("#hint", Static)
        hint.update(Text(self.question.hint[self.tutor.lang]))
        hint.display = True
