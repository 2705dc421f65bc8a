"""Choose among a lesson's exercises (the Fashion-MNIST CNN lesson has four variants)."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.challenges import Challenge, load_challenges
from tutor.errors import TutorError
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
        self.challenges = lesson_challenges(self.exercises)
        """The lessons' challenges, offered after the exercises; one opens on its own."""

    def compose(self) -> ComposeResult:
        yield OptionList(id="choices")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#choices", OptionList).focus()

    def show_language(self, lang: str) -> None:
        choices = self.query_one("#choices", OptionList)
        choices.border_title = translate("Exercises", lang)
        highlighted = choices.highlighted or 0
        challenge = translate("Challenge", lang)
        options = [
            Option(f"{item.title(lang)}  ({item.id})", id=item.id) for item in self.exercises
        ]
        options += [
            Option(f"{challenge}: {item.title(lang)}  ({item.id})", id=item.id)
            for item in self.challenges
        ]
        choices.set_options(options)
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
            self._chosen(option.id)

    @on(OptionList.OptionSelected, "#choices")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self._chosen(event.option.id)

    def _chosen(self, item_id: str | None) -> None:
        """An exercise goes back to the lesson, which opens it; a challenge opens here."""
        if item_id is None or not any(item.id == item_id for item in self.challenges):
            self.dismiss(item_id)
            return
        from tutor.ui.screens.challenge import ChallengeScreen

        self.dismiss(None)
        self.app.push_screen(ChallengeScreen(item_id))


def lesson_challenges(exercises: Sequence[Exercise]) -> list[Challenge]:
    """The challenges set in the lessons of `exercises` (none if the catalogue is
    unreadable: the exercises still open)."""
    lessons = {item.lesson for item in exercises}
    try:
        return [item for item in load_challenges() if item.exercise.lesson in lessons]
    except TutorError:
        return []
