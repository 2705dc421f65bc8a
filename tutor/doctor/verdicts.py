"""The doctor's verdicts: each fact judged, and for each problem the fix.

A missing GPU is a problem only where an NVIDIA GPU is in the machine (on the PCI bus, or
listed by NVML): on a laptop, training on the CPU is how the tutor is meant to work. Where
TensorFlow sees no GPU that is there, the usual reasons are checked in the order a person
would: CUDA_VISIBLE_DEVICES hiding them, a CPU-only TensorFlow, no driver, a driver older
than TensorFlow's CUDA, and CUDA libraries that `tensorflow[and-cuda]` would have brought.

Texts are English templates, translated when shown (`tutor.doctor.report`); the JSON's
`problems` are the English ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tutor.gpu import nvml_ids, visible_gpu_ids

MIN_TENSORFLOW = (2, 16)
"""Keras 3 needs TensorFlow 2.16 or later (pyproject.toml asks for the same)."""
MIN_FREE_MB = 200
"""Below this a run may fail to save its model (a VGG-style model is tens of MB)."""
MIN_SIZE = (80, 24)
GIGABYTE_MB = 1024
INSTALL_GPU = "pip install 'dltutor[gpu]' (it brings tensorflow[and-cuda]: NVIDIA's CUDA and cuDNN)"


@dataclass(frozen=True)
class Check:
    """One line of the doctor's report."""

    verdict: str
    """ok, note (worth knowing, nothing to fix) or problem."""
    text: str
    values: Mapping[str, str | int] = field(default_factory=dict)
    fix: str = ""

    def english(self) -> str:
        line = self.text.format(**self.values)
        return f"{line}: {self.fix.format(**self.values)}" if self.fix else line


def judge(probe: Mapping[str, Any], machine: Mapping[str, Any]) -> list[Check]:
    """Every check, in the report's order. `probe` is the child's facts (or a `failed`
    reason), `machine` the parent's (`tutor.doctor.machine`)."""
    checks = [
        Check("ok", "Python {version}", {"version": machine["python"]}),
        Check("ok", "dltutor {version}", {"version": machine["dltutor"]}),
        *_tensorflow(probe),
        *_gpus(probe, machine),
        *_datasets(machine["datasets"], machine["paths"]["keras_cache"]["path"]),
        *_folders(machine["paths"]),
        *_terminal(machine["terminal"]),
    ]
    return checks


def _tensorflow(probe: Mapping[str, Any]) -> list[Check]:
    if "timed_out" in probe:
        return [
            Check(
                "problem",
                "TensorFlow did not finish importing within {seconds} s (a cold disk or a busy "
                "machine)",
                {"seconds": probe["timed_out"]},
                "run dltutor doctor again, or with --wait 60",
            )
        ]
    if "import_error" in probe:
        return [
            Check(
                "problem",
                "TensorFlow cannot be imported ({error})",
                {"error": probe["import_error"]},
                "reinstall it: pip install --force-reinstall dltutor (with [gpu] on a GPU box)",
            )
        ]
    values = {
        "version": probe["tensorflow"],
        "cuda": probe.get("cuda") or "?",
        "cudnn": probe.get("cudnn") or "?",
    }
    checks = []
    if _version_tuple(probe["tensorflow"]) < MIN_TENSORFLOW:
        checks.append(
            Check(
                "problem",
                "TensorFlow {version} is older than 2.16, which Keras 3 needs",
                values,
                "pip install -U 'tensorflow>=2.16'",
            )
        )
    elif probe["built_with_cuda"]:
        built = "TensorFlow {version}, built for CUDA {cuda} and cuDNN {cudnn}"
        checks.append(Check("ok", built, values))
    else:
        checks.append(Check("ok", "TensorFlow {version}, a CPU-only build", values))
    keras = probe.get("keras")
    if keras is None:
        checks.append(Check("problem", "Keras is not installed", {}, "pip install 'keras>=3'"))
    elif not keras.startswith("3."):
        checks.append(
            Check(
                "problem",
                "Keras {version} is not Keras 3, which the exercises are written for",
                {"version": keras},
                "pip install -U 'keras>=3'",
            )
        )
    else:
        checks.append(Check("ok", "Keras {version}", {"version": keras}))
    return checks


def _gpus(probe: Mapping[str, Any], machine: Mapping[str, Any]) -> list[Check]:
    nvml = machine["nvml"]
    checks = []
    if nvml["driver"]:
        values = {"driver": nvml["driver"], "cuda": nvml["driver_cuda"] or "?"}
        checks.append(Check("ok", "NVIDIA driver {driver} (CUDA up to {cuda})", values))
    if "tensorflow" not in probe:
        return checks
    for gpu in gpus_seen(probe, machine):
        total = gpu["memory_mb"]
        values = {
            "index": gpu["index"],
            "name": gpu["name"],
            "memory": f"{total / GIGABYTE_MB:.1f} GB" if total else "? GB",
            "capability": gpu["compute_capability"] or "?",
        }
        checks.append(
            Check("ok", "GPU {index}: {name}, {memory}, compute capability {capability}", values)
        )
    libraries = probe.get("libraries", {})
    if libraries and all(libraries.values()):
        found = {"count": len(libraries)}
        checks.append(Check("ok", "CUDA and cuDNN libraries: all {count} found", found))
    if not probe["gpus"]:
        checks.append(_why_no_gpu(probe, machine))
    return checks


def gpus_seen(probe: Mapping[str, Any], machine: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The GPUs TensorFlow sees, each with its memory as NVML tells it (None without NVML):
    TensorFlow's GPU i is NVML's GPU `nvml_ids([i])`."""
    memory = {item["id"]: item["memory_mb"] for item in machine["nvml"]["gpus"]}
    seen = probe.get("gpus", [])
    ids = nvml_ids([gpu["index"] for gpu in seen], machine["environ"])
    return [
        {**gpu, "memory_mb": memory.get(gpu_id)}
        for gpu, gpu_id in zip(seen, ids + [""] * len(seen), strict=False)
    ]


def _why_no_gpu(probe: Mapping[str, Any], machine: Mapping[str, Any]) -> Check:
    nvml = machine["nvml"]
    present = max(machine["nvidia_hardware"], len(nvml["gpus"]))
    verdict = "problem" if present else "note"
    if visible_gpu_ids(machine["environ"]) == []:
        return Check(
            verdict,
            "CUDA_VISIBLE_DEVICES is {value!r}, which hides every GPU from TensorFlow",
            {"value": machine["environ"]["CUDA_VISIBLE_DEVICES"]},
            "unset CUDA_VISIBLE_DEVICES, or name the GPUs to use (export CUDA_VISIBLE_DEVICES=0)",
        )
    if not present:
        return Check("note", "No NVIDIA GPU in this machine: the exercises train on the CPU")
    if not probe["built_with_cuda"]:
        return Check(
            "problem",
            "TensorFlow {version} is a CPU-only build, so it cannot use the GPU",
            {"version": probe["tensorflow"]},
            INSTALL_GPU + " on Linux; TensorFlow has no CUDA build for macOS or Windows",
        )
    driver_cuda = nvml["driver_cuda"] or probe.get("driver_cuda")
    if not nvml["driver"] and not driver_cuda:
        return Check(
            "problem",
            "No NVIDIA driver is loaded, though the machine has {count} NVIDIA GPU(s)",
            {"count": present},
            "install NVIDIA's driver (on Ubuntu: sudo ubuntu-drivers install) and reboot; "
            "nvidia-smi then lists the GPU",
        )
    cuda = probe.get("cuda") or ""
    if driver_cuda and cuda and _version_tuple(driver_cuda)[:1] < _version_tuple(cuda)[:1]:
        return Check(
            "problem",
            "The NVIDIA driver supports CUDA up to {driver_cuda}; TensorFlow {version} needs "
            "CUDA {cuda}",
            {"driver_cuda": driver_cuda, "version": probe["tensorflow"], "cuda": cuda},
            "update NVIDIA's driver to one for CUDA {cuda} or newer (nvidia-smi shows its version)",
        )
    missing = [name for name, path in probe.get("libraries", {}).items() if path is None]
    if missing:
        return Check(
            "problem",
            "CUDA libraries TensorFlow needs are missing: {names}",
            {"names": ", ".join(missing)},
            INSTALL_GPU,
        )
    return Check(
        "problem",
        "TensorFlow sees no GPU, though the machine has {count} NVIDIA GPU(s)",
        {"count": present},
        "see TensorFlow's own reason: python -c \"import tensorflow as tf; "
        "tf.config.list_physical_devices('GPU')\"",
    )


def _datasets(datasets: list[Mapping[str, Any]], cache: str) -> list[Check]:
    here = [item["name"] for item in datasets if item["state"] in ("cached", "bundled")]
    missing = [item["name"] for item in datasets if item["state"] == "missing"]
    checks = [Check("ok", "Datasets here: {names}", {"names": ", ".join(here) or "-"})]
    if missing:
        checks.append(
            Check(
                "note",
                "Datasets not downloaded: {names} (offline, the exercises train on stand-in "
                "data; dltutor data fetch downloads them into {cache})",
                {"names": ", ".join(missing), "cache": cache},
            )
        )
    return checks


_FOLDERS = {"data": "Data folder", "runs": "Runs folder", "keras_cache": "Dataset cache"}
_MOVE = {
    "data": "DLTUTOR_HOME",
    "runs": "DLTUTOR_HOME",
    "keras_cache": "KERAS_HOME",
}


def _folders(paths: Mapping[str, Mapping[str, Any]]) -> list[Check]:
    checks = []
    for key, label in _FOLDERS.items():
        folder = paths[key]
        free = folder["free_mb"]
        values = {
            "label": label,
            "path": folder["path"],
            "free": _megabytes(free) if free is not None else "?",
            "variable": _MOVE[key],
        }
        if not folder["writable"]:
            checks.append(
                Check(
                    "problem",
                    "{label}: {path} cannot be written",
                    values,
                    "check its owner and permissions, or set {variable} to a folder you own",
                )
            )
        elif free is not None and free < MIN_FREE_MB:
            checks.append(
                Check(
                    "problem",
                    "{label}: only {free} free at {path}; runs cannot save their models",
                    values,
                    "free some space, or set {variable} to a folder on a disk with room",
                )
            )
        else:
            checks.append(Check("ok", "{label}: {path} ({free} free)", values))
    return checks


def _terminal(terminal: Mapping[str, Any]) -> list[Check]:
    checks = []
    size = terminal["size"]
    values: dict[str, str | int] = {
        "term": terminal["term"] or "-",
        "colours": terminal["colours"],
        "inside": f", {terminal['multiplexer']}" if terminal["multiplexer"] else "",
    }
    if size is None:
        checks.append(Check("note", "No terminal: doctor's output goes to a file or a pipe"))
    elif size[0] < MIN_SIZE[0] or size[1] < MIN_SIZE[1]:
        checks.append(
            Check(
                "problem",
                "The terminal is {columns}x{lines}; the tutor needs at least 80x24",
                {"columns": size[0], "lines": size[1]},
                "enlarge the window (or the tmux pane)",
            )
        )
    else:
        values |= {"columns": size[0], "lines": size[1]}
        checks.append(Check("ok", "Terminal {columns}x{lines}", values))
    if not terminal["term"] or terminal["term"] == "dumb":
        checks.append(
            Check(
                "problem",
                "TERM is {term}, so the tutor cannot draw its screens",
                values,
                "export TERM=xterm-256color",
            )
        )
    else:
        checks.append(Check("ok", "TERM={term}, colours: {colours}{inside}", values))
    mouse = "reported" if terminal["mouse"] else "not reported"
    checks.append(Check("note", f"Mouse: {mouse} (not needed)"))
    locale = {"locale": terminal["locale"] or "-"}
    if terminal["utf8"]:
        checks.append(Check("ok", "UTF-8 locale ({locale})", locale))
    else:
        checks.append(
            Check(
                "problem",
                "The locale ({locale}) is not UTF-8: Korean and the tutor's lines show as "
                "question marks",
                locale,
                "export LANG=C.UTF-8 (or another UTF-8 locale: locale -a lists them)",
            )
        )
    return checks


def _megabytes(megabytes: int) -> str:
    return f"{megabytes / GIGABYTE_MB:.1f} GB" if megabytes >= GIGABYTE_MB else f"{megabytes} MB"


def _version_tuple(version: str) -> tuple[int, ...]:
    """`2.21.0rc1` -> (2, 21, 0): the numbers a version starts with."""
    match = re.match(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?", version)
    return tuple(int(part) for part in match.groups() if part is not None) if match else (0,)
