"""The Progress screen and the marks progress leaves on the home screen."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from textual.widgets import DataTable, OptionList, Static

from tutor.paths import data_dir
from tutor.progress import ProgressStore
from tutor.quiz import get_topic
from tutor.ui.app import make_app
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.progress import ProgressScreen
from tutor.ui.widgets.history_plot import HistoryPlot

SIZE = (80, 24)


def option_labels(app) -> list[str]:
    menu = app.screen.query_one("#lessons", OptionList)
    return [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]


async def test_reading_marks_lessons_and_home_resumes_there(fixture_course, tmp_path) -> None:
    app = make_app(fixture_course, "en", progress=ProgressStore(tmp_path / "p.sqlite3"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "n", "escape")  # read 1.1, moved on to 1.2, back
        assert isinstance(app.screen, HomeScreen)
        labels = option_labels(app)
        assert labels[1].startswith(" ✓ 1.1") and labels[2].startswith(" · 1.2")
    again = make_app(fixture_course, "en", progress=ProgressStore(tmp_path / "p.sqlite3"))
    async with again.run_test(size=SIZE):
        menu = again.screen.query_one("#lessons", OptionList)
        assert menu.highlighted_option.id == "activations"
        status = str(again.screen.query_one("#status", Static).render())
        assert "Continue: 1.2 Activations" in status and "0 reviews due" in status


async def test_progress_screen_shows_mastery_and_plots_a_run(fixture_course, tmp_path) -> None:
    store = ProgressStore(tmp_path / "p.sqlite3")
    now = datetime.now(timezone.utc)
    store.record_attempt(
        "conv2d-params",
        difficulty="easy",
        question_id="q",
        answer="320",
        correct=True,
        seconds=5.0,
        now=now,
    )
    history = data_dir() / "runs" / "history.json"  # only the data directory is read
    history.parent.mkdir(parents=True)
    history.write_text(json.dumps({"loss": [0.9, 0.5], "accuracy": [0.7, 0.9]}))
    run = store.start_run("mnist-dnn", history_path=str(history), now=now)
    store.finish_run(run, "passed", metrics={"val_accuracy": 0.91}, now=now)
    app = make_app(fixture_course, "en", progress=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, ProgressScreen)
        await pilot.pause(0.2)  # the history is read in a thread
        summary = str(app.screen.query_one("#summary", Static).render())
        title = get_topic("conv2d-params").title["en"]
        assert f"{title}  █" in summary and "%" in summary and "Streak: 1 day" in summary
        assert "conv2d-params" not in summary  # the quiz's title, not the internal id
        table = app.screen.query_one("#runs", DataTable)
        assert table.row_count == 1
        assert table.get_row_at(0)[1:] == ["mnist-dnn", "passed", "val_accuracy 0.91"]
        plot = app.screen.query_one("#history", HistoryPlot)
        assert plot.metric == "accuracy"
        await pilot.press("l")
        assert app.screen.title == "학습 현황"
        summary = str(app.screen.query_one("#summary", Static).render())
        assert get_topic("conv2d-params").title["ko"] in summary and "1일" in summary
        assert table.get_row_at(0)[2] == "통과"
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_an_unreadable_progress_file_is_moved_aside_with_a_notice(
    fixture_course, tmp_path
) -> None:
    path = tmp_path / "p.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    app = make_app(fixture_course, "en", progress=ProgressStore(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("unreadable" in m and "fresh one started" in m for m in messages)
        assert isinstance(app.screen, HomeScreen)
    assert list(tmp_path.glob("p.sqlite3.corrupt-*"))


async def test_no_runs_says_so_instead_of_an_empty_heading(fixture_course, tmp_path) -> None:
    app = make_app(fixture_course, "en", progress=ProgressStore(tmp_path / "p.sqlite3"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert str(app.screen.query_one("#run-detail", Static).render()) == "No runs yet."
        assert not app.screen.query_one("#runs", DataTable).display


async def test_a_history_path_that_never_ends_does_not_hold_up_the_keys(
    fixture_course, tmp_path
) -> None:
    """An imported run may name /dev/zero as its history: the screen still answers."""
    store = ProgressStore(tmp_path / "p.sqlite3")
    run = store.start_run("mnist-dnn", history_path="/dev/zero")
    store.finish_run(run, "passed", metrics={"val_accuracy": 0.9})
    app = make_app(fixture_course, "en", progress=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause(0.3)
        assert app.screen.query_one("#history", HistoryPlot)._history == {}
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_every_figure_of_the_highlighted_run_is_shown(fixture_course, tmp_path) -> None:
    store = ProgressStore(tmp_path / "p.sqlite3")
    metrics = {"loss": 0.25, "accuracy": 0.93, "val_loss": 0.31, "val_accuracy": 0.9123}
    run = store.start_run("fashion-dnn")
    store.finish_run(run, "failed", metrics=metrics)
    app = make_app(fixture_course, "en", progress=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        detail = str(app.screen.query_one("#run-detail", Static).render())
        assert detail == "fashion-dnn: loss 0.25, accuracy 0.93, val_loss 0.31, val_accuracy 0.9123"
