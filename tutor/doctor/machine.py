"""What `dltutor doctor` learns without TensorFlow: the NVIDIA hardware and driver (PCI
devices, NVML), the datasets, the tutor's folders and their free space, the terminal.
Plain facts as JSON-ready values; `tutor.doctor.verdicts` judges them."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tutor import gpu

NVIDIA_VENDOR = "0x10de"
PCI_DEVICES = Path("/sys/bus/pci/devices")
MOUSE_TERMINALS = ("xterm", "screen", "tmux", "rxvt", "alacritty", "kitty", "wezterm", "foot",
                   "putty", "gnome", "konsole", "iterm")  # fmt: skip
"""TERM values whose terminals report mouse events, which Textual uses (none is needed)."""


def nvidia_hardware(pci_devices: Path = PCI_DEVICES) -> int:
    """NVIDIA display or 3D controllers on the PCI bus, found even without a driver."""
    count = 0
    with contextlib.suppress(OSError):
        for device in pci_devices.iterdir():
            with contextlib.suppress(OSError):
                vendor = (device / "vendor").read_text().strip()
                kind = (device / "class").read_text().strip()
                count += vendor == NVIDIA_VENDOR and kind.startswith("0x03")
    return count


def nvml_facts() -> dict[str, Any]:
    """The driver and the GPUs as NVML sees them (nothing without the library or driver)."""
    readings = gpu.read_gpus() or []
    library = gpu.nvml()
    cuda = None
    if library is not None:
        with contextlib.suppress(Exception):
            version = int(library.nvmlSystemGetCudaDriverVersion())
            cuda = f"{version // 1000}.{version % 1000 // 10}"
    return {
        "driver": gpu.driver_version(),
        "driver_cuda": cuda,
        "gpus": [
            {"id": reading.id, "name": reading.name, "memory_mb": round(reading.total_mb)}
            for reading in readings
        ],
    }


def datasets_facts() -> list[dict[str, Any]]:
    """Each dataset's state and path (read only: nothing is fetched or removed)."""
    from tutor.datasets import DATASETS, dataset_status

    return [
        {"name": item.name, "state": item.state, "path": str(item.path) if item.path else None}
        for item in (dataset_status(name) for name in DATASETS)
    ]


def folder_facts(path: Path) -> dict[str, Any]:
    """A folder the tutor writes to: its free space and whether it can be written, judged on
    the nearest folder that exists (the tutor creates the rest)."""
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    try:
        free_mb: int | None = shutil.disk_usage(existing).free // (1024 * 1024)
    except OSError:
        free_mb = None
    return {"path": str(path), "free_mb": free_mb, "writable": os.access(existing, os.W_OK)}


def paths_facts() -> dict[str, dict[str, Any]]:
    from tutor.datasets import keras_home
    from tutor.exercises import runs_dir
    from tutor.paths import data_dir

    return {
        "data": folder_facts(data_dir()),
        "runs": folder_facts(runs_dir()),
        "keras_cache": folder_facts(keras_home() / "datasets"),
    }


def terminal_facts(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The terminal the tutor would draw on: size, colours, mouse, locale, TERM, tmux or
    screen. The size is None when no standard stream is a terminal (`doctor --json > f`
    from a script)."""
    env = os.environ if environ is None else environ
    size = None
    for stream in (sys.stdout, sys.stderr, sys.stdin):
        with contextlib.suppress(AttributeError, OSError, ValueError):
            columns, lines = os.get_terminal_size(stream.fileno())
            size = [columns, lines]
            break
    term = env.get("TERM", "")
    locale = _locale(env)
    if env.get("NO_COLOR"):
        colours = "none (NO_COLOR)"
    elif env.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        colours = "16 million"
    elif "256color" in term:
        colours = "256"
    else:
        colours = "16" if term and term != "dumb" else "none"
    multiplexer = "tmux" if env.get("TMUX") else "screen" if env.get("STY") else None
    return {
        "size": size,
        "colours": colours,
        "mouse": term.startswith(MOUSE_TERMINALS),
        "utf8": "utf8" in locale.lower().replace("-", ""),
        "locale": locale or None,
        "term": term or None,
        "multiplexer": multiplexer,
    }



def _locale(env: Mapping[str, str]) -> str:
    """The locale the learner's terminal was set up with, as POSIX ranks the variables,
    seeing through Python's coercion of a C locale (PEP 538): started with `LANG=C` (or a
    locale the system lacks), Python sets LC_CTYPE to C.UTF-8 in its own environment,
    though the terminal was told nothing of UTF-8. The environment the process started
    with (/proc/self/environ) shows whether LC_CTYPE was the learner's."""
    ctype = env.get("LC_CTYPE", "")
    initial = _initial_environment()
    if ctype and initial is not None and initial.get("LC_CTYPE") != ctype:
        ctype = ""
    return env.get("LC_ALL") or ctype or env.get("LANG", "")


def _initial_environment() -> dict[str, str] | None:
    """None where the system does not show it (not Linux)."""
    try:
        raw = Path("/proc/self/environ").read_bytes()
    except OSError:
        return None
    pairs = (item.decode("utf-8", "replace").partition("=") for item in raw.split(b"\0") if item)
    return {name: value for name, _, value in pairs}
