"""The child's device set-up on a GPU box, against a stand-in for `tensorflow.config`.

No GPU machine runs these tests, so the GPU path is checked here with a fake TensorFlow
that records what the child asks of it: memory growth on every GPU, the GPU's name in
the start event, `--device gpu` accepted, MirroredStrategy over all local GPUs. The real
TensorFlow on a CPU is covered by test_runner.py and test_cli_run.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tutor.exercises import exercise
from tutor.training import child


class FakeTensorFlow:
    """Just the calls the child makes, with `gpus` physical GPUs named `name`."""

    def __init__(self, gpus: int, name: str = "NVIDIA H200") -> None:
        self.gpus = [f"/physical_device:GPU:{index}" for index in range(gpus)]
        self.growth: dict[str, bool] = {}
        self.strategies: list[dict[str, object]] = []
        experimental = SimpleNamespace(
            set_memory_growth=self.growth.__setitem__,
            get_device_details=lambda gpu: {"device_name": name},
        )
        self.config = SimpleNamespace(
            list_physical_devices=lambda kind: self.gpus if kind == "GPU" else ["cpu:0"],
            list_logical_devices=lambda kind: [],
            experimental=experimental,
        )
        self.distribute = SimpleNamespace(MirroredStrategy=self._mirrored)

    def _mirrored(self, **options: object) -> SimpleNamespace:
        self.strategies.append(options)
        return SimpleNamespace(num_replicas_in_sync=len(self.gpus))


def prepare(fake: FakeTensorFlow, monkeypatch: pytest.MonkeyPatch, *argv: str):  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "tensorflow", fake)
    args = child._parse(["--events-fd", "3", "--exercise", "tiny", *argv])
    return child._prepare_devices(exercise("tiny"), Path("tiny.py"), args)


def test_every_gpu_gets_memory_growth_and_the_start_event_names_it(
    tiny_exercises: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeTensorFlow(gpus=1)
    start, strategy = prepare(fake, monkeypatch, "--device", "gpu")
    assert fake.growth == {"/physical_device:GPU:0": True}
    assert start.device == "NVIDIA H200" and strategy is None


def test_mirrored_spreads_over_all_local_gpus(
    tiny_exercises: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeTensorFlow(gpus=2)
    start, strategy = prepare(fake, monkeypatch, "--strategy", "mirrored")
    assert fake.growth == {gpu: True for gpu in fake.gpus}
    assert fake.strategies == [{}]  # TensorFlow's default: every local GPU
    assert start.device == "2 x NVIDIA H200"
    assert start.replicas == strategy.num_replicas_in_sync == 2


def test_gpu_without_a_gpu_is_refused(
    tiny_exercises: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(child.DeviceError, match="no GPU is visible"):
        prepare(FakeTensorFlow(gpus=0), monkeypatch, "--device", "gpu")


def test_the_environment_asks_for_growth_and_cpu_hides_the_gpus(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("CUDA_VISIBLE_DEVICES", "TF_FORCE_GPU_ALLOW_GROWTH"):
        monkeypatch.delenv(name, raising=False)
    child.configure_environment("gpu")
    assert os.environ["TF_FORCE_GPU_ALLOW_GROWTH"] == "true"
    assert "CUDA_VISIBLE_DEVICES" not in os.environ
    child.configure_environment("cpu")
    assert os.environ["CUDA_VISIBLE_DEVICES"] == ""
