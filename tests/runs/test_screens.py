"""The Runs, Compare and challenge screens as a learner uses them, by keyboard alone, on
runs recorded by hand (tests/runs/sample_runs.py) and scripted training events."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from tests.runs.sample_runs import add_sample_runs
from tests.ui.test_exercise_screen import PASSED, FakeRun, Runs, app_with, settle, training
from tutor.challenges.workspace import edit_copy
from tutor.runs.records import list_runs
from tutor.ui.screens.budget import BudgetScreen
from tutor.ui.screens.challenge import ChallengeScreen
from tutor.ui.screens.challenges import ChallengesScreen
from tutor.ui.screens.compare import CompareScreen
from tutor.ui.screens.runs import RunsScreen
from tutor.ui.widgets.compare_plot import ComparePlot

SIZE = (80, 24)


def shown(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).render())


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def table_rows(app) -> list[list[str]]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one("#runs", DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def test_h_lists_every_run_and_the_keys_filter_sort_and_mark(tmp_path: Path) -> None:
    app = app_with(Runs(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        first, second, third = add_sample_runs(app.progress)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, RunsScreen)
        assert [row[1] for row in table_rows(app)] == [str(third), str(second), str(first)]
        assert "#3 mnist-20k" in shown(app, "#detail") and "12,810" in shown(app, "#detail")
        await pilot.press("f")  # the first exercise only
        assert {row[2] for row in table_rows(app)} == {"fashion-dnn"}
        await pilot.press("f", "f")  # mnist-20k, then all again
        assert len(table_rows(app)) == 3
        await pilot.press("s", "s", "s", "s")  # started, id, exercise, status, params
        assert app.screen.sort_column == "params"  # type: ignore[attr-defined]
        assert [row[1] for row in table_rows(app)] == [str(first), str(second), str(third)]
        await pilot.press("r")  # the most parameters first, then the fewest
        assert [row[1] for row in table_rows(app)] == [str(third), str(second), str(first)]
        await pilot.press("m", "m")
        assert [row[0] for row in table_rows(app)] == ["A", "B", ""]
        assert "2 of 4 marked" in shown(app, "#where")
        await pilot.press("up", "up", "m")  # unmarking A makes B the new A
        assert [row[0] for row in table_rows(app)] == ["", "A", ""]


async def test_enter_compares_the_marked_runs(tmp_path: Path) -> None:
    app = app_with(Runs(), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        first, second, _ = add_sample_runs(app.progress)
        await pilot.press("h", "enter")  # nothing marked yet: says how
        assert isinstance(app.screen, RunsScreen)
        await pilot.press("down", "down", "m", "up", "m", "enter")
        for _ in range(10):
            await pilot.pause(0.1)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.run_ids == [first, second]
        legend = shown(app, "#legend")
        assert f"* A #{first} fashion-dnn (original)" in legend
        assert f"+ B #{second} fashion-dnn (edited)" in legend
        plot = app.screen.query_one(ComparePlot)
        assert plot.metric == "val_accuracy"
        assert plot.legend() == "val_accuracy  * A  + B  ─ course, full data 0.8759"
        figures = screen_text(app)
        assert "109,386" in figures and "59,146" in figures and "0.9370" in figures
        references = shown(app, "#references")
        assert "course, full data (fashion-dnn): test accuracy 0.8759" in references
        assert "A, B: stand-in data, not comparable" in references
        changes = shown(app, "#changes")
        assert '-            keras.layers.Dense(128, activation="relu"),' in changes
        assert '+            keras.layers.Dense(64, activation="relu"),' in changes
        await pilot.press("m")
        assert plot.metric == "accuracy"  # the next curve, training accuracy
        await pilot.press("escape")
        assert isinstance(app.screen, RunsScreen)


async def test_d_deletes_the_marked_runs_after_asking(tmp_path: Path) -> None:
    app = app_with(Runs(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        _, second, third = add_sample_runs(app.progress)
        folders = {run.id: run.path for run in list_runs(app.progress)}
        await pilot.press("h", "m", "m", "d")
        await pilot.pause()
        await pilot.press("n")  # no: nothing happens
        assert len(list_runs(app.progress)) == 3
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        for _ in range(10):
            await pilot.pause(0.1)
        assert [run.id for run in list_runs(app.progress)] == [1]
        assert not folders[second].exists() and not folders[third].exists()  # type: ignore[union-attr]
        assert len(table_rows(app)) == 1


async def test_a_challenge_over_budget_shows_the_table_and_trains_nothing(
    tmp_path: Path,
) -> None:
    runs = Runs(FakeRun([*training(2), PASSED]))
    app = app_with(runs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ChallengeScreen("fashion-50k"))
        await pilot.pause()
        assert "at most 50,000 parameters" in shown(app, "#summary")
        await pilot.press("r")
        for _ in range(10):
            await pilot.pause(0.1)
        assert isinstance(app.screen, BudgetScreen)
        assert runs.started == []
        assert shown(app, "#refusal") == (
            "fashion-50k: the model has 241,546 parameters, over the budget of 50,000"
        )
        assert "dense (Dense)" in shown(app, "#model") and "147,584" in shown(app, "#model")
        await pilot.press("escape")
        assert isinstance(app.screen, ChallengeScreen)


async def test_a_challenge_within_budget_trains_and_its_solution_waits(tmp_path: Path) -> None:
    runs = Runs(FakeRun([*training(2), PASSED]))
    app = app_with(runs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        copy = edit_copy("fashion-50k")  # the learner's copy: the solution's model
        copy.write_text(copy.read_text().replace("Conv2D(128, (3, 3)", "Conv2D(2, (3, 3)"))
        copy.write_text(copy.read_text().replace("Dense(128,", "Dense(16,"))
        app.push_screen(ChallengeScreen("fashion-50k"))
        await pilot.pause()
        await pilot.press("s")  # the solution waits for a pass or three tries
        assert isinstance(app.screen, ChallengeScreen)
        (notice,) = [note.message for note in app._notifications]
        assert notice == "The solution opens after a pass or 3 tries (3 to go)."
        await pilot.press("r")
        await settle(pilot)
        assert runs.started == ["fashion-50k"]


async def test_c_opens_the_challenges_and_enter_one_of_them(tmp_path: Path) -> None:
    app = app_with(Runs(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        add_sample_runs(app.progress)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChallengesScreen)
        assert "passed · best 0.9310 with 12,810 parameters [stand-in] · 1 try" in (
            screen_text(app)
        )
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChallengeScreen)
        assert app.screen.challenge.id == "iris-20"


async def test_progress_shows_where_the_learner_stands_on_each_challenge(tmp_path: Path) -> None:
    app = app_with(Runs(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        add_sample_runs(app.progress)
        await pilot.press("s")
        await pilot.pause()
        text = shown(app, "#challenges")
        assert "Challenges" in text and "pima-200" in text and "not tried yet" in text
        assert "mnist-20k     passed · best 0.9310" in text
        await pilot.press("h")
        assert isinstance(app.screen, RunsScreen)


async def test_the_curves_stay_apart_without_colour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_with(Runs(), tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        first, second, _ = add_sample_runs(app.progress)
        app.push_screen(CompareScreen([first, second]))
        for _ in range(10):
            await pilot.pause(0.1)
        plot = app.screen.query_one(ComparePlot)
        drawn = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        inside = drawn[drawn.index("┌") : drawn.index("└")]
        assert inside.count("*") >= 5 and inside.count("+") >= 5  # each run by its mark
        assert plot.legend().startswith("val_accuracy  * A  + B")
