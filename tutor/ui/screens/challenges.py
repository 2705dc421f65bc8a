"""The challenges: reach a goal with at most so many parameters, each with where the
learner stands (untried, tries so far, passed, the best attempt)."""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from tutor.challenges import load_challenges
from tutor.challenges.attempts import rules_text, standing, standing_text
from tutor.errors import TutorError
from tutor.i18n import translate
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.footer import KeyFooter


class ChallengesScreen(TutorScreen, Screen[None]):
    CSS_PATH = "challenges.tcss"
    BINDINGS = [
        Binding("escape,b", "app.pop_screen", "Back"),
        Binding("enter", "open", "Open", priority=True),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("h", "runs", "Runs", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(id="intro")
        yield OptionList(id="challenges")
        yield KeyFooter()

    def show_language(self, lang: str) -> None:
        self.title = translate("Challenges", lang)
        self.sub_title = ""
        intro = translate(
            "Reach the goal with at most so many parameters: a model over budget is refused"
            " before it trains. The solution opens after a pass or three tries.",
            lang,
        )
        self.query_one("#intro", Static).update(intro)
        menu = self.query_one("#challenges", OptionList)
        highlighted = menu.highlighted or 0
        try:
            challenges = load_challenges()
        except TutorError as error:  # a broken draft catalogue: one notice, no crash
            self.notify(str(error), severity="error", timeout=8)
            challenges = ()
        options = []
        for item in challenges:
            title = Text(item.title(lang), style="bold")
            title.append(f"  ({item.id})", style="")
            details = Text(f"{rules_text(item, lang)}\n")
            details.append(standing_text(standing(self.tutor.progress, item), lang))
            label = Group(title, Padding(details, (0, 0, 0, 2)))  # wrapped lines indented too
            options.append(Option(label, id=item.id))
        menu.set_options(options)
        menu.highlighted = min(highlighted, len(options) - 1) if options else None
        menu.focus()

    def on_screen_resume(self) -> None:
        """Back from a challenge: its standing may have changed."""
        self.show_language(self.tutor.lang)

    def action_move(self, step: int) -> None:
        menu = self.query_one("#challenges", OptionList)
        if step > 0:
            menu.action_cursor_down()
        else:
            menu.action_cursor_up()

    def action_open(self) -> None:
        option = self.query_one("#challenges", OptionList).highlighted_option
        if option is not None and option.id:
            self.open(option.id)

    @on(OptionList.OptionSelected, "#challenges")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.open(event.option.id)

    def open(self, challenge_id: str) -> None:
        from tutor.ui.screens.challenge import ChallengeScreen

        self.app.push_screen(ChallengeScreen(challenge_id))

    def action_runs(self) -> None:
        from tutor.ui.screens.runs import RunsScreen

        option = self.query_one("#challenges", OptionList).highlighted_option
        self.app.push_screen(RunsScreen(option.id if option is not None else None))
