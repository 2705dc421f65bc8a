"""Patches on `keras.Model.fit` and `evaluate` that let the tutor watch an unchanged script.

The exercise scripts are the learner's Colab scripts, so the tutor adds what it needs from
outside: `fit` gets one more callback (progress events, history, the stop check) and its
console progress bar turned off (the tutor draws its own, and a bar full of backspaces
would fill the log pane); `evaluate` gets a callback that keeps the test metrics and the
data evaluated, for the confusion matrix and sample predictions.

Keras is imported only inside `install`, which the training child calls after setting up
TensorFlow's environment, so importing this module stays cheap.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tutor.training.protocol import (
    MISSING_LAYER,
    OVER_BUDGET,
    Batch,
    Epoch,
    Error,
    Event,
    Fit,
    finite,
)

BATCH_INTERVAL_S = 0.1  # at most ten batch events a second
MAX_PREDICTED = 10_000  # examples collected from a tf.data test set for the confusion matrix


class TrainingCancelled(BaseException):
    """Raised in the script when the learner cancels. A BaseException, like
    KeyboardInterrupt, so a script's `except Exception` cannot swallow it."""


@dataclass
class StopRequest:
    """Set by the signal handler, checked after every batch."""

    requested: bool = False
    fitting: bool = False
    finishing: bool = False
    """The script has returned; a late signal must not interrupt writing the result."""


@dataclass
class Capture:
    """What the patched Keras saw, for the result."""

    fits: int = 0
    model: Any = None
    """The model of the most recent `fit` (a k-fold script fits several)."""
    history: dict[str, list[float | None]] = field(default_factory=dict)
    """The most recent fit's logs, epoch by epoch, as `History.history` has them."""
    test_logs: dict[str, float | None] | None = None
    evaluated: tuple[Any, Any, Any] | None = None
    """(model, x, y) of the most recent `evaluate` outside `fit`."""
    script_globals: Mapping[str, Any] | None = None

    @property
    def final(self) -> dict[str, float | None]:
        """The last epoch's logs."""
        return {name: values[-1] for name, values in self.history.items() if values}

    @property
    def epochs(self) -> int:
        return max((len(values) for values in self.history.values()), default=0)


class Refused(BaseException):
    """A challenge's model broke its rules when `fit` began (a BaseException, so that a
    script's `except Exception` cannot train on regardless); `error` says how."""

    def __init__(self, error: Error) -> None:
        super().__init__(error.message)
        self.error = error


@dataclass(frozen=True)
class ParameterBudget:
    """A challenge's rules for the built model: at most `max_params` parameters, and one of
    the `requires` layer classes (when any are named)."""

    challenge: str
    max_params: int
    requires: tuple[str, ...] = ()

    def check(self, model: Any, params: int | None) -> None:
        """`Refused` if the model breaks a rule. Counted here, after Keras has built the
        model and before the first batch, for scripts the engine could not read."""
        if params is not None and params > self.max_params:
            raise Refused(
                Error.of(
                    OVER_BUDGET,
                    id=self.challenge,
                    count=f"{params:,}",
                    budget=f"{self.max_params:,}",
                )
            )
        if self.requires and not set(self.requires) & layer_classes(model):
            layers = ", ".join(self.requires)
            raise Refused(Error.of(MISSING_LAYER, id=self.challenge, layers=layers))


def layer_classes(model: Any) -> set[str]:
    """The class names of every layer in `model`, nested models and wrapped layers (the
    LSTM in a Bidirectional) included."""
    found: set[str] = set()
    pending = list(getattr(model, "layers", []))
    while pending:
        layer = pending.pop()
        found.add(type(layer).__name__)
        pending += getattr(layer, "layers", None) or []
        pending += [
            inner
            for name in ("layer", "forward_layer", "backward_layer")
            if (inner := getattr(layer, name, None)) is not None
        ]
    return found


def count_params(model: Any) -> int | None:
    """The built model's parameter count, as `model.summary()` totals it."""
    try:
        return int(model.count_params())
    except (ValueError, AttributeError, TypeError):  # not built: nothing to count yet
        return None


def install(
    emit: Callable[[Event], None],
    stop: StopRequest,
    capture: Capture,
    script_globals: Callable[[], Mapping[str, Any] | None],
    budget: ParameterBudget | None = None,
) -> None:
    """Patch Keras in this process; `script_globals` returns the running script's globals
    (for its `DATASET` and `STAND_IN` when a fit begins); `budget` holds a challenge's
    model to its rules when a fit begins."""
    import keras

    class TutorCallback(keras.callbacks.Callback):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index
            self.epoch = 0
            self.epoch_started = 0.0
            self.last_batch_event = 0.0

        def on_train_begin(self, logs: Any = None) -> None:
            capture.history = {}
            names = script_globals() or {}
            params = count_params(self.model)
            emit(
                Fit(
                    index=self.index,
                    epochs=int(self.params.get("epochs") or 0),
                    steps=self.params.get("steps"),
                    dataset=_text_or_none(names.get("DATASET")),
                    stand_in=bool(names.get("STAND_IN", False)),
                    params=params,
                )
            )
            if budget is not None:
                budget.check(self.model, params)

        def on_epoch_begin(self, epoch: int, logs: Any = None) -> None:
            self._check_stop()
            self.epoch = epoch + 1
            self.epoch_started = time.perf_counter()

        def on_train_batch_end(self, batch: int, logs: Any = None) -> None:
            self._check_stop()
            now = time.monotonic()
            if now - self.last_batch_event >= BATCH_INTERVAL_S:
                self.last_batch_event = now
                steps = self.params.get("steps")
                emit(Batch(self.epoch, batch + 1, steps, _floats(logs)))

        def on_test_batch_end(self, batch: int, logs: Any = None) -> None:
            self._check_stop()  # the validation pass of a big set can take seconds

        def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
            values = _floats(logs)
            for name, value in values.items():
                capture.history.setdefault(name, []).append(value)
            emit(Epoch(epoch + 1, values, round(time.perf_counter() - self.epoch_started, 3)))
            self._check_stop()

        def _check_stop(self) -> None:
            # Raising (rather than only setting `model.stop_training`) skips the epoch's
            # validation pass, which on a large set would blow the 2-second cancel budget.
            if stop.requested:
                self.model.stop_training = True
                raise TrainingCancelled

    class CaptureTest(keras.callbacks.Callback):
        logs: dict[str, float | None] | None = None

        def on_test_end(self, logs: Any = None) -> None:
            self.logs = _floats(logs)

    original_fit = keras.Model.fit
    original_evaluate = keras.Model.evaluate
    fit_signature = inspect.signature(original_fit)
    evaluate_signature = inspect.signature(original_evaluate)

    def fit(model: Any, *args: Any, **kwargs: Any) -> Any:
        if stop.fitting:  # a fit inside a fit (a custom callback): leave it alone
            return original_fit(model, *args, **kwargs)
        bound = fit_signature.bind(model, *args, **kwargs)
        capture.fits += 1
        capture.model = model
        bound.arguments["callbacks"] = _with(
            bound.arguments.get("callbacks"), TutorCallback(capture.fits)
        )
        bound.arguments["verbose"] = 0
        stop.fitting = True
        try:
            return original_fit(*bound.args, **bound.kwargs)
        finally:
            stop.fitting = False

    def evaluate(model: Any, *args: Any, **kwargs: Any) -> Any:
        if stop.fitting or kwargs.get("_use_cached_eval_dataset"):  # fit's validation pass
            return original_evaluate(model, *args, **kwargs)
        bound = evaluate_signature.bind(model, *args, **kwargs)
        test = CaptureTest()
        bound.arguments["callbacks"] = _with(bound.arguments.get("callbacks"), test)
        outcome = original_evaluate(*bound.args, **bound.kwargs)
        capture.test_logs = test.logs
        capture.evaluated = (model, bound.arguments.get("x"), bound.arguments.get("y"))
        return outcome

    fit.__doc__, evaluate.__doc__ = original_fit.__doc__, original_evaluate.__doc__
    keras.Model.fit = fit
    keras.Model.evaluate = evaluate


def predictions_for(model: Any, x: Any, y: Any) -> tuple[Any, Any, Any] | None:
    """(inputs, true labels, predicted outputs) for the evaluated data; a tf.data set of
    (x, y) batches is read up to `MAX_PREDICTED` examples. None if the data cannot be used."""
    import numpy as np

    if y is None and hasattr(x, "as_numpy_iterator"):
        xs, ys, count = [], [], 0
        for item in x.as_numpy_iterator():
            if not isinstance(item, tuple) or len(item) < 2:
                return None
            xs.append(item[0])
            ys.append(item[1])
            count += len(item[1])
            if count >= MAX_PREDICTED:
                break
        if not xs:
            return None
        x, y = np.concatenate(xs), np.concatenate(ys)
    if y is None:
        return None
    return x, np.asarray(y), model.predict(x, verbose=0)


def _with(callbacks: Any, extra: Any) -> Any:
    """The script's callbacks plus ours, last, so EarlyStopping has acted before we log."""
    if callbacks is None:
        return [extra]
    if hasattr(callbacks, "append") and not isinstance(callbacks, list):  # a CallbackList
        callbacks.append(extra)
        return callbacks
    return [*list(callbacks), extra]


def _floats(logs: Any) -> dict[str, float | None]:
    return {str(name): finite(value) for name, value in (logs or {}).items()}


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None
