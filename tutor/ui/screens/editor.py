"""A built-in editor for an exercise script, used when no `$VISUAL`/`$EDITOR` is set, and
the read-only view of the original ("solution")."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, TextArea

from tutor.i18n import translate
from tutor.resources import read_content
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.footer import KeyFooter


class EditorScreen(TutorScreen, Screen[bool]):
    """Edits `path` in place (ctrl+s saves); `read_only` shows it. Dismisses with whether
    anything was saved."""

    CSS_PATH = "editor.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back", priority=True),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        """Raises a TutorError (one line) when `path` is not a readable script."""
        super().__init__()
        self.path = path
        self.read_only = read_only
        self.saved = False
        self._warned = False
        self._saved_text = read_content(path)

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield TextArea(
            self._saved_text,
            id="code",
            read_only=self.read_only,
            show_line_numbers=True,
            tab_behavior="indent",
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#code", TextArea).focus()

    def show_language(self, lang: str) -> None:
        label = "Solution (read-only)" if self.read_only else "Your copy"
        self.title = f"{translate(label, lang)}: {self.path.name}"
        self.sub_title = str(self.path)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "save" and self.read_only)

    @property
    def changed(self) -> bool:
        return self.query_one("#code", TextArea).text != self._saved_text

    def action_save(self) -> None:
        text = self.query_one("#code", TextArea).text
        try:
            self.path.write_text(text, encoding="utf-8")
        except OSError as error:
            message = translate("Could not save: {error}", self.tutor.lang)
            self.notify(message.format(error=error.strerror), severity="error")
            return
        self.saved = True
        self._saved_text = text
        self.notify(translate("Saved; r runs your copy.", self.tutor.lang), timeout=3)

    def action_close(self) -> None:
        """Leave; unsaved changes need a second Escape, so one slip loses nothing."""
        if not self.read_only and self.changed and not self._warned:
            self._warned = True
            message = "Unsaved changes: ctrl+s saves, Esc again discards them."
            self.notify(translate(message, self.tutor.lang), severity="warning", timeout=5)
            return
        self.dismiss(self.saved)
