"""What a screen shows, as text, for assertions in the pilot tests."""

from __future__ import annotations

import io

from rich.console import Console
from textual.app import App
from textual.widgets import Static


def help_text(app: App[object]) -> str:
    """The help screen's key table as the learner reads it."""
    console = Console(width=80, file=io.StringIO(), record=True)
    console.print(app.screen.query_one("#keys", Static).content)
    return console.export_text()


def footer_text(app: App[object]) -> str:
    """The footer's keys and descriptions, in order."""
    return " ".join(str(label.render()) for label in app.screen.query("FooterKey"))
