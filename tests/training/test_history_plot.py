"""The training plots: curves told apart without colour, a legend that covers no data,
and the folds of a k-fold run drawn while they train (boston-regression's mae plot)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

from textual.app import App, ComposeResult

from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.training.protocol import Epoch, Event, Fit, Result, Start
from tutor.training.view import EARLIER_FITS, RunView
from tutor.ui.app import make_app
from tutor.ui.screens.exercise import ExerciseScreen
from tutor.ui.widgets.history_plot import EARLIER_MARK, TRAIN_SAMPLE, VALIDATION_MARK, HistoryPlot

BRAILLE = re.compile("[\u2801-\u28ff]")
HISTORY = {"loss": [1.0, 0.6, 0.4, 0.3, 0.25], "val_loss": [1.1, 0.8, 0.7, 0.65, 0.66]}


class PlotApp(App[None]):
    """One plot, in the app's NO_COLOR set-up (ANSI theme: everything one colour)."""

    def __init__(self) -> None:
        super().__init__(ansi_color=True)
        self.theme = "ansi-dark"

    def compose(self) -> ComposeResult:
        yield HistoryPlot("loss")


async def drawn(width: int, lang: str = "en", **shown) -> list[str]:  # type: ignore[no-untyped-def]
    app = PlotApp()
    async with app.run_test(size=(width, 16)) as pilot:
        plot = app.query_one(HistoryPlot)
        plot.show(HISTORY, lang=lang, **shown)
        await pilot.pause()
        return plot.render().plain.splitlines()  # type: ignore[union-attr]


async def test_without_colour_train_and_validation_differ_by_their_marks() -> None:
    rows = await drawn(60, earlier=[{"loss": [1.3, 0.9, 0.2]}])
    title, inside = rows[0], [row for row in rows if "┤" in row or row.startswith("    │")]
    assert f"{TRAIN_SAMPLE} train" in title and f"{VALIDATION_MARK} val" in title
    assert f"{EARLIER_MARK} earlier" in title
    plotted = "".join(inside)
    assert BRAILLE.search(plotted) and VALIDATION_MARK in plotted and EARLIER_MARK in plotted
    # the legend sits above the frame, never on the curves: no words inside the plot
    assert not any(re.search("[A-Za-z]", row.split("┤", 1)[-1]) for row in inside)


async def test_the_legend_is_in_the_learners_language_and_fits_a_narrow_plot() -> None:
    (title, *_) = await drawn(60, lang="ko")
    assert "loss" in title and "⣀ 학습" in title and "• 검증" in title
    (narrow, *_) = await drawn(26, earlier=[{"loss": [1.0]}])
    assert narrow.strip().startswith("loss") and "train" not in narrow  # marks only


def test_the_view_keeps_the_earlier_fits_for_the_plots_bounded() -> None:
    view = RunView("boston-regression")
    for fit in range(1, EARLIER_FITS + 5):
        view.apply(Fit(fit, 2, None))
        view.apply(Epoch(1, {"loss": float(fit), "mae": 1.0}))
    assert len(view.earlier) == EARLIER_FITS
    assert view.earlier[-1] == {"loss": [float(EARLIER_FITS + 3)], "mae": [1.0]}
    assert view.history == {"loss": [float(EARLIER_FITS + 4)], "mae": [1.0]}


class Folds:
    """boston-regression's k-fold models: fast epochs with no validation, model by model."""

    async def events(self) -> AsyncIterator[Event]:
        yield Start("boston-regression", "CPU", "boston", offline=False)
        for fold in range(1, 5):
            yield Fit(fold, 12, 19)
            for epoch in range(1, 13):
                await asyncio.sleep(0.08)  # faster than the screen's redraws
                yield Epoch(epoch, {"loss": 100.0 / epoch, "mae": 20.0 / epoch + fold}, 0.08)
        yield Result("passed")

    async def cancel(self) -> None:
        return None


async def test_the_mae_plot_shows_the_folds_while_they_train(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = ProgressStore(tmp_path / "progress.sqlite3")
    app = make_app(load_course(), "en", store, lambda item, store, options: Folds())
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ExerciseScreen("boston-regression"))
        await pilot.pause()
        await pilot.press("r")
        metric = app.screen.query_one("#metric-plot", HistoryPlot)
        drawn_during: set[int] = set()  # folds whose mae curve and earlier folds were drawn
        earliest: list[float] = []
        for _ in range(200):  # until the last fold starts (about 3 s)
            if app.training.view.fit >= 4:  # type: ignore[union-attr]
                break
            await pilot.pause(0.05)
            if metric._history.get("mae") and metric._earlier:
                drawn_during.add(app.training.view.fit)  # type: ignore[union-attr]
                earliest = metric._earlier[0]
        assert metric.metric == "mae"
        assert drawn_during, "the mae plot stayed empty during the cross-validation models"
        assert earliest[:2] == [21.0, 11.0]  # fold 1's curve, behind the current fold's
