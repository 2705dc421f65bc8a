"""The Inspect screen, the drawing pad and the typing box as a learner uses them, with the
model a NumPy stand-in (tests/inspect/fakes.py); the real child is covered by
test_inference.py and the tmux tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from textual.widgets import Static

from tests.inspect.fakes import ConvModel, FakeChild, image_run, text_run
from tutor.inspect.drawing import as_model_input
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.ui.app import TutorApp, make_app
from tutor.ui.screens.exercise import ExerciseScreen
from tutor.ui.screens.inspect import InspectScreen
from tutor.ui.screens.inspect_pad import InspectPadScreen
from tutor.ui.widgets.drawing_pad import DrawingPad
from tutor.ui.widgets.feature_maps import FeatureMaps
from tutor.ui.widgets.footer import KeyFooter
from tutor.ui.widgets.probability_bars import ProbabilityBars

SIZE = (80, 24)


def _app(tmp_path: Path, lang: str = "en") -> TutorApp:
    return make_app(load_course(), lang, ProgressStore(tmp_path / "p.sqlite3"))


def _text(app: TutorApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _screen(app: TutorApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def _footer(app: TutorApp) -> list[str]:
    return [key.description for key in app.screen.query_one(KeyFooter).fitting_keys()]


async def _open(pilot, run: Path, load_seconds: float = 0.0) -> InspectScreen:  # type: ignore[no-untyped-def]
    screen = InspectScreen(run, child_factory=lambda d: FakeChild(d, load_seconds=load_seconds))
    pilot.app.push_screen(screen)
    await pilot.pause(0.2)
    return screen


async def test_the_first_picture_shows_before_the_model_has_loaded(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, image_run(), load_seconds=1.0)
        assert "loading the model..." in _text(app, "#about")
        assert "Sample 1/60" in _text(app, "#about")
        assert screen.query_one("#picture", Static).render()  # the digit, already drawn
        assert not app.screen.query_one("#bars", ProbabilityBars).probabilities
        await pilot.pause(1.2)
        about = _text(app, "#about")
        assert "predicted: " in about and "true: " in about
        bars = app.screen.query_one("#bars", ProbabilityBars)
        assert len(bars.probabilities) == 10 and bars.true == int(screen.saved.labels[0])


async def test_the_arrows_step_through_samples_and_layers(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, image_run())
        await pilot.press("right", "right", "left")
        assert screen.sample == 1 and "Sample 2/60" in _text(app, "#about")
        await pilot.press("left", "left")
        assert screen.sample == 59  # round the end
        await pilot.press("2")
        await pilot.pause(0.1)
        title = _text(app, "#layer-title")
        assert "Layer 1/4: conv2d (Conv2D)  (None, 26, 26, 4)  40 params" in title
        maps = app.screen.query_one("#maps", FeatureMaps)
        assert len(maps.items) == 4 and maps.items[0][1].width == 13  # 26x26 at half size
        await pilot.press("down")
        await pilot.pause(0.1)
        assert "max_pooling2d (MaxPooling2D)  (None, 13, 13, 4)" in _text(app, "#layer-title")
        assert maps.items[0][1].width == 13


async def test_the_mistakes_view_steps_through_confident_mistakes(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, image_run())
        await pilot.press("3")
        await pilot.pause(0.1)
        saved = screen.saved
        assert screen.sample in saved.mistakes and "✗" in _text(app, "#about")
        place = saved.mistakes.index(screen.sample)
        await pilot.press("right")
        assert screen.sample == saved.mistakes[place + 1] and "✗" in _text(app, "#about")
        gallery = app.screen.query_one("#gallery", FeatureMaps)
        assert len(gallery.items) == len(saved.mistakes) and gallery.chosen == place + 1
        true, predicted = gallery.items[0][0].split()[0].split("→")
        assert true == str(saved.labels[saved.mistakes[0]]) and true != predicted
        shown = _screen(app)
        assert "true class right" in shown and "6 6" in shown


async def test_the_weights_view_shows_the_first_convolutions_filters(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, image_run())
        await pilot.press("4")
        await pilot.pause(0.2)
        filters = app.screen.query_one("#weight-maps", FeatureMaps)
        assert [label for label, _ in filters.items] == ["#0", "#1", "#2", "#3"]
        assert filters.items[0][1].width == 6  # 3x3 weights, each 2x2 pixels


async def test_drawing_with_keys_updates_the_bars_from_what_the_model_sees(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, image_run())
        await pilot.press("d")
        assert isinstance(app.screen, InspectPadScreen)
        await pilot.press("space", *["down"] * 8, "space", "right", "right")
        await pilot.pause(0.2)
        pad = app.screen.query_one(DrawingPad)
        assert pad.pixels[14:23, 14].min() > 0.9 and not pad.pen_down
        expected = ConvModel().outputs(as_model_input(pad.pixels))[-1]
        bars = app.screen.query_one("#pad-bars", ProbabilityBars)
        np.testing.assert_allclose(bars.probabilities, expected, atol=1e-6)
        assert app.screen.answered  # stroke to bars, timed for the benchmark
        await pilot.press("c")
        assert not pad.pixels.any()
        await pilot.press("escape")
        assert isinstance(app.screen, InspectScreen)


async def test_the_mouse_draws_where_it_is_pressed(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, image_run())
        await pilot.press("d")
        pad = app.screen.query_one(DrawingPad)
        x, y = 10, 5  # cell inside the border: pixel column 10, rows 10 and 11
        await pilot.click(DrawingPad, offset=(x + 1, y + 1))
        assert pad.pixels[10, 10] > 0.9 and pad.pixels[11, 10] > 0.9
        assert pad.pixels[2, 20] == 0


async def test_a_text_model_shows_the_review_and_reads_a_typed_sentence(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, text_run())
        assert "film" in _text(app, "#words") or "the" in _text(app, "#words")
        await pilot.press("t")
        await pilot.press(*"the great zzz")
        await pilot.pause(0.5)
        typed = app.screen.query_one("#typed", Static).render()
        assert "zzz" in str(typed) and any("strike" in str(span.style) for span in typed.spans)
        bars = app.screen.query_one("#type-bars", ProbabilityBars)
        assert len(bars.probabilities) == 2 and sum(bars.probabilities) == pytest.approx(1)


async def test_a_run_from_before_inspect_says_so_plainly(tmp_path: Path) -> None:
    app = _app(tmp_path, "ko")
    async with app.run_test(size=SIZE) as pilot:
        run = image_run()
        (run / "inspect.npz").unlink()
        await _open(pilot, run)
        assert "들여다볼 수 없습니다" in _text(app, "#about")
        assert _footer(app)[0] == "뒤로" and not app.screen.query_one("#panes").display


async def test_closing_the_screen_ends_its_model(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, image_run())
        child = screen.child
        assert isinstance(child, FakeChild) and not child.closed
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert child.closed


async def test_leaving_while_the_model_loads_or_answers_is_safe(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, image_run(), load_seconds=0.5)
        await pilot.press("escape")  # before the model has loaded
        await pilot.pause(1.0)
        assert screen.child.closed and app.screen is not screen
        screen = await _open(pilot, image_run())
        await pilot.press("2", "escape", "d")  # maps asked for, then gone at once
        await pilot.pause(0.5)
        assert not app.screen.query("#maps")  # on the home screen, the app alive


async def test_the_exercise_screen_offers_inspect_only_for_a_finished_inspectable_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(InspectScreen, "__init__", _with_fake(InspectScreen.__init__))
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExerciseScreen("mnist-dnn"))
        await pilot.pause()
        assert "Inspect" not in _footer(app) and "Solution" in _footer(app)
        run = image_run("mnist-dnn-20250101-120000")
        run_id = app.progress.start_run("mnist-dnn")
        app.progress.finish_run(run_id, "passed", metrics={}, model_path=str(run / "model.keras"))
        app.pop_screen()
        app.push_screen(ExerciseScreen("mnist-dnn"))
        await pilot.pause()
        assert "Inspect" in _footer(app) and "Solution" not in _footer(app)  # s makes room
        await pilot.press("i")
        await pilot.pause(0.2)
        assert isinstance(app.screen, InspectScreen) and app.screen.run_dir == run
        await pilot.press("escape", "s")  # s still opens the solution
        await pilot.pause()
        assert "solution" in type(app.screen).__name__.lower() or "mnist-dnn.py" in app.screen.title


def _with_fake(init):  # type: ignore[no-untyped-def]
    def fake_init(self, run_dir, *, sample=0, child_factory=None):  # type: ignore[no-untyped-def]
        init(self, run_dir, sample=sample, child_factory=child_factory or FakeChild)

    return fake_init
