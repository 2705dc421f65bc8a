"""Stand-ins for what a GPU box has and this machine does not: NVIDIA's management library
(`pynvml`), and a TensorFlow package the child processes import instead of the real one.

No machine that runs these tests has a GPU, so every GPU path is checked against these.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest

from tutor import gpu

MB = 1024 * 1024
FAKE_PACKAGES = Path(__file__).parent / "fake_packages"
"""A `tensorflow`, a `keras` and a `pynvml` that the doctor's probe and the training
child import when this folder leads PYTHONPATH (see `fake_packages/tensorflow`)."""


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

    def __init__(self, *gpus: FakeGpu, broken: bool = False) -> None:
        self.gpus = list(gpus)
        self.broken = broken
        self.inits = 0

    def nvmlInit(self) -> None:
        self.inits += 1
        if self.broken:
            raise NVMLError("Driver Not Loaded")

    def nvmlDeviceGetCount(self) -> int:
        return len(self.gpus)

    def nvmlSystemGetDriverVersion(self) -> str:
        return "550.54.15"

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
