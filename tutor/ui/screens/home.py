"""The home screen: the course's chapters and lessons, keyboard first.

The screens it opens (lesson, quiz, explain, progress) are imported when first opened,
not at start-up: with the Markdown renderer and the plotting library they are a third of
the app's import time, and the home screen must paint within a second.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from tutor.i18n import counted, translate
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.footer import KeyFooter

_CHAPTER_PREFIX = "chapter:"
PRACTICE_COUNT = 10


class HomeScreen(TutorScreen, Screen[None]):
    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("enter", "open", "Open", priority=True, show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("p", "practice", "Practice"),
        Binding("r", "review", "Review"),
        Binding("x", "explain", "Explain", tooltip="Explain a model"),
        Binding("s", "progress", "Progress"),
        Binding("c", "challenges", "Challenges"),
        # The footer is full at 80 columns: these two are listed under help (? or F1),
        # and the Progress screen's footer shows h.
        Binding("h", "runs", "Runs", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(id="tagline")
        yield Static(id="status")
        yield OptionList(id="lessons")
        yield KeyFooter()

    def show_language(self, lang: str) -> None:
        self.title = "dltutor"
        self.sub_title = translate("Lessons", lang)
        self.query_one("#tagline", Static).update(translate("Deep learning in your terminal", lang))
        self.query_one("#status", Static).update(self._status(lang))
        menu = self.query_one("#lessons", OptionList)
        highlighted = menu.highlighted_option
        menu.set_options(self._options(lang))
        resume = self.tutor.progress.last_lesson()
        if highlighted is not None and highlighted.id:
            self.highlight(highlighted.id)
        elif resume is not None and self._has_lesson(resume):
            self.highlight(resume)
        else:
            menu.action_first()

    def _has_lesson(self, lesson_id: str) -> bool:
        return any(lesson.id == lesson_id for lesson in self.tutor.course.lessons)

    def _status(self, lang: str) -> str:
        """Where the learner left off and what is due, so a returning learner knows what
        Enter and `r` will do."""
        progress = self.tutor.progress
        parts = []
        resume = progress.last_lesson()
        if resume is not None and self._has_lesson(resume):
            chapter_number, lesson_number = self.tutor.course.position(resume)
            title = self.tutor.course.lesson(resume).text(lang).title
            parts.append(f"{translate('Continue', lang)}: {chapter_number}.{lesson_number} {title}")
        due = progress.due_count()
        parts.append(counted(due, "{n} review due", "{n} reviews due", lang))
        return "  ·  ".join(parts)

    def _options(self, lang: str) -> list[Option]:
        course = self.tutor.course
        options: list[Option] = []
        seen = self.tutor.progress.lessons()
        for chapter_number, chapter in enumerate(course.chapters, 1):
            heading = Text(f"{chapter_number}  {chapter.title(lang)}", style="bold")
            options.append(Option(heading, id=_CHAPTER_PREFIX + chapter.id, disabled=True))
            for lesson_number, lesson in enumerate(chapter.lessons, 1):
                status = seen.get(lesson.id)
                mark = " " if status is None else ("✓" if status.finished else "·")
                label = f" {mark} {chapter_number}.{lesson_number}  {lesson.text(lang).title}"
                options.append(Option(label, id=lesson.id))
        return options

    def highlight(self, lesson_id: str) -> None:
        """Put the cursor on `lesson_id`, e.g. the lesson the learner just left."""
        menu = self.query_one("#lessons", OptionList)
        menu.highlighted = menu.get_option_index(lesson_id)

    def action_move(self, step: int) -> None:
        menu = self.query_one("#lessons", OptionList)
        if step > 0:
            menu.action_cursor_down()
        else:
            menu.action_cursor_up()

    def action_open(self) -> None:
        option = self.query_one("#lessons", OptionList).highlighted_option
        if option is not None and option.id and not option.disabled:
            self.open_lesson(option.id)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.open_lesson(event.option.id)

    def action_practice(self) -> None:
        """Fresh questions on what the course has taught up to the furthest lesson opened
        (everything once the course is finished)."""
        from tutor.quiz import fresh_seed, practice_scope, practice_set
        from tutor.ui.screens.quiz import QuizScreen

        within = practice_scope(self.tutor.course, self.tutor.progress.lessons())
        questions = practice_set(None, fresh_seed(), PRACTICE_COUNT, within=within)
        self.app.push_screen(QuizScreen(questions, lambda lang: translate("Practice", lang)))

    def action_review(self) -> None:
        """One fresh question per due topic: the skill is reviewed, not one answer."""
        from tutor.quiz import TOPICS, fresh_seed, practice_scope, practice_set
        from tutor.ui.screens.quiz import QuizScreen

        due = [topic for topic in self.tutor.progress.due_topics() if topic in TOPICS]
        if not due:
            self.notify(translate("Nothing is due for review.", self.tutor.lang), timeout=3)
            return
        within = practice_scope(self.tutor.course, self.tutor.progress.lessons())
        questions = practice_set(due, fresh_seed(), len(due), within=within)
        self.app.push_screen(QuizScreen(questions, lambda lang: translate("Review", lang)))

    def action_explain(self) -> None:
        from tutor.ui.screens.explain import ExplainScreen

        self.app.push_screen(ExplainScreen())

    def action_progress(self) -> None:
        from tutor.ui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen())

    def action_challenges(self) -> None:
        from tutor.ui.screens.challenges import ChallengesScreen

        self.app.push_screen(ChallengesScreen())

    def action_runs(self) -> None:
        from tutor.ui.screens.runs import RunsScreen

        self.app.push_screen(RunsScreen())

    def open_lesson(self, lesson_id: str) -> None:
        from tutor.ui.screens.lesson import LessonScreen

        self.app.push_screen(LessonScreen(lesson_id), callback=self._returned_from)

    def on_screen_resume(self) -> None:
        """Back from a lesson, quiz or review: marks and the due count may have changed."""
        self.show_language(self.tutor.lang)

    def _returned_from(self, lesson_id: str | None) -> None:
        if lesson_id:
            self.highlight(lesson_id)
