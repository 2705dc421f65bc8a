"""The training child: runs one exercise script in a fresh process and reports on a pipe.

    python -m tutor.training.child --events-fd N --exercise ID [--script PATH]
        [--device cpu|gpu] [--gpu N] [--gpu-memory MB] [--mixed-precision]
        [--strategy mirrored] [--run-dir DIR] [--watch-stdin] [--parent-pid PID]
        -- SCRIPT_ARGS...

The app and `dltutor run` start this with `tutor.training.runner`; it is the only part of
the tutor that imports TensorFlow. It sets TensorFlow's environment before the import,
patches Keras (`tutor.training.hooks`), runs the script as `python FILE` would
(`runpy`, `__main__`, `sys.argv`), and writes protocol events to fd N. The script's own
output stays on this process's stdout and stderr for the parent's log pane.

Stopping: SIGINT or SIGTERM stops training after the current batch and still reports a
partial result; a second one, or one outside `fit`, interrupts at once. When the parent
goes away the whole process group dies (`tutor.training.orphans`), so a dead app or a
dropped SSH session never leaves a trainer holding the CPU or GPU.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import runpy
import signal
import sys
import threading
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import IO, Any

from tutor.challenges import find_challenge
from tutor.challenges.workspace import criterion_for, find
from tutor.datasets import limit_download_time
from tutor.errors import TutorError
from tutor.exercises import Exercise, new_run_dir
from tutor.gpu import nvml_ids
from tutor.inspect.keep import keep_for_inspection
from tutor.training import gpu_devices, hooks, out_of_memory, results
from tutor.training.gpu_devices import DeviceError
from tutor.training.orphans import (
    die_with_parent,
    kill_own_group,
    start_group_guard,
    take_stdin,
    watch_parent,
)
from tutor.training.protocol import NO_GPU, SCRIPT_EXITED, Error, Event, Result, Start, encode

LOGICAL_CPUS_ENV = "DLTUTOR_LOGICAL_CPUS"
"""Split the CPU into this many logical devices: `--strategy mirrored` then has replicas
to mirror over on a machine without GPUs (the tests use it)."""
NICENESS = 10
"""The trainer yields the CPU to the app: when both want it (TensorFlow's threads take
every core of a small machine), the learner's keys come first. With nothing else running,
training loses nothing."""
HISTORY_FILE = "history.json"
MODEL_FILE = "model.keras"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    die_with_parent(args.parent_pid)
    start_group_guard()  # before any thread starts
    with contextlib.suppress(OSError):
        os.nice(NICENESS)
    events = EventWriter(os.fdopen(args.events_fd, "w", encoding="utf-8", buffering=1))
    watch_parent(take_stdin() if args.watch_stdin else None)
    with contextlib.suppress(AttributeError, ValueError):  # prints reach the log pane live
        sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    stop = hooks.StopRequest()
    _handle_stop_signals(stop)
    try:
        item = find(args.exercise)  # an exercise, or a challenge in an exercise's form
        script = Path(args.script) if args.script else item.script
        _check_syntax(script)  # before the 5-second TensorFlow import: a typo shows at once
        configure_environment(args.device)
        start, strategy = _prepare_devices(item, script, args)
    except SyntaxError as error:
        return _fail(events, error, _script_traceback(error, Path(error.filename or "")))
    except DeviceError as error:
        return _fail(events, error.error, traceback_text="")
    except (TutorError, ImportError) as error:
        return _fail(events, error, traceback_text="")
    except hooks.TrainingCancelled:
        events.emit(Result(status="cancelled"))
        return 0
    events.emit(start)
    return run_script(item, script, args, events, stop, strategy)


def run_script(
    item: Exercise,
    script: Path,
    args: argparse.Namespace,
    events: EventWriter,
    stop: hooks.StopRequest,
    strategy: Any,
) -> int:
    """Run the script under the Keras hooks and report its result; the exit status."""
    capture = hooks.Capture()
    budget = _budget(item.id)
    hooks.install(events.emit, stop, capture, lambda: _script_globals(script, capture), budget)
    sys.argv = [str(script), *args.script_args]
    sys.path.insert(0, str(script.parent))  # as `python FILE` does
    limit_download_time()  # a proxy that never answers fails, and the stand-in is used
    status = "completed"
    try:
        with strategy.scope() if strategy is not None else contextlib.nullcontext():
            capture.script_globals = runpy.run_path(str(script), run_name="__main__")
    except (hooks.TrainingCancelled, KeyboardInterrupt):
        status = "cancelled"
    except hooks.Refused as refused:  # a challenge's model over its budget, before fit
        stop.finishing = True
        return _fail(events, refused.error, "")
    except SystemExit as error:
        if error.code not in (None, 0):
            stop.finishing = True
            if isinstance(error.code, str) and error.code:
                return _fail(events, error.code, "")
            return _fail(events, Error.of(SCRIPT_EXITED, status=str(error.code)), "")
    except BaseException as error:
        stop.finishing = True
        if out_of_memory.is_out_of_memory(error):  # one line, not the allocator's dump
            batch = out_of_memory.batch_size_of(args.script_args, item.batch_size)
            oom = out_of_memory.out_of_memory_error(batch, args.gpu_ids, args.gpu_memory)
            return _fail(events, oom, "")
        return _fail(events, error, _script_traceback(error, script))
    stop.finishing = True
    run_dir = Path(args.run_dir) if args.run_dir else new_run_dir(item.id)
    try:
        result = _result(item, capture, status, run_dir)
        if args.gpu_ids:
            import tensorflow as tf

            result = replace(result, gpu_memory_mb=gpu_devices.peak_memory_mb(tf))
        events.emit(result)
    except Exception as error:  # a bug here must still reach the learner as an event
        return _fail(events, error, traceback.format_exc())
    return 0


def _result(item: Exercise, capture: hooks.Capture, status: str, run_dir: Path) -> Result:
    names = _script_globals(None, capture) or {}
    final = capture.final
    history_path = model_path = None
    if capture.history:
        history_path = run_dir / HISTORY_FILE
        results.save_history(capture.history, history_path)
    if status == "completed" and capture.model is not None:
        model_path = run_dir / MODEL_FILE
        capture.model.save(model_path)
    passed, criterion = (None, None)
    if status == "completed" and item.trains:
        stand_in = bool(names.get("STAND_IN", False))
        test = {f"test_{name}": value for name, value in (capture.test_logs or {}).items()}
        passed, criterion = results.judge(criterion_for(item, stand_in), {**final, **test})
    report = None
    evaluated = None
    if status == "completed" and item.trains and capture.evaluated:
        evaluated = hooks.predictions_for(*capture.evaluated)
    if evaluated is not None and item.task == "classification":
        report = results.classification_report(*evaluated[1:], class_names(item, names))
    if evaluated is not None and model_path is not None:  # what Inspect needs later
        matrix = (report or {}).get("confusion_matrix")
        classes = (report or {}).get("classes") or class_names(item, names)
        model = capture.evaluated[0]
        keep_for_inspection(run_dir, item, names, (model, *evaluated), classes, matrix)
    if status == "cancelled":
        final_status = "cancelled"
    else:
        final_status = "failed" if passed is False else "passed"
    return Result(
        status=final_status,
        test=capture.test_logs if status == "completed" else None,
        passed=passed,
        criterion=criterion,
        model_path=str(model_path) if model_path else None,
        history_path=str(history_path) if history_path else None,
        epochs=capture.epochs,
        final=final,
        dataset=names.get("DATASET") if isinstance(names.get("DATASET"), str) else None,
        stand_in=bool(names.get("STAND_IN", False)),
        **(report or {}),
    )


def _budget(item_id: str) -> hooks.ParameterBudget | None:
    """A challenge's rules for its model, checked when `fit` begins; None for exercises."""
    found = find_challenge(item_id)
    if found is None:
        return None
    return hooks.ParameterBudget(found.id, found.max_params, found.requires)


def class_names(item: Exercise, names: Mapping[str, Any]) -> list[str] | None:
    """The names of the classes the run really used: the script's `CLASS_NAMES` (a script
    whose offline stand-in has other classes sets them there), else the catalogue's for the
    course's own data; for a stand-in that names none, None (numbers: never the names of
    data it did not train on)."""
    declared = names.get("CLASS_NAMES")
    if isinstance(declared, (list, tuple)) and all(isinstance(name, str) for name in declared):
        return list(declared)
    if names.get("STAND_IN") or not item.classes:
        return None
    return list(item.classes)


# --- events, signals, the parent watchdog ------------------------------------------------


class EventWriter:
    """Writes protocol lines from any thread; a closed pipe means the parent is gone."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def emit(self, event: Event) -> None:
        line = encode(event)
        with self._lock:
            try:
                self._stream.write(line)
                self._stream.flush()
            except (BrokenPipeError, OSError, ValueError):
                kill_own_group()


def _handle_stop_signals(stop: hooks.StopRequest) -> None:
    def handle(signum: int, frame: FrameType | None) -> None:
        if stop.finishing:
            return  # writing the result: the runner kills us if that takes too long
        if stop.requested or not stop.fitting:
            raise hooks.TrainingCancelled
        stop.requested = True  # the Keras callback stops after the current batch

    signal.signal(signal.SIGINT, handle)
    signal.signal(signal.SIGTERM, handle)


# --- TensorFlow set-up -------------------------------------------------------------------


def configure_environment(device: str | None) -> None:
    """Before TensorFlow is imported: quiet C++ logs, GPU memory growth (several runs can
    share a GPU), GPUs numbered as nvidia-smi numbers them (`--gpu N`, the GPU panel), the
    Keras backend, and no GPU at all for `--device cpu`."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ["TF_FORCE_GPU_ALLOW_GROWTH"] = "true"
    os.environ["CUDA_DEVICE_ORDER"] = "PCI_BUS_ID"
    os.environ["KERAS_BACKEND"] = "tensorflow"
    if device == "cpu":
        os.environ["CUDA_VISIBLE_DEVICES"] = ""


def _prepare_devices(item: Exercise, script: Path, args: argparse.Namespace) -> tuple[Start, Any]:
    """Import TensorFlow and choose the device; (the start event, the strategy or None)."""
    import tensorflow as tf

    gpus = gpu_devices.choose_gpus(tf, tf.config.list_physical_devices("GPU"), args.gpu)
    gpu_devices.set_memory(tf, gpus, args.gpu_memory)
    if args.device == "gpu" and not gpus:
        raise DeviceError(NO_GPU)
    if args.mixed_precision:
        gpu_devices.use_mixed_precision(tf, gpus)
    args.gpu_ids = nvml_ids([args.gpu] if args.gpu is not None else range(len(gpus)))
    logical_cpus = int(os.environ.get(LOGICAL_CPUS_ENV) or 0)
    if logical_cpus > 1:
        cpu = tf.config.list_physical_devices("CPU")[0]
        tf.config.set_logical_device_configuration(
            cpu, [tf.config.LogicalDeviceConfiguration() for _ in range(logical_cpus)]
        )
    strategy = None
    if args.strategy == "mirrored":
        if gpus:
            strategy = tf.distribute.MirroredStrategy()
        else:
            cpus = [device.name for device in tf.config.list_logical_devices("CPU")]
            strategy = tf.distribute.MirroredStrategy(devices=cpus)
    start = Start(
        exercise=item.id,
        device=gpu_devices.device_name(tf, gpus),
        dataset=item.dataset,
        offline="--offline" in args.script_args,
        script=str(script),
        strategy=args.strategy,
        replicas=strategy.num_replicas_in_sync if strategy is not None else 1,
        pid=os.getpid(),
        gpus=args.gpu_ids,
        gpu_memory_mb=args.gpu_memory,
        mixed_precision=args.mixed_precision,
    )
    return start, strategy


# --- errors ---


def _check_syntax(script: Path) -> None:
    try:
        source = script.read_bytes()
    except OSError as error:
        raise TutorError(f"cannot read {script}: {error.strerror}") from None
    compile(source, str(script), "exec", dont_inherit=True)


def _fail(events: EventWriter, error: BaseException | str | Error, traceback_text: str) -> int:
    if not isinstance(error, Error):
        error = Error(message=_message(error))
    events.emit(replace(error, traceback=traceback_text))
    events.emit(Result(status="error"))
    return 1


def _message(error: BaseException | str) -> str:
    if isinstance(error, str):
        return error
    if isinstance(error, SyntaxError):
        where = f" ({Path(error.filename or '?').name}, line {error.lineno})"
        return f"SyntaxError: {error.msg}{where}"
    if isinstance(error, TutorError):
        return str(error)
    return f"{type(error).__name__}: {error}".strip()


def _script_traceback(error: BaseException, script: Path) -> str:
    """The traceback from the script's first frame on: the runner's frames above it
    (runpy, this module) are noise to a learner."""
    if isinstance(error, SyntaxError):
        return "".join(traceback.format_exception_only(type(error), error))
    frames = traceback.extract_tb(error.__traceback__)
    first = next((index for index, frame in enumerate(frames) if Path(frame.filename) == script), 0)
    lines = ["Traceback (most recent call last):\n"]
    lines += traceback.format_list(frames[first:])
    lines += traceback.format_exception_only(type(error), error)
    return "".join(lines)


def _script_globals(script: Path | None, capture: hooks.Capture) -> Mapping[str, Any] | None:
    """The running script's globals: `runpy` puts them in `sys.modules["__main__"]` while it
    runs; after it returns (or raises) the captured copy, or the last one seen."""
    module = sys.modules.get("__main__")
    names = getattr(module, "__dict__", None)
    if script is not None and names is not None and names.get("__file__") == str(script):
        capture.script_globals = names
    return capture.script_globals


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tutor.training.child")
    parser.add_argument("--events-fd", type=int, required=True)
    parser.add_argument("--exercise", required=True)
    parser.add_argument("--script", help="the script to run (default: the original)")
    parser.add_argument("--device", choices=("cpu", "gpu"))
    parser.add_argument("--gpu", type=int, help="only this GPU, as nvidia-smi numbers them")
    parser.add_argument("--gpu-memory", type=int, help="at most this many MB on each GPU")
    parser.add_argument("--mixed-precision", action="store_true", help="mixed_float16")
    parser.add_argument("--strategy", choices=("mirrored",))
    parser.add_argument("--run-dir", help="where history and model go (default: a new one)")
    parser.add_argument("--watch-stdin", action="store_true", help="exit when stdin closes")
    parser.add_argument("--parent-pid", type=int, help="exit if the parent is not this one")
    parser.add_argument("script_args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    args.gpu_ids = []  # set by _prepare_devices: the GPUs the run uses, as NVML ids
    if args.script_args[:1] == ["--"]:
        args.script_args = args.script_args[1:]
    return args


if __name__ == "__main__":
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    # Skip interpreter teardown: TensorFlow's can take a second, and everything that
    # matters (events, history, model) is written and flushed by now.
    os._exit(code)
