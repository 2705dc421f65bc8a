"""The JSON-lines protocol between the training child and whoever displays it.

One event per line, the same lines `dltutor run --json` prints (issue 4):
`start`, `fit` (a `model.fit` call begins; scripts with k-fold make several), `batch` (at
most ten a second), `epoch` (from 1, every metric under Keras' own log name, `seconds`),
`result`, `error`; `log` carries a line the script printed, for the UI's log pane.
Metric values sit at the top level of `batch` and `epoch` lines, as Keras names them, so
`{"event": "epoch", "epoch": 1, "loss": 0.3, "val_accuracy": 0.9, "seconds": 2.1}` reads
naturally; in the dataclasses they are collected in `logs`.

Decoding never raises: a line that is not an event (a stray print, half a line from a
killed child) gives None, because one bad line must not end a learner's run.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

RUN_STATUSES = ("passed", "failed", "cancelled", "error")


@dataclass(frozen=True)
class Start:
    """The child is ready to run the script: where it trains and on what."""

    kind: ClassVar[str] = "start"
    exercise: str
    device: str
    """`CPU` or the GPU's name (`NVIDIA H100 80GB HBM3`); with several, `2 x NAME`."""
    dataset: str | None
    offline: bool
    script: str = ""
    strategy: str | None = None
    replicas: int = 1
    pid: int = 0
    """The child's process id (it leads its own process group)."""


@dataclass(frozen=True)
class Fit:
    """A `model.fit` call begins; the display resets its plots for a new model."""

    kind: ClassVar[str] = "fit"
    index: int
    """1 for the first fit of the run, 2 for the next (k-fold scripts fit several models)."""
    epochs: int
    steps: int | None
    """Batches per epoch, when Keras knows it."""
    dataset: str | None = None
    """The script's `DATASET` at this point: what its loader actually used."""
    stand_in: bool = False


@dataclass(frozen=True)
class Batch:
    kind: ClassVar[str] = "batch"
    epoch: int
    batch: int
    """Batches done in this epoch, from 1."""
    of: int | None
    logs: Mapping[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Epoch:
    kind: ClassVar[str] = "epoch"
    epoch: int
    """From 1, as Keras prints it."""
    logs: Mapping[str, float | None] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass(frozen=True)
class Result:
    """How the run ended. `status`: passed, failed (criterion not met), cancelled, error."""

    kind: ClassVar[str] = "result"
    status: str
    test: Mapping[str, float | None] | None = None
    """Metrics of the script's last `model.evaluate`, under Keras' names."""
    passed: bool | None = None
    """None when there is nothing to judge (no training, or cancelled before the end)."""
    criterion: Mapping[str, Any] | None = None
    """The catalogue's criterion plus the `value` reached, e.g.
    `{"metric": "val_accuracy", "at_least": 0.9, "value": 0.93}`."""
    model_path: str | None = None
    history_path: str | None = None
    epochs: int = 0
    """Epochs completed by the last fit."""
    final: Mapping[str, float | None] = field(default_factory=dict)
    """The last epoch's logs."""
    confusion_matrix: list[list[int]] | None = None
    """Rows: true class, columns: predicted class (classifiers only)."""
    classes: list[str] | None = None
    samples: list[dict[str, Any]] | None = None
    """A few test examples: `index`, `true`, `predicted`, `confidence`."""
    dataset: str | None = None
    stand_in: bool = False


@dataclass(frozen=True)
class Error:
    kind: ClassVar[str] = "error"
    message: str
    traceback: str = ""


@dataclass(frozen=True)
class Log:
    """A line the script wrote to `stream` (stdout or stderr)."""

    kind: ClassVar[str] = "log"
    stream: str
    line: str


Event = Start | Fit | Batch | Epoch | Result | Error | Log
_TYPES: dict[str, type] = {cls.kind: cls for cls in (Start, Fit, Batch, Epoch, Result, Error, Log)}
_WITH_LOGS = (Batch, Epoch)


def to_record(event: Event) -> dict[str, Any]:
    """The event as the JSON object of one line, `event` first, metrics flattened."""
    record: dict[str, Any] = {"event": event.kind}
    for item in fields(event):
        name, value = item.name, getattr(event, item.name)
        if name == "logs":
            record.update({key: finite(item) for key, item in value.items()})
        else:
            record[name] = value
    return record


def encode(event: Event) -> str:
    """One line of JSON, newline included; NaN and infinities become null (JSON has none)."""
    return json.dumps(_finite_tree(to_record(event)), ensure_ascii=False, allow_nan=False) + "\n"


def decode(line: str | bytes) -> Event | None:
    """The event on `line`, or None if it is not one (garbage is expected, never fatal)."""
    try:
        record = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    return from_record(record) if isinstance(record, dict) else None


def from_record(record: Mapping[str, Any]) -> Event | None:
    cls = _TYPES.get(record.get("event"))  # type: ignore[arg-type]
    if cls is None:
        return None
    names = {item.name for item in fields(cls)}
    known = {key: value for key, value in record.items() if key in names and key != "logs"}
    if cls in _WITH_LOGS:
        known["logs"] = {
            key: value
            for key, value in record.items()
            if key not in names and key != "event" and _is_number_or_null(value)
        }
    try:
        return cls(**known)
    except TypeError:  # a required field is missing
        return None


def finite(value: Any) -> float | None:
    """A metric as a plain float, None for NaN, infinities and non-numbers."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _is_number_or_null(value: Any) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _finite_tree(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {key: _finite_tree(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite_tree(item) for item in value]
    return value
