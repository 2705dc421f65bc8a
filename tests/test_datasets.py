"""Dataset bookkeeping: cache states, checking and installing files, failing downloads.

Every test points KERAS_HOME at a fresh folder and never touches the network: downloads
come from a `file://` mirror or a patched `urlopen`. The fake files are built here without
NumPy (the project does not depend on it): an .npz is a zip of .npy files, and a .npy file
is a short text header followed by the raw bytes.
"""

from __future__ import annotations

import dataclasses
import fcntl
import gzip
import hashlib
import io
import os
import re
import socket
import subprocess
import sys
import time
import tracemalloc
import urllib.error
import zipfile
from pathlib import Path

import pytest

from tutor import datasets
from tutor.datasets import DatasetError, dataset_status, fetch, import_file

DOWNLOADED = ("mnist", "fashion_mnist", "imdb", "reuters", "pima")


@pytest.fixture(autouse=True)
def keras_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "keras-home"
    monkeypatch.setenv("KERAS_HOME", str(home))
    monkeypatch.delenv(datasets.MIRROR_ENV, raising=False)
    return home


# --- fake files -----------------------------------------------------------------------------


def pima_csv(path: Path, rows: int = 768, positives: int = 268, columns: int = 9) -> Path:
    lines = []
    for row in range(rows):
        features = [str(row % 17), "148", "72", "35", "0", "33.6", "0.627", "50"]
        label = "1" if row < positives else "0"
        lines.append(",".join([*features[: columns - 1], label]))
    path.write_text("\n".join(lines) + "\n")
    return path


def npy(shape: tuple[int, ...], descr: str = "|u1") -> bytes:
    """A .npy file of zeros (or of empty object slots): version 1.0 header, then the data."""
    header = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape!r}, }}"
    header = header.ljust(118) + "\n"  # magic + version + length + header = 128 bytes
    count = 1
    for n in shape:
        count *= n
    return (
        b"\x93NUMPY\x01\x00"
        + len(header).to_bytes(2, "little")
        + header.encode()
        + (bytes(count) if descr == "|u1" else b"")
    )


def npz(path: Path, arrays: dict[str, tuple[int, ...]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, shape in arrays.items():
            archive.writestr(f"{name}.npy", npy(shape))
    return path


MNIST_SHAPES = {
    "x_train": (60_000, 28, 28),
    "y_train": (60_000,),
    "x_test": (10_000, 28, 28),
    "y_test": (10_000,),
}


def idx_files(folder: Path) -> Path:
    """Fashion-MNIST's four gzip'd IDX files, all zeros, with the right headers."""
    folder.mkdir(parents=True, exist_ok=True)
    for prefix, count in (("train", 60_000), ("t10k", 10_000)):
        labels = (2049).to_bytes(4, "big") + count.to_bytes(4, "big") + bytes(count)
        head = [2051, count, 28, 28]
        images = b"".join(n.to_bytes(4, "big") for n in head) + bytes(count * 784)
        for name, data in (("labels-idx1", labels), ("images-idx3", images)):
            with gzip.open(folder / f"{prefix}-{name}-ubyte.gz", "wb", compresslevel=1) as out:
                out.write(data)
    return folder


def trust(monkeypatch: pytest.MonkeyPatch, name: str, path: Path) -> None:
    """Make the registry expect this fake file's SHA-256, as it expects the real file's."""
    dataset = datasets.DATASETS[name]
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    files = (dataclasses.replace(dataset.files[0], sha256=sha),)
    monkeypatch.setitem(datasets.DATASETS, name, dataclasses.replace(dataset, files=files))


def cache_leftovers(home: Path) -> list[str]:
    return sorted(p.name for p in home.rglob("*") if p.is_file())


# --- states ---------------------------------------------------------------------------------


def test_an_empty_cache_has_everything_missing_but_the_bundled_data(keras_home: Path) -> None:
    states = {status.name: status.state for status in datasets.all_statuses()}
    assert list(states) == ["mnist", "fashion_mnist", "imdb", "reuters", "iris", "boston", "pima"]
    assert all(states[name] == "missing" for name in DOWNLOADED)
    assert states["iris"] == states["boston"] == "bundled"
    mnist = dataset_status("mnist")
    assert mnist.path == keras_home / "datasets" / "mnist.npz"  # where keras.datasets looks
    assert mnist.size_bytes is None
    assert mnist.fallback.stand_in
    assert dataset_status("fashion_mnist").path == keras_home / "datasets" / "fashion-mnist"


def test_bundled_datasets_point_into_mlxtend() -> None:
    status = dataset_status("iris")
    assert status.path is not None and status.path.name == "iris.csv.gz"
    assert status.size_bytes == status.path.stat().st_size
    assert not status.fallback.stand_in


def test_keras_home_follows_the_environment(keras_home: Path) -> None:
    assert datasets.keras_home() == keras_home
    assert datasets.cache_dir("fashion_mnist") == keras_home / "datasets" / "fashion-mnist"


def test_an_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(DatasetError, match="no dataset called 'cifar'; known: mnist, "):
        dataset_status("cifar")


def test_the_module_imports_no_numpy_keras_or_tensorflow() -> None:
    code = "import sys, tutor.datasets; print(' '.join(sorted(sys.modules)))"
    loaded = set(subprocess.check_output([sys.executable, "-c", code], text=True).split())
    assert not loaded & {"numpy", "keras", "tensorflow", "mlxtend"}


# --- import ---------------------------------------------------------------------------------


def test_importing_a_valid_pima_csv_caches_it(tmp_path: Path, keras_home: Path) -> None:
    assert dataset_status("pima").state == "missing"
    source = pima_csv(tmp_path / "diabetes.csv")
    status = import_file("pima", source)
    assert status.state == "cached"
    assert status.path == keras_home / "datasets" / "pima-indians-diabetes.csv"
    assert status.size_bytes == source.stat().st_size
    assert status.path.read_bytes() == source.read_bytes()
    assert dataset_status("pima").state == "cached"


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"rows": 767}, "expected 768 rows of 9 columns, found 767 of 9"),
        ({"columns": 8}, "expected 768 rows of 9 columns, found 768 of 8"),
        ({"positives": 300}, "expected 268 rows labelled 1 in the last column, found 300"),
    ],
)
def test_a_wrong_pima_csv_is_refused_naming_the_problem(
    tmp_path: Path, keras_home: Path, kwargs: dict[str, int], problem: str
) -> None:
    source = pima_csv(tmp_path / "diabetes.csv", **kwargs)
    with pytest.raises(DatasetError) as caught:
        import_file("pima", source)
    message = str(caught.value)
    assert message == f"pima: {source}: {problem}"
    assert "\n" not in message
    assert dataset_status("pima").state == "missing"
    assert cache_leftovers(keras_home) == []  # no half-installed or temporary file


def test_a_non_numeric_csv_names_the_line(tmp_path: Path) -> None:
    source = tmp_path / "x.csv"
    source.write_text("1,2,3,4,5,6,7,8,0\nname,2,3,4,5,6,7,8,1\n")
    with pytest.raises(DatasetError, match="line 2 is not 9 comma-separated numbers"):
        import_file("pima", source)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such file"):
        import_file("pima", tmp_path / "nowhere.csv")


def test_a_bundled_dataset_has_nothing_to_import(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="ships with mlxtend"):
        import_file("iris", pima_csv(tmp_path / "x.csv"))


def test_an_mnist_npz_with_the_right_arrays_and_hash_is_cached(
    tmp_path: Path, keras_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = npz(tmp_path / "mnist-from-usb.npz", MNIST_SHAPES)
    trust(monkeypatch, "mnist", source)
    status = import_file("mnist", source)
    assert status.state == "cached"
    assert status.path == keras_home / "datasets" / "mnist.npz"


def test_an_mnist_npz_that_is_not_keras_own_file_is_refused(tmp_path: Path) -> None:
    # Keras checks mnist.npz's SHA-256 and downloads it again on a mismatch: no use offline.
    source = npz(tmp_path / "mnist.npz", MNIST_SHAPES)
    with pytest.raises(DatasetError, match="SHA-256 differs"):
        import_file("mnist", source)
    assert dataset_status("mnist").state == "missing"


@pytest.mark.parametrize(
    ("arrays", "problem"),
    [
        (
            {**MNIST_SHAPES, "x_train": (10, 28, 28)},
            "x_train has shape (10, 28, 28), expected (60000, 28, 28)",
        ),
        (
            {"x_train": (60_000, 28, 28), "y_train": (60_000,)},
            "array x_test is missing (arrays found: x_train, y_train)",
        ),
    ],
)
def test_a_wrong_mnist_npz_is_refused_naming_the_array(
    tmp_path: Path, arrays: dict[str, tuple[int, ...]], problem: str
) -> None:
    source = npz(tmp_path / "mnist.npz", arrays)
    with pytest.raises(DatasetError) as caught:
        import_file("mnist", source)
    assert str(caught.value) == f"mnist: {source}: {problem}"


def test_a_file_that_is_not_an_npz_is_refused(tmp_path: Path) -> None:
    source = pima_csv(tmp_path / "imdb.npz")
    with pytest.raises(DatasetError, match=r"not an \.npz archive"):
        import_file("imdb", source)


def test_reuters_is_checked_for_its_two_arrays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "reuters.npz"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("x.npy", npy((11_228,), descr="|O"))
        archive.writestr("y.npy", npy((11_228,), descr="|O"))
    trust(monkeypatch, "reuters", source)
    assert import_file("reuters", source).state == "cached"


def test_fashion_mnist_is_cached_only_with_all_four_files(tmp_path: Path) -> None:
    folder = idx_files(tmp_path / "fashion")
    status = import_file("fashion_mnist", folder / "t10k-labels-idx1-ubyte.gz")
    assert status.state == "missing"  # one of four files is not the dataset
    assert status.size_bytes == (folder / "t10k-labels-idx1-ubyte.gz").stat().st_size
    status = import_file("fashion_mnist", folder)
    assert status.state == "cached"
    assert sorted(p.name for p in status.path.iterdir()) == sorted(p.name for p in folder.iterdir())


def test_a_fashion_file_with_a_wrong_header_or_name_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "t10k-labels-idx1-ubyte.gz"
    with gzip.open(bad, "wb") as out:
        out.write((2049).to_bytes(4, "big") + (9_999).to_bytes(4, "big") + bytes(9_999))
    with pytest.raises(DatasetError, match=r"IDX header \[2049, 9999\] does not describe"):
        import_file("fashion_mnist", bad)
    with pytest.raises(DatasetError, match=r"labels\.gz is none of train-labels-idx1-ubyte\.gz"):
        import_file("fashion_mnist", bad.rename(tmp_path / "labels.gz"))


# --- fetch ----------------------------------------------------------------------------------


def test_fetch_without_a_network_is_a_clear_error(
    keras_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def offline(*args: object, **kwargs: object) -> None:
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(datasets.urllib.request, "urlopen", offline)
    with pytest.raises(DatasetError) as caught:
        fetch("pima")
    message = str(caught.value)
    assert message.startswith(f"could not download {datasets.PIMA_URL}: ")
    assert "name resolution" in message and "dltutor data import" in message
    assert dataset_status("pima").state == "missing"
    assert cache_leftovers(keras_home) == []


class FakeResponse(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.headers = {"Content-Length": str(len(data))}


def test_fetch_downloads_checks_and_reports_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = pima_csv(tmp_path / "pima.csv").read_bytes()
    asked: list[str] = []

    def urlopen(url: str, timeout: float) -> FakeResponse:
        asked.append(url)
        return FakeResponse(data)

    monkeypatch.setattr(datasets.urllib.request, "urlopen", urlopen)
    seen: list[tuple[str, int, int | None]] = []
    status = fetch("pima", progress=lambda *report: seen.append(report))
    assert asked == [datasets.PIMA_URL]
    assert status.state == "cached" and status.path.read_bytes() == data
    assert seen[-1] == ("pima-indians-diabetes.csv", len(data), len(data))
    fetch("pima")  # already there: nothing is downloaded again
    assert len(asked) == 1


def test_a_damaged_download_is_not_installed(
    tmp_path: Path, keras_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = pima_csv(tmp_path / "pima.csv", rows=500).read_bytes()
    monkeypatch.setattr(datasets.urllib.request, "urlopen", lambda *a, **k: FakeResponse(data))
    with pytest.raises(DatasetError, match=r"the download of pima-indians-diabetes\.csv: expected"):
        fetch("pima")
    assert cache_leftovers(keras_home) == []


def test_fetch_from_a_local_mirror(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mirror = tmp_path / "mirror"
    idx_files(mirror)
    monkeypatch.setenv(datasets.MIRROR_ENV, str(mirror))
    assert fetch("fashion_mnist").state == "cached"
    with pytest.raises(DatasetError, match="could not download file://"):
        fetch("reuters")  # the mirror has no reuters.npz


def test_fetching_bundled_data_downloads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datasets.urllib.request, "urlopen", None)  # would fail if called
    assert fetch("boston").state == "bundled"


# --- hostile files ----------------------------------------------------------------------------


def test_dev_zero_a_fifo_or_a_huge_file_is_refused_at_once(
    tmp_path: Path, keras_home: Path
) -> None:
    fifo = tmp_path / "mnist.npz"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.npz"
    with huge.open("wb") as sparse:
        sparse.truncate(50 << 30)  # 50 GB, no disk used
    started = time.monotonic()
    for source, problem in (
        (Path("/dev/zero"), "/dev/zero is a device, not a regular file"),
        (fifo, f"{fifo} is a FIFO (named pipe), not a regular file"),
        (huge, f"{huge} is too large (53.7 GB; the limit is 24.0 MB)"),
    ):
        with pytest.raises(DatasetError) as caught:
            import_file("mnist", source)
        assert str(caught.value) == f"mnist: {problem}"
    assert time.monotonic() - started < 5
    assert cache_leftovers(keras_home) == []


def npy_with_header(header: bytes, version: int = 1) -> bytes:
    length = len(header).to_bytes(2 if version == 1 else 4, "little")
    return b"\x93NUMPY" + bytes([version, 0]) + length + header


def test_an_npz_declaring_a_huge_header_is_refused_unread(tmp_path: Path) -> None:
    source = tmp_path / "mnist.npz"
    declared = b"\x93NUMPY\x02\x00" + (4_000_000_000).to_bytes(4, "little") + b"{" * 1000
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("x_train.npy", declared)
    tracemalloc.start()
    try:
        with pytest.raises(DatasetError, match=r"declares a 4,000,000,000-byte header"):
            import_file("mnist", source)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 << 20


@pytest.mark.parametrize(
    ("header", "data", "problem"),
    [
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': (60000, 28, 28), }",
            b"",
            "x_train holds '<f8' values, not what Keras saved",
        ),
        (
            "{'descr': '|u1', 'fortran_order': False, 'shape': (60000, 28, 28), }",
            b"\0" * 10,
            "x_train does not hold the (60000, 28, 28) array it declares",
        ),
        ("[" * 9000, b"", "x_train.npy has an unreadable NumPy header"),
        ("{'shape': (60000, 28, 28)}", b"", "x_train.npy has an unreadable NumPy header"),
    ],
    ids=["float64", "short data", "deep nesting", "no dtype"],
)
def test_an_npz_array_is_checked_from_its_header(
    tmp_path: Path, header: str, data: bytes, problem: str
) -> None:
    source = tmp_path / "mnist.npz"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("x_train.npy", npy_with_header(header.encode()) + data)
        for name, shape in MNIST_SHAPES.items():
            if name != "x_train":
                archive.writestr(f"{name}.npy", npy(shape))
    with pytest.raises(DatasetError) as caught:
        import_file("mnist", source)
    assert str(caught.value) == f"mnist: {source}: {problem}"


def test_a_gzip_bomb_is_counted_only_to_just_past_its_size(tmp_path: Path) -> None:
    bomb = tmp_path / "train-images-idx3-ubyte.gz"
    head = b"".join(n.to_bytes(4, "big") for n in (2051, 60_000, 28, 28))
    with gzip.open(bomb, "wb", compresslevel=9) as out:
        out.write(head)
        for _ in range(1024):  # 1 GB of zeros, about 1 MB on disk
            out.write(bytes(1 << 20))
    started = time.monotonic()
    with pytest.raises(DatasetError, match=r"it holds more than 4[\d,]+ bytes of data, expected"):
        import_file("fashion_mnist", bomb)
    assert time.monotonic() - started < 20


@pytest.mark.parametrize("value", ["nan", "inf", "-Infinity", "1e999"])
def test_pima_values_that_are_not_finite_numbers_are_refused(tmp_path: Path, value: str) -> None:
    source = pima_csv(tmp_path / "diabetes.csv")
    lines = source.read_text().splitlines()
    lines[41] = lines[41].replace("148", value, 1)
    source.write_text("\n".join(lines) + "\n")
    with pytest.raises(DatasetError) as caught:
        import_file("pima", source)
    message = str(caught.value)
    assert message.startswith(f"pima: {source}: line 42 holds ")
    assert message.endswith(", not a finite number")
    assert dataset_status("pima").state == "missing"


# --- partial files ------------------------------------------------------------------------------


def test_stale_partial_files_are_removed_at_the_next_start(keras_home: Path) -> None:
    folder = keras_home / "datasets"
    folder.mkdir(parents=True)
    stale = folder / ".partial-killed"
    stale.write_bytes(b"x" * 1000)
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = folder / ".partial-starting"
    fresh.write_bytes(b"y")
    held = folder / ".partial-busy"
    held.write_bytes(b"z")
    os.utime(held, (old, old))
    with held.open("rb") as busy:
        fcntl.flock(busy.fileno(), fcntl.LOCK_EX)  # another download, still writing
        datasets.all_statuses()
        remaining = sorted(p.name for p in folder.iterdir())
    assert remaining == [".partial-busy", ".partial-starting"]


def silent_server() -> tuple[socket.socket, str]:
    """A server that accepts connections and never answers (a hung proxy)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    return server, f"http://127.0.0.1:{server.getsockname()[1]}"


def test_a_server_that_never_answers_fails_within_the_time_out(
    keras_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server, url = silent_server()
    monkeypatch.setattr(datasets, "DOWNLOAD_TIMEOUT_S", 1.0)
    monkeypatch.setenv(datasets.MIRROR_ENV, url)
    monkeypatch.setenv("no_proxy", "*")
    started = time.monotonic()
    try:
        with pytest.raises(DatasetError, match=r"could not download http://127\.0\.0\.1:\d+/pima"):
            fetch("pima")
    finally:
        server.close()
    assert time.monotonic() - started < 10
    assert cache_leftovers(keras_home) == []


def test_keras_downloads_in_the_training_child_get_the_same_time_out(tmp_path: Path) -> None:
    """`limit_download_time` is what the training child calls before a script: Keras'
    get_file downloads with urlretrieve, which then times out instead of hanging."""
    server, url = silent_server()
    code = (
        "import sys, time, urllib.request\n"
        "from tutor import datasets\n"
        "datasets.DOWNLOAD_TIMEOUT_S = 1.0\n"
        "datasets.limit_download_time()\n"
        "started = time.monotonic()\n"
        "try:\n"
        f"    urllib.request.urlretrieve({url + '/mnist.npz'!r}, {str(tmp_path / 'x')!r})\n"
        "except OSError as error:\n"
        "    print(type(error).__name__, round(time.monotonic() - started))\n"
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "no_proxy": "*"},
        )
    finally:
        server.close()
    assert result.stdout.split()[0] in ("TimeoutError", "URLError"), result.stderr
    assert int(result.stdout.split()[1]) <= 5


class EndlessResponse:
    headers: dict[str, str] = {}

    def read(self, size: int) -> bytes:
        return bytes(size)

    def __enter__(self) -> EndlessResponse:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None


def test_a_download_that_never_ends_stops_at_the_size_limit(
    keras_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(datasets.urllib.request, "urlopen", lambda *a, **k: EndlessResponse())
    with pytest.raises(DatasetError, match=r"is too large \(the limit is 1\.0 MB\)"):
        fetch("pima")
    assert cache_leftovers(keras_home) == []


def test_a_fifo_in_a_mirror_folder_is_refused_without_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    os.mkfifo(mirror / "pima-indians-diabetes.csv")
    monkeypatch.setenv(datasets.MIRROR_ENV, str(mirror))
    with pytest.raises(DatasetError, match=r"FIFO \(named pipe\), not a regular file"):
        fetch("pima")


# --- descriptions -------------------------------------------------------------------------------


def test_every_dataset_and_stand_in_is_described_in_korean() -> None:
    for name, dataset in datasets.DATASETS.items():
        for stand_in in (False, True):
            english = datasets.describe(name, "en", stand_in=stand_in)
            korean = datasets.describe(name, "ko", stand_in=stand_in)
            assert english == (dataset.fallback.description if stand_in else dataset.title)
            assert korean != english
            assert re.search("[가-힣]", korean), korean
            leftover = re.sub(r"MNIST|Fashion-MNIST|IMDB|mlxtend|scikit-learn|[\d,]+", "", korean)
            assert not re.search("[A-Za-z]{3,}", leftover), korean
    assert datasets.describe("mnist", "ko") == "MNIST 손글씨 숫자 (이미지 70,000장)"
    assert datasets.describe("no-such-data", "ko") == "no-such-data"
