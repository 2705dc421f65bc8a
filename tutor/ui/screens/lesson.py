"""The lesson screen: one lesson's Markdown, with next/previous across the whole course.

The quiz and exercise screens are imported when first opened (see `home`): start-up
should not pay for the plotting library and the quiz generator.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Markdown, Static

from tutor.errors import TutorError
from tutor.i18n import translate
from tutor.lessons import Course
from tutor.ui.screens.base import TutorScreen
from tutor.ui.screens.scrolling import SCROLL_BINDINGS, ScrollsPane
from tutor.ui.widgets.footer import KeyFooter

LESSON_QUIZ_COUNT = 5


class LessonScreen(ScrollsPane, TutorScreen, Screen[str]):
    """Shows `lesson_id`; dismissing returns the id so home can put its cursor there."""

    CSS_PATH = "lesson.tcss"
    BINDINGS = [
        Binding("n,right", "step(1)", "Next", tooltip="Next lesson"),
        Binding("p,left", "step(-1)", "Previous", tooltip="Previous lesson"),
        Binding("escape,b,q", "back", "Back"),
        Binding("t", "quiz", "Quiz"),
        Binding("e", "exercise", "Exercise"),
        *SCROLL_BINDINGS,
    ]

    lesson_id: reactive[str] = reactive("", init=False)

    def __init__(self, lesson_id: str) -> None:
        super().__init__()
        self.set_reactive(LessonScreen.lesson_id, lesson_id)
        self._finished: set[str] = set()

    @property
    def course(self) -> Course:
        return self.tutor.course

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(id="notice", classes="notice")
        with VerticalScroll(id="page"):
            yield Markdown(id="text")
        yield KeyFooter()

    def on_mount(self) -> None:
        page = self.query_one("#page", VerticalScroll)
        page.focus()
        self.watch(page, "scroll_y", self._check_finished, init=False)
        self._record_opened()

    def watch_lesson_id(self) -> None:
        self.show_language(self.tutor.lang)
        self._record_opened()

    def _record_opened(self) -> None:
        self.tutor.progress.record_lesson_opened(self.lesson_id)
        self.tutor.show_progress_notice()

    def _check_finished(self) -> None:
        """A lesson counts as finished once its last line has been on screen."""
        page = self.query_one("#page", VerticalScroll)
        if page.max_scroll_y > 0 and page.scroll_y >= page.max_scroll_y:
            self._record_finished()

    def _record_finished(self) -> None:
        if self.lesson_id in self._finished:
            return
        self._finished.add(self.lesson_id)
        self.tutor.progress.record_lesson_finished(self.lesson_id)
        self.tutor.show_progress_notice()

    def show_language(self, lang: str) -> None:
        lesson = self.course.lesson(self.lesson_id)
        chapter_number, lesson_number = self.course.position(lesson.id)
        text = lesson.text(lang)
        self.title = f"{chapter_number}.{lesson_number}  {text.title}"
        self.sub_title = self.course.chapter(lesson.chapter).title(lang)
        notice = self.query_one("#notice", Static)
        notice.display = not lesson.has(lang)
        notice.update(translate("Not yet in Korean; showing English.", lang))
        self.query_one("#text", Markdown).update(text.body)
        self.query_one("#page", VerticalScroll).scroll_home(animate=False)

    def action_step(self, step: int) -> None:
        if step > 0:
            self._record_finished()  # moving on means this one is done
        neighbour = self.course.neighbour(self.lesson_id, step)
        if neighbour is None:
            message = "Last lesson" if step > 0 else "First lesson"
            self.notify(translate(message, self.tutor.lang), timeout=2)
            return
        self.lesson_id = neighbour.id
        self.refresh_bindings()

    def scroll_pane(self) -> VerticalScroll:
        return self.query_one("#page", VerticalScroll)

    def action_quiz(self) -> None:
        """Practise this lesson's quiz topics with fresh questions."""
        from tutor.quiz import fresh_seed, practice_set, syllabus
        from tutor.ui.screens.quiz import QuizScreen

        lesson = self.course.lesson(self.lesson_id)
        if not lesson.quiz_topics:
            self.notify(translate("This lesson has no quiz.", self.tutor.lang), timeout=3)
            return
        within = syllabus(self.course, lesson.id)  # only what the course has taught so far
        questions = practice_set(lesson.quiz_topics, fresh_seed(), LESSON_QUIZ_COUNT, within=within)

        def title(lang: str) -> str:
            return f"{translate('Quiz', lang)}: {lesson.text(lang).title}"

        self.app.push_screen(QuizScreen(questions, title, lesson_id=lesson.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`e` appears in the footer only on lessons that have an exercise."""
        if action == "exercise":
            return self.course.lesson(self.lesson_id).exercise is not None
        return True

    def action_exercise(self) -> None:
        """The lesson's exercise; a chooser when the catalogue has variants of it."""
        from tutor.exercises import load_catalogue
        from tutor.ui.screens.exercise import ExerciseScreen
        from tutor.ui.screens.exercise_picker import ExercisePicker

        lesson = self.course.lesson(self.lesson_id)
        if lesson.exercise is None:
            return
        try:  # a broken catalogue (DLTUTOR_EXERCISES, a bad edit) is said, not a crash
            variants = [item for item in load_catalogue() if item.lesson == lesson.id]
            if len(variants) <= 1:
                self.app.push_screen(ExerciseScreen(lesson.exercise))
                return
        except TutorError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        variants.sort(key=lambda item: item.id != lesson.exercise)  # the lesson's own first

        def open_chosen(exercise_id: str | None) -> None:
            if exercise_id is not None:
                self.app.push_screen(ExerciseScreen(exercise_id))

        self.app.push_screen(ExercisePicker(variants), open_chosen)

    def action_back(self) -> None:
        self.dismiss(self.lesson_id)
