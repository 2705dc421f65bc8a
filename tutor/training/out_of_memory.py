"""A run that ran out of memory, said in one line with what to do, instead of TensorFlow's
screenful of allocator statistics.

On a shared GPU the usual cause is someone else's process, so the line names who holds the
GPU's memory (NVML lists them; `tutor.gpu`). Recognised by name and by TensorFlow's
wording, so the check needs no TensorFlow import: a `ResourceExhaustedError` ('OOM when
allocating tensor'), and the errors a GPU that is already full gives when data is copied
to it ('Dst tensor is not initialized', CUDA's 'out of memory').
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from tutor import gpu
from tutor.training.protocol import (
    OUT_OF_GPU_CAP,
    OUT_OF_GPU_MEMORY,
    OUT_OF_GPU_MEMORY_HELD,
    OUT_OF_MEMORY,
    Error,
)

_SIGNS = re.compile(
    r"OOM when allocating|out of memory|Dst tensor is not initialized|CUDA_ERROR_OUT_OF_MEMORY",
    re.IGNORECASE,
)


def is_out_of_memory(error: BaseException) -> bool:
    """Whether `error`, or an error it was raised from, is running out of memory."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if type(current).__name__ == "ResourceExhaustedError" or _SIGNS.search(str(current)):
            return True
        current = current.__cause__ or current.__context__
    return False


def out_of_memory_error(
    batch_size: int | None, gpu_ids: Sequence[str], cap_mb: int | None = None
) -> Error:
    """The line for a run that ran out of memory on `gpu_ids` (none: on the CPU), whose
    memory on each GPU was capped at `cap_mb`."""
    batch = str(batch_size) if batch_size is not None else "?"
    if not gpu_ids:
        return Error.of(OUT_OF_MEMORY, batch=batch)
    if cap_mb is not None:
        return Error.of(OUT_OF_GPU_CAP, cap=cap_mb, batch=batch)
    holders = gpu.memory_holders(gpu.read_gpus(gpu_ids) or [], except_pid=os.getpid())
    if holders:
        return Error.of(OUT_OF_GPU_MEMORY_HELD, batch=batch, holders=holders)
    return Error.of(OUT_OF_GPU_MEMORY, batch=batch)


def batch_size_of(script_args: Sequence[str], default: int | None) -> int | None:
    """The batch size the script was given (`--batch-size 64` or `--batch-size=64`), else
    the catalogue's."""
    for index, argument in enumerate(script_args):
        value = None
        if argument == "--batch-size" and index + 1 < len(script_args):
            value = script_args[index + 1]
        elif argument.startswith("--batch-size="):
            value = argument.split("=", 1)[1]
        if value is not None and value.isdigit():
            return int(value)
    return default
