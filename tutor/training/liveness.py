"""Which recorded runs are still going: a lock held by the process that drives each run.

A run is recorded as 'running' when it starts and closed when it ends; a tutor killed in
between (kill -9, a dropped terminal) never closes it. The driving process (the app or
`dltutor run`) holds an exclusive `flock` on `runs/.active/<run id>.lock` for as long as
the run lasts. The kernel drops the lock when that process dies, however it dies, so at
the next start a lock that can be taken means the run is over: it is closed as
'interrupted'. Two tutors running at once see each other's runs as alive.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING

from tutor.exercises import runs_dir

if TYPE_CHECKING:
    from tutor.progress import ProgressStore

try:
    import fcntl
except ImportError:  # Windows: no flock; runs are then never closed as interrupted
    fcntl = None  # type: ignore[assignment]


def _lock_path(run_id: int) -> Path:
    return runs_dir() / ".active" / f"{run_id}.lock"


def hold_run_lock(run_id: int) -> IO[bytes] | None:
    """Take the lock that says run `run_id` is alive; keep the file open while it runs."""
    if fcntl is None:
        return None
    path = _lock_path(run_id)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("wb")
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def release_run_lock(handle: IO[bytes] | None, run_id: int | None) -> None:
    """The run has ended and is recorded: drop its lock file."""
    if handle is None or run_id is None:
        return
    with contextlib.suppress(OSError):
        _lock_path(run_id).unlink()
    handle.close()


def run_is_alive(run_id: int) -> bool:
    """True while some process holds run `run_id`'s lock (and where this cannot be
    known, so that nothing alive is ever closed)."""
    if fcntl is None:
        return True
    path = _lock_path(run_id)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return False  # never locked (the write of its lock failed) or already released
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return True
    finally:
        os.close(fd)
    with contextlib.suppress(OSError):
        path.unlink()
    return False


def close_interrupted_runs(store: ProgressStore) -> int:
    """Close the runs a dead tutor left 'running'; how many (call it at start-up)."""
    return store.close_interrupted_runs(run_is_alive)


def close_interrupted_runs_before_reading() -> None:
    """For a command that otherwise only reads (`dltutor progress`): the file is opened
    for writing only when it holds a run to close."""
    from tutor.progress import ProgressStore

    with ProgressStore(read_only=True) as reader:
        runs = reader.runs()
    if any(run.status == "running" and not run_is_alive(run.run_id) for run in runs):
        with ProgressStore() as writer:
            close_interrupted_runs(writer)
