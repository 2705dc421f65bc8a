"""What `dltutor run` and the exercise screen say about a GPU run, in both languages: the
start line (cap, mixed precision), the peak GPU memory in the result, and the status line
with the GPU's load while a batch trains."""

from __future__ import annotations

import io
import os
import time

import pytest

from tests.cli_helpers import english_prose
from tests.gpu.stand_ins import FakeGpu, FakeNvml, use_nvml
from tutor.exercises import exercise
from tutor.training.console import TextDisplay
from tutor.training.protocol import Batch, Fit, Result, Start
from tutor.training.report import result_lines, start_text

START = Start(
    "mnist-cnn", "NVIDIA H200", "mnist", offline=True, gpus=["0"], gpu_memory_mb=4096,
    mixed_precision=True, pid=os.getpid(),
)  # fmt: skip
KERAS_NAMES = {"NVIDIA", "GPU", "MB", "float16", "float32", "mnist", "cnn"}


def test_the_start_line_in_both_languages() -> None:
    assert start_text(START) == (
        "mnist-cnn on NVIDIA H200, mixed precision (float16, output layer float32), at most "
        "4096 MB of GPU memory, data: mnist (offline)"
    )
    korean = start_text(START, "ko")
    assert "혼합 정밀도 (float16, 출력 층은 float32)" in korean
    assert "GPU 메모리 최대 4096 MB" in korean
    assert english_prose(korean, KERAS_NAMES) - KERAS_NAMES == set(), korean


def test_the_result_says_the_peak_gpu_memory() -> None:
    result = Result("passed", gpu_memory_mb=1234.6)
    assert "Peak GPU memory: 1,235 MB" in result_lines(result)
    assert "GPU 메모리 최대 사용량: 1,235 MB" in result_lines(result, "ko")
    assert not any("GPU" in line for line in result_lines(Result("passed")))  # a CPU run


@pytest.mark.parametrize("nvml", [True, False], ids=["nvml", "no-nvml"])
def test_the_status_line_shows_the_gpu_while_a_batch_trains(
    monkeypatch: pytest.MonkeyPatch, nvml: bool
) -> None:
    fake = FakeNvml(FakeGpu(used_mb=3482, utilisation=45, processes=[(os.getpid(), "py", 1229)]))
    use_nvml(monkeypatch, fake if nvml else None)
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr("sys.stdout", io.StringIO())
    monkeypatch.setenv("COLUMNS", "200")
    display = TextDisplay(exercise("mnist-cnn"))
    display.live = True  # as on a terminal
    display.show(START)
    display.show(Fit(1, 3, 10))
    deadline = time.monotonic() + 5
    while nvml and display.gpu is not None and display.gpu.latest is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    display.show(Batch(1, 4, 10, {"loss": 0.5}))
    status = err.getvalue().rsplit("\r\x1b[K", 1)[-1]
    gpu = "GPU 0: 45% busy · this run 1.2 GB · 3.4 of 140.4 GB in use  " if nvml else ""
    assert status == f"epoch 1/3  batch 4/10  {gpu}loss 0.5000"
    display.show(Result("passed"))
    assert display.gpu is not None
    display.gpu._thread.join(timeout=5)
    assert not display.gpu._thread.is_alive()  # the sampler stops with the run
