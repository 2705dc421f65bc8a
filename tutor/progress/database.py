"""Opening the SQLite file safely: private permissions, WAL, a damage check, and moving
an unreadable file aside without losing its WAL.

`tutor.progress.store` decides what to do when something fails; these functions only
say what happened, by return value or exception.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from pathlib import Path

from tutor.progress.schema import SCHEMA_VERSION, UnreadableDatabase, migrate, user_version
from tutor.safeio import file_kind

BUSY_TIMEOUT_S = 10.0
"""How long a write waits for another copy of the app to finish its own (they take ms)."""


def prepare_file(path: Path) -> tuple[int, int]:
    """Create the directory (0700) and an empty database file (0600) if missing, tighten
    a file others could read, and return the file's identity (device, inode).

    The file is opened without following a link and without blocking, and tightened
    through its descriptor: a link planted at the path (even to /etc/passwd) is refused,
    never chmod-ed or created through, and so is a FIFO, device or directory (`OSError`).

    SQLite would create the file with the umask's mode (usually 0644), and gives its -wal
    and -shm files the database's mode, so creating it first keeps all three private.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    flags = os.O_RDONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags, 0o600)
    except OSError as error:
        if error.errno == errno.ELOOP:  # O_NOFOLLOW met a link, dangling or not
            reason = "it is a symbolic link, which is not followed"
            raise OSError(error.errno, reason, str(path)) from None
        raise
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            kind = file_kind(status.st_mode)
            raise OSError(errno.EINVAL, f"it is {kind}, not a regular file", str(path))
        if os.name == "posix" and status.st_mode & 0o077:
            with contextlib.suppress(OSError):  # someone else's file: works, less private
                os.fchmod(descriptor, 0o600)
    finally:
        os.close(descriptor)
    return status.st_dev, status.st_ino


def check_regular(path: Path) -> bool:
    """True if `path` is a regular file (not followed if a link); False if it is missing;
    `OSError` naming the problem if it is anything else."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(status.st_mode):
        kind = file_kind(status.st_mode)
        raise OSError(errno.EINVAL, f"it is {kind}, not a regular file", str(path))
    return True


def move_aside(
    path: Path, stamp: str, identity: tuple[int, int], conn: sqlite3.Connection | None
) -> Path | None:
    """Rename an unreadable database and its -wal/-shm to `<name>.corrupt-<stamp>[-wal]`,
    then close `conn`, the connection that judged it.

    Renaming first matters: closing the last connection makes SQLite delete the -wal and
    -shm, and the WAL may hold the newest answers. The WAL goes first, so a fresh file can
    never replay it. None if another copy of the app got there first (the file at `path`
    is no longer the one judged unreadable).
    """
    try:
        status = os.stat(path)
        if (status.st_dev, status.st_ino) != identity:
            return None
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        counter = 1
        while any(Path(f"{target}{suffix}").exists() for suffix in ("", "-wal", "-shm")):
            counter += 1
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        try:
            _rename_with_companions(path, target)
        except PermissionError:  # Windows renames no open file: close, then try again
            if conn is None:
                raise
            conn.close()
            _rename_with_companions(path, target)
        return target
    except FileNotFoundError:
        return None
    finally:
        if conn is not None:
            conn.close()


def _rename_with_companions(path: Path, target: Path) -> None:
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.replace(f"{path}{suffix}", f"{target}{suffix}")
    os.replace(path, target)


def connect(path: Path, *, writable: bool, immutable: bool = False) -> sqlite3.Connection:
    """Open, check and (if writable) migrate; `UnreadableDatabase` for a file to move aside.

    SQLite reports "not a database" and "malformed" as exactly `sqlite3.DatabaseError`;
    locks, permissions and full disks are `OperationalError` and are not damage.
    """
    if writable:
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
    else:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}",
            uri=True,
            timeout=BUSY_TIMEOUT_S,
            isolation_level=None,
            check_same_thread=False,
        )
    try:
        if writable:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        if conn.execute("PRAGMA integrity_check(1)").fetchall() != [("ok",)]:
            raise UnreadableDatabase("its integrity check failed")
        if writable:
            migrate(conn)
        elif (version := user_version(conn)) > SCHEMA_VERSION:
            raise UnreadableDatabase(f"it was written by a newer dltutor (schema {version})")
    except UnreadableDatabase as problem:
        problem.conn = conn  # still open: see `move_aside`
        raise
    except sqlite3.DatabaseError as error:
        if type(error) is sqlite3.DatabaseError:
            raise UnreadableDatabase(str(error), conn) from error
        conn.close()
        raise
    except BaseException:
        conn.close()
        raise
    return conn


_PROGRAMMING_ERRORS = (sqlite3.ProgrammingError, sqlite3.InterfaceError, sqlite3.IntegrityError)


def reraise_if_programming(error: sqlite3.Error) -> None:
    """Let mistakes in our own code surface; only the environment's failures are soft."""
    if isinstance(error, _PROGRAMMING_ERRORS):
        raise error


def describe(error: BaseException) -> str:
    """An error as the few words that go in parentheses in a notice."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror if error.filename is None else f"{error.filename}: {error.strerror}"
    return str(error) or type(error).__name__
