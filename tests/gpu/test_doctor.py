"""`dltutor doctor` against stand-ins of every failure it must explain: no GPU, a CPU-only
TensorFlow, a missing CUDA library, an old driver, an empty CUDA_VISIBLE_DEVICES, a full
disk, a non-UTF-8 locale, a TensorFlow too slow to answer. The probe is the real child
process; only TensorFlow and NVML are stand-ins (tests/gpu/fake_packages)."""

from __future__ import annotations

import json
import re
import time
from collections import namedtuple
from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import dltutor_in_terminal, english_prose
from tests.conftest import dltutor
from tests.gpu.stand_ins import H200, standin_env
from tutor import doctor
from tutor.doctor import machine
from tutor.doctor.report import report_lines

KEYS = ["python", "dltutor", "tensorflow", "keras", "gpus", "cuda", "datasets", "paths",
        "terminal", "problems"]  # fmt: skip
ONE_GPU = [{"used_mb": 500}]
WELL = {"LANG": "C.UTF-8", "TERM": "xterm-256color"}
"""A terminal and a locale in order (CI may set neither)."""
LIBRARIES = ("cuda_runtime/lib/libcudart.so.12", "cublas/lib/libcublas.so.12",
             "cufft/lib/libcufft.so.11", "cusparse/lib/libcusparse.so.12",
             "cusolver/lib/libcusolver.so.11", "cudnn/lib/libcudnn.so.9")  # fmt: skip


def nvidia_packages(root: Path, leave_out: str = "") -> Path:
    """NVIDIA's pip packages as `tensorflow[and-cuda]` installs them, less `leave_out`."""
    for library in LIBRARIES:
        if leave_out and library.endswith(leave_out):
            continue
        path = root / "nvidia" / library
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
    return root


def doctor_env(
    tmp_path: Path,
    tensorflow: dict[str, Any],
    nvml: list[dict[str, Any]] | None,
    libraries: str | None = "",
    cuda_driver: int = 12040,
    **env: str,
) -> dict[str, str]:
    environment = {**WELL, **standin_env(tensorflow, nvml, cuda_driver), **env}
    if libraries is not None:
        packages = nvidia_packages(tmp_path / "site", leave_out=libraries)
        environment["PYTHONPATH"] += f":{packages}"
    return environment


def doctor_json(
    tmp_path: Path,
    tensorflow: dict[str, Any],
    nvml: list[dict[str, Any]] | None = None,
    *,
    libraries: str | None = "",
    cuda_driver: int = 12040,
    **env: str,
) -> tuple[int, dict[str, Any]]:
    """`dltutor doctor --json` with the stand-ins; `libraries`: the CUDA library left out
    of NVIDIA's packages (None: no packages at all)."""
    environment = doctor_env(tmp_path, tensorflow, nvml, libraries, cuda_driver, **env)
    result = dltutor("doctor", "--json", "--wait", "30", env=environment)
    assert result.stderr == ""
    (line,) = result.stdout.splitlines()
    return result.returncode, json.loads(line)


def test_a_gpu_box_in_order_has_no_problems(tmp_path: Path) -> None:
    status, record = doctor_json(tmp_path, {"gpus": [H200]}, ONE_GPU)
    assert list(record) == KEYS
    assert record["problems"] == [] and status == 0
    assert record["gpus"] == [
        {"index": 0, "name": "NVIDIA H200", "compute_capability": "9.0", "memory_mb": 143771}
    ]
    assert record["tensorflow"] == "2.21.0" and record["keras"].startswith("3.")
    cuda = record["cuda"]
    assert (cuda["cuda"], cuda["cudnn"], cuda["driver"], cuda["driver_cuda"]) == (
        "12.5.1", "9", "550.54.15", "12.4"
    )
    libraries = cuda["libraries"].items()
    assert all(path and Path(path).name.startswith(name) for name, path in libraries)
    result = dltutor("doctor", env=doctor_env(tmp_path, {"gpus": [H200]}, ONE_GPU))
    assert "+ GPU 0: NVIDIA H200, 140.4 GB, compute capability 9.0" in result.stdout
    assert "+ CUDA and cuDNN libraries: all 6 found" in result.stdout
    assert {item["name"] for item in record["datasets"]} >= {"mnist", "fashion_mnist", "imdb"}
    assert set(record["paths"]) == {"data", "runs", "keras_cache"}
    assert record["terminal"]["utf8"] is True and record["terminal"]["size"] is None


def test_a_laptop_without_a_gpu_trains_on_the_cpu_and_that_is_no_problem(tmp_path: Path) -> None:
    status, record = doctor_json(tmp_path, {"gpus": []}, nvml=None, libraries=None)
    assert record["gpus"] == [] and record["problems"] == [] and status == 0
    result = dltutor("doctor", env={**WELL, **standin_env({"gpus": []})})
    assert "- No NVIDIA GPU in this machine: the exercises train on the CPU" in result.stdout
    assert result.stdout.rstrip().endswith("No problems.")


@pytest.mark.parametrize(
    ("tensorflow", "nvml_cuda", "libraries", "env", "problem"),
    [
        pytest.param(
            {"cuda_build": False, "gpus": [H200]}, 12040, None, {},
            "TensorFlow 2.21.0 is a CPU-only build, so it cannot use the GPU: pip install "
            "'dltutor[gpu]' (it brings tensorflow[and-cuda]: NVIDIA's CUDA and cuDNN) on Linux",
            id="cpu-only-tensorflow",
        ),
        pytest.param(
            {"gpus": []}, 12040, "libcudnn.so.9", {},
            "CUDA libraries TensorFlow needs are missing: libcudnn.so.9: pip install "
            "'dltutor[gpu]'",
            id="missing-cuda-library",
        ),
        pytest.param(
            {"gpus": []}, 12040, None, {},
            "CUDA libraries TensorFlow needs are missing: libcudart.so.12, libcublas.so.12, "
            "libcufft.so, libcusparse.so, libcusolver.so, libcudnn.so.9",
            id="tensorflow-without-and-cuda",
        ),
        pytest.param(
            {"gpus": []}, 11080, "", {},
            "The NVIDIA driver supports CUDA up to 11.8; TensorFlow 2.21.0 needs CUDA 12.5.1: "
            "update NVIDIA's driver",
            id="driver-too-old",
        ),
        pytest.param(
            {"gpus": [H200]}, 12040, "", {"CUDA_VISIBLE_DEVICES": ""},
            "CUDA_VISIBLE_DEVICES is '', which hides every GPU from TensorFlow: unset "
            "CUDA_VISIBLE_DEVICES",
            id="empty-cuda-visible-devices",
        ),
        pytest.param(
            {"gpus": [H200]}, 12040, "", {"LANG": "C"},
            "The locale (C) is not UTF-8: Korean and the tutor's lines show as question marks: "
            "export LANG=C.UTF-8",
            id="non-utf8-locale",
        ),
        pytest.param(
            {"gpus": [H200]}, 12040, "", {"LANG": "ko_KR.EUC-KR"},
            "The locale (ko_KR.EUC-KR) is not UTF-8",
            id="korean-euc-kr-locale",
        ),
    ],
)
def test_each_failure_is_one_problem_with_its_fix(
    tmp_path: Path,
    tensorflow: dict[str, Any],
    nvml_cuda: int,
    libraries: str | None,
    env: dict[str, str],
    problem: str,
) -> None:
    status, record = doctor_json(
        tmp_path, tensorflow, ONE_GPU, libraries=libraries, cuda_driver=nvml_cuda, **env
    )
    assert status == 1
    assert len(record["problems"]) == 1, record["problems"]
    assert record["problems"][0].startswith(problem)


def test_no_driver_for_a_gpu_on_the_bus(monkeypatch: pytest.MonkeyPatch) -> None:
    """NVML cannot open without a driver; the PCI bus still shows the card."""
    probe = {"tensorflow": "2.21.0", "keras": "3.15.1", "built_with_cuda": True, "cuda": "12.5.1",
             "cudnn": "9", "gpus": [], "libraries": {}, "driver_cuda": None}  # fmt: skip
    facts = machine_facts(nvidia_hardware=1)
    (gpu_check,) = [check for check in doctor.judge(probe, facts) if check.verdict == "problem"]
    assert gpu_check.english().startswith(
        "No NVIDIA driver is loaded, though the machine has 1 NVIDIA GPU(s): install NVIDIA's"
    )


def test_the_pci_bus_shows_nvidia_cards_without_a_driver(tmp_path: Path) -> None:
    for name, vendor, kind in (("a", "0x10de", "0x030200"), ("b", "0x10de", "0x040300"),
                               ("c", "0x8086", "0x030000")):  # fmt: skip
        (tmp_path / name).mkdir()
        (tmp_path / name / "vendor").write_text(vendor + "\n")
        (tmp_path / name / "class").write_text(kind + "\n")
    assert machine.nvidia_hardware(tmp_path) == 1  # the GPU, not its audio, not Intel's
    assert machine.nvidia_hardware(tmp_path / "missing") == 0


def test_a_full_disk_is_a_problem_with_its_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(machine.shutil, "disk_usage", lambda path: usage(10**9, 10**9, 50 * 2**20))
    for name, value in {**WELL, **standin_env({"gpus": []})}.items():
        monkeypatch.setenv(name, value)
    diagnosis = doctor.diagnose(wait=30)
    problems = diagnosis.record["problems"]
    assert len(problems) == 3, problems  # the data folder, the runs, Keras' cache
    assert problems[0].startswith("Data folder: only 50 MB free at ")
    assert problems[0].endswith(
        "; runs cannot save their models: free some space, or set DLTUTOR_HOME to a folder on "
        "a disk with room"
    )
    assert "set KERAS_HOME" in problems[2]


def test_a_tensorflow_too_slow_to_answer_is_said_within_the_wait(tmp_path: Path) -> None:
    env = {**WELL, **standin_env({"gpus": []}), "STANDIN_IMPORT_SECONDS": "30"}
    started = time.monotonic()
    result = dltutor("doctor", "--wait", "2", env=env)
    assert time.monotonic() - started < 12
    assert result.returncode == 1
    assert "! TensorFlow did not finish importing within 2 s (a cold disk or a busy machine)" in (
        result.stdout
    )
    assert "    fix: run dltutor doctor again, or with --wait 60" in result.stdout


def test_the_report_in_korean_has_no_english_prose(tmp_path: Path) -> None:
    env = {**WELL, **standin_env({"gpus": []}, ONE_GPU), "LANG": "C", "CUDA_VISIBLE_DEVICES": "-1"}
    result = dltutor("--lang", "ko", "doctor", env=env)
    assert result.returncode == 1 and "문제 2개." in result.stdout
    names = {"TensorFlow", "Keras", "CUDA", "cuDNN", "NVIDIA", "GPU", "UTF", "LANG", "TERM",
             "dltutor", "MB", "GB", "Python", "iris", "boston", "mnist", "data"}  # fmt: skip
    names |= {"fashion_mnist", "imdb", "reuters", "pima"}
    assert english_prose(result.stdout, names) - names == set(), result.stdout


def test_every_check_reads_in_korean(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every template the verdicts can give, problems included, is in the Korean table."""
    from tutor.doctor import verdicts
    from tutor.i18n import _KOREAN

    probe = {"tensorflow": "2.10.0", "keras": "2.15.0", "built_with_cuda": False, "cuda": None,
             "cudnn": None, "gpus": [], "libraries": {}, "driver_cuda": None}  # fmt: skip
    facts = machine_facts(nvidia_hardware=1)
    facts["terminal"] = {"size": [60, 20], "colours": "none", "mouse": False, "utf8": False,
                         "locale": None, "term": None, "multiplexer": "tmux"}  # fmt: skip
    facts["paths"]["runs"] = {"path": "/x", "free_mb": 1, "writable": False}
    checks = verdicts.judge(probe, facts) + verdicts.judge({"timed_out": "12"}, facts)
    checks += verdicts.judge({"import_error": "ImportError: x"}, facts)
    commands = {"Python", "dltutor", "pip", "install", "export", "TERM", "Keras", "TensorFlow"}
    untranslated = {
        text
        for check in checks
        for text in (check.text, check.fix)
        if text and text not in _KOREAN and english_prose(re.sub(r"{\w+(!r)?}", "", text), commands)
    }
    assert untranslated == set()
    for line in report_lines(checks, "ko"):
        assert "fix" not in line


def machine_facts(nvidia_hardware: int = 0) -> dict[str, Any]:
    folder = {"path": "/home/me/.local/share/dltutor", "free_mb": 80_000, "writable": True}
    return {
        "python": "3.11.7",
        "dltutor": "0.1.0",
        "environ": {},
        "nvidia_hardware": nvidia_hardware,
        "nvml": {"driver": None, "driver_cuda": None, "gpus": []},
        "datasets": [{"name": "mnist", "state": "missing", "path": None}],
        "paths": {"data": folder, "runs": dict(folder), "keras_cache": dict(folder)},
        "terminal": {
            "size": [80, 24], "colours": "256", "mouse": True, "utf8": True,
            "locale": "C.UTF-8", "term": "xterm-256color", "multiplexer": None,
        },
    }


def test_the_probe_finds_nvidias_pip_libraries(tmp_path: Path) -> None:
    from tutor.doctor.probe import cuda_libraries

    lib = nvidia_packages(tmp_path, leave_out="libcufft.so.11") / "nvidia"
    found = cuda_libraries("12.5.1", "9", sorted(lib.glob("*/lib")))
    assert found["libcudnn.so.9"] == str(lib / "cudnn/lib/libcudnn.so.9")
    assert found["libcufft.so"] is None
    assert cuda_libraries("11.8", "8", sorted(lib.glob("*/lib")))["libcudnn.so.8"] is None


def test_in_a_small_terminal_inside_tmux(tmp_path: Path) -> None:
    env = {**WELL, **standin_env({"gpus": []}), "TMUX": "/tmp/tmux-0/default,1,0"}
    status, out = dltutor_in_terminal("doctor", env=env, columns=60)
    assert status == 1
    assert "! The terminal is 60x24; the tutor needs at least 80x24" in out
    assert "    fix: enlarge the window (or the tmux pane)" in out
    assert "+ TERM=xterm-256color, colours: 256, tmux" in out
