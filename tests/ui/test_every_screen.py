"""What must hold on every screen, in both languages, at 80x24: the footer shows all its
keys without cutting one; in Korean mode nothing English shows but code, numbers, Keras
names and the things a learner types; and every key a screen accepts is listed under
help. One app per screen and language checks all three (the screens are many, and each
opens the real course)."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.binding import Binding

from tests.cli_helpers import english_prose
from tests.ui.every_screen import SCREENS, tutor_app
from tests.ui.screen_text import help_text
from tutor.engine.catalog import ALIASES, POSITIONAL
from tutor.exercises import load_catalogue
from tutor.i18n import LANGUAGES
from tutor.lessons import load_course
from tutor.quiz import TOPICS
from tutor.ui.screens.help import HelpScreen, declared_bindings
from tutor.ui.widgets.footer import KeyFooter

SIZE = (80, 24)
CODE_WIDGETS = "TextArea, MarkdownFence, #model, #terms, #detail, #log, #words, #sentence"
"""Widgets that show code, a script's own output, a text sample (an IMDB review, what the
learner typed) or the glossary's English by design (its term column, and each meaning in
both languages); the log's lines from the tutor itself are checked in tests/training."""
NAMES = {
    "English", "NVIDIA", "HBM", "esc", "Esc", "Enter", "pgup", "pgdn", "PgUp", "PgDn", "space",
    "tab", "ETA", "MB", "kB", "GB", "Input", "loss", "accuracy", "mae", "mlxtend",
}  # fmt: skip
"""The language key names English in English; a GPU's name is its maker's; keys are
written as the keyboard labels them; units; Keras' names (keras.Input, its metrics) and
the package the offline MNIST comes from."""
FORMULAS = {"None", "OH", "OW", "OL", "OD", "params", "floor", "ceil", "max"}
"""The engine's working keeps its formulas' symbols in both languages (as tests/engine
does): `OH = floor((28 + 2*0 - 3) / 1) + 1 = 26` reads the same to every learner."""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_screen_at_80x24(tmp_path, no_editor, name: str, lang: str) -> None:
    app = tutor_app(tmp_path, lang, name)
    async with app.run_test(size=SIZE) as pilot:
        await SCREENS[name](pilot)
        await pilot.pause()
        _footer_fits(app, name, lang)
        if lang == "ko":
            await pilot.pause(0.3)  # what loads in the background has shown
            text = screen_text(app)
            allowed = identifiers()
            assert english_prose(text, allowed) - allowed == set(), f"{name}:\n{text}"
        if name != "help":
            await _every_key_is_listed_under_help(app, pilot, name, lang)


def _footer_fits(app: App[object], name: str, lang: str) -> None:
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


async def _every_key_is_listed_under_help(app, pilot, name: str, lang: str) -> None:  # type: ignore[no-untyped-def]
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


def screen_text(app: App[object]) -> str:
    """The terminal's lines, with the regions of CODE_WIDGETS blanked out."""
    lines = [strip.text for strip in app.screen._compositor.render_strips()]
    for widget in app.screen.query(CODE_WIDGETS):
        region = widget.region
        for y in range(region.y, min(region.bottom, len(lines))):
            line = lines[y]
            lines[y] = line[: region.x] + " " * region.width + line[region.right :]
    return "\n".join(lines)


def identifiers() -> set[str]:
    """What a screen may show as it is: exercise, lesson and topic ids, script names, the
    datasets' class names (as Keras' documentation gives them, like the training report),
    Keras' layer classes and their own names (`dense`, `embedding`), and NAMES and
    FORMULAS."""
    exercises = load_catalogue()
    ids = {item.id for item in exercises} | {item.script.name for item in exercises}
    ids |= {word for item in exercises for name in item.classes or () for word in name.split()}
    ids |= {layer.lower() for layer in POSITIONAL}
    ids |= set(TOPICS) | {item.dataset for item in exercises if item.dataset}
    ids |= {lesson.id for lesson in load_course().lessons}
    return ids | NAMES | FORMULAS | set(POSITIONAL) | set(ALIASES)
