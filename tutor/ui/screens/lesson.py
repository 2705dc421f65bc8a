"""The lesson screen: one lesson's Markdown, with next/previous across the whole course."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, Static

from tutor.i18n import translate
from tutor.lessons import Course
from tutor.ui.screens.language import FollowsLanguage


class LessonScreen(FollowsLanguage, Screen[str]):
    """Shows `lesson_id`; dismissing returns the id so home can put its cursor there."""

    CSS_PATH = "lesson.tcss"
    BINDINGS = [
        Binding("n,right", "step(1)", "Next lesson"),
        Binding("p,left", "step(-1)", "Previous lesson"),
        Binding("escape,b,q", "back", "Back"),
        Binding("down,j", "scroll(1)", "Scroll down", show=False),
        Binding("up,k", "scroll(-1)", "Scroll up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "to_end(False)", "Top", show=False),
        Binding("end", "to_end(True)", "Bottom", show=False),
    ]

    lesson_id: reactive[str] = reactive("", init=False)

    def __init__(self, lesson_id: str) -> None:
        super().__init__()
        self.set_reactive(LessonScreen.lesson_id, lesson_id)

    @property
    def course(self) -> Course:
        return self.app.course  # type: ignore[attr-defined, no-any-return]

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(id="notice", classes="notice")
        with VerticalScroll(id="page"):
            yield Markdown(id="text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#page").focus()

    def watch_lesson_id(self) -> None:
        self.show_language(self.app.lang)  # type: ignore[attr-defined]

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
        neighbour = self.course.neighbour(self.lesson_id, step)
        if neighbour is None:
            message = "Last lesson" if step > 0 else "First lesson"
            self.notify(translate(message, self.app.lang), timeout=2)  # type: ignore[attr-defined]
            return
        self.lesson_id = neighbour.id

    def action_scroll(self, lines: int) -> None:
        self.query_one("#page", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_page(self, pages: int) -> None:
        page = self.query_one("#page", VerticalScroll)
        page.scroll_relative(y=pages * page.size.height, animate=False)

    def action_to_end(self, bottom: bool) -> None:
        page = self.query_one("#page", VerticalScroll)
        if bottom:
            page.scroll_end(animate=False)
        else:
            page.scroll_home(animate=False)

    def action_back(self) -> None:
        self.dismiss(self.lesson_id)
