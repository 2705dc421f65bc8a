"""Korean mode is Korean on every screen: no English prose outside code, numbers, Keras
names and the things a learner types. What each screen shows is read off the rendered
terminal, as the learner sees it."""

from __future__ import annotations

import pytest
from textual.app import App

from tests.cli_helpers import english_prose
from tests.ui.every_screen import SCREENS, tutor_app
from tutor.engine.catalog import ALIASES, POSITIONAL
from tutor.exercises import load_catalogue
from tutor.lessons import load_course
from tutor.quiz import TOPICS

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
    datasets' class names (as Keras' documentation gives them, like the training report)
    and Keras' own layer names (`dense`, `embedding`)."""
    exercises = load_catalogue()
    ids = {item.id for item in exercises} | {item.script.name for item in exercises}
    ids |= {word for item in exercises for name in item.classes or () for word in name.split()}
    ids |= {layer.lower() for layer in POSITIONAL}
    ids |= set(TOPICS) | {item.dataset for item in exercises if item.dataset}
    ids |= {lesson.id for lesson in load_course().lessons}
    return ids | NAMES | FORMULAS | set(POSITIONAL) | set(ALIASES)


@pytest.mark.parametrize("name", list(SCREENS))
async def test_no_english_prose_in_korean_mode(tmp_path, no_editor, name: str) -> None:
    app = tutor_app(tmp_path, "ko", name)
    async with app.run_test(size=SIZE) as pilot:
        await SCREENS[name](pilot)
        await pilot.pause(0.3)
        text = screen_text(app)
    allowed = identifiers()
    assert english_prose(text, allowed) - allowed == set(), f"{name}:\n{text}"
