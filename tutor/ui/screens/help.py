"""The help screen: every key of the screen underneath, read from its bindings.

Reading the live bindings (rather than a hand-written list) keeps help, footer and
behaviour from drifting apart. The app keeps one help screen and shows it over whichever
screen asked: building a fresh one on every press cost tens of milliseconds while an
exercise trained. (Textual's refresh timer of the kept screen holds on to the last screen
it covered until the help is next opened: one screen at most, never a growing number.)
"""

from __future__ import annotations

from dataclasses import replace

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.i18n import translate
from tutor.ui.screens.base import TutorScreen


class HelpScreen(TutorScreen, ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[type[DOMNode], str] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(id="keys")
            yield Static(id="hint")

    def on_screen_resume(self) -> None:
        self.show_language(self.tutor.lang)
        self.query_one("#dialog").scroll_home(animate=False)  # each opening starts at the top

    @property
    def underneath(self) -> DOMNode:
        """The screen whose keys are listed: the one this help was opened over."""
        stack = self.app.screen_stack
        return stack[stack.index(self) - 1] if self in stack else self.app.screen

    def show_language(self, lang: str) -> None:
        """List the keys again, unless they are those of the same kind of screen in the
        same language (the keys come from the classes' bindings)."""
        shown = (type(self.underneath), lang)
        if shown == self._shown:
            return
        self._shown = shown
        dialog = self.query_one("#dialog")
        dialog.border_title = translate("Help", lang)
        self.query_one("#keys", Static).update(self._key_table(lang))
        self.query_one("#hint", Static).update(translate("Press Esc, ? or F1 to close", lang))

    def _key_table(self, lang: str) -> Table:
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for heading, keys in self._sections(lang):
            table.add_row(f"[u]{heading}[/u]", "")
            for key, description in keys:
                table.add_row(key, description)
            table.add_row("", "")
        return table

    def _sections(self, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
        """The screen's own keys, then the app-wide ones, each with every key that does it.

        Only bindings declared by the tutor's classes are listed: keys that Textual brings
        along (focus cycling, copy) are its conventions and would bury the tutor's own.
        """
        sections = [("This screen", self.underneath), ("Global", self.app)]
        return [
            (translate(title, lang), self._keys(node, lang))
            for title, node in sections
            if self._keys(node, lang)
        ]

    def _keys(self, node: DOMNode, lang: str) -> list[tuple[str, str]]:
        """One row per action, with every key that does it ('? / f1  Help')."""
        keys_of: dict[str, list[str]] = {}
        descriptions: dict[str, str] = {}
        for binding in declared_bindings(node):
            if node is not self.app and binding.action == "app.help":
                continue  # listed once, with the app's own help keys
            keys = keys_of.setdefault(binding.action, [])
            keys += [
                self.app.get_key_display(replace(binding, key=key.strip()))
                for key in binding.key.split(",")
            ]
            meaning = binding.tooltip or binding.description  # the footer's word may be short
            descriptions.setdefault(binding.action, translate(meaning, lang))
        return [(" / ".join(keys), descriptions[action]) for action, keys in keys_of.items()]


def declared_bindings(node: DOMNode) -> list[Binding]:
    """The described bindings that the tutor's own classes declare for `node`."""
    return [
        binding
        for cls in type(node).__mro__
        if cls.__module__.startswith("tutor.")
        for binding in cls.__dict__.get("BINDINGS", [])
        if isinstance(binding, Binding) and binding.description
    ]
