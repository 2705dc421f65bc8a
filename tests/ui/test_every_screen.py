"""What must hold on every screen, in both languages, at 80x24: the footer shows all its
keys without cutting one, and every key a screen accepts is listed under help."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from tests.ui.every_screen import SCREENS, tutor_app
from tests.ui.screen_text import help_text
from tutor.i18n import LANGUAGES
from tutor.ui.screens.help import HelpScreen, declared_bindings
from tutor.ui.widgets.footer import KeyFooter

SIZE = (80, 24)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_footer_fits_80_columns(tmp_path, no_editor, name: str, lang: str) -> None:
    app = tutor_app(tmp_path, lang, name)
    async with app.run_test(size=SIZE) as pilot:
        await SCREENS[name](pilot)
        await pilot.pause()
        footers = list(app.screen.query(KeyFooter))
        if isinstance(app.screen, HelpScreen):
            assert not footers  # a dialog over the screen, whose footer still shows
            return
        assert len(footers) == 1, f"{name} has no key footer"
        footer = footers[0]
        assert footer.dropped == (), f"{name} ({lang}) cut {footer.dropped}"
        drawn = sum(key.region.width for key in footer.query("FooterKey"))
        assert 0 < drawn <= SIZE[0]
        assert footer.fitting_keys(), name


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", [name for name in SCREENS if name != "help"])
async def test_every_key_a_screen_accepts_is_listed_under_help(
    tmp_path, no_editor, name: str, lang: str
) -> None:
    app = tutor_app(tmp_path, lang, name)
    async with app.run_test(size=SIZE) as pilot:
        await SCREENS[name](pilot)
        screen = app.screen
        undescribed = [
            binding.key
            for cls in type(screen).__mro__
            if cls.__module__.startswith("tutor.")
            for binding in cls.__dict__.get("BINDINGS", [])
            if not (isinstance(binding, Binding) and binding.description)
        ]
        assert undescribed == [], f"{name}: keys without a description"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen), f"{name}: f1 did not open help"
        listed = help_text(app)
        for binding in [*declared_bindings(screen), *declared_bindings(app)]:
            for key in binding.key.split(","):
                shown = app.get_key_display(Binding(key.strip(), binding.action))
                assert shown in listed, f"{name} ({lang}): {key} is not listed under help"
