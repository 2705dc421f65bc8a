"""`dltutor run`: one exercise trained headless, shown as lines of text or JSON events.

Readable mode prints the script's own output as it comes, one line per epoch, a batch
status line while a terminal is attached, and the result. `--json` prints the protocol's
events on stdout (the script's output goes to stderr, so stdout stays parseable).
Ctrl+C (or SIGTERM, or a hang-up) asks the child to stop after its current batch; the
partial result is printed and the command exits, with nothing left running.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from typing import IO, TYPE_CHECKING

from tutor.exercises import Exercise
from tutor.training.protocol import (
    Batch,
    Epoch,
    Error,
    Event,
    Fit,
    Log,
    Result,
    Start,
    to_record,
)
from tutor.training.report import metrics_text, result_lines
from tutor.training.runner import TrainingRun

if TYPE_CHECKING:
    from tutor.progress import ProgressStore

EXIT_ERROR = 1
EXIT_CANCELLED = 130  # the shell's convention for "stopped by Ctrl+C"
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def run_exercise(
    exercise: Exercise,
    *,
    epochs: int | None = None,
    batch_size: int | None = None,
    offline: bool = False,
    device: str | None = None,
    strategy: str | None = None,
    json_output: bool = False,
    store: ProgressStore | None = None,
) -> int:
    """Train `exercise` in a child process, showing its progress; the exit status."""
    run = TrainingRun(
        exercise,
        epochs=epochs,
        batch_size=batch_size,
        offline=offline,
        device=device,
        strategy=strategy,
        store=store,
    )
    display: Display = JsonDisplay() if json_output else TextDisplay(exercise)
    result = asyncio.run(_drive(run, display))
    if result.status == "error":
        return EXIT_ERROR
    return EXIT_CANCELLED if result.status == "cancelled" else 0


async def _drive(run: TrainingRun, display: Display) -> Result:
    loop = asyncio.get_running_loop()
    stopping: list[asyncio.Future[None]] = []

    def stop() -> None:
        if not stopping:
            display.stopping()
            stopping.append(asyncio.ensure_future(run.cancel()))

    for signum in _STOP_SIGNALS:
        loop.add_signal_handler(signum, stop)
    try:
        async with contextlib.aclosing(run.events()) as events:
            async for event in events:
                display.show(event)
    finally:
        for signum in _STOP_SIGNALS:
            loop.remove_signal_handler(signum)
        if stopping:
            await stopping[0]
    assert run.result is not None
    return run.result


class Display:
    def show(self, event: Event) -> None:
        raise NotImplementedError

    def stopping(self) -> None:
        _write(sys.stderr, "Stopping after the current batch...\n")


class JsonDisplay(Display):
    """Protocol events on stdout, one per line; the script's output on stderr."""

    def show(self, event: Event) -> None:
        if isinstance(event, Log):
            _write(sys.stderr, event.line + "\n")
            return
        from tutor.cli import print_json_lines

        with contextlib.suppress(BrokenPipeError):
            print_json_lines([to_record(event)])


class TextDisplay(Display):
    """Lines a person reads; a live batch line only when stderr is a terminal."""

    def __init__(self, exercise: Exercise) -> None:
        self.exercise = exercise
        self.epochs = 0
        self.live = sys.stderr.isatty()
        self.status_shown = False

    def show(self, event: Event) -> None:
        if isinstance(event, Batch):
            self._status(event)
            return
        self._clear_status()
        if isinstance(event, Log):
            _write(sys.stdout if event.stream == "stdout" else sys.stderr, event.line + "\n")
        elif isinstance(event, Start):
            self._say(_start_line(event))
        elif isinstance(event, Fit):
            self.epochs = event.epochs
            if event.index > 1:
                self._say(f"-- model {event.index} --")
        elif isinstance(event, Epoch):
            width = len(str(self.epochs))
            self._say(
                f"Epoch {event.epoch:>{width}}/{self.epochs}  "
                + metrics_text(event.logs)
                + f"  ({event.seconds:.1f} s)"
            )
        elif isinstance(event, Error):
            if event.traceback:
                _write(sys.stderr, event.traceback.rstrip("\n") + "\n")
            _write(sys.stderr, f"dltutor: error: {event.message}\n")
        elif isinstance(event, Result):
            self._result(event)

    def _result(self, result: Result) -> None:
        if result.status != "error":  # the error line says it all
            self._say("\n".join(result_lines(result)))

    def _status(self, event: Batch) -> None:
        if not self.live:
            return
        of = f"/{event.of}" if event.of else ""
        text = f"epoch {event.epoch}/{self.epochs}  batch {event.batch}{of}  " + metrics_text(
            event.logs
        )
        _write(sys.stderr, "\r\x1b[K" + text[:200])
        self.status_shown = True

    def _clear_status(self) -> None:
        if self.status_shown:
            _write(sys.stderr, "\r\x1b[K")
            self.status_shown = False

    def _say(self, text: str) -> None:
        _write(sys.stdout, text + "\n")


def _start_line(event: Start) -> str:
    parts = [f"{event.exercise} on {event.device}"]
    if event.replicas > 1:
        parts.append(f"{event.strategy or 'mirrored'} over {event.replicas} replicas")
    if event.dataset:
        parts.append(f"data: {event.dataset}" + (" (offline)" if event.offline else ""))
    return ", ".join(parts)


def _write(stream: IO[str], text: str) -> None:
    with contextlib.suppress(BrokenPipeError, OSError):  # a closed terminal is no error
        stream.write(text)
        stream.flush()
