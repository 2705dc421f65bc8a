"""The JSON-lines protocol between the training child and whoever displays it.

One event per line, the same lines `dltutor run --json` prints (issue 4):
`start`, `fit` (a `model.fit` call begins; scripts with k-fold make several), `batch` (at
most ten a second), `epoch` (from 1, every metric under Keras' own log name, `seconds`),
`result`, `error`; `log` carries a line the script printed, for the UI's log pane.
Metric values sit at the top level of `batch` and `epoch` lines, as Keras names them, so
`{"event": "epoch", "epoch": 1, "loss": 0.3, "val_accuracy": 0.9, "seconds": 2.1}` reads
naturally; in the dataclasses they are collected in `logs`.

Decoding never raises: a line that is not an event (a stray print, half a line from a
killed child, a field of the wrong type such as `"epoch": "one"`) gives None, because one
bad line must not end a learner's run, and a display must never meet a value it cannot
format.
"""

from __future__ import annotations

import json
import math
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

RUN_STATUSES = ("passed", "failed", "cancelled", "error")

# The tutor's own error messages (`Error.template`), which displays translate. A script's
# errors are Python's and stay as they are.
KILLED_OUTRIGHT = (
    "the training process was killed by signal 9 (SIGKILL) before it reported a result: "
    "the system may have run out of memory, or something outside the tutor stopped it"
)
KILLED_BY_SIGNAL = (
    "the training process was killed by signal {number} ({name}) before it reported a result"
)
EXITED_SILENTLY = "the training process exited with status {status} before it reported a result"
EXITED_SAYING = EXITED_SILENTLY + ": {last}"
SCRIPT_EXITED = "the script exited with status {status}"
NO_GPU = "no GPU is visible to TensorFlow (try --device cpu)"
NO_SUCH_GPU = "there is no GPU {gpu}: TensorFlow sees {count}, numbered from 0 as nvidia-smi does"
GPU_OPTION_WITHOUT_GPU = "{option} needs a GPU, and this run has none (dltutor doctor says why)"
MIXED_PRECISION_GAINS_NOTHING = (
    "mixed precision gains nothing on {name} (compute capability {capability}, below 7.0): "
    "leave out --mixed-precision"
)
OUT_OF_MEMORY = "the run ran out of memory at batch size {batch}: try a smaller --batch-size"
OUT_OF_GPU_MEMORY = (
    "the GPU ran out of memory at batch size {batch}: try a smaller --batch-size or another "
    "GPU (--gpu N); on a shared GPU, --gpu-memory MB caps each run so that runs fit side by side"
)
OUT_OF_GPU_MEMORY_HELD = OUT_OF_GPU_MEMORY + "; in use now: {holders}"
OUT_OF_GPU_CAP = (
    "the run filled its --gpu-memory cap of {cap} MB at batch size {batch}: raise the cap or "
    "try a smaller --batch-size"
)
OVER_BUDGET = "{id}: the model has {count} parameters, over the budget of {budget}"
MISSING_LAYER = "{id}: the model must use one of these layers: {layers}"
TUTOR_MESSAGES = (
    KILLED_OUTRIGHT,
    KILLED_BY_SIGNAL,
    EXITED_SILENTLY,
    EXITED_SAYING,
    SCRIPT_EXITED,
    NO_GPU,
    NO_SUCH_GPU,
    GPU_OPTION_WITHOUT_GPU,
    MIXED_PRECISION_GAINS_NOTHING,
    OUT_OF_MEMORY,
    OUT_OF_GPU_MEMORY,
    OUT_OF_GPU_MEMORY_HELD,
    OUT_OF_GPU_CAP,
    OVER_BUDGET,
    MISSING_LAYER,
)


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
    gpus: list[str] = field(default_factory=list)
    """The GPUs the run uses, as NVML knows them (`tutor.gpu`): an index as nvidia-smi
    numbers them, or a UUID; empty on the CPU."""
    gpu_memory_mb: int | None = None
    """The run's cap on each GPU's memory (`--gpu-memory`), if any."""
    mixed_precision: bool = False


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
    params: int | None = None
    """The built model's parameter count, as Keras counts it."""


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
    gpu_memory_mb: float | None = None
    """The most GPU memory TensorFlow held for the run's tensors, summed over its GPUs."""


@dataclass(frozen=True)
class Error:
    kind: ClassVar[str] = "error"
    message: str
    traceback: str = ""
    template: str = ""
    """For the tutor's own messages: `message` before its `values` were filled in, so a
    display can show it in the learner's language (`tutor.training.report`)."""
    values: Mapping[str, str | int] = field(default_factory=dict)

    @classmethod
    def of(cls, template: str, **values: str | int) -> Error:
        """One of the tutor's own messages, in English, kept translatable."""
        return cls(message=template.format(**values), template=template, values=values)


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
    if not all(_fits(value, _HINTS[cls][name]) for name, value in known.items()):
        return None
    try:
        event = cls(**known)
    except TypeError:  # a required field is missing
        return None
    return event if _sound(event) else None


def finite(value: Any) -> float | None:
    """A metric as a plain float, None for NaN, infinities and non-numbers."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


_INT_LIMIT = 2**53
_HINTS = {cls: typing.get_type_hints(cls) for cls in _TYPES.values()}


def _fits(value: Any, hint: Any) -> bool:
    """Whether a decoded JSON value has the field's declared type (no bool for a number)."""
    if hint is Any:
        return True
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        return any(_fits(value, arg) for arg in args)
    if hint is type(None):
        return value is None
    if hint is float:
        return value is not None and _is_number_or_null(value)
    if hint is int:  # and one a float can hold: counts feed divisions
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) < _INT_LIMIT
    if origin is list:
        return isinstance(value, list) and all(_fits(item, args[0]) for item in value)
    if origin in (dict, Mapping):
        return isinstance(value, dict) and all(
            isinstance(key, str) and _fits(item, args[1]) for key, item in value.items()
        )
    return isinstance(value, hint)


def _sound(event: Event) -> bool:
    """The checks a type cannot say: a known status, a criterion and samples a display can
    format."""
    if not isinstance(event, Result):
        return True
    if event.status not in RUN_STATUSES:
        return False
    matrix = event.confusion_matrix
    if matrix is not None and not (matrix and all(len(row) == len(matrix) for row in matrix)):
        return False
    criterion = event.criterion
    if criterion is not None:
        bounds = [key for key in ("at_least", "at_most") if key in criterion]
        if not (
            isinstance(criterion.get("metric"), str)
            and len(bounds) == 1
            and _fits(criterion[bounds[0]], float)
            and _fits(criterion.get("value"), float | None)
        ):
            return False
    sample_fields = {"index": int, "true": str, "predicted": str, "confidence": float}
    return all(
        all(_fits(sample.get(name), hint) for name, hint in sample_fields.items())
        for sample in event.samples or []
    )


def _is_number_or_null(value: Any) -> bool:
    """None, or a number a display can format (an integer of 400 digits cannot be)."""
    if value is None:
        return True
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        float(value)
    except OverflowError:
        return False
    return True


def _finite_tree(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {key: _finite_tree(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite_tree(item) for item in value]
    return value
