"""Screens that re-render themselves when the learner switches language."""

from __future__ import annotations

from tutor.ui.localize import localize_bindings


class FollowsLanguage:
    """Mixin for a Screen: translates its key descriptions and calls `show_language`.

    Textual runs the `on_mount` of every class in the MRO, so screens using this mixin
    keep their own `on_mount` without calling super().
    """

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._follow_language)  # type: ignore[attr-defined]

    def _follow_language(self, lang: str) -> None:
        localize_bindings(self, lang)  # type: ignore[arg-type]
        self.show_language(lang)

    def show_language(self, lang: str) -> None:
        """Redraw this screen's text in `lang`."""
