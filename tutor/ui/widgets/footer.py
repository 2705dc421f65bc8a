"""The key footer every screen shows: Textual's Footer, rebuilt only when its keys change.

Textual's Footer throws its keys away and builds new ones whenever the screen's bindings
are refreshed, which happens on every screen switch even when nothing shown changed. Each
rebuild also leaves the old keys registered as watchers of the footer's `compact` flag
(see `tutor.ui.watchers`), so a footer that lives as long as the app, like the home
screen's, kept every key it ever built.
"""

from __future__ import annotations

from textual.widgets import Footer

from tutor.ui.watchers import forget_closed_watchers

ShownKeys = tuple[tuple[str, str, str, bool, str], ...]


class KeyFooter(Footer):
    """A Footer that skips rebuilds which would show the same keys, and lets the keys a
    rebuild replaces be freed."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: ShownKeys | None = None

    async def recompose(self) -> None:
        if not self.is_attached or self._pruning:  # its screen closed meanwhile
            return
        shown = self._keys_to_show()
        if shown == self._shown:
            return
        self._shown = shown
        await super().recompose()
        forget_closed_watchers(self)

    def _keys_to_show(self) -> ShownKeys:
        """What the footer would draw: each shown key with its label, state and tooltip."""
        return tuple(
            (binding.key, self.app.get_key_display(binding), binding.description, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
