"""The GPUs as NVIDIA's management library (NVML) sees them: utilisation, memory, and who
holds it, read without TensorFlow, so the app and `dltutor run` can show a run's GPU.

NVML comes with the `gpu` extra (`nvidia-ml-py`, module `pynvml`) and talks to the driver
directly: a read costs well under a millisecond once the library is open. It is imported
and opened lazily, once a process; a missing package, library or driver, or any NVML
error, means no readings (None), never an exception: a laptop simply has no GPU panel.

GPU ids are NVML's: an index as `nvidia-smi` numbers the GPUs (PCI bus order; the training
child sets `CUDA_DEVICE_ORDER=PCI_BUS_ID` so that TensorFlow counts the same way), or a
`GPU-…` UUID when `CUDA_VISIBLE_DEVICES` names one.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tutor.i18n import translate

VISIBLE_DEVICES_ENV = "CUDA_VISIBLE_DEVICES"
SAMPLE_INTERVAL_S = 1.0
MB = 1024 * 1024
HOLDERS_SHOWN = 3


@dataclass(frozen=True)
class GpuProcess:
    """A process with memory on a GPU (`name` is empty where NVML may not tell, e.g. a
    process of another container)."""

    pid: int
    name: str
    memory_mb: float | None


@dataclass(frozen=True)
class GpuReading:
    """One GPU at one moment."""

    id: str
    name: str
    utilisation: int | None
    """Percent of the last sample period in which a kernel ran (None: not supported, e.g.
    a MIG slice)."""
    used_mb: float
    total_mb: float
    run_mb: float | None
    """Held by the run's process group; None when NVML lists none of its processes (not
    started on the GPU yet, or process ids from another PID namespace, as in a container)."""
    processes: tuple[GpuProcess, ...] = ()


@functools.cache
def nvml() -> Any | None:
    """The opened `pynvml` module, or None where NVML cannot be used here."""
    try:
        import pynvml

        pynvml.nvmlInit()
    except Exception:  # ImportError, NVMLError (no library, no driver, driver mismatch), OSError
        return None
    return pynvml


def visible_gpu_ids(environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The GPUs `CUDA_VISIBLE_DEVICES` leaves to CUDA, as NVML ids, in CUDA's order; None
    when it is unset (all of them). Like CUDA, the list ends at the first entry that is
    neither an index nor a UUID, so `""` and `-1` hide every GPU."""
    env = os.environ if environ is None else environ
    value = env.get(VISIBLE_DEVICES_ENV)
    if value is None:
        return None
    ids: list[str] = []
    for entry in (part.strip() for part in value.split(",")):
        if not (entry.isdigit() or entry.startswith(("GPU-", "MIG-"))):
            break
        ids.append(str(int(entry)) if entry.isdigit() else entry)
    return ids


def nvml_ids(
    tensorflow_indices: Sequence[int], environ: Mapping[str, str] | None = None
) -> list[str]:
    """NVML's ids of the GPUs TensorFlow numbers `tensorflow_indices` (TensorFlow counts
    only the visible GPUs, in PCI bus order under the child's `CUDA_DEVICE_ORDER`)."""
    visible = visible_gpu_ids(environ)
    if visible is None:
        return [str(index) for index in tensorflow_indices]
    return [visible[index] for index in tensorflow_indices if index < len(visible)]


def gpu_count() -> int:
    """GPUs on this machine as NVML counts them (0 without NVML)."""
    library = nvml()
    if library is None:
        return 0
    try:
        return int(library.nvmlDeviceGetCount())
    except Exception:
        return 0


def driver_version() -> str | None:
    """The NVIDIA driver's version (`550.54.15`), None without NVML."""
    library = nvml()
    if library is None:
        return None
    try:
        return str(library.nvmlSystemGetDriverVersion())
    except Exception:
        return None


def read_gpus(
    ids: Sequence[str] | None = None, run_pid: int | None = None
) -> list[GpuReading] | None:
    """A reading of each GPU in `ids` (default: every GPU NVML sees), with the memory of
    the process group led by `run_pid`; None without NVML. A GPU that cannot be read is
    left out."""
    library = nvml()
    if library is None:
        return None
    if ids is None:
        ids = [str(index) for index in range(gpu_count())]
    readings = []
    for gpu_id in ids:
        with contextlib.suppress(Exception):
            readings.append(_read(library, gpu_id, run_pid))
    return readings


def _read(library: Any, gpu_id: str, run_pid: int | None) -> GpuReading:
    if gpu_id.isdigit():
        handle = library.nvmlDeviceGetHandleByIndex(int(gpu_id))
    else:
        handle = library.nvmlDeviceGetHandleByUUID(gpu_id)
    memory = library.nvmlDeviceGetMemoryInfo(handle)
    try:
        utilisation: int | None = int(library.nvmlDeviceGetUtilizationRates(handle).gpu)
    except Exception:  # not supported (MIG), or no permission
        utilisation = None
    processes = _processes(library, handle)
    mine = [item for item in processes if run_pid is not None and _in_group(item.pid, run_pid)]
    run_mb = sum(item.memory_mb or 0 for item in mine) if mine else None
    return GpuReading(
        id=gpu_id,
        name=str(library.nvmlDeviceGetName(handle)),
        utilisation=utilisation,
        used_mb=memory.used / MB,
        total_mb=memory.total / MB,
        run_mb=run_mb,
        processes=tuple(processes),
    )


def _processes(library: Any, handle: Any) -> list[GpuProcess]:
    try:
        running = library.nvmlDeviceGetComputeRunningProcesses(handle)
    except Exception:
        return []
    processes = []
    for item in running:
        try:
            name = os.path.basename(str(library.nvmlSystemGetProcessName(item.pid)))
        except Exception:
            name = ""
        used = getattr(item, "usedGpuMemory", None)
        processes.append(GpuProcess(int(item.pid), name, used / MB if used is not None else None))
    return processes


def _in_group(pid: int, leader: int) -> bool:
    """Whether `pid` is the run's child or one of its own children (the child leads its
    process group)."""
    if pid == leader:
        return True
    try:
        return os.getpgid(pid) == leader
    except OSError:
        return False


def memory_holders(readings: Sequence[GpuReading], except_pid: int | None = None) -> str:
    """The processes holding the most memory on these GPUs, for an out-of-memory message:
    `python (PID 4242) 30.5 GB, PID 77 1.0 GB`; empty when none is listed."""
    holders = sorted(
        (item for reading in readings for item in reading.processes if item.pid != except_pid),
        key=lambda item: item.memory_mb or 0,
        reverse=True,
    )
    return ", ".join(_holder(item) for item in holders[:HOLDERS_SHOWN])


def _holder(item: GpuProcess) -> str:
    who = f"{item.name} (PID {item.pid})" if item.name else f"PID {item.pid}"
    return who + (f" {_gigabytes(item.memory_mb)}" if item.memory_mb is not None else "")


def gpu_line(readings: Sequence[GpuReading], lang: str = "en") -> str:
    """`GPU 0: 45% busy · this run 1.2 GB · 3.4 of 80.0 GB in use`, for the exercise
    screen's GPU panel and `dltutor run`'s status line; several GPUs are summed."""
    if not readings:
        return ""
    if len(readings) == 1:
        head = f"GPU {readings[0].id}"
    else:
        head = translate("{n} GPUs", lang).format(n=len(readings))
    parts = []
    busy = [reading.utilisation for reading in readings if reading.utilisation is not None]
    if busy:
        percent = round(sum(busy) / len(busy))
        parts.append(translate("{percent}% busy", lang).format(percent=percent))
    run = [reading.run_mb for reading in readings if reading.run_mb is not None]
    if run:
        parts.append(translate("this run {memory}", lang).format(memory=_gigabytes(sum(run))))
    used = _gigabytes(sum(reading.used_mb for reading in readings), unit=False)
    total = _gigabytes(sum(reading.total_mb for reading in readings))
    parts.append(translate("{used} of {total} in use", lang).format(used=used, total=total))
    return f"{head}: " + " · ".join(parts)


def _gigabytes(megabytes: float, *, unit: bool = True) -> str:
    text = f"{megabytes / 1024:.1f}"
    return f"{text} GB" if unit else text


class GpuSampler:
    """Reads the run's GPUs every `interval` seconds in a thread of its own, so a display
    only looks at `latest` (a screen's timer, a status line): NVML never runs on the UI
    thread, and a stuck driver call can delay only this thread."""

    def __init__(
        self, ids: Sequence[str], run_pid: int | None, interval: float = SAMPLE_INTERVAL_S
    ) -> None:
        self.ids = list(ids)
        self.run_pid = run_pid
        self.interval = interval
        self.latest: list[GpuReading] | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="gpu-sampler", daemon=True)

    def start(self) -> GpuSampler:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            readings = read_gpus(self.ids, self.run_pid)
            if readings is None:  # no NVML: nothing to show, ever
                return
            self.latest = readings
            self._stop.wait(self.interval)
