"""Reading the GPUs through NVML (`tutor.gpu`) against a stand-in library: the figures a
learner sees, the GPUs CUDA_VISIBLE_DEVICES leaves, and nothing at all (never an error)
where the library or the driver is missing."""

from __future__ import annotations

import os
import time

import pytest

from tests.cli_helpers import english_prose
from tests.gpu.stand_ins import FakeGpu, FakeNvml, use_nvml
from tutor import gpu


def two_gpus() -> FakeNvml:
    me = os.getpid()
    return FakeNvml(
        FakeGpu(used_mb=2048, utilisation=10, processes=[(4242, "python3", 2048)]),
        FakeGpu(
            name="NVIDIA H200",
            used_mb=6 * 1024,
            utilisation=45,
            processes=[(me, "python", 1229), (4243, "jupyter", 4915)],
            uuid="GPU-aaaa",
        ),
    )


@pytest.mark.parametrize(
    "fake", [None, FakeNvml(FakeGpu(), broken=True)], ids=["no-package", "no-driver"]
)
def test_without_the_library_or_the_driver_there_is_nothing_to_show(
    monkeypatch: pytest.MonkeyPatch, fake: FakeNvml | None
) -> None:
    use_nvml(monkeypatch, fake)
    assert gpu.read_gpus() is None
    assert gpu.read_gpus(["0"], run_pid=1) is None
    assert gpu.gpu_count() == 0 and gpu.driver_version() is None
    sampler = gpu.GpuSampler(["0"], 1, interval=0.01).start()
    sampler._thread.join(timeout=5)
    assert not sampler._thread.is_alive() and sampler.latest is None


def test_a_run_on_one_gpu_shows_its_load_its_memory_and_the_whole_gpus(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_nvml(monkeypatch, two_gpus())
    readings = gpu.read_gpus(["1"], run_pid=os.getpid())
    assert readings is not None and len(readings) == 1
    reading = readings[0]
    assert (reading.name, reading.utilisation, reading.run_mb) == ("NVIDIA H200", 45, 1229)
    assert gpu.gpu_line(readings) == "GPU 1: 45% busy · this run 1.2 GB · 6.0 of 140.4 GB in use"


def test_a_run_nvml_cannot_see_shows_the_gpu_without_guessing_its_share(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In a container NVML lists host process ids: the run's own share is then unknown."""
    use_nvml(monkeypatch, two_gpus())
    readings = gpu.read_gpus(["0"], run_pid=999_999)
    assert readings is not None and readings[0].run_mb is None
    assert gpu.gpu_line(readings) == "GPU 0: 10% busy · 2.0 of 140.4 GB in use"


def test_several_gpus_are_summed_and_a_uuid_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    use_nvml(monkeypatch, two_gpus())
    readings = gpu.read_gpus(["0", "GPU-aaaa", "7"], run_pid=os.getpid())  # no GPU 7: left out
    assert readings is not None and [reading.id for reading in readings] == ["0", "GPU-aaaa"]
    assert gpu.gpu_line(readings) == (
        "2 GPUs: 28% busy · this run 1.2 GB · 8.0 of 280.8 GB in use"
    )


def test_a_gpu_that_cannot_tell_its_utilisation_shows_its_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_nvml(monkeypatch, FakeNvml(FakeGpu(utilisation=None, used_mb=512, total_mb=10240)))
    readings = gpu.read_gpus()
    assert readings is not None
    assert gpu.gpu_line(readings) == "GPU 0: 0.5 of 10.0 GB in use"


def test_the_line_in_korean_has_no_english_words(monkeypatch: pytest.MonkeyPatch) -> None:
    use_nvml(monkeypatch, two_gpus())
    for ids in (["1"], ["0", "1"]):
        readings = gpu.read_gpus(ids, run_pid=os.getpid())
        assert readings is not None
        line = gpu.gpu_line(readings, "ko")
        assert english_prose(line, {"GPU", "GB"}) == set(), line


def test_who_holds_the_memory_biggest_first_without_the_run_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_nvml(monkeypatch, two_gpus())
    readings = gpu.read_gpus(run_pid=os.getpid())
    assert readings is not None
    assert gpu.memory_holders(readings, except_pid=os.getpid()) == (
        "jupyter (PID 4243) 4.8 GB, python3 (PID 4242) 2.0 GB"
    )
    assert gpu.memory_holders([]) == ""


@pytest.mark.parametrize(
    ("value", "ids"),
    [
        (None, None),
        ("", []),
        ("-1", []),
        ("1,0", ["1", "0"]),
        ("GPU-aaaa, 2", ["GPU-aaaa", "2"]),
        ("0,nope,1", ["0"]),
    ],
)
def test_cuda_visible_devices_is_read_as_cuda_reads_it(
    value: str | None, ids: list[str] | None
) -> None:
    environ = {} if value is None else {"CUDA_VISIBLE_DEVICES": value}
    assert gpu.visible_gpu_ids(environ) == ids


def test_tensorflows_gpu_numbers_become_nvmls() -> None:
    assert gpu.nvml_ids([0, 1], {}) == ["0", "1"]
    assert gpu.nvml_ids([0], {"CUDA_VISIBLE_DEVICES": "3,1"}) == ["3"]
    assert gpu.nvml_ids([1], {"CUDA_VISIBLE_DEVICES": "GPU-aaaa,GPU-bbbb"}) == ["GPU-bbbb"]


def test_the_sampler_keeps_the_latest_reading_off_the_callers_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = two_gpus()
    use_nvml(monkeypatch, fake)
    sampler = gpu.GpuSampler(["1"], os.getpid(), interval=0.01).start()
    try:
        deadline = time.monotonic() + 5
        while sampler.latest is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert sampler.latest is not None and sampler.latest[0].utilisation == 45
        fake.gpus[1].utilisation = 90
        while sampler.latest[0].utilisation != 90 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert sampler.latest[0].utilisation == 90  # read again, about every interval
    finally:
        sampler.stop()
    sampler._thread.join(timeout=5)
    assert not sampler._thread.is_alive()
    assert fake.inits == 1  # the library is opened once a process
