"""A stand-in for TensorFlow in the child processes of tests/gpu (the doctor's probe, the
training child): what a GPU box's TensorFlow would answer, set by the JSON in
`STANDIN_TENSORFLOW`: `version`, `cuda_build`, `cuda_version`, `cudnn_version`, `gpus`
(each `{"name": ..., "capability": [9, 0]}`), `peak_mb`. Like CUDA, it hides the GPUs
that CUDA_VISIBLE_DEVICES leaves out; `STANDIN_IMPORT_SECONDS` makes its import that slow."""

from __future__ import annotations

import contextlib
import json
import os
import time
from types import SimpleNamespace
from typing import NamedTuple

time.sleep(float(os.environ.get("STANDIN_IMPORT_SECONDS") or 0))
_SETUP = json.loads(os.environ.get("STANDIN_TENSORFLOW") or "{}")
__version__ = _SETUP.get("version", "2.21.0")
MB = 1024 * 1024


class PhysicalDevice(NamedTuple):
    name: str
    device_type: str


class LogicalDevice(NamedTuple):
    name: str
    device_type: str


def _visible_gpus() -> list[tuple[PhysicalDevice, dict]]:
    gpus = _SETUP.get("gpus", []) if _SETUP.get("cuda_build", True) else []  # CPU-only
    hidden = os.environ.get("CUDA_VISIBLE_DEVICES")
    indices = list(range(len(gpus)))
    if hidden is not None:
        indices = []
        for entry in hidden.split(","):
            if not entry.strip().isdigit() or int(entry) >= len(gpus):
                break
            indices.append(int(entry))
    return [
        (PhysicalDevice(f"/physical_device:GPU:{number}", "GPU"), gpus[index])
        for number, index in enumerate(indices)
    ]


_GPUS = _visible_gpus()
_CPU = PhysicalDevice("/physical_device:CPU:0", "CPU")
_state = {"visible": [device for device, _ in _GPUS], "caps": {}, "growth": {}}


def _list_physical(kind: str | None = None) -> list[PhysicalDevice]:
    gpus = [device for device, _ in _GPUS]
    return {"GPU": gpus, "CPU": [_CPU]}.get(kind or "", [_CPU, *gpus])


def _list_logical(kind: str | None = None) -> list[LogicalDevice]:
    if kind == "GPU":
        return [LogicalDevice(f"/device:GPU:{i}", "GPU") for i in range(len(_state["visible"]))]
    return [LogicalDevice("/device:CPU:0", "CPU")]


def _details(device: PhysicalDevice) -> dict:
    for known, setup in _GPUS:
        if known == device:
            return {
                "device_name": setup["name"],
                "compute_capability": tuple(setup.get("capability", (9, 0))),
            }
    raise ValueError("not a GPU")


def _set_visible(devices: list[PhysicalDevice], kind: str) -> None:
    _state["visible"] = list(devices)


def _set_logical(device: PhysicalDevice, configs: list) -> None:
    _state["caps"][device.name] = [config.memory_limit for config in configs]


def _memory_info(name: str) -> dict[str, int]:
    peak = int(_SETUP.get("peak_mb", 0) * MB)
    return {"current": 0, "peak": peak}


class LogicalDeviceConfiguration(NamedTuple):
    memory_limit: int | None = None


class _Mirrored:
    def __init__(self, devices: list[str] | None = None) -> None:
        self.num_replicas_in_sync = len(devices) if devices else max(len(_state["visible"]), 1)

    def scope(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()


class ResourceExhaustedError(Exception):
    def __init__(self, node_def: object, op: object, message: str) -> None:
        super().__init__(message)


config = SimpleNamespace(
    list_physical_devices=_list_physical,
    list_logical_devices=_list_logical,
    set_visible_devices=_set_visible,
    set_logical_device_configuration=_set_logical,
    LogicalDeviceConfiguration=LogicalDeviceConfiguration,
    experimental=SimpleNamespace(
        set_memory_growth=lambda device, on: _state["growth"].__setitem__(device.name, on),
        get_device_details=_details,
        get_memory_info=_memory_info,
    ),
)
distribute = SimpleNamespace(MirroredStrategy=_Mirrored)
errors = SimpleNamespace(ResourceExhaustedError=ResourceExhaustedError)
test = SimpleNamespace(is_built_with_cuda=lambda: bool(_SETUP.get("cuda_build", True)))
sysconfig = SimpleNamespace(
    get_build_info=lambda: {
        "is_cuda_build": bool(_SETUP.get("cuda_build", True)),
        **(
            {
                "cuda_version": _SETUP.get("cuda_version", "12.5.1"),
                "cudnn_version": _SETUP.get("cudnn_version", "9"),
            }
            if _SETUP.get("cuda_build", True)
            else {}
        ),
    }
)
