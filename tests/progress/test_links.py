"""Links and special files where the progress database or an export goes: never followed,
never chmod-ed through, never replaced; nothing outside the test's folder is touched."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tutor.errors import TutorError
from tutor.progress import ProgressStore


@pytest.fixture
def outside(tmp_path: Path) -> Iterator[Path]:
    """A folder standing for the rest of the system, with a decoy file in it; the test
    fails if anything in it changes (content, mode or time)."""
    folder = tmp_path / "outside"
    folder.mkdir()
    decoy = folder / "passwd"
    decoy.write_text("root:x:0:0\n")
    decoy.chmod(0o644)
    before = snapshot(folder)
    yield folder
    assert snapshot(folder) == before


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {
        path.name: (path.read_bytes(), path.lstat().st_mode, path.lstat().st_mtime_ns)
        for path in sorted(folder.iterdir())
    }


def test_a_link_at_the_progress_path_is_not_followed_or_chmod_ed(
    open_store: Callable[..., ProgressStore], db_path: Path, outside: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.symlink_to(outside / "passwd")
    store = open_store()
    assert store.in_memory
    assert store.notice is not None and "\n" not in store.notice
    assert "it is a symbolic link, which is not followed" in store.notice
    assert store.record_lesson_opened("neuron")  # the session still works, in memory
    assert db_path.is_symlink()


def test_a_dangling_link_is_not_created_through(
    open_store: Callable[..., ProgressStore], db_path: Path, outside: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.symlink_to(outside / "created-through-the-link")
    store = open_store()
    assert store.in_memory and "symbolic link" in (store.notice or "")
    assert not (outside / "created-through-the-link").exists()
    reader = open_store(read_only=True)
    assert reader.in_memory and "symbolic link" in (reader.notice or "")


def test_a_fifo_or_folder_at_the_progress_path_is_refused_without_waiting(
    open_store: Callable[..., ProgressStore], db_path: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    os.mkfifo(db_path)
    started = time.monotonic()
    store = open_store()
    assert time.monotonic() - started < 5
    assert store.in_memory
    assert "it is a FIFO (named pipe), not a regular file" in (store.notice or "")
    assert "not a regular file" in (open_store(read_only=True).notice or "")
    db_path.unlink()
    db_path.mkdir()
    assert open_store().in_memory


def test_a_readable_database_is_made_private_through_its_descriptor(
    open_store: Callable[..., ProgressStore], db_path: Path
) -> None:
    open_store().close()
    db_path.chmod(0o644)
    open_store().close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


# --- exports ------------------------------------------------------------------------------


@pytest.fixture
def store(open_store: Callable[..., ProgressStore]) -> ProgressStore:
    store = open_store()
    store.record_lesson_opened("neuron")
    return store


def test_an_export_is_private_whatever_the_umask(store: ProgressStore, tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        store.export_to(tmp_path / "progress.json")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "progress.json").stat().st_mode) == 0o600


def test_an_export_replaces_a_regular_file_and_leaves_no_temporary(
    store: ProgressStore, tmp_path: Path
) -> None:
    target = tmp_path / "exports" / "progress.json"
    target.parent.mkdir()
    target.write_text("old")
    store.export_to(target)
    assert target.read_text().startswith("{")
    assert [p.name for p in target.parent.iterdir()] == ["progress.json"]


def test_an_export_never_writes_through_a_planted_temporary(
    store: ProgressStore, tmp_path: Path, outside: Path
) -> None:
    """The old predictable `.NAME.tmp` made a decoy file writable by whoever planted it."""
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / ".progress.json.tmp").symlink_to(outside / "passwd")
    store.export_to(exports / "progress.json")
    assert (exports / "progress.json").read_text().startswith("{")


def special_destinations(tmp_path: Path, outside: Path) -> Iterator[tuple[Path, str]]:
    link = tmp_path / "link.json"
    link.symlink_to(outside / "passwd")
    yield link, "is a symbolic link; not replacing it"
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(outside / "new-file")
    yield dangling, "is a symbolic link; not replacing it"
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    yield fifo, "is a FIFO (named pipe); not replacing it"
    folder = tmp_path / "folder.json"
    folder.mkdir()
    yield folder, "is a directory; not replacing it"
    device = tmp_path / "full"
    try:  # a /dev/full of our own, where the test may make device nodes (as root)
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except (PermissionError, AttributeError):
        device.symlink_to("/dev/full")
        yield device, "is a symbolic link; not replacing it"
    else:
        yield device, "is a device; not replacing it"


def test_an_export_never_replaces_a_link_device_fifo_or_folder(
    store: ProgressStore, tmp_path: Path, outside: Path
) -> None:
    for destination, message in special_destinations(tmp_path, outside):
        kind = destination.lstat().st_mode
        started = time.monotonic()
        with pytest.raises(TutorError) as raised:
            store.export_to(destination)
        assert time.monotonic() - started < 5
        assert str(raised.value) == f"{destination} {message}"
        assert destination.lstat().st_mode == kind  # still what it was
    assert not (outside / "new-file").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
