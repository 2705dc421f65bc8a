"""The training child never outlives the process that started it (the app or `dltutor run`).

Three layers, because each covers a gap in the others:
- On Linux the kernel's parent-death signal (`prctl(PR_SET_PDEATHSIG, SIGKILL)`): the child
  is killed the moment its parent dies, even while a script holds the GIL in one long C
  call (where no Python thread can run). The signal follows the *thread* that started the
  child, so the parent must start it from a thread that lives as long as the run (the
  asyncio loop's, in the app and in `dltutor run`).
- A guard process, forked before anything else runs, which kills the child's whole
  process group once the child is gone: the kernel's signal kills the child alone, and
  the grandchildren a script started would otherwise run on.
- A watchdog thread (every platform): EOF on its private copy of the parent's pipe, or a
  new parent id, kills the process group. The copy is taken before the script runs, and
  the script's own stdin becomes /dev/null, so a script that closes or reads stdin can
  neither disable the watch nor wait for keys that will never come.
"""

from __future__ import annotations

import builtins
import contextlib
import ctypes
import os
import select
import signal
import sys
import threading
import time
import warnings
from typing import NoReturn

WATCHDOG_INTERVAL_S = 0.5
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>
INPUT_REFUSED = (
    "input() cannot read the keyboard here: the tutor runs this script without a terminal. "
    "Give the value in the script, or as an option (dltutor run ID --name value)."
)


def kill_own_group() -> NoReturn:
    """SIGKILL this process and, when it leads its group (the runner starts it in a new
    session), everything it started."""
    if os.getpgrp() == os.getpid():
        os.killpg(os.getpid(), signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)
    raise SystemExit(1)  # not reached


def die_with_parent(parent_pid: int | None) -> None:
    """Ask the kernel for SIGKILL when the parent dies, then check it has not died
    already (between its fork and this call nothing would have sent the signal)."""
    set_parent_death_signal(signal.SIGKILL)
    if parent_pid is not None and os.getppid() != parent_pid:
        kill_own_group()


def set_parent_death_signal(signum: int) -> bool:
    """`prctl(PR_SET_PDEATHSIG, signum)` for this process; False where there is none."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def start_group_guard() -> int | None:
    """Fork a small process that kills this process group as soon as this process is gone
    (by the kernel's parent-death signal); its pid, or None where that cannot work. Call
    it before any thread of ours starts."""
    if not sys.platform.startswith("linux") or os.getpgrp() != os.getpid():
        return None
    leader = os.getpid()
    with warnings.catch_warnings():  # NumPy's BLAS threads: the guard never touches them
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid:
        return pid
    try:  # the guard: no pipes of the run held open, nothing but waiting
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.closerange(3, 65536)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a cancel is for the child
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGUSR1, lambda *_: os.killpg(leader, signal.SIGKILL))
        if not set_parent_death_signal(signal.SIGUSR1) or os.getppid() != leader:
            os.killpg(leader, signal.SIGKILL)
        while True:
            signal.pause()
    finally:
        os._exit(0)


def watch_parent(pipe_fd: int | None) -> threading.Thread:
    """A daemon thread that kills this process group once the parent is gone: EOF on
    `pipe_fd` (a pipe only the parent writes to), or a new parent id."""
    parent = os.getppid()

    def watch() -> None:
        fd = pipe_fd
        while True:
            try:
                if fd is None:
                    time.sleep(WATCHDOG_INTERVAL_S)
                else:
                    ready, _, _ = select.select([fd], [], [], WATCHDOG_INTERVAL_S)
                    if ready and not os.read(fd, 4096):
                        kill_own_group()  # EOF: the parent's end of the pipe is closed
            except OSError:  # the script closed every descriptor: fall back on the pid
                fd = None
            if os.getppid() != parent:
                kill_own_group()  # re-parented: the parent died

    thread = threading.Thread(target=watch, name="parent-watchdog", daemon=True)
    thread.start()
    return thread


def take_stdin() -> int:
    """Keep a private copy of stdin (the parent's pipe) for the watchdog and give the
    script /dev/null instead, with an `input()` that says why it gets nothing."""
    private = os.dup(0)  # not inherited by anything the script starts
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    builtins.input = refuse_input
    return private


def refuse_input(prompt: object = "") -> str:
    """`input()` in the training child: one clear line in the log, then EOF at once."""
    with contextlib.suppress(OSError, ValueError):
        print(INPUT_REFUSED, file=sys.stderr, flush=True)
    raise EOFError("input() has no keyboard in the tutor's training process")
