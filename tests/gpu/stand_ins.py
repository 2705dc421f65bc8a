"""Stand-ins for what a GPU box has and this machine does not: NVIDIA's management library
(`pynvml`), and a TensorFlow package the child processes import instead of the real one.

No machine that runs these tests has a GPU, so every GPU path is checked against these.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from tutor import gpu

MB = 1024 * 1024
FAKE_PACKAGES = Path(__file__).parent / "fake_packages"
"""A `tensorflow`, a `keras` and a `pynvml` that the doctor's probe and the training
child import when this folder leads PYTHONPATH (see `fake_packages/tensorflow`)."""
GPU_EXERCISES = Path(__file__).parent / "fixtures" / "exercises"
H200 = {"name": "NVIDIA H200", "capability": [9, 0]}


class NVMLError(Exception):
    pass


@dataclass
class FakeGpu:
    name: str = "NVIDIA H200"
    total_mb: int = 143_771
    used_mb: int = 0
    utilisation: int | None = 0
    processes: list[tuple[int, str, int | None]] = field(default_factory=list)
    """(pid, process name, MB)."""
    uuid: str = "GPU-00000000-1111-2222-3333-444444444444"


class FakeNvml:
    """The calls `tutor.gpu` makes, on `gpus`; `broken` makes `nvmlInit` fail as it does
    without a driver."""

    NVMLError = NVMLError

    def __init__(self, *gpus: FakeGpu, broken: bool = False, cuda_driver: int = 12040) -> None:
        self.gpus = list(gpus)
        self.broken = broken
        self.cuda_driver = cuda_driver
        """The newest CUDA the driver supports, as NVML writes it (12040: CUDA 12.4)."""
        self.inits = 0

    def nvmlInit(self) -> None:
        self.inits += 1
        if self.broken:
            raise NVMLError("Driver Not Loaded")

    def nvmlDeviceGetCount(self) -> int:
        return len(self.gpus)

    def nvmlSystemGetDriverVersion(self) -> str:
        return "550.54.15"

    def nvmlSystemGetCudaDriverVersion(self) -> int:
        return self.cuda_driver

    def nvmlDeviceGetHandleByIndex(self, index: int) -> FakeGpu:
        if not 0 <= index < len(self.gpus):
            raise NVMLError("Invalid Argument")
        return self.gpus[index]

    def nvmlDeviceGetHandleByUUID(self, uuid: str) -> FakeGpu:
        for item in self.gpus:
            if item.uuid == uuid:
                return item
        raise NVMLError("Not Found")

    def nvmlDeviceGetName(self, handle: FakeGpu) -> str:
        return handle.name

    def nvmlDeviceGetMemoryInfo(self, handle: FakeGpu) -> SimpleNamespace:
        return SimpleNamespace(total=handle.total_mb * MB, used=handle.used_mb * MB)

    def nvmlDeviceGetUtilizationRates(self, handle: FakeGpu) -> SimpleNamespace:
        if handle.utilisation is None:
            raise NVMLError("Not Supported")
        return SimpleNamespace(gpu=handle.utilisation, memory=0)

    def nvmlDeviceGetComputeRunningProcesses(self, handle: FakeGpu) -> list[SimpleNamespace]:
        return [
            SimpleNamespace(pid=pid, usedGpuMemory=None if used is None else used * MB)
            for pid, _, used in handle.processes
        ]

    def nvmlSystemGetProcessName(self, pid: int) -> str:
        for item in self.gpus:
            for known, name, _ in item.processes:
                if known == pid and name:
                    return name
        raise NVMLError("Not Found")


def use_nvml(monkeypatch: pytest.MonkeyPatch, fake: FakeNvml | None) -> None:
    """Make `tutor.gpu` open `fake` (None: no `pynvml` installed at all)."""
    monkeypatch.setitem(sys.modules, "pynvml", fake)  # None makes `import pynvml` fail
    gpu.nvml.cache_clear()


def standin_env(
    tensorflow: dict[str, Any] | None = None,
    nvml: list[dict[str, Any]] | None = None,
    cuda_driver: int = 12040,
) -> dict[str, str]:
    """The environment of a child process that imports the stand-ins: TensorFlow set up
    as `tensorflow` says, NVML with the GPUs in `nvml` (None: no driver) and a driver for
    CUDA `cuda_driver`, the GPU test exercises."""
    env = {
        "PYTHONPATH": os.pathsep.join([str(FAKE_PACKAGES), str(Path(__file__).parents[2])]),
        "STANDIN_TENSORFLOW": json.dumps(tensorflow or {}),
        "DLTUTOR_EXERCISES": str(GPU_EXERCISES),
        "STANDIN_NVML_CUDA": str(cuda_driver),
    }
    if nvml is not None:
        env["STANDIN_NVML"] = json.dumps(nvml)
    return env


def fake_tensorflow(
    monkeypatch: pytest.MonkeyPatch, setup: dict[str, Any], visible: str | None = None
) -> ModuleType:
    """A fresh stand-in TensorFlow set up as `setup` (with CUDA_VISIBLE_DEVICES `visible`),
    imported in this process as `tensorflow`."""
    monkeypatch.setenv("STANDIN_TENSORFLOW", json.dumps(setup))
    if visible is None:
        monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    else:
        monkeypatch.setenv("CUDA_VISIBLE_DEVICES", visible)
    spec = importlib.util.spec_from_file_location(
        "tensorflow", FAKE_PACKAGES / "tensorflow" / "__init__.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setitem(sys.modules, "tensorflow", module)
    return module
