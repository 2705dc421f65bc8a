"""Helpers for command-line tests: the real `dltutor` in a pseudo-terminal of a given size,
and a detector for English prose left in Korean output."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterable

from tests.conftest import dltutor

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\x1b\][^\x07]*\x07")


def dltutor_in_terminal(
    *args: str,
    env: dict[str, str] | None = None,
    columns: int = 80,
    until: str | None = None,
    then: bytes = b"",
    timeout: float = 60,
) -> tuple[int, str]:
    """Run `dltutor` on a terminal `columns` wide; return its exit status and what it wrote
    (stdout and stderr together, escape codes removed). Once `until` shows, type `then`."""
    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    environment = {**os.environ, "TERM": "xterm-256color", **(env or {})}
    environment.pop("COLUMNS", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tutor", *args],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env=environment,
        start_new_session=True,
    )
    os.close(child_fd)
    output = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if select.select([main_fd], [], [], 0.1)[0]:
                try:
                    chunk = os.read(main_fd, 65536)
                except OSError:  # the child closed the terminal
                    break
                output += chunk
                if until is not None and until in plain(output.decode("utf-8", "replace")):
                    os.write(main_fd, then)
                    until = None
            elif process.poll() is not None:
                break
        status = process.wait(timeout=max(deadline - time.monotonic(), 1))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main_fd)
    return status, plain(output.decode("utf-8", "replace"))


def plain(text: str) -> str:
    """Terminal output as the learner reads it: no escape codes, no carriage returns."""
    return ANSI.sub("", text).replace("\r\n", "\n")


# Words that are not English prose in Korean output: language codes, the program, Keras and
# dataset names that the course keeps in Latin letters, and command-line syntax.
KEPT = {
    "en", "ko", "ID", "dltutor", "OPTIONS", "COMMAND", "ARGS", "FILE", "NAME",
    "Keras", "Dense", "Flatten", "MNIST", "Fashion", "DNN", "CNN", "VGG", "LeNet", "ResNet",
    "RNN", "SimpleRNN", "LSTM", "GRU", "IMDB", "Reuters", "cpu", "gpu", "easy", "medium", "hard",
}  # fmt: skip

# A token with one of these is code, a path, a number or an option, not prose.
CODE = re.compile(r"[_/=<>|`\\\d]|^-|^'.*'$")


def english_prose(text: str, identifiers: Iterable[str] = ()) -> set[str]:
    """English words in `text` outside code, numbers, paths, options, `identifiers` (ids
    of lessons, exercises, topics) and the names in KEPT."""
    ids = set(identifiers)
    found: set[str] = set()
    for token in text.split():
        token = token.strip("()[]{},.:;\"!?…│┃")
        if not token or token in ids or CODE.search(token):
            continue
        found |= {word for word in re.findall(r"[A-Za-z]{2,}", token) if word not in KEPT}
    return found


def english_left_in_korean(
    *args: str, identifiers: Iterable[str] = (), **kwargs: object
) -> set[str]:
    """Run `dltutor --lang ko ARGS...` and return the English prose in what it printed (stdout
    and stderr), for a test to compare with the empty set."""
    result = dltutor("--lang", "ko", *args, **kwargs)  # type: ignore[arg-type]
    return english_prose(result.stdout + result.stderr, identifiers)
