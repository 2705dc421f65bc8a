"""Reading files a learner names: `dltutor explain` on a device, a FIFO, a huge file or an
endless stdin is one line at once, never a hang or a MemoryError; and data never drives
the terminal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import dltutor
from tutor.safeio import FileRefused, printable, read_text

MODEL = "import keras\nmodel = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])\n"


def test_explain_refuses_devices_fifos_folders_and_huge_files_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "model.py"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.py"
    with huge.open("wb") as sparse:
        sparse.truncate(8 << 30)  # 8 GB, no disk used
    good = tmp_path / "good.py"
    good.write_text(MODEL)
    started = time.monotonic()
    result = dltutor("explain", "/dev/zero", str(fifo), str(tmp_path), str(huge), str(good))
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "dltutor: error: /dev/zero is a device, not a regular file",
        f"dltutor: error: {fifo} is a FIFO (named pipe), not a regular file",
        f"dltutor: error: {tmp_path} is a directory, not a regular file",
        f"dltutor: error: {huge} is too large (8.6 GB; the limit is 400.0 kB)",
    ]
    assert "Dense" in result.stdout  # the good file is still explained


def test_explain_reads_no_more_of_stdin_than_it_can_use() -> None:
    with open("/dev/zero", "rb") as zeros:
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "tutor", "explain", "-"],
            stdin=zeros,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert result.stderr == "dltutor: error: stdin is too large (the limit is 400.0 kB)\n"


def test_a_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "latin1.py"
    path.write_bytes(b"caf\xe9")
    with pytest.raises(FileRefused, match=r"latin1\.py: not UTF-8 text$"):
        read_text(path, 1000)


def test_a_link_is_refused_where_links_must_not_be_followed(tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_text("secret")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert read_text(link, 100) == "secret"
    with pytest.raises(FileRefused, match=r"link\.txt is a symbolic link, not a regular file"):
        read_text(link, 100, follow_links=False)


def test_printable_removes_control_characters_everywhere() -> None:
    hostile = {"\x1b]0;title\x07key": ["\x1b[2Jclear", "bell\x07", "c1\x9b31m", 3, None]}
    assert printable(hostile) == {"]0;titlekey": ["[2Jclear", "bell", "c131m", 3, None]}
    assert printable("한국어 text\twith tab") == "한국어 text with tab"
    assert printable("lone \ud800 surrogate") == "lone  surrogate"


KILLED_AS_CREATED = """
import os, signal, sys, tempfile
from pathlib import Path
from tutor.safeio import new_file_removed_on_exit

create = tempfile.mkstemp
def create_then_terminated(*args, **kwargs):
    made = create(*args, **kwargs)
    os.kill(os.getpid(), signal.{signal})  # the moment a killed download once left its file
    return made
tempfile.mkstemp = create_then_terminated
with new_file_removed_on_exit(Path(sys.argv[1]), ".partial-") as (path, out):
    out.write(b"never reached")
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_the_moment_a_partial_file_is_created_still_removes_it(
    tmp_path: Path, name: str
) -> None:
    script = KILLED_AS_CREATED.replace("{signal}", name)
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], timeout=60)
    assert done.returncode == 128 + getattr(signal, name)  # it ended by the signal...
    assert list(tmp_path.iterdir()) == []  # ...and took its file with it
