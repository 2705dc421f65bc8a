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
import shutil
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from tutor.exercises import Exercise
from tutor.gpu import GpuSampler, gpu_line
from tutor.i18n import translate
from tutor.training.lines import shown_line
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
from tutor.training.report import epoch_text, error_text, metrics_text, result_lines, start_text
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
    extra_args: Sequence[str] = (),
    json_output: bool = False,
    store: ProgressStore | None = None,
    lang: str = "en",
    gpu: int | None = None,
    gpu_memory: int | None = None,
    mixed_precision: bool = False,
    script: Path | None = None,
) -> int:
    """Train `exercise` in a child process, showing its progress in `lang`; the exit
    status. `extra_args` go to the script (its own options, such as `--folds 10`);
    `script` runs in place of the exercise's (default: the learner's copy, else the
    original)."""
    run = TrainingRun(
        exercise,
        script=script,
        epochs=epochs,
        batch_size=batch_size,
        offline=offline,
        device=device,
        strategy=strategy,
        extra_args=extra_args,
        store=store,
        gpu=gpu,
        gpu_memory=gpu_memory,
        mixed_precision=mixed_precision,
    )
    display: Display = JsonDisplay(lang) if json_output else TextDisplay(exercise, lang)
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
    def __init__(self, lang: str = "en") -> None:
        self.lang = lang

    def show(self, event: Event) -> None:
        raise NotImplementedError

    def stopping(self) -> None:
        _write(sys.stderr, translate("Stopping after this batch...", self.lang) + "\n")


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

    def __init__(self, exercise: Exercise, lang: str = "en") -> None:
        super().__init__(lang)
        self.exercise = exercise
        self.epochs = 0
        self.live = sys.stderr.isatty()
        self.status_shown = False
        self.gpu: GpuSampler | None = None
        """Reads the run's GPU about once a second, for the status line."""

    def show(self, event: Event) -> None:
        if isinstance(event, Batch):
            self._status(event)
            return
        self._clear_status()
        if isinstance(event, Log):
            stream = sys.stdout if event.stream == "stdout" else sys.stderr
            _write(stream, shown_line(event.line, self.lang) + "\n")
        elif isinstance(event, Start):
            self._say(start_text(event, self.lang))
            if self.live and event.gpus:
                self.gpu = GpuSampler(event.gpus, event.pid).start()
        elif isinstance(event, Fit):
            self.epochs = event.epochs
            if event.index > 1:
                self._say(translate("-- model {index} --", self.lang).format(index=event.index))
        elif isinstance(event, Epoch):
            self._say(epoch_text(event.epoch, self.epochs, event.logs, event.seconds, self.lang))
        elif isinstance(event, Error):
            if event.traceback:
                _write(sys.stderr, event.traceback.rstrip("\n") + "\n")
            message = error_text(event, self.lang)
            _write(sys.stderr, f"dltutor: {translate('error', self.lang)}: {message}\n")
        elif isinstance(event, Result):
            if self.gpu is not None:
                self.gpu.stop()
            self._result(event)

    def _result(self, result: Result) -> None:
        if result.status != "error":  # the error line says it all
            lines = result_lines(result, self.lang, self.exercise.dataset)
            self._say("\n".join(lines))

    def _status(self, event: Batch) -> None:
        if not self.live:
            return
        of = f"/{event.of}" if event.of else ""
        epoch, batch = translate("epoch", self.lang), translate("batch", self.lang)
        text = f"{epoch} {event.epoch}/{self.epochs}  {batch} {event.batch}{of}  "
        readings = self.gpu.latest if self.gpu is not None else None
        if readings:
            text += gpu_line(readings, self.lang) + "  "
        width = shutil.get_terminal_size().columns - 1  # a wrapped line cannot be redrawn
        _write(sys.stderr, "\r\x1b[K" + (text + metrics_text(event.logs))[:width])
        self.status_shown = True

    def _clear_status(self) -> None:
        if self.status_shown:
            _write(sys.stderr, "\r\x1b[K")
            self.status_shown = False

    def _say(self, text: str) -> None:
        _write(sys.stdout, text + "\n")


def _write(stream: IO[str], text: str) -> None:
    with contextlib.suppress(BrokenPipeError, OSError):  # a closed terminal is no error
        stream.write(text)
        stream.flush()
