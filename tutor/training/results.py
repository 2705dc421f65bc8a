"""What a finished run reports beyond its curves: the criterion, a confusion matrix, a few
sample predictions, and the saved history.

Plain NumPy on arrays the child already has (the evaluated data and the model's
predictions), so it is tested without TensorFlow and costs well under a second.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tutor.exercises import Criterion
from tutor.training.protocol import finite

SAMPLE_COUNT = 5


def judge(
    criterion: Criterion | None, final: Mapping[str, float | None]
) -> tuple[bool | None, dict[str, Any] | None]:
    """(passed, the criterion with the `value` reached) for the last epoch's logs.

    A criterion whose metric the run never logged (the learner removed the validation
    split, say) fails: the run did not show what the exercise asks for."""
    if criterion is None:
        return None, None
    value = finite(final.get(criterion.metric))
    passed = value is not None and criterion.met_by(value)
    return passed, {**criterion.as_dict(), "value": value}


def class_indices(values: Any, *, probabilities: bool) -> tuple[np.ndarray, np.ndarray]:
    """(class index, confidence) per row, from one-hot rows, softmax rows, a single sigmoid
    column (or logits) or plain integer labels."""
    array = np.asarray(values)
    if array.ndim >= 2 and array.shape[-1] > 1:
        rows = array.reshape(len(array), -1)
        return rows.argmax(axis=1), rows.max(axis=1).astype(float)
    flat = array.reshape(len(array)).astype(float)
    if not probabilities:
        return np.rint(flat).astype(int), np.ones(len(flat))
    threshold = 0.0 if (flat.min(initial=0) < 0 or flat.max(initial=0) > 1) else 0.5
    predicted = (flat >= threshold).astype(int)
    if threshold == 0.0:  # logits: the sigmoid gives the probability
        flat = 1 / (1 + np.exp(-flat))
    return predicted, np.where(predicted == 1, flat, 1 - flat)


def classification_report(
    y_true: Any, y_predicted: Any, class_names: Sequence[str] | None
) -> dict[str, Any] | None:
    """`confusion_matrix`, `classes` and `samples` for the result, or None when the labels
    do not look like classes (so a mis-declared task never breaks a finished run)."""
    try:
        true, _ = class_indices(y_true, probabilities=False)
        predicted, confidence = class_indices(y_predicted, probabilities=True)
    except (ValueError, TypeError):
        return None
    if len(true) != len(predicted) or not len(true) or true.min() < 0:
        return None
    width = np.asarray(y_predicted).shape[-1] if np.asarray(y_predicted).ndim >= 2 else 1
    count = max(width if width > 1 else 2, int(true.max()) + 1, int(predicted.max()) + 1)
    names = list(class_names) if class_names and len(class_names) == count else None
    names = names or [str(index) for index in range(count)]
    matrix = np.zeros((count, count), dtype=int)
    np.add.at(matrix, (true, predicted), 1)
    picks = np.unique(np.linspace(0, len(true) - 1, SAMPLE_COUNT).astype(int))
    samples = [
        {
            "index": int(index),
            "true": names[true[index]],
            "predicted": names[predicted[index]],
            "confidence": round(float(confidence[index]), 4),
        }
        for index in picks
    ]
    return {"confusion_matrix": matrix.tolist(), "classes": names, "samples": samples}


def save_history(history: Mapping[str, Sequence[Any]], path: Path) -> None:
    """Keras' `history.history` as JSON: one list per log name, NaN as null."""
    data = {name: [finite(value) for value in values] for name, values in history.items()}
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
