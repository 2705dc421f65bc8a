"""What a display needs to know about a run, folded from its events: the state, the curves,
progress with an ETA, the log, the result.

The exercise screen redraws from a `RunView` on a timer rather than on every event, so a
child sending ten batch events a second (or a script printing thousands of lines) costs
the UI one cheap update per tick. Pure Python: tested without Textual or TensorFlow.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

from tutor.i18n import translate
from tutor.training.lines import capped, shown_line
from tutor.training.protocol import Batch, Epoch, Error, Event, Fit, Log, Result, Start
from tutor.training.report import error_text, result_lines

LOG_LINES = 2000
"""Lines the log pane keeps; a chatty script must not grow the app's memory for ever."""
LogEntry = str | Result | Error
"""A line the script printed, or the tutor's result or error, rendered when shown (in
the language of the moment)."""
ACTIVE = ("starting", "running", "cancelling")
EARLIER_FITS = 10
"""Previous fits whose curves a display may draw behind the current one."""


@dataclass
class RunView:
    exercise_id: str
    status: str = "starting"
    """starting, running, cancelling, or the result's: passed, failed, cancelled, error."""
    device: str | None = None
    gpus: tuple[str, ...] = ()
    """The GPUs the run uses, as NVML ids (`tutor.gpu`); empty on the CPU."""
    pid: int | None = None
    """The training child's process id, which leads the run's process group."""
    dataset: str | None = None
    """What the run trains on: the catalogue's name at first, then the script's words."""
    dataset_name: str | None = None
    """The catalogue's name for the data (`mnist`), for descriptions in other languages."""
    stand_in: bool = False
    fit: int = 0
    """Which `model.fit` of the run (k-fold scripts fit several models)."""
    epochs: int = 0
    steps: int | None = None
    epoch: int = 0
    batch: int = 0
    history: dict[str, list[float | None]] = field(default_factory=dict)
    """The current fit's logs, epoch by epoch, like Keras' `History.history`."""
    earlier: deque[dict[str, list[float | None]]] = field(
        default_factory=lambda: deque(maxlen=EARLIER_FITS)
    )
    """The histories of the run's previous fits (the folds of a k-fold script)."""
    live: dict[str, float | None] = field(default_factory=dict)
    """The latest batch's running metrics."""
    log: deque[LogEntry] = field(default_factory=lambda: deque(maxlen=LOG_LINES))
    logged: int = 0
    """Entries ever added to `log` (a display appends those it has not shown yet)."""
    result: Result | None = None
    error: Error | None = None
    version: int = 0
    """Bumped on every change, so a display can skip a redraw when nothing happened."""
    fit_started: float = field(default_factory=time.monotonic)

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    def apply(self, event: Event, now: float | None = None) -> None:
        """Fold one event into the view."""
        now = time.monotonic() if now is None else now
        self.version += 1
        if isinstance(event, Log):
            self.add_log(event.line)
        elif isinstance(event, Start):
            self.device, self.dataset = event.device, event.dataset
            self.gpus, self.pid = tuple(event.gpus), event.pid or None
            self.dataset_name = event.dataset
            if self.status == "starting":
                self.status = "running"
        elif isinstance(event, Fit):
            self.fit, self.epochs, self.steps = event.index, event.epochs, event.steps
            self.epoch = self.batch = 0
            if self.history:
                self.earlier.append(self.history)
            self.history, self.live = {}, {}
            self.fit_started = now
            if event.dataset:
                self.dataset, self.stand_in = event.dataset, event.stand_in
        elif isinstance(event, Batch):
            self.epoch, self.batch, self.live = event.epoch, event.batch, dict(event.logs)
            self.steps = event.of or self.steps
        elif isinstance(event, Epoch):
            self.epoch, self.batch = event.epoch, self.steps or self.batch
            for name, value in event.logs.items():
                self.history.setdefault(name, []).append(value)
        elif isinstance(event, Error):
            self.error = event
            self._add_entry(event)
        elif isinstance(event, Result):
            self.result, self.status = event, event.status
            if event.status != "error":  # an error has already logged its message
                self._add_entry(event)
            if event.dataset:
                self.dataset, self.stand_in = event.dataset, event.stand_in

    def cancelling(self) -> None:
        """The learner asked to stop; the result follows once the child has."""
        self.status = "cancelling"
        self.version += 1

    def add_log(self, line: str) -> None:
        self._add_entry(capped(line))

    def _add_entry(self, entry: LogEntry) -> None:
        self.log.append(entry)
        self.logged += 1
        self.version += 1

    def new_lines(self, shown: int, lang: str = "en") -> list[str]:
        """The log lines of the entries added since a display had shown `shown` of them,
        in `lang` (a display that changes language shows them all again from 0)."""
        missing = min(self.logged - shown, len(self.log))
        entries = list(self.log)[len(self.log) - missing :] if missing > 0 else []
        return [line for entry in entries for line in self._render(entry, lang)]

    def _render(self, entry: LogEntry, lang: str) -> list[str]:
        if isinstance(entry, Result):
            return result_lines(entry, lang, self.dataset_name)
        if isinstance(entry, Error):
            lines = [capped(line) for line in entry.traceback.splitlines()]
            return [*lines, capped(f"{translate('error', lang)}: {error_text(entry, lang)}")]
        return [shown_line(entry, lang)]

    def fraction(self) -> float | None:
        """How much of the current fit is done, 0..1 (None before anything is known)."""
        if not self.epochs:
            return None
        if self.steps:
            done = (max(self.epoch, 1) - 1) * self.steps + min(self.batch, self.steps)
            return min(done / (self.epochs * self.steps), 1.0)
        return min(self.epoch / self.epochs, 1.0)

    def eta(self, now: float | None = None) -> float | None:
        """Seconds left in the current fit at the pace so far."""
        fraction = self.fraction()
        if not fraction or not self.active:
            return None
        elapsed = (time.monotonic() if now is None else now) - self.fit_started
        return elapsed * (1 - fraction) / fraction


def clock(seconds: float) -> str:
    """`1:05` or `1:02:03`: an ETA as a person reads it."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"
