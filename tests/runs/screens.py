"""The screens of this area, opened as a learner opens them, for `tests/ui/every_screen.py`
(footers, help, Korean, snapshots) and this area's own snapshots: the Runs screen, a
comparison, the challenges, one challenge and its budget dialog."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from tests.runs.sample_runs import add_sample_runs

Opener = Callable[[Pilot], Awaitable[None]]


async def runs(pilot: Pilot) -> None:
    add_sample_runs(pilot.app.progress)  # type: ignore[attr-defined]
    await pilot.press("h")
    await pilot.pause()


async def compare(pilot: Pilot) -> None:
    await runs(pilot)
    # newest first: the original fashion-dnn run is last; mark it A, the edited one B
    await pilot.press("down", "down", "space", "up", "space", "enter")
    for _ in range(5):  # the histories are read in a thread
        await pilot.pause(0.1)


async def challenges(pilot: Pilot) -> None:
    add_sample_runs(pilot.app.progress)  # type: ignore[attr-defined]
    await pilot.press("c")
    await pilot.pause()


async def challenge(pilot: Pilot) -> None:
    from tutor.ui.screens.challenge import ChallengeScreen

    add_sample_runs(pilot.app.progress)  # type: ignore[attr-defined]
    pilot.app.push_screen(ChallengeScreen("mnist-20k"))
    await pilot.pause()


async def budget(pilot: Pilot) -> None:
    from tutor.ui.screens.challenge import ChallengeScreen

    pilot.app.push_screen(ChallengeScreen("fashion-50k"))  # its starter is over budget
    await pilot.pause()
    await pilot.press("r")
    for _ in range(10):  # the engine counts in a thread
        await pilot.pause(0.1)


SCREENS: dict[str, Opener] = {
    "runs": runs,
    "compare": compare,
    "challenges": challenges,
    "challenge": challenge,
    "budget": budget,
}
