"""The Explain screen: the learner types a model and the summary follows their typing."""

from __future__ import annotations

from textual.widgets import Static, TextArea

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
