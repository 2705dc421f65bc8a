"""The JSON-lines protocol between the app (or `dltutor inspect`) and the inference child.

Requests go to the child's stdin, one JSON object a line, each with an `id` and an `op`:
`predict` (raw model outputs for saved samples or a given input), `layers` (every layer's
min/max/mean for one input, and the whole output of the layers asked for) and `weights`
(a layer's kernel). Answers come back on a pipe of their own (`--events-fd`), one line
each with the same `id`; the first line is `ready` (or `error`) once the model is loaded.
Arrays travel as base64 of their bytes with dtype and shape: a 26x26x32 feature map is
86 kB of float32, where a JSON list of numbers would be three times that and slow to parse.

Decoding never trusts a line: a malformed array is a `ProtocolError`, not a crash.
"""

from __future__ import annotations

import base64
import json
import math
from typing import Any

import numpy as np

from tutor.errors import TutorError

DTYPES = ("float16", "float32", "float64", "int32", "int64", "uint8", "bool")
MAX_ARRAY_VALUES = 1 << 26


class ProtocolError(TutorError):
    """A line or array that is not what the protocol says."""


def encode_array(array: Any, dtype: str | None = None) -> dict[str, Any]:
    values = np.ascontiguousarray(np.asarray(array), dtype=dtype)
    if values.dtype.name not in DTYPES:
        values = values.astype(np.float32)
    return {
        "dtype": values.dtype.name,
        "shape": list(values.shape),
        "data": base64.b64encode(values.tobytes()).decode("ascii"),
    }


def decode_array(record: Any) -> np.ndarray:
    if not isinstance(record, dict):
        raise ProtocolError("an array must be an object with dtype, shape and data")
    dtype, shape, data = record.get("dtype"), record.get("shape"), record.get("data")
    if dtype not in DTYPES or not isinstance(shape, list) or not isinstance(data, str):
        raise ProtocolError("an array needs a known dtype, a shape and base64 data")
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape):
        raise ProtocolError("an array's shape must be non-negative integers")
    if math.prod(shape) > MAX_ARRAY_VALUES:
        raise ProtocolError("an array is too large")
    try:
        raw = base64.b64decode(data, validate=True)
    except ValueError:
        raise ProtocolError("an array's data is not base64") from None
    if len(raw) != math.prod(shape) * np.dtype(dtype).itemsize:
        raise ProtocolError("an array's data does not fit its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape)


def line(record: dict[str, Any]) -> str:
    """One protocol line, newline included (NaN becomes null: JSON has none)."""
    return json.dumps(_finite(record), ensure_ascii=False, allow_nan=False) + "\n"


def parse(text: str | bytes) -> dict[str, Any] | None:
    """The object on a line, or None for anything else."""
    try:
        record = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        return None
    return record if isinstance(record, dict) else None


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(item) for item in value]
    return value


def class_probabilities(output: Any, task: str) -> tuple[list[float], int | float]:
    """(probabilities, predicted) from one row of raw model outputs: a softmax row as it
    is (logits go through softmax), one sigmoid unit as [1 - p, p] (a logit through the
    sigmoid), and for regression no probabilities and the predicted value."""
    row = np.asarray(output, dtype=np.float64).reshape(-1)
    if task != "classification":
        return [], float(row[0])
    if len(row) == 1:
        p = float(row[0])
        if not 0.0 <= p <= 1.0:
            p = 1.0 / (1.0 + math.exp(-p))
        return [1.0 - p, p], int(p >= 0.5)
    if row.min() < 0 or abs(row.sum() - 1.0) > 1e-3:
        shifted = np.exp(row - row.max())
        row = shifted / shifted.sum()
    return [float(value) for value in row], int(row.argmax())
