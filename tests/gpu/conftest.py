"""Every GPU test starts with NVML unopened, and leaves it so for the next test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tutor import gpu


@pytest.fixture(autouse=True)
def fresh_nvml() -> Iterator[None]:
    gpu.nvml.cache_clear()
    yield
    gpu.nvml.cache_clear()
