"""The quiz screen: one question at a time, the model as code, the answer typed in, and
immediate feedback with the worked derivation and the name of a known slip; at the end,
the score per topic and what to do next.

The answer box keeps the focus from start to end: the question area scrolls from it
(PageUp/PageDown, ↑/↓) and Enter is the screen's own key, so whatever has the focus, Enter
checks the answer, then goes on to the next question.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from tutor.i18n import translate
from tutor.quiz import Feedback, Question, get_topic, grade
from tutor.quiz.answers import MAX_CHARS
from tutor.quiz.question import CHOICE_LETTERS
from tutor.quiz.results import results_by_topic
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.footer import KeyFooter

Title = str | Callable[[str], str]
"""A quiz's title, or a function of the language that gives it (so `l` retitles it)."""
PLACEHOLDER = "Type your answer and press Enter (h: hint, Esc: back)"
GRID_PLACEHOLDER = "Rows split by ; e.g. 1 2; 3 4, then Enter (h: hint, Esc: back)"
TO_NEXT = "Press Enter for the next question"
TO_SCORE = "Press Enter to see your score"


class AnswerInput(Input, inherit_bindings=False):
    """The answer box. An answer is a number, a shape, a grid or an option, so it is capped
    at the length the grader reads; a pasted grid keeps its rows (joined by `;`); on an
    empty box the screen's letter keys (h, ?, l, g) act as keys rather than text; and the
    scrolling keys a one-line box inherits (↑ ↓ PageUp PageDown, which did nothing) are
    left to the screen, which scrolls the question with them."""

    BINDINGS = Input.BINDINGS
    KEYS_WHEN_EMPTY = frozenset("h?lg")

    def __init__(self) -> None:
        super().__init__(id="answer", max_length=MAX_CHARS)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """The footer keeps listing the letter keys (it is not redrawn per keystroke);
        in a box with text they are typed, as `_on_key` decides."""
        if character in self.KEYS_WHEN_EMPTY:
            return False
        return super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if not self.value and event.character in self.KEYS_WHEN_EMPTY:
            event.prevent_default()  # not typed: it goes on to the key bindings

    def _on_paste(self, event: events.Paste) -> None:
        rows = [row.strip() for row in event.text.splitlines() if row.strip()]
        if rows:
            self.replace("; ".join(rows), *sorted(self.selection))
        event.stop()
        event.prevent_default()


class QuizScreen(TutorScreen, Screen[None]):
    """Asks `questions` in order; every graded answer is recorded in the learner's
    progress, which schedules the topic's next review. `lesson_id` names the lesson the
    quiz came from, for the advice at the end."""

    CSS_PATH = "quiz.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", priority=True),
        Binding("enter", "enter", "Check, next", priority=True, show=False),
        Binding("h", "hint", "Hint"),
        Binding("pagedown", "page(1)", "Page down"),
        Binding("pageup", "page(-1)", "Page up"),
        Binding("down", "scroll(1)", "Scroll down", show=False),
        Binding("up", "scroll(-1)", "Scroll up", show=False),
    ]

    def __init__(
        self, questions: Sequence[Question], title: Title, *, lesson_id: str | None = None
    ) -> None:
        super().__init__()
        self.questions = list(questions)
        self.quiz_title = title
        self.lesson_id = lesson_id
        self.index = 0
        self.answers: list[tuple[str, bool]] = []
        self.feedback: Feedback | None = None
        self.started = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with VerticalScroll(id="question-box", can_focus=False):
            yield Static(id="counter")
            yield Static(id="prompt")
            yield Static(id="model")
            yield Static(id="choices")
            yield Static(id="hint", classes="notice")
            yield Static(id="feedback")
            yield Static(id="summary")
        yield Static(id="next")
        yield AnswerInput()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#answer", Input).focus()

    @property
    def question(self) -> Question:
        return self.questions[self.index]

    @property
    def finished(self) -> bool:
        return self.index >= len(self.questions)

    @property
    def right(self) -> int:
        return sum(correct for _topic, correct in self.answers)

    def show_language(self, lang: str) -> None:
        title = self.quiz_title
        self.title = title if isinstance(title, str) else title(lang)
        self._render_question(lang)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No hint once the quiz is over (the footer then drops it)."""
        return not (action == "hint" and self.finished)

    def _render_question(self, lang: str) -> None:
        if self.finished:
            self._render_summary(lang)
            return
        question = self.question
        self.sub_title = get_topic(question.topic).title[lang]
        self.query_one("#counter", Static).update(
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
        placeholder = GRID_PLACEHOLDER if question.kind == "grid" else PLACEHOLDER
        self.query_one("#answer", Input).placeholder = translate(placeholder, lang)
        hint = self.query_one("#hint", Static)
        if hint.display:
            hint.update(Text(question.hint[lang]))
        self._render_feedback(lang)

    def _render_feedback(self, lang: str) -> None:
        box = self.query_one("#feedback", Static)
        feedback = self.feedback
        box.display = feedback is not None
        box.set_classes(feedback.status if feedback else "")
        going_on = self.query_one("#next", Static)
        going_on.display = feedback is not None and feedback.status != "unreadable"
        last = self.index == len(self.questions) - 1
        going_on.update(translate(TO_SCORE if last else TO_NEXT, lang))
        if feedback is None:
            return
        lines = [feedback.message[lang]]
        if feedback.slip is not None:
            lines.append(feedback.slip.message[lang])
        if feedback.status == "wrong" and feedback.explanation:
            lines += ["", feedback.explanation[lang]]
        box.update(Text("\n".join(lines)))

    def _render_summary(self, lang: str) -> None:
        """The score, right/total per topic in the learner's language, and what next."""
        self.sub_title = ""
        self.query_one("#counter", Static).update(translate("Done", lang))
        score = translate("Score: {right}/{total}", lang)
        self.query_one("#prompt", Static).update(
            score.format(right=self.right, total=len(self.answers))
        )
        for name in ("#model", "#choices", "#hint", "#feedback", "#next", "#answer"):
            self.query_one(name).display = False
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
        table.add_column()
        table.add_column(justify="right", no_wrap=True)
        for result in results_by_topic(self.answers):
            mark = "✓" if result.all_right else "·"
            title = get_topic(result.topic).title[lang]
            table.add_row(f"{mark} {title}", f"{result.right}/{result.total}")
        table.add_row("", "")
        for line in self._next_steps(lang):
            table.add_row(line, "")
        self.query_one("#summary", Static).update(table)

    def _next_steps(self, lang: str) -> list[str]:
        """Topics to practise again, reviews due, the next lesson, and how to leave."""
        def say(text: str, **values: object) -> str:
            return translate(text, lang).format(**values)

        steps = []
        results = results_by_topic(self.answers)
        missed = [get_topic(r.topic).title[lang] for r in results if not r.all_right]
        if missed:
            steps.append(say("Practise again: {topics}", topics=", ".join(missed)))
        due = self.tutor.progress.due_count()
        if due:
            steps.append(say("Reviews due: {n} (r on the home screen)", n=due))
        following = self._next_lesson(lang)
        if following:
            steps.append(say("Next lesson: {lesson} (Esc, then n)", lesson=following))
        steps.append(say("Enter or Esc: back"))
        return steps

    def _next_lesson(self, lang: str) -> str | None:
        course = self.tutor.course
        if self.lesson_id not in {lesson.id for lesson in course.lessons}:
            return None
        following = course.neighbour(self.lesson_id, 1)
        if following is None:
            return None
        chapter, number = course.position(following.id)
        return f"{chapter}.{number} {following.text(lang).title}"

    def action_enter(self) -> None:
        """Check the answer; after a graded answer, go on; at the end, go back."""
        lang = self.tutor.lang
        if self.finished:
            self.app.pop_screen()
        elif self.feedback is not None and self.feedback.status != "unreadable":
            self._next(lang)
        else:
            self._check(self.query_one("#answer", Input).value, lang)

    def _check(self, answer: str, lang: str) -> None:
        feedback = grade(self.question, answer)
        self.feedback = feedback
        if feedback.status != "unreadable":
            correct = feedback.status == "right"
            self.answers.append((self.question.topic, correct))
            self.tutor.progress.record_attempt(
                self.question.topic,
                difficulty=self.question.difficulty,
                question_id=self.question.id,
                answer=answer,
                correct=correct,
                seconds=time.monotonic() - self.started,
            )
            self.tutor.show_progress_notice()
        self._render_question(lang)
        self.call_after_refresh(self._show_feedback)

    def _show_feedback(self) -> None:
        """Bring the feedback into view: all of it when it fits, else from its first line
        (PageDown reads on)."""
        box = self.query_one("#question-box", VerticalScroll)
        feedback = self.query_one("#feedback", Static)
        fits = feedback.outer_size.height <= box.scrollable_content_region.height
        box.scroll_to_widget(feedback, animate=False, top=not fits)

    def _next(self, lang: str) -> None:
        self.index += 1
        self.feedback = None
        self.started = time.monotonic()
        self.query_one("#hint", Static).display = False
        self.query_one("#answer", Input).value = ""
        self._render_question(lang)
        self.refresh_bindings()
        self.query_one("#question-box", VerticalScroll).scroll_home(animate=False)

    def action_hint(self) -> None:
        if self.finished:
            return
        hint = self.query_one("#hint", Static)
        hint.update(Text(self.question.hint[self.tutor.lang]))
        hint.display = True

    def action_page(self, pages: int) -> None:
        box = self.query_one("#question-box", VerticalScroll)
        box.scroll_relative(y=pages * box.scrollable_content_region.height, animate=False)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#question-box", VerticalScroll).scroll_relative(y=lines, animate=False)
