"""At the end of a completed run, in the training child: keep what Inspect needs.

Called with the model the script evaluated and the data it evaluated on; touches the
model only through its attributes (no TensorFlow import here). A failure is reported in
one line on the run's output and never costs the run its result: the run just cannot be
inspected later.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tutor.errors import TutorError
from tutor.exercises import Exercise
from tutor.inspect.saved import save_inspection
from tutor.inspect.text import cached_vocabulary
from tutor.safeio import read_text

MAX_SOURCE_BYTES = 1 << 20


def keep_for_inspection(
    run_dir: Path,
    item: Exercise,
    names: Mapping[str, Any],
    evaluated: tuple[Any, Any, Any, Any],
    classes: list[str] | None,
    confusion_matrix: list[list[int]] | None,
) -> None:
    """Write `inspect.npz` into `run_dir`: `evaluated` is (model, x, labels, outputs)."""
    model, x, labels, outputs = evaluated
    try:
        embedding = _first_embedding(model)
        stand_in = bool(names.get("STAND_IN", False))
        size = int(embedding.input_dim) if embedding is not None else None
        dataset_text = names.get("DATASET")
        save_inspection(
            run_dir,
            exercise=item.id,
            dataset=item.dataset,
            dataset_text=dataset_text if isinstance(dataset_text, str) else None,
            stand_in=stand_in,
            task=item.task if item.task in ("classification", "regression") else "regression",
            classes=classes,
            x=x,
            labels=labels,
            outputs=outputs,
            embedding_first=embedding is not None,
            confusion_matrix=confusion_matrix,
            source=_source(names.get("__file__")),
            vocabulary=None if stand_in or size is None else cached_vocabulary(item.dataset, size),
            vocabulary_size=size,
        )
    except Exception as error:  # never the run's result: only Inspect goes without
        reason = f"{type(error).__name__}: {error}"
        print(f"dltutor: nothing kept for Inspect ({reason})", file=sys.stderr)


def _first_embedding(model: Any) -> Any:
    """The model's first layer when it is an Embedding (its inputs are word ids)."""
    layers = [
        layer for layer in getattr(model, "layers", []) if type(layer).__name__ != "InputLayer"
    ]
    return layers[0] if layers and type(layers[0]).__name__ == "Embedding" else None


def _source(file: Any) -> str | None:
    """The script's text, for the engine's shapes and parameter counts."""
    if not isinstance(file, str):
        return None
    try:
        return read_text(file, MAX_SOURCE_BYTES)
    except (OSError, TutorError):  # unreadable: Keras' own shapes are shown instead
        return None
