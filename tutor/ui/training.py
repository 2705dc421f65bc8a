"""The exercise training in the background, owned by the app rather than a screen, so it
carries on while the learner reads a lesson or takes a quiz, and stops when the app does.

The app runs `TrainingSession.drive` as a Textual worker: it reads the child's events
(`tutor.training.runner`) and folds them into a `RunView` that screens redraw from on a
timer. Nothing here imports TensorFlow; the child process does.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
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


RunFactory = Callable[[Exercise, "ProgressStore"], EventSource]


def start_child(exercise: Exercise, store: ProgressStore) -> EventSource:
    """The real thing: the learner's copy (or the original) in a fresh training child."""
    from tutor.training.runner import TrainingRun

    return TrainingRun(exercise, store=store)


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
