"""What every dltutor screen does: follow the learner's language, and let go when closed."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from tutor.ui.localize import localize_bindings
from tutor.ui.watchers import forget_closed_watchers

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp


class TutorScreen:
    """Mixin for a Screen: translates its key descriptions and calls `show_language`, and
    on closing drops what its widgets left registered with the app.

    Textual runs the `on_mount` and `on_unmount` of every class in the MRO, so screens
    using this mixin keep their own handlers without calling super(). The app tells the
    screens on its stack when the language changes; a screen does not watch `app.lang`
    itself, because Textual would keep that watcher, and the closed screen with it, until
    the next change (see `tutor.ui.watchers`).
    """

    @property
    def tutor(self) -> TutorApp:
        """The app with its course, progress and language, typed for the screens."""
        return self.app  # type: ignore[attr-defined, no-any-return]

    def on_mount(self) -> None:
        self.follow_language(self.tutor.lang)

    def on_unmount(self) -> None:
        """Every widget of the screen has closed by now: forget their watchers, and free
        them while the learner looks at the screen they went to. Left to itself, Python
        collects a closed lesson's thousands of widgets at some later allocation, often in
        the middle of the next key, and on 2 cores that took up to a quarter second."""
        forget_closed_watchers(self.tutor)
        gc.collect()

    def follow_language(self, lang: str) -> None:
        localize_bindings(self, lang)  # type: ignore[arg-type]
        self.show_language(lang)

    def show_language(self, lang: str) -> None:
        """Redraw this screen's text in `lang`."""
