"""The GPU on the exercise screen, against a stand-in NVML: a line under the progress bar
while a run trains on a GPU (its load, the run's memory, the whole GPU's), in English and
Korean at 80x24; absent on a CPU, after the run, and without NVML. The Options dialog's
GPU memory cap and mixed precision reach the next run."""

from __future__ import annotations

import os

import pytest
from textual.widgets import Checkbox, Input, Static

from tests.cli_helpers import english_prose
from tests.gpu.stand_ins import FakeGpu, FakeNvml, use_nvml
from tests.ui.test_exercise_screen import PASSED, FakeRun, Runs, app_with, settle
from tutor.training.protocol import Batch, Event, Fit, Start
from tutor.ui.screens.exercise import ExerciseScreen
from tutor.ui.screens.run_options import RunOptionsScreen
from tutor.ui.training import RunOptions
from tutor.ui.widgets.footer import KeyFooter
from tutor.ui.widgets.gpu_panel import GpuPanel

SIZE = (80, 24)


def on_gpu(gpus: list[str]) -> list[Event]:
    """A run whose child is this process (so NVML's process list finds it) on `gpus`."""
    return [
        Start("mnist-dnn", "NVIDIA H200", "mnist", offline=True, pid=os.getpid(), gpus=gpus),
        Fit(1, 2, 10),
        Batch(1, 5, 10, {"loss": 0.5}),
        Batch(1, 6, 10, {"loss": 0.4}),  # a run held after three events never gets here
    ]


def busy_h200() -> FakeNvml:
    return FakeNvml(
        FakeGpu(used_mb=3482, utilisation=45, processes=[(os.getpid(), "python", 1229)]),
    )


async def open_and_run(pilot) -> None:  # type: ignore[no-untyped-def]
    pilot.app.push_screen(ExerciseScreen("mnist-dnn"))
    await pilot.pause()
    await pilot.press("r")
    await settle(pilot)


def panel_text(app) -> str:  # type: ignore[no-untyped-def]
    panel = app.screen.query_one(GpuPanel)
    return str(panel.render()) if panel.display else ""


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "GPU 0: 45% busy · this run 1.2 GB · 3.4 of 140.4 GB in use"),
        ("ko", "GPU 0: 사용률 45% · 이 실행 1.2 GB · 140.4 GB 중 3.4 사용 중"),
    ],
)
async def test_a_run_on_a_gpu_shows_its_load_and_memory_at_80x24(
    tmp_path, monkeypatch: pytest.MonkeyPatch, lang: str, expected: str
) -> None:
    fake = busy_h200()
    use_nvml(monkeypatch, fake)
    run = FakeRun(on_gpu(["0"]), hold_after=3)
    app = app_with(Runs(run), tmp_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_run(pilot)
        assert panel_text(app) == expected
        panel = app.screen.query_one(GpuPanel)
        assert panel.region.width == SIZE[0] and panel.region.bottom < SIZE[1]
        assert app.screen.query_one("#log").region.height >= 6  # the output keeps its room
        assert app.screen.query_one(KeyFooter).dropped == ()
        if lang == "ko":
            assert english_prose(panel_text(app), {"GPU", "GB"}) == set()
        fake.gpus[0].utilisation = 90  # read again about once a second
        await pilot.pause(1.5)
        assert "90%" in panel_text(app)
        await pilot.press("c")
        await settle(pilot)
        assert panel_text(app) == ""  # the run has ended: its GPU is no longer shown


@pytest.mark.parametrize(
    ("nvml", "gpus"),
    [(None, ["0"]), (FakeNvml(FakeGpu(), broken=True), ["0"]), (busy_h200(), [])],
    ids=["no-nvidia-ml-py", "no-driver", "cpu-run"],
)
async def test_no_panel_without_a_gpu_to_show(
    tmp_path, monkeypatch: pytest.MonkeyPatch, nvml: FakeNvml | None, gpus: list[str]
) -> None:
    use_nvml(monkeypatch, nvml)
    app = app_with(Runs(FakeRun(on_gpu(gpus), hold_after=3)), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_run(pilot)
        await pilot.pause(1.2)
        assert panel_text(app) == ""
        assert "epoch 1/2" in str(app.screen.query_one("#status", Static).render())
        await pilot.press("c")
        await settle(pilot)


async def test_the_options_cap_the_gpu_memory_and_ask_for_mixed_precision(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_nvml(monkeypatch, busy_h200())
    runs = Runs(FakeRun([*on_gpu(["0"]), PASSED]))
    app = app_with(runs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExerciseScreen("mnist-dnn"))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, RunOptionsScreen)
        dialog = app.screen.query_one("#dialog")
        assert dialog.region.bottom <= SIZE[1] - 1  # above the footer, nothing cut
        assert app.screen.query_one("#mixed-precision", Checkbox).region.height > 0
        app.screen.query_one("#gpu-memory", Input).value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        problem = app.screen.query_one("#problem", Static)
        assert str(problem.render()) == "The GPU memory cap must be 1 to 10,000,000 MB."
        app.screen.query_one("#gpu-memory", Input).value = "4096"
        app.screen.query_one("#mixed-precision", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        status = str(app.screen.query_one("#status", Static).render())
        assert "(at most 4096 MB of GPU memory, mixed precision)" in status
        await pilot.press("r")
        await settle(pilot)
    assert runs.options == [RunOptions(gpu_memory=4096, mixed_precision=True)]


async def test_without_a_gpu_the_options_have_no_gpu_fields(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_nvml(monkeypatch, None)
    app = app_with(Runs(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExerciseScreen("mnist-dnn"))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, RunOptionsScreen)
        assert not app.screen.query("#gpu-memory") and not app.screen.query("#mixed-precision")
