"""Choose among a lesson's exercises (the Fashion-MNIST CNN lesson has four variants)."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.exercises import Exercise
from tutor.i18n import translate
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.footer import KeyFooter


class ExercisePicker(TutorScreen, ModalScreen[str | None]):
    """Dismisses with the chosen exercise's id, or None on Escape."""

    CSS_PATH = "exercise_picker.tcss"
    BINDINGS = [
        Binding("enter", "choose", "Open", priority=True),
        Binding("escape", "dismiss(None)", "Back"),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
    ]

    def __init__(self, exercises: Sequence[Exercise]) -> None:
        super().__init__()
        self.exercises = list(exercises)

    def compose(self) -> ComposeResult:
        yield OptionList(id="choices")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#choices", OptionList).focus()

    def show_language(self, lang: str) -> None:
        choices = self.query_one("#choices", OptionList)
        choices.border_title = translate("Exercises", lang)
        highlighted = choices.highlighted or 0
        choices.set_options(
            Option(f"{item.title(lang)}  ({item.id})", id=item.id) for item in self.exercises
        )
        choices.highlighted = highlighted

    def action_move(self, step: int) -> None:
        choices = self.query_one("#choices", OptionList)
        if step > 0:
            choices.action_cursor_down()
        else:
            choices.action_cursor_up()

    def action_choose(self) -> None:
        option = self.query_one("#choices", OptionList).highlighted_option
        if option is not None:
            self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#choices")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
