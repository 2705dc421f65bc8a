"""Fixtures for the progress store: a clock the test moves by hand, and stores on it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Scheduler

from tutor.progress import ProgressStore

START = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)


class FakeClock:
    """Stands still until told to move, so every stored time is known in advance."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "home" / "progress.sqlite3"


@pytest.fixture
def open_store(db_path: Path, clock: FakeClock) -> Iterator[Callable[..., ProgressStore]]:
    """Open stores on the test clock, without FSRS fuzzing and in UTC; all are closed
    afterwards."""
    opened: list[ProgressStore] = []

    def factory(path: Path = db_path, **options: object) -> ProgressStore:
        options = {
            "clock": clock,
            "scheduler": Scheduler(enable_fuzzing=False),
            "tz": timezone.utc,
            **options,
        }
        store = ProgressStore(path, **options)  # type: ignore[arg-type]
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()


@pytest.fixture
def store(open_store: Callable[..., ProgressStore]) -> ProgressStore:
    return open_store()
