"""Reading and writing the files a learner names or imports, without trusting them.

A path typed on the command line or found in an imported file may name a FIFO (reading
it blocks for ever), a device (`/dev/zero` never ends), a directory, a link to someone
else's file, or a regular file far larger than anything the tutor expects. So every such
read goes through `open_regular`: regular files only, the size checked with `fstat`
before a byte is read, and never more than the cap read even if the file grows meanwhile.
Writes go through `write_atomic`: a temporary with a random, exclusive name beside the
destination, renamed over it only when the destination is a regular file or absent.
Errors are `FileRefused`, one line naming the path.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from tutor.errors import TutorError

CHUNK = 1 << 16


class FileRefused(TutorError):
    """A file that is not a regular file, is too large, or cannot be read or written."""


def describe_size(size: int) -> str:
    """`11.5 MB`: sizes in messages, in the units `dltutor data` uses."""
    value = float(size)
    for unit in ("B", "kB", "MB"):
        if value < 1000:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words for a message."""
    kinds: tuple[tuple[Callable[[int], bool], str], ...] = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _check_regular(path: str | Path, status: os.stat_result, max_bytes: int) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise FileRefused(f"{path} is {file_kind(status.st_mode)}, not a regular file")
    if status.st_size > max_bytes:
        raise FileRefused(
            f"{path} is too large ({describe_size(status.st_size)}; "
            f"the limit is {describe_size(max_bytes)})"
        )


def open_regular(path: str | Path, max_bytes: int, *, follow_links: bool = True) -> IO[bytes]:
    """Open a regular file of at most `max_bytes` for reading in binary.

    The path is looked at before it is opened, so a device or FIFO is never opened at all,
    then opened without blocking (a FIFO swapped in meanwhile cannot hang the open) and
    looked at again through the descriptor, which is what is actually read.
    `follow_links=False` refuses a symbolic link in the last component (O_NOFOLLOW).
    """
    try:
        _check_regular(path, os.stat(path) if follow_links else os.lstat(path), max_bytes)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        if not follow_links:
            flags |= getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(path, flags)
    except OSError as error:
        raise FileRefused(f"cannot read {path}: {error.strerror or error}") from None
    try:
        _check_regular(path, os.fstat(descriptor), max_bytes)
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_limited(stream: IO[bytes], max_bytes: int, name: str | Path) -> bytes:
    """At most `max_bytes` from an open stream (stdin, a file that may grow); more is
    refused rather than truncated, since half a file would be misread."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileRefused(f"{name} is too large (the limit is {describe_size(max_bytes)})")
    return data


def read_bytes(path: str | Path, max_bytes: int, *, follow_links: bool = True) -> bytes:
    """The whole of a regular file of at most `max_bytes`."""
    with open_regular(path, max_bytes, follow_links=follow_links) as stream:
        try:
            return read_limited(stream, max_bytes, path)
        except OSError as error:
            raise FileRefused(f"cannot read {path}: {error.strerror or error}") from None


def decode_text(data: bytes, name: str | Path) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise FileRefused(f"{name}: not UTF-8 text") from None


def read_text(path: str | Path, max_bytes: int, *, follow_links: bool = True) -> str:
    """A regular UTF-8 text file of at most `max_bytes`."""
    return decode_text(read_bytes(path, max_bytes, follow_links=follow_links), path)


def copy_limited(
    source: IO[bytes],
    out: IO[bytes],
    max_bytes: int,
    name: str,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Copy a stream in chunks, refusing it once it passes `max_bytes` (a download or a
    file that never ends must not fill the disk); the number of bytes copied."""
    done = 0
    for chunk in iter(lambda: source.read(CHUNK), b""):
        done += len(chunk)
        if done > max_bytes:
            raise FileRefused(f"{name} is too large (the limit is {describe_size(max_bytes)})")
        out.write(chunk)
        if progress is not None:
            progress(done)
    return done


def _refuse_unless_replaceable(path: Path) -> None:
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(status.st_mode):
        raise FileRefused(f"{path} is {file_kind(status.st_mode)}; not replacing it")


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write `path` whole or not at all, with permissions `mode`.

    The temporary is made by `mkstemp` (random name, O_EXCL, never through a link) in the
    destination's folder so the rename cannot cross file systems; a destination that is
    a link, device, FIFO or directory is refused, never replaced or written through.
    """
    path = Path(path)
    try:
        _refuse_unless_replaceable(path)
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise FileRefused(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(descriptor, "wb") as out:
            with contextlib.suppress(AttributeError):  # no fchmod on Windows
                os.fchmod(out.fileno(), mode)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        _refuse_unless_replaceable(path)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise FileRefused(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


TERMINATING = tuple(
    signum for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if signum is not None
)


@contextlib.contextmanager
def new_file_removed_on_exit(folder: Path, prefix: str) -> Iterator[tuple[Path, IO[bytes]]]:
    """A new file in `folder` (random, exclusive name starting with `prefix`), open for
    writing and deleted when the block ends however it ends, SIGTERM and SIGHUP included:
    they become SystemExit while the block runs, so `finally` clauses run. The signals are
    held while the file is created, so none can fall between its creation and the promise
    to delete it (a download killed at that moment left its partial file behind)."""
    main = threading.current_thread() is threading.main_thread()
    hold = main and hasattr(signal, "pthread_sigmask")
    previous: dict[int, Any] = {}
    mask: set[signal.Signals] | None = None
    path: Path | None = None

    def leave(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    try:
        if hold:
            mask = signal.pthread_sigmask(signal.SIG_BLOCK, TERMINATING)
        for signum in TERMINATING if main else ():
            previous[signum] = signal.signal(signum, leave)
        handle, name = tempfile.mkstemp(dir=folder, prefix=prefix)
        path = Path(name)
        with os.fdopen(handle, "wb") as out:
            if mask is not None:  # a signal that came meanwhile raises here, the file known
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            yield path, out
    finally:
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        if path is not None:
            path.unlink(missing_ok=True)
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def printable(value: Any) -> Any:
    """`value` with control characters (escape sequences, bells, C1 codes) removed from
    every string in it, keys included: data must never drive the learner's terminal."""
    if isinstance(value, str):
        if value.isprintable():
            return value
        cleaned = "".join(
            " " if char == "\t" else char
            for char in value
            if char == "\t" or unicodedata.category(char) not in ("Cc", "Cs")
        )
        return cleaned
    if isinstance(value, dict):
        return {printable(key): printable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [printable(item) for item in value]
    return value
