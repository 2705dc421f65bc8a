"""The training child on a GPU box, against the stand-in TensorFlow: `--gpu N`,
`--gpu-memory MB`, `--mixed-precision` and their one-line refusals, GPUs numbered as
nvidia-smi numbers them. `dltutor run` end to end with the stand-ins: the start line,
out-of-memory in one line that names who holds the GPU, mixed precision refused on a CPU.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import dltutor
from tests.gpu.stand_ins import GPU_EXERCISES, H200, fake_tensorflow, standin_env
from tutor.exercises import exercise
from tutor.training import child
from tutor.training.gpu_devices import DeviceError


@pytest.fixture
def gpu_exercises(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DLTUTOR_EXERCISES", str(GPU_EXERCISES))
    return GPU_EXERCISES


def prepare(*argv: str):  # type: ignore[no-untyped-def]
    args = child._parse(["--events-fd", "3", "--exercise", "quiet", *argv])
    start, strategy = child._prepare_devices(exercise("quiet"), Path("quiet.py"), args)
    return start, strategy, args


def state(tf: ModuleType) -> dict:  # type: ignore[type-arg]
    return tf._state  # type: ignore[no-any-return, attr-defined]


def test_gpu_n_trains_on_that_gpu_alone(
    gpu_exercises: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a100 = {"name": "NVIDIA A100", "capability": [8, 0]}
    tf = fake_tensorflow(monkeypatch, {"gpus": [H200, a100]})
    start, strategy, _ = prepare("--gpu", "1")
    assert start.device == "NVIDIA A100" and start.gpus == ["1"] and strategy is None
    assert [device.name for device in state(tf)["visible"]] == ["/physical_device:GPU:1"]
    assert state(tf)["growth"] == {"/physical_device:GPU:1": True}


def test_gpu_numbers_follow_cuda_visible_devices(
    gpu_exercises: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With CUDA_VISIBLE_DEVICES=2,3 TensorFlow's GPU 1 is the machine's GPU 3: the panel
    must read GPU 3."""
    fake_tensorflow(monkeypatch, {"gpus": [H200] * 4}, visible="2,3")
    start, _, _ = prepare("--gpu", "1")
    assert start.gpus == ["3"]
    start, _, _ = prepare()
    assert start.gpus == ["2", "3"] and start.device == "2 x NVIDIA H200"


@pytest.mark.parametrize(
    ("gpus", "argv", "message"),
    [
        (2, ["--gpu", "2"], "there is no GPU 2: TensorFlow sees 2, numbered from 0"),
        (0, ["--gpu", "0"], "--gpu needs a GPU, and this run has none (dltutor doctor says why)"),
        (0, ["--gpu-memory", "2048"], "--gpu-memory needs a GPU, and this run has none"),
        (0, ["--mixed-precision"], "--mixed-precision needs a GPU, and this run has none"),
    ],
)
def test_device_options_the_machine_cannot_honour_are_refused_in_one_line(
    gpu_exercises: Path, monkeypatch: pytest.MonkeyPatch, gpus: int, argv: list[str], message: str
) -> None:
    fake_tensorflow(monkeypatch, {"gpus": [H200] * gpus})
    with pytest.raises(DeviceError) as caught:
        prepare(*argv)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert caught.value.error.template  # translatable: the tutor's own message


def test_a_memory_cap_is_a_logical_device_with_a_limit_on_each_gpu(
    gpu_exercises: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tf = fake_tensorflow(monkeypatch, {"gpus": [H200, H200]})
    start, strategy, _ = prepare("--gpu-memory", "2048", "--strategy", "mirrored")
    assert state(tf)["caps"] == {
        "/physical_device:GPU:0": [2048],
        "/physical_device:GPU:1": [2048],
    }
    assert state(tf)["growth"] == {}  # TensorFlow refuses growth on a capped GPU
    assert start.gpu_memory_mb == 2048 and start.replicas == strategy.num_replicas_in_sync == 2


def test_mixed_precision_is_refused_where_the_gpu_gains_nothing(
    gpu_exercises: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_tensorflow(monkeypatch, {"gpus": [{"name": "Tesla P100-PCIE-16GB", "capability": [6, 0]}]})
    with pytest.raises(DeviceError, match=r"gains nothing on Tesla P100-PCIE-16GB \(compute"):
        prepare("--mixed-precision")


def test_the_environment_numbers_gpus_as_nvidia_smi_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CUDA_DEVICE_ORDER", raising=False)
    child.configure_environment(None)
    assert os.environ["CUDA_DEVICE_ORDER"] == "PCI_BUS_ID"


# --- dltutor run with the stand-ins, end to end --------------------------------------------


def run(*args: str, tensorflow: dict, nvml: list | None = None):  # type: ignore[no-untyped-def, type-arg]
    return dltutor("run", *args, env=standin_env(tensorflow, nvml), timeout=60)


def test_the_start_line_says_the_gpu_the_cap_and_mixed_precision() -> None:
    result = run(
        "quiet", "--gpu-memory", "4096", "--mixed-precision", tensorflow={"gpus": [H200]}
    )
    assert result.returncode == 0, result.stderr
    assert (
        "quiet on NVIDIA H200, mixed precision (float16, output layer float32), "
        "at most 4096 MB of GPU memory"
    ) in result.stdout


def test_mixed_precision_on_a_cpu_is_one_line_in_both_languages() -> None:
    for lang, expected in (
        ("en", "dltutor: error: --mixed-precision needs a GPU, and this run has none"),
        ("ko", "--mixed-precision에는 GPU가 필요한데 이 실행에는 GPU가 없습니다"),
    ):
        result = run("--lang", lang, "quiet", "--mixed-precision", tensorflow={"gpus": []})
        assert result.returncode == 1
        assert expected in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_out_of_gpu_memory_is_one_line_naming_what_to_do_and_who_holds_the_gpu() -> None:
    nvml = [{"used_mb": 140_000, "processes": [[4243, "jupyter", 120_000], [77, "", 20_000]]}]
    result = run("oom", "--json", tensorflow={"gpus": [H200]}, nvml=nvml)
    assert result.returncode == 1
    events = [json.loads(line) for line in result.stdout.splitlines()]
    (error,) = [event for event in events if event["event"] == "error"]
    assert error["message"] == (
        "the GPU ran out of memory at batch size 128: try a smaller --batch-size or another "
        "GPU (--gpu N); on a shared GPU, --gpu-memory MB caps each run so that runs fit side "
        "by side; in use now: jupyter (PID 4243) 117.2 GB, PID 77 19.5 GB"
    )
    assert error["traceback"] == ""  # not TensorFlow's screenful


def test_out_of_memory_under_a_cap_says_the_cap_and_the_batch() -> None:
    result = run("oom", "--gpu-memory", "1024", "--batch-size", "512", tensorflow={"gpus": [H200]})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "dltutor: error: the run filled its --gpu-memory cap of 1024 MB at batch size 512: "
        "raise the cap or try a smaller --batch-size"
    )


def test_out_of_memory_on_the_cpu_asks_for_a_smaller_batch() -> None:
    result = run("oom", "--lang", "ko", tensorflow={"gpus": []})
    assert result.returncode == 1
    assert "배치 크기 128에서 메모리가 모자랐습니다" in result.stderr
