"""What a run keeps beyond its metrics, for the Runs screen: gathered by the runner from
the run's events and stored with it (`exercise_runs.details`, checked by
`tutor.progress.fields.RUN_DETAILS`).

The script itself is copied into the run's folder as the run starts (`SCRIPT_COPY`), so
two runs can be diffed later however the learner's copy changed since. The copy's name has
a hyphen: the run's folder is the script's working directory, and no `import` can pick up
a file of that name by mistake.
"""

from __future__ import annotations

import contextlib
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor.progress.fields import MAX_NAME_CHARS
from tutor.resources import MAX_CONTENT_BYTES
from tutor.safeio import printable
from tutor.training.protocol import Epoch, Event, Fit, Result, Start

SCRIPT_COPY = "run-script.py"


@dataclass
class RunDetails:
    run_dir: Path
    script: str
    """The file name of the script that ran (`mnist-dnn.py`)."""
    edited: bool
    """The script differed from the exercise's original."""
    options: tuple[str, ...]
    """What the script was given (`--epochs 3 --offline`)."""
    device: str | None = None
    dataset: str | None = None
    """The catalogue's name for the data (`mnist`)."""
    data: str | None = None
    """The script's own words for the data it used."""
    stand_in: bool = False
    params: int | None = None
    epochs: int = 0
    seconds: float = 0.0
    """Time spent in epochs, all fits together (not TensorFlow's start-up)."""

    def observe(self, event: Event) -> None:
        """Fold one event of the run in."""
        if isinstance(event, Start):
            self.device, self.dataset = event.device, event.dataset
        elif isinstance(event, Fit):
            self.params = event.params if event.params is not None else self.params
            self.data = event.dataset or self.data
            self.stand_in = event.stand_in
        elif isinstance(event, Epoch):
            self.seconds += max(0.0, event.seconds)
        elif isinstance(event, Result):
            self.epochs = event.epochs
            self.data = event.dataset or self.data
            self.stand_in = event.stand_in or (self.stand_in and event.dataset is None)

    def to_json(self) -> dict[str, Any]:
        """The stored form: texts printable and cut to what the store accepts."""
        return {
            "run_dir": str(self.run_dir),
            "script": _name(self.script),
            "edited": self.edited,
            "options": [printable(option)[:MAX_NAME_CHARS] for option in self.options][:100],
            "device": _name(self.device),
            "dataset": _name(self.dataset),
            "data": _name(self.data),
            "stand_in": self.stand_in,
            "params": self.params,
            "epochs": self.epochs,
            "seconds": round(min(self.seconds, 366 * 24 * 3600.0), 3),
        }


def _name(text: str | None) -> Any:
    if text is None:
        return None
    return printable(text)[:MAX_NAME_CHARS] or "?"


def keep_script(script: Path, run_dir: Path) -> None:
    """Copy the script that is about to run into its folder: a regular file of at most
    `MAX_CONTENT_BYTES`, as the tutor reads scripts. One that cannot be copied is no reason
    to stop the run, which reports the problem itself if it cannot read it either."""
    with contextlib.suppress(OSError):
        status = script.stat()
        if stat.S_ISREG(status.st_mode) and status.st_size <= MAX_CONTENT_BYTES:
            shutil.copyfile(script, run_dir / SCRIPT_COPY)
