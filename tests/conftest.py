"""Shared fixtures: an isolated learner home and a small, stable course for UI tests."""

from __future__ import annotations

import contextlib
import fcntl
import gc
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tutor.lessons import Course, load_course

FIXTURE_LESSONS = Path(__file__).parent / "fixtures" / "lessons"
REPO_ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    """Refuse `--snapshot-update` with `-n`: each xdist worker would take the snapshots
    the other ran for unused ones and delete them."""
    if config.getoption("update_snapshots", False) and config.getoption("numprocesses", None):
        raise pytest.UsageError("update snapshots without -n: pytest -m snapshot --snapshot-update")


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the SVG snapshot tests `snapshot` and keep them on one xdist worker, one after
    another (`--dist loadgroup`): they share fixed paths that their pictures show (the
    data directory in the editor's title), so two at once would delete each other's."""
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.snapshot)
            item.add_marker(pytest.mark.xdist_group("snapshots"))


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the real learner's data, settings and locale."""
    home = tmp_path / "dltutor-home"
    monkeypatch.setenv("DLTUTOR_HOME", str(home))
    monkeypatch.setenv("DLTUTOR_CONFIG_HOME", str(tmp_path / "dltutor-config"))
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "DLTUTOR_LESSONS", "NO_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    return home


@pytest.fixture
def fixture_course() -> Course:
    """Two chapters, three lessons, one of them English-only: layout tests stay stable
    while the real course grows."""
    return load_course(FIXTURE_LESSONS)


def dltutor(
    *args: str,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run the real command line as a learner would, in this test's isolated home."""
    return subprocess.run(
        [sys.executable, "-m", "tutor", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        input=stdin,
        env={**os.environ, **(env or {})},
    )


async def freed(pilot, refs, seconds: float = 2.0) -> None:  # type: ignore[no-untyped-def]
    """Collect garbage until every weak reference in `refs` is dead or `seconds` pass: a
    closed screen finishes closing a little after the key that closed it."""
    for _ in range(int(seconds / 0.05)):
        gc.collect()
        if all(ref() is None for ref in refs):
            return
        await pilot.pause(0.05)


@dataclass(frozen=True)
class OfflineRun:
    """What `dltutor run ID --offline --epochs 1 --json` printed, nothing in KERAS_HOME."""

    events: list[dict[str, Any]]
    stderr: str

    @property
    def folder(self) -> Path:
        """The run's saved model and inspection data."""
        final = self.events[-1]
        assert final["event"] == "result" and final["model_path"], final
        return Path(final["model_path"]).parent


@pytest.fixture(scope="session")
def offline_run(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], OfflineRun]:
    """`offline_run(exercise_id)`: a one-epoch offline run of it, made once per test run
    and shared by the xdist workers (each costs a TensorFlow start and seconds to a
    minute of training on two cores)."""
    shared = _shared_between_workers(tmp_path_factory) / "offline-runs"
    shared.mkdir(exist_ok=True)

    def run(exercise_id: str) -> OfflineRun:
        record = shared / f"{exercise_id}.json"
        with _locked(shared / f"{exercise_id}.lock"):
            if not record.exists():
                home = shared / f"home-{exercise_id}"
                env = {"DLTUTOR_HOME": str(home), "KERAS_HOME": str(home / "keras")}
                result = dltutor(
                    "run", exercise_id, "--offline", "--epochs", "1", "--json",
                    env=env, timeout=900,
                )  # fmt: skip
                assert result.returncode == 0, result.stderr[-3000:]
                events = [json.loads(line) for line in result.stdout.splitlines()]
                record.write_text(json.dumps({"events": events, "stderr": result.stderr}))
        return OfflineRun(**json.loads(record.read_text()))

    return run


@pytest.fixture(scope="session")
def trained(offline_run: Callable[[str], OfflineRun]) -> Callable[[str], Path]:
    """`trained(exercise_id)`: the folder of a finished one-epoch offline run of it."""
    return lambda exercise_id: offline_run(exercise_id).folder


def _shared_between_workers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every xdist worker of this test run sees (its own base folder without
    xdist), created once."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    base = tmp_path_factory.getbasetemp()
    folder = base.parent / f"shared-{run}" if run else base / "shared"
    folder.mkdir(exist_ok=True)
    return folder


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (another worker waits for the same run)."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
