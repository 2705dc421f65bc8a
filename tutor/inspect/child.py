"""The inference child: loads one run's model and answers the app's questions about it.

    python -m tutor.inspect.child --run-dir DIR --events-fd N [--parent-pid PID]

Like the training child, this is the only kind of process that imports TensorFlow; the
app never does. Requests arrive on stdin and answers leave on fd N (`tutor.inspect.
protocol`), so TensorFlow's own chatter on stdout and stderr cannot be taken for one.
The end of stdin (the app closed the screen, or died) ends the process; the kernel's
parent-death signal, the group guard and the parent watchdog of `tutor.training.orphans`
cover a parent that dies while TensorFlow holds the GIL. It runs on the CPU: a training
run may hold the GPU, and one input at a time is quick on a CPU.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from tutor.errors import TutorError
from tutor.inspect.protocol import ProtocolError, decode_array, encode_array, line, parse
from tutor.inspect.saved import Inspection, load_inspection
from tutor.training.orphans import die_with_parent, kill_own_group, start_group_guard, watch_parent

MAP_DTYPE = "float32"
NICENESS = 10
"""Once loaded, like the trainer, the model yields the CPU to the app: a learner's keys
come first, and one drawing at a time is quick even on a busy CPU."""
INFERENCE_THREADS = 1
"""One input at a time needs no thread pool; TensorFlow's default (one thread per core)
would take every core of a small machine from the app for each stroke."""


class RequestError(Exception):
    """A request the child cannot answer; its message goes back as the answer's error."""


class Model:
    """The loaded model and what is asked of it."""

    def __init__(self, inspection: Inspection) -> None:
        import keras

        self.keras = keras
        self.inspection = inspection
        self.model = keras.models.load_model(inspection.model_path, compile=False)
        self.layers = [layer for layer in self.model.layers if type(layer).__name__ != "InputLayer"]
        self._cache_key: Any = None
        self._cache: list[Any] = []
        if not isinstance(self.model, keras.Sequential):
            outputs = [layer.output for layer in self.layers]
            self._all_outputs = keras.Model(self.model.inputs, outputs)

    def describe(self) -> list[dict[str, Any]]:
        return [
            {
                "name": layer.name,
                "class": type(layer).__name__,
                "output_shape": _shape(layer),
                "params": int(layer.count_params()),
            }
            for layer in self.layers
        ]

    def batch(self, request: dict[str, Any]) -> tuple[Any, Any]:
        """(cache key, a batch of inputs) for `sample`, `samples` (all) or `input`."""
        inputs = self.inspection.inputs
        if request.get("all"):
            return ("all",), inputs
        if "sample" in request:
            index = request["sample"]
            if not isinstance(index, int) or not 0 <= index < len(inputs):
                raise RequestError(f"no sample {index!r}: there are {len(inputs)}")
            return ("sample", index), inputs[index : index + 1]
        try:
            given = decode_array(request.get("input"))
        except ProtocolError as error:
            raise RequestError(str(error)) from None
        wanted = self.inspection.input_shape
        if tuple(given.shape) != wanted:
            raise RequestError(wrong_shape(given.shape, wanted))
        return None, given.astype(inputs.dtype)[None]

    def predict(self, request: dict[str, Any]) -> dict[str, Any]:
        _, batch = self.batch(request)
        outputs = self.model.predict(batch, verbose=0) if len(batch) > 32 else self.model(
            batch, training=False
        )
        return {"outputs": encode_array(self.keras.ops.convert_to_numpy(outputs), "float32")}

    def layer_outputs(self, request: dict[str, Any]) -> dict[str, Any]:
        key, batch = self.batch(request)
        if key is None or key != self._cache_key:
            self._cache = self._outputs(batch)
            self._cache_key = key
        maps = request.get("maps") or []
        if not isinstance(maps, list) or not all(
            isinstance(i, int) and 0 <= i < len(self._cache) for i in maps
        ):
            raise RequestError(f"maps must list layer numbers below {len(self._cache)}")
        return {
            "stats": [
                [float(out.min()), float(out.max()), float(out.mean())] for out in self._cache
            ],
            "maps": {str(i): encode_array(self._cache[i][0], MAP_DTYPE) for i in maps},
        }

    def _outputs(self, batch: Any) -> list[Any]:
        if isinstance(self.model, self.keras.Sequential):
            outputs, value = [], batch
            for layer in self.layers:
                value = layer(value, training=False)
                outputs.append(value)
        else:
            outputs = self._all_outputs(batch, training=False)
        return [self.keras.ops.convert_to_numpy(value) for value in outputs]

    def weights(self, request: dict[str, Any]) -> dict[str, Any]:
        index = request.get("layer")
        if not isinstance(index, int) or not 0 <= index < len(self.layers):
            raise RequestError(f"no layer {index!r}")
        kernels = self.layers[index].get_weights()
        if not kernels:
            raise RequestError(f"{self.layers[index].name} has no weights")
        return {"kernel": encode_array(kernels[0], "float32")}


def wrong_shape(given: Sequence[int], wanted: Sequence[int]) -> str:
    return f"input of the wrong shape: {tuple(given)} given, {tuple(wanted)} wanted"


def one_line(error: BaseException) -> str:
    text = str(error) if isinstance(error, TutorError) else f"{type(error).__name__}: {error}"
    return (text.strip().splitlines() or [type(error).__name__])[0]


def _shape(layer: Any) -> list[int | None] | None:
    try:
        shape = layer.output.shape
    except (AttributeError, ValueError):
        return None
    return [None if n is None else int(n) for n in shape]


def serve(model: Model, requests: IO[str], answer: Any) -> None:
    """Answer every request until stdin ends."""
    handlers = {"predict": model.predict, "layers": model.layer_outputs, "weights": model.weights}
    for text in requests:
        request = parse(text)
        if request is None:
            continue
        handler = handlers.get(request.get("op"))  # type: ignore[arg-type]
        reply: dict[str, Any] = {"id": request.get("id")}
        try:
            if handler is None:
                raise RequestError(f"unknown op {request.get('op')!r}")
            reply.update(handler(request))
        except RequestError as error:
            reply["error"] = str(error)
        except Exception as error:  # TensorFlow's own complaint, as one line
            reply["error"] = one_line(error)
        answer(reply)


def prepare_tensorflow() -> None:
    """Import TensorFlow (most of the wait: seconds) on the CPU, one thread."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ["KERAS_BACKEND"] = "tensorflow"
    os.environ["CUDA_VISIBLE_DEVICES"] = ""
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(INFERENCE_THREADS)
    tf.config.threading.set_inter_op_parallelism_threads(INFERENCE_THREADS)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tutor.inspect.child")
    parser.add_argument(
        "--run-dir",
        help="the run whose model to load; without it, a spare: TensorFlow is imported "
        'at once, in the background, and the first line on stdin names the run {"op": '
        '"load", "run_dir": DIR}',
    )
    parser.add_argument("--events-fd", type=int, required=True)
    parser.add_argument("--parent-pid", type=int)
    args = parser.parse_args(argv)
    die_with_parent(args.parent_pid)
    start_group_guard()  # before any thread starts
    watch_parent(None)  # stdin is the request pipe: its end ends `serve`
    stream = os.fdopen(args.events_fd, "w", encoding="utf-8", buffering=1)

    def answer(record: dict[str, Any]) -> None:
        try:
            stream.write(line(record))
            stream.flush()
        except (BrokenPipeError, OSError, ValueError):
            kill_own_group()  # the app is gone

    run_dir = args.run_dir
    if run_dir is None:  # a spare: background work from the start
        with contextlib.suppress(OSError):
            os.nice(NICENESS)
    started = time.monotonic()
    try:
        prepare_tensorflow()
        if run_dir is None:
            request = parse(sys.stdin.readline()) or {}
            if request.get("op") != "load" or not isinstance(request.get("run_dir"), str):
                return 0  # the app closed, or never needed the spare
            run_dir, started = request["run_dir"], time.monotonic()
        model = Model(load_inspection(Path(run_dir)))
    except Exception as error:  # an unreadable model too: one line for the learner
        answer({"event": "error", "message": one_line(error)})
        return 1
    seconds = round(time.monotonic() - started, 3)
    if args.run_dir is not None:
        with contextlib.suppress(OSError):
            os.nice(NICENESS)  # loaded at full speed; from now on the app's keys come first
    answer({"event": "ready", "seconds": seconds, "layers": model.describe()})
    serve(model, sys.stdin, answer)
    return 0


if __name__ == "__main__":
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)  # skip TensorFlow's slow teardown
