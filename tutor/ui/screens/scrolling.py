"""The keys that scroll a screen's one long pane (a lesson, a comparison, a budget
report), the same on every such screen."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import ScrollableContainer

SCROLL_BINDINGS = [
    Binding("down,j", "scroll(1)", "Scroll down", show=False),
    Binding("up,k", "scroll(-1)", "Scroll up", show=False),
    Binding("pagedown,space", "page(1)", "Page down", show=False),
    Binding("pageup", "page(-1)", "Page up", show=False),
    Binding("home", "to_end(False)", "Top", show=False),
    Binding("end", "to_end(True)", "Bottom", show=False),
]
"""For a screen's BINDINGS (`*SCROLL_BINDINGS`), with `ScrollsPane` for the actions."""


class ScrollsPane:
    """Mixin for a Screen: the actions of SCROLL_BINDINGS on the pane `scroll_pane` finds.
    A page keeps one line of the last one in view, so the eye finds its place."""

    def scroll_pane(self) -> ScrollableContainer:
        raise NotImplementedError

    def action_scroll(self, lines: int) -> None:
        self.scroll_pane().scroll_relative(y=lines, animate=False)

    def action_page(self, pages: int) -> None:
        pane = self.scroll_pane()
        pane.scroll_relative(y=pages * max(1, pane.size.height - 1), animate=False)

    def action_to_end(self, bottom: bool) -> None:
        pane = self.scroll_pane()
        if bottom:
            pane.scroll_end(animate=False)
        else:
            pane.scroll_home(animate=False)
