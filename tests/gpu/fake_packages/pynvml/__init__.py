"""A stand-in for nvidia-ml-py in the child processes of tests/gpu: the GPUs and processes
in the JSON of `STANDIN_NVML` (a list of `tests.gpu.stand_ins.FakeGpu` fields) with a driver
for the CUDA of `STANDIN_NVML_CUDA`, or a library whose driver is missing when unset."""

from __future__ import annotations

import json
import os

from tests.gpu.stand_ins import FakeGpu, FakeNvml

_setup = os.environ.get("STANDIN_NVML")
_nvml = FakeNvml(
    *(FakeGpu(**gpu) for gpu in json.loads(_setup or "[]")),
    broken=_setup is None,
    cuda_driver=int(os.environ.get("STANDIN_NVML_CUDA") or 12040),
)
NVMLError = FakeNvml.NVMLError


def __getattr__(name: str) -> object:
    return getattr(_nvml, name)
