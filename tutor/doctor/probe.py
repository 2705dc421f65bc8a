"""`dltutor doctor`'s look at TensorFlow, from a child process: `python -m tutor.doctor.probe`
imports TensorFlow (the only part of the doctor that does, as training's child is the only
part of training) and prints one JSON object of facts on stdout; `tutor.doctor.verdicts`
judges them.

The facts are what decides whether a GPU is used: the build (CPU-only, or the CUDA and
cuDNN it was built for), the GPUs TensorFlow sees, the CUDA libraries it needs and where
they are (NVIDIA's pip packages that `tensorflow[and-cuda]` brings, LD_LIBRARY_PATH, the
system's library cache), and the CUDA version the driver supports.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

SYSTEM_LIBRARY_DIRS = ("/usr/local/cuda/lib64", "/usr/lib/x86_64-linux-gnu", "/usr/lib64")


def facts(tf: Any) -> dict[str, Any]:
    """What TensorFlow says about this machine, as JSON-ready values."""
    built_with_cuda = bool(tf.test.is_built_with_cuda())
    build = dict(tf.sysconfig.get_build_info())
    cuda, cudnn = build.get("cuda_version"), build.get("cudnn_version")
    gpus = []
    for index, device in enumerate(tf.config.list_physical_devices("GPU")):
        try:
            details = dict(tf.config.experimental.get_device_details(device))
        except (RuntimeError, ValueError):
            details = {}
        capability = details.get("compute_capability")
        gpus.append(
            {
                "index": index,
                "name": str(details.get("device_name") or "GPU"),
                "compute_capability": ".".join(map(str, capability)) if capability else None,
            }
        )
    return {
        "tensorflow": str(tf.__version__),
        "keras": _version("keras"),
        "built_with_cuda": built_with_cuda,
        "cuda": str(cuda) if cuda else None,
        "cudnn": str(cudnn) if cudnn else None,
        "gpus": gpus,
        "libraries": cuda_libraries(str(cuda), str(cudnn or "")) if cuda else {},
        "driver_cuda": driver_cuda_version(),
    }


def cuda_libraries(
    cuda: str, cudnn: str, places: Iterable[Path] | None = None
) -> dict[str, str | None]:
    """Each CUDA library TensorFlow loads for a GPU, by the name it looks for, and where it
    was found (None: missing, so TensorFlow will not use the GPU)."""
    major, cudnn_major = cuda.split(".")[0], cudnn.split(".")[0]
    wanted = [
        f"libcudart.so.{major}",
        f"libcublas.so.{major}",
        "libcufft.so",
        "libcusparse.so",
        "libcusolver.so",
        f"libcudnn.so.{cudnn_major}" if cudnn_major else "libcudnn.so",
    ]
    folders = list(places) if places is not None else library_folders()
    cache = _ldconfig_cache() if places is None else {}
    found: dict[str, str | None] = {}
    for name in wanted:
        found[name] = _find(name, folders) or next(
            (path for soname, path in cache.items() if soname.startswith(name)), None
        )
    return found


def library_folders() -> list[Path]:
    """Where TensorFlow finds CUDA libraries: the `lib` folders of NVIDIA's pip packages
    (`nvidia/cudnn/lib`, ...), LD_LIBRARY_PATH, the usual system folders."""
    folders: list[Path] = []
    with contextlib.suppress(ImportError, ValueError):
        spec = importlib.util.find_spec("nvidia")
        for root in (spec.submodule_search_locations or []) if spec else []:
            folders += sorted(Path(root).glob("*/lib"))
    folders += [Path(part) for part in os.environ.get("LD_LIBRARY_PATH", "").split(":") if part]
    return folders + [Path(folder) for folder in SYSTEM_LIBRARY_DIRS]


def _find(name: str, folders: Iterable[Path]) -> str | None:
    for folder in folders:
        with contextlib.suppress(OSError):
            for path in sorted(folder.glob(name + "*")):
                return str(path)
    return None


def _ldconfig_cache() -> dict[str, str]:
    """The system's library cache (`ldconfig -p`): soname -> path."""
    try:
        listing = subprocess.run(
            ["ldconfig", "-p"], capture_output=True, text=True, timeout=3, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    cache = {}
    for line in listing.splitlines():
        name, _, path = line.strip().partition(" => ")
        if path:
            cache[name.split(" ")[0]] = path
    return cache


def driver_cuda_version() -> str | None:
    """The newest CUDA the NVIDIA driver supports (`12.4`), from the driver's own library;
    None without a driver."""
    try:
        driver = ctypes.CDLL("libcuda.so.1")
        version = ctypes.c_int()
        if driver.cuDriverGetVersion(ctypes.byref(version)) != 0:
            return None
    except (OSError, AttributeError):
        return None
    return f"{version.value // 1000}.{version.value % 1000 // 10}"


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def main() -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ["CUDA_DEVICE_ORDER"] = "PCI_BUS_ID"  # GPUs numbered as nvidia-smi does
    try:
        import tensorflow as tf
    except Exception as error:  # a broken install: the doctor says so
        print(json.dumps({"import_error": f"{type(error).__name__}: {error}"}))
        return 0
    print(json.dumps(facts(tf)))
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip TensorFlow's slow teardown
