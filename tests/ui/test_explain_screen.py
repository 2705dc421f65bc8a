"""The Explain screen: the learner types a model and the summary follows their typing."""

from __future__ import annotations

import itertools

from textual.widgets import Static, TextArea

from tests.ui.screen_text import help_text
from tutor.engine import explain
from tutor.ui.app import make_app
from tutor.ui.screens.explain import DEBOUNCE_S, ExplainScreen
from tutor.ui.screens.home import HomeScreen

SIZE = (80, 24)


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def settle(pilot) -> None:
    await pilot.pause(DEBOUNCE_S + 0.1)


async def test_explain_opens_from_home_with_a_worked_example(fixture_course) -> None:
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        assert isinstance(app.screen, ExplainScreen)
        await settle(pilot)
        summary = shown(app, "#summary")
        assert "(None, 26, 26, 32)" in summary
        assert "params = (3*3*1 + 1) * 32 = 320" in summary
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_the_summary_follows_typing_and_errors_show_inline(fixture_course) -> None:
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.press("ctrl+l")
        await pilot.press(*"model = Sequential([Input(shape=(4,)), Dense(8)])")
        await settle(pilot)
        assert "Total params: 40" in shown(app, "#summary")
        assert not app.screen.query_one("#error").display

        # Keys that mean something elsewhere (q, l, ?) are text while typing.
        await pilot.press("backspace", "backspace", *"q?")
        await settle(pilot)
        assert isinstance(app.screen, ExplainScreen) and app.lang == "en"
        assert app.screen.query_one("#source", TextArea).text.endswith("Dense(8)q?")
        error = app.screen.query_one("#error")
        assert error.display and "line 1: invalid syntax" in shown(app, "#error")
        assert "Total params: 40" in shown(app, "#summary")  # the last good one stays
        assert app.screen.query_one("#summary").has_class("stale")


async def test_an_impossible_model_names_the_layer_and_formula(fixture_course) -> None:
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "ctrl+l")
        await pilot.press(*"model = Sequential([Input(shape=(3, 3, 1)), Conv2D(4, 5)])")
        await settle(pilot)
        error = shown(app, "#error")
        assert "conv2d" in error and "5x5 kernel" in error and "floor((3" in error


async def test_the_working_is_in_the_learners_language(fixture_course) -> None:
    app = make_app(fixture_course, "ko")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await settle(pilot)
        summary = shown(app, "#summary")
        assert "채널 = 필터 수 = 32" in summary and "채널 그대로 32" in summary
        assert "params = (3*3*1 + 1) * 32 = 320" in summary
        app.lang = "en"  # as `l` does from a screen where it is not text
        await settle(pilot)
        assert "channels = filters = 32" in shown(app, "#summary")


LEGACY = """\
from keras.layers.core import Dense
from keras.models import Sequential
model = Sequential()
model.add(Dense(64, input_dim=8, init="uniform", activation="relu"))
model.add(Dense(32, activation="relu"))
model.add(Dense(16, activation="relu"))
model.add(Dense(8, activation="relu"))
model.add(Dense(1, activation="sigmoid"))
"""


def on_screen(app, selector: str) -> bool:
    """Whether the widget is laid out inside the visible screen area."""
    region = app.screen.query_one(selector).region
    return region.height > 0 and region.bottom <= app.size.height


async def test_totals_and_notes_stay_on_screen_and_the_summary_scrolls_from_the_editor(
    fixture_course,
) -> None:
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExplainScreen(LEGACY))
        await settle(pilot)
        assert app.screen.query_one("#source", TextArea).has_focus
        totals = shown(app, "#totals")
        widths = [8, 64, 32, 16, 8, 1]
        total = sum(n_in * n_out + n_out for n_in, n_out in itertools.pairwise(widths))
        assert f"Total params: {total:,} (trainable {total:,}, non-trainable 0)" in totals
        notes = len(explain(LEGACY).notes)
        assert notes > 1 and f"{notes} notes under the table" in totals
        assert on_screen(app, "#totals")

        box = app.screen.query_one("#summary-box")
        assert box.scroll_y == 0 and box.max_scroll_y > 0  # the table is longer than the pane
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown")
        assert box.scroll_y == box.max_scroll_y  # the notes are at the end, reached by keys
        assert app.screen.query_one("#source", TextArea).has_focus  # still typing there

        await pilot.press("f6")
        assert box.has_focus
        await pilot.press("home")
        assert box.scroll_y == 0
        await pilot.press("f6")
        assert app.screen.query_one("#source", TextArea).has_focus


async def test_help_opens_from_the_editor_and_lists_the_explain_keys(fixture_course) -> None:
    from tutor.ui.screens.help import HelpScreen

    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        keys = help_text(app)
        for line in ("f6", "Editor/summary", "pgdn", "Scroll summary", "f1", "^l"):
            assert line in keys


async def test_the_totals_line_is_in_korean(fixture_course) -> None:
    app = make_app(fixture_course, "ko")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExplainScreen(LEGACY))
        await settle(pilot)
        assert "파라미터 합계: 3,329 (학습 3,329, 고정 0)" in shown(app, "#totals")


async def test_a_hostile_paste_is_refused_and_the_keys_still_answer(fixture_course) -> None:
    """A tuple doubled sixty times would take 2**60 steps to print: the screen reads it in
    a thread, the engine refuses it in one line, and Escape works all along."""
    doubling = "x0 = (1,)\n" + "".join(f"x{i} = (x{i - 1}, x{i - 1})\n" for i in range(1, 61))
    hostile = doubling + "model = Sequential([Input(shape=(4,)), Dense(3, name=x60)])\n"
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExplainScreen(hostile))
        for _ in range(50):
            await pilot.pause(0.1)
            if app.screen.query_one("#error").display:
                break
        error = shown(app, "#error")
        assert error.startswith("⚠ line ") and "\n" not in error.strip()
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
