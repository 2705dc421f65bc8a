"""The key footer every screen shows: Textual's Footer, compact, fitted to its width, and
rebuilt only when its keys change.

Textual's Footer cuts off whatever does not fit (at 80 columns the app-wide keys were
lost), so this one shows the keys in the order declared and, when they cannot all fit,
drops the last ones but always keeps the help key, which lists every key. The screens'
descriptions are short enough that nothing is dropped at 80 columns (a test checks every
screen in both languages).

Textual's Footer also throws its keys away and builds new ones whenever the screen's
bindings are refreshed, which happens on every screen switch even when nothing shown
changed. Each rebuild leaves the old keys registered as watchers of the footer's `compact`
flag (see `tutor.ui.watchers`), so a footer that lives as long as the app, like the home
screen's, kept every key it ever built.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tutor.ui.watchers import forget_closed_watchers

HELP_ACTIONS = frozenset({"help", "app.help"})


class ShownKey(NamedTuple):
    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str

    def width(self, compact: bool) -> int:
        """Cells taken in the footer: the key, the description, their padding and the gap
        to the next key (compact: one space between key and description, one after)."""
        padding = 2 if compact else 4
        return cell_len(self.display) + cell_len(self.description) + padding


class KeyFooter(Footer):
    """A Footer that fits its width (compact when the roomy style would not fit), skips
    rebuilds which would show the same keys, and lets the keys a rebuild replaces be
    freed."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)
        self._shown: tuple[ShownKey, ...] | None = None
        self.dropped: tuple[ShownKey, ...] = ()
        """Keys that did not fit (the tests check that none do at 80 columns)."""

    async def recompose(self) -> None:
        if not self.is_attached or self._pruning:  # its screen closed meanwhile
            return
        shown = self.fitting_keys()
        if shown == self._shown:
            return
        self._shown = shown
        self.compact = self._needs_compact(shown)
        await super().recompose()
        forget_closed_watchers(self)

    def on_resize(self) -> None:
        if self._bindings_ready:
            self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        for key in self._shown or self.fitting_keys():
            yield FooterKey(
                key.key,
                key.display,
                key.description,
                key.action,
                disabled=not key.enabled,
                tooltip=key.tooltip,
            ).data_bind(compact=Footer.compact)

    @property
    def _width(self) -> int:
        return self.size.width or self.screen.size.width or self.app.size.width

    def _needs_compact(self, keys: tuple[ShownKey, ...]) -> bool:
        return sum(key.width(compact=False) for key in keys) > self._width + 1

    def fitting_keys(self) -> tuple[ShownKey, ...]:
        """The keys to show, one per action, as many as fit with the help key kept."""
        keys = self.keys_to_show()
        fitting = list(keys)
        while sum(key.width(compact=True) for key in fitting) > self._width + 1:
            droppable = [key for key in fitting if key.action not in HELP_ACTIONS]
            if not droppable:
                break
            fitting.remove(droppable[-1])
        self.dropped = tuple(key for key in keys if key not in fitting)
        return tuple(fitting)

    def keys_to_show(self) -> tuple[ShownKey, ...]:
        """Every key the footer would like to draw, first binding of each action."""
        seen: set[str] = set()
        keys = []
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            display = self.app.get_key_display(binding)
            description, action = binding.description, binding.action
            keys.append(ShownKey(binding.key, display, description, action, enabled, tooltip))
        return tuple(keys)
