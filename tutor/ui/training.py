"""The exercise training in the background, owned by the app rather than a screen, so it
carries on while the learner reads a lesson or takes a quiz, and stops when the app does.

The app runs `TrainingSession.drive` as a Textual worker: it reads the child's events
(`tutor.training.runner`) and folds them into a `RunView` that screens redraw from on a
timer. Nothing here imports TensorFlow; the child process does.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from tutor.errors import TutorError
from tutor.exercises import Exercise
from tutor.training.protocol import Error, Event, Result
from tutor.training.view import RunView

if TYPE_CHECKING:
    from tutor.progress import ProgressStore


class EventSource(Protocol):
    """A run as the UI sees it: `TrainingRun`, or a fake stream in the pilot tests."""

    def events(self) -> AsyncIterator[Event]: ...

    async def cancel(self) -> None: ...


@dataclass(frozen=True)
class RunOptions:
    """What the learner chose for the next run of an exercise (the Options dialog): the
    same as `dltutor run`'s options, None meaning the script's own default."""

    epochs: int | None = None
    batch_size: int | None = None
    offline: bool = False
    script_args: tuple[str, ...] = ()
    """The script's own options (`--folds 10`), passed after the tutor's."""
    gpu_memory: int | None = None
    """At most this many MB of each GPU (a shared GPU), as `--gpu-memory`."""
    mixed_precision: bool = False


RunFactory = Callable[[Exercise, "ProgressStore", RunOptions], EventSource]


def start_child(exercise: Exercise, store: ProgressStore, options: RunOptions) -> EventSource:
    """The real thing: the learner's copy (or the original) in a fresh training child."""
    from tutor.training.runner import TrainingRun

    return TrainingRun(
        exercise,
        store=store,
        epochs=options.epochs,
        batch_size=options.batch_size,
        offline=options.offline,
        extra_args=options.script_args,
        gpu_memory=options.gpu_memory,
        mixed_precision=options.mixed_precision,
    )


class TrainingSession:
    """One run of one exercise, watched through `view`."""

    def __init__(self, exercise: Exercise, source: EventSource) -> None:
        self.exercise = exercise
        self.source = source
        self.view = RunView(exercise.id)

    @property
    def active(self) -> bool:
        return self.view.active

    async def drive(self) -> None:
        """Read the run's events to the end (the worker's body)."""
        try:
            async for event in self.source.events():
                self.view.apply(event)
        except TutorError as error:  # the child could not even start
            self.view.apply(Error(message=str(error)))
            self.view.apply(Result(status="error"))

    async def cancel(self) -> None:
        """Stop after the current batch; the child is gone when this returns."""
        if not self.active:
            return
        self.view.cancelling()
        await self.source.cancel()
