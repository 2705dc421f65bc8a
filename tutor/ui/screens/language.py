"""Screens that re-render themselves when the learner switches language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tutor.ui.localize import localize_bindings

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp


class FollowsLanguage:
    """Mixin for a Screen: translates its key descriptions and calls `show_language`.

    Textual runs the `on_mount` of every class in the MRO, so screens using this mixin
    keep their own `on_mount` without calling super().
    """

    @property
    def tutor(self) -> TutorApp:
        """The app with its course, progress and language, typed for the screens."""
        return self.app  # type: ignore[attr-defined, no-any-return]

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._follow_language)  # type: ignore[attr-defined]

    def _follow_language(self, lang: str) -> None:
        localize_bindings(self, lang)  # type: ignore[arg-type]
        self.show_language(lang)

    def show_language(self, lang: str) -> None:
        """Redraw this screen's text in `lang`."""
