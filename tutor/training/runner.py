"""Start, watch and stop one training child from asyncio: the app's worker and `dltutor
run` both drive training through `TrainingRun`.

The child is a fresh interpreter (`sys.executable -m tutor.training.child`), never a fork
of the caller: the UI process must not carry TensorFlow, and only a process that exits
gives GPU memory back. It runs in its own session, so the terminal's Ctrl+C reaches the
caller alone (which then cancels deliberately), and killing its process group takes any
grandchild with it. Events arrive on a dedicated pipe (`--events-fd`), so nothing the
script prints can be mistaken for one; its stdout and stderr become `Log` events, cut into
capped lines as they arrive (`tutor.training.lines`), through a bounded queue: a script
printing 50 MB waits for the reader, rather than the reader's memory growing.

What ends a run is the child's exit, never a line on a pipe: a `Result` is held back
until the child has exited (a script that forges one cannot end a run that still trains),
and once it has exited, the pipes get a short grace to drain before the run stops
listening (a grandchild in its own session may hold them open for ever).

No TensorFlow or Textual here.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import sys
from collections import deque
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

import tutor
from tutor.challenges.attempts import record_attempt
from tutor.challenges.workspace import is_edited, script_to_run
from tutor.errors import TutorError
from tutor.exercises import Exercise, new_run_dir
from tutor.runs.details import RunDetails, keep_script
from tutor.training.lines import LineSplitter
from tutor.training.liveness import hold_run_lock, release_run_lock
from tutor.training.protocol import (
    EXITED_SAYING,
    EXITED_SILENTLY,
    KILLED_BY_SIGNAL,
    KILLED_OUTRIGHT,
    Error,
    Event,
    Log,
    Result,
    decode,
    finite,
)

if TYPE_CHECKING:
    from tutor.progress import ProgressStore

CANCEL_GRACE_S = 2.0
"""How long a cancelled child has to stop after its current batch before it is killed."""
TERM_GRACE_S = 0.5
DRAIN_GRACE_S = 0.5
"""After the child exits, how long its pipes may stay quiet before the run stops reading
them (and kills leftovers in its process group)."""
DRAIN_LIMIT_S = 10.0
"""...and how long, at most, output that keeps flowing after the exit is still read."""
EXIT_POLL_S = 0.02
EVENT_LINE_LIMIT = 4 * 1024 * 1024
QUEUE_SIZE = 1000
"""Events waiting for the display; a full queue makes the readers (and so the child's
writes) wait."""
TENSORFLOW_LOG = "tensorflow.log"
"""In the run's folder: TensorFlow's start-up notes, kept out of the learner's way."""
_CHUNK = 65536
# TensorFlow's C++ start-up notes: absl's info lines (oneDNN, CPU features), and the CUDA
# probes of a machine without a GPU. TF_CPP_MIN_LOG_LEVEL cannot silence them all (absl
# prints some before its logging is set up, and 'failed call to cuInit' is an error line
# that looks like a failure on every laptop). Other warnings and errors still show.
_ABSL = r"\d{4} \d\d:\d\d:[\d.]+ +\d+ [\w.]+:\d+\] "  # after the level letter
_STARTUP_NOISE = re.compile(
    r"^(WARNING: All log messages before absl::InitializeLog\(\) is called"
    r"|To enable the following instructions: .* rebuild TensorFlow"
    rf"|I{_ABSL}|[WE]{_ABSL}.*("
    r"cuInit|cuda drivers|CUDA drivers|Unable to register cu(DNN|FFT|BLAS) factory"
    r"|TensorRT|computation placer|This TensorFlow binary is optimized))"
)
_DONE = object()


class TrainingRun:
    """One run of one exercise in a child process.

    Iterate `events()` (or `await run()`) to start it and receive `Start`, `Fit`, `Batch`,
    `Epoch`, `Log`, `Error` and, always last, one `Result`, even when the child crashed or
    was killed. `cancel()` may be called from another task at any time. When the events
    end, or the `async with` block is left, nothing the run started is left running.
    """

    def __init__(
        self,
        exercise: Exercise,
        *,
        script: Path | None = None,
        epochs: int | None = None,
        batch_size: int | None = None,
        offline: bool = False,
        device: str | None = None,
        strategy: str | None = None,
        extra_args: Sequence[str] = (),
        store: ProgressStore | None = None,
        env: dict[str, str] | None = None,
        gpu: int | None = None,
        gpu_memory: int | None = None,
        mixed_precision: bool = False,
    ) -> None:
        """`extra_args` go to the script after the tutor's own (`--folds 10`): its argparse
        judges them, and a mistake is the run's error. `gpu` picks one GPU (as nvidia-smi
        numbers them), `gpu_memory` caps each GPU's memory in MB, `mixed_precision`
        trains in mixed_float16 (the child refuses it where no GPU gains from it)."""
        self.exercise = exercise
        self.script = script if script is not None else script_to_run(exercise.id)
        self.script_args = [
            *(["--epochs", str(epochs)] if epochs is not None else []),
            *(["--batch-size", str(batch_size)] if batch_size is not None else []),
            *(["--offline"] if offline else []),
            *extra_args,
        ]
        self.device = device
        self.strategy = strategy
        self.device_args = [
            *(["--gpu", str(gpu)] if gpu is not None else []),
            *(["--gpu-memory", str(gpu_memory)] if gpu_memory is not None else []),
            *(["--mixed-precision"] if mixed_precision else []),
        ]
        self.store = store
        self.env = env
        self.run_dir: Path | None = None
        self.details: RunDetails | None = None
        """What the Runs screen shows of the run, gathered from its events."""
        self.result: Result | None = None
        """The final result, set once the child has exited."""
        self.cancel_requested = False
        self._process: asyncio.subprocess.Process | None = None
        self._queue: asyncio.Queue[Any] = asyncio.Queue(QUEUE_SIZE)
        self._tasks: list[asyncio.Task[Any]] = []
        self._transport: asyncio.ReadTransport | None = None
        self._stderr_tail: deque[str] = deque(maxlen=20)
        self._reported: Result | None = None
        self._noise_log: IO[str] | None = None
        self._last_output = 0.0
        self._run_id: int | None = None
        self._run_lock: IO[bytes] | None = None
        self._closed = False

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def returncode(self) -> int | None:
        return self._process.returncode if self._process is not None else None

    def _command(self, events_fd: int, run_dir: Path) -> list[str]:
        """The child's command line: events on `events_fd`, results into `run_dir`."""
        return [
            sys.executable,
            "-m",
            "tutor.training.child",
            "--events-fd",
            str(events_fd),
            "--run-dir",
            str(run_dir),
            "--exercise",
            self.exercise.id,
            "--script",
            str(self.script),
            *(["--device", self.device] if self.device else []),
            *(["--strategy", self.strategy] if self.strategy else []),
            *self.device_args,
            "--watch-stdin",
            "--parent-pid",
            str(os.getpid()),
            "--",
            *self.script_args,
        ]

    async def start(self) -> None:
        """Start the child; events queue up until `events()` reads them."""
        if self._process is not None:
            return
        self.run_dir = new_run_dir(self.exercise.id)
        read_fd, write_fd = os.pipe()
        try:
            self._process = await asyncio.create_subprocess_exec(
                *self._command(write_fd, self.run_dir),
                stdin=asyncio.subprocess.PIPE,  # the child's watchdog: EOF means we died
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                pass_fds=(write_fd,),
                start_new_session=True,
                cwd=self.run_dir,  # relative files the script writes land in its run folder
                env=self._child_env(),
            )
        except OSError as error:
            os.close(read_fd)
            raise TutorError(f"cannot start the training process: {error}") from None
        finally:
            os.close(write_fd)
        keep_script(self.script, self.run_dir)  # seconds before TensorFlow lets it run
        self.details = RunDetails(
            self.run_dir,
            self.script.name,
            is_edited(self.exercise, self.script),
            (*self.script_args, *self.device_args),
        )
        if self.store is not None:
            self._run_id = self.store.start_run(self.exercise.id, details=self.details.to_json())
            if self._run_id is not None:
                self._run_lock = hold_run_lock(self._run_id)  # 'running' while we live
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=EVENT_LINE_LIMIT)
        self._transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(read_fd, "rb", 0)
        )
        assert self._process.stdout is not None and self._process.stderr is not None
        readers = [
            asyncio.create_task(self._read_events(reader)),
            asyncio.create_task(self._read_output(self._process.stdout, "stdout")),
            asyncio.create_task(self._read_output(self._process.stderr, "stderr")),
        ]
        self._tasks = [*readers, asyncio.create_task(self._end_after_exit(readers))]

    async def events(self) -> AsyncIterator[Event]:
        """Every event of the run, `Result` last; starts the run if needed."""
        await self.start()
        try:
            while (item := await self._queue.get()) is not _DONE:
                if self.details is not None:
                    self.details.observe(item)
                if isinstance(item, Result):
                    self._reported = item  # final only once the child has exited
                else:
                    yield item
            code = self.returncode
            if self._reported is not None and code is not None and code >= 0:
                self.result = self._reported
                yield self.result
            else:
                for event in self._missing_result():
                    yield event
        finally:
            await self.close()

    async def run(self, on_event: Callable[[Event], Any] | None = None) -> Result:
        """Run to the end, handing each event to `on_event`; the result."""
        async for event in self.events():
            if on_event is not None:
                on_event(event)
        assert self.result is not None
        return self.result

    async def cancel(self, grace: float = CANCEL_GRACE_S) -> None:
        """Ask the child to stop after its current batch (SIGINT); after `grace` seconds
        SIGTERM, then SIGKILL, its whole process group. Returns once it has exited."""
        self.cancel_requested = True
        process = self._process
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGINT)
        for next_signal, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, TERM_GRACE_S)):
            try:
                await asyncio.wait_for(self._exited(), wait)
                return
            except asyncio.TimeoutError:
                self._signal_group(next_signal)
        await self._exited()

    async def close(self) -> None:
        """Kill whatever is left, stop reading and record the run; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        process = self._process
        if process is not None:
            if process.returncode is None:
                self._signal_group(signal.SIGKILL)
                await self._exited()
            self._signal_group(signal.SIGKILL)  # grandchildren the script left behind
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._close_pipes()
        if self._noise_log is not None:
            self._noise_log.close()
        self._record()
        release_run_lock(self._run_lock, self._run_id)
        if self.run_dir is not None:
            with contextlib.suppress(OSError):
                self.run_dir.rmdir()  # only if empty: a run that never got going

    async def __aenter__(self) -> TrainingRun:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # --- internals ---------------------------------------------------------------------

    def _child_env(self) -> dict[str, str]:
        env = {**os.environ, **(self.env or {})}
        # The child imports `tutor` from wherever this process did (a checkout works too).
        package_root = str(Path(tutor.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(
            part for part in (package_root, env.get("PYTHONPATH")) if part
        )
        env.setdefault("PYTHONIOENCODING", "utf-8")
        return env

    async def _read_events(self, reader: asyncio.StreamReader) -> None:
        while True:
            try:
                line = await reader.readline()
            except ValueError:  # a line over the limit: dropped, like any garbage
                continue
            if not line:
                return
            event = decode(line)
            if event is not None:
                await self._queue.put(event)

    async def _read_output(self, stream: asyncio.StreamReader, name: str) -> None:
        """The script's output as `Log` events, line by line as it arrives."""
        splitter = LineSplitter()
        loop = asyncio.get_running_loop()
        while True:
            chunk = await stream.read(_CHUNK)
            for line in splitter.feed(chunk) if chunk else splitter.close():
                if name == "stderr":
                    if _STARTUP_NOISE.match(line):
                        self._log_noise(line)
                        continue
                    self._stderr_tail.append(line)
                await self._queue.put(Log(name, line))
            self._last_output = loop.time()  # read and handed on: output still flows
            if not chunk:
                return

    def _log_noise(self, line: str) -> None:
        """TensorFlow's start-up notes go to the run's `tensorflow.log`, not the learner."""
        if self._noise_log is None and self.run_dir is not None:
            with contextlib.suppress(OSError):
                self._noise_log = (self.run_dir / TENSORFLOW_LOG).open("a", encoding="utf-8")
        if self._noise_log is not None:
            with contextlib.suppress(OSError):
                self._noise_log.write(line + "\n")

    async def _end_after_exit(self, readers: list[asyncio.Task[None]]) -> None:
        """Once the child has exited: let its pipes drain, kill any grandchild left in its
        process group, and stop listening to pipes still held open by one that escaped
        the group (a script that starts TensorBoard in its own session, say)."""
        await self._exited()
        loop = asyncio.get_running_loop()
        exited = loop.time()
        pending = set(readers)
        while pending:
            _, pending = await asyncio.wait(pending, timeout=DRAIN_GRACE_S)
            quiet = loop.time() - self._last_output >= DRAIN_GRACE_S
            if quiet or loop.time() - exited >= DRAIN_LIMIT_S:
                break
        self._signal_group(signal.SIGKILL)
        if pending:  # killed leftovers close their ends at once; an escaped one never does
            _, pending = await asyncio.wait(pending, timeout=DRAIN_GRACE_S)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        self._close_pipes()
        await self._queue.put(_DONE)

    def _close_pipes(self) -> None:
        """Close our ends of the child's pipes (Python 3.11's `Process.wait()` waits for
        them, and a grandchild that escaped the process group may hold theirs open)."""
        if self._transport is not None:
            self._transport.close()
        transport = getattr(self._process, "_transport", None)
        for fd in (0, 1, 2):
            pipe = transport.get_pipe_transport(fd) if transport is not None else None
            if pipe is not None:
                pipe.close()

    async def _exited(self) -> int:
        """The child's exit status, as soon as it has exited. Not `Process.wait()`: before
        Python 3.12 that also waits for every pipe to close, and a grandchild that
        inherited the script's stdout keeps it open until it, too, is killed."""
        assert self._process is not None
        while self._process.returncode is None:
            await asyncio.sleep(EXIT_POLL_S)
        return self._process.returncode

    def _signal_group(self, signum: int) -> None:
        if self._process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._process.pid, signum)  # the child leads its own session

    def _missing_result(self) -> list[Event]:
        """The events a child that died without a result should have sent."""
        if self.cancel_requested:
            self.result = Result(status="cancelled")
            return [self.result]
        code = self.returncode
        if code == -signal.SIGKILL:
            error = Error.of(KILLED_OUTRIGHT)
        elif code is not None and code < 0:
            error = Error.of(KILLED_BY_SIGNAL, number=-code, name=_signal_name(-code))
        else:  # an exit status: the script's last words are likely the reason
            last = next((line for line in reversed(self._stderr_tail) if line.strip()), "")
            template = EXITED_SAYING if last else EXITED_SILENTLY
            error = Error.of(template, status=str(code), last=last.strip())
        self.result = Result(status="error")
        return [error, self.result]

    def _record(self) -> None:
        if self.store is None or self._run_id is None:
            return
        result = self.result or Result(status="cancelled" if self.cancel_requested else "error")
        details = self.details
        self.store.finish_run(
            self._run_id,
            result.status,
            metrics=run_metrics(result),
            history_path=result.history_path,
            model_path=result.model_path,
            details=details.to_json() if details is not None else None,
        )
        record_attempt(self.store, self.exercise.id, result, details.params if details else None)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return "unknown"


def run_metrics(result: Result) -> dict[str, float | None]:
    """The numbers a progress record keeps: the last epoch's logs and `test_`-prefixed
    test metrics, flat, as `dltutor progress` prints them."""
    metrics = dict(result.final)
    for name, value in (result.test or {}).items():
        metrics[f"test_{name}"] = finite(value)
    return metrics
