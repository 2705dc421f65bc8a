"""Exercises and challenges alike: what runs under an id, and the learner's copy of it.

The runner, the training child, `dltutor run` and the exercise screen look an id up here,
so a challenge runs exactly like an exercise. Exercises keep their copies where
`tutor.exercises` puts them; a challenge's copy lives in `workspace/challenges/`, so a
challenge script can never overwrite an exercise's copy of the same name.
"""

from __future__ import annotations

from pathlib import Path

from tutor import exercises
from tutor.challenges.catalogue import SOLUTION_AFTER_TRIES, find_challenge
from tutor.errors import TutorError
from tutor.exercises import Criterion, Exercise
from tutor.resources import read_content


def find(item_id: str) -> Exercise:
    """The exercise called `item_id`, or the challenge's runnable form; the error lists
    the exercises when neither exists."""
    found = find_challenge(item_id)
    return found.exercise if found is not None else exercises.exercise(item_id)


def copy_path(item_id: str) -> Path:
    """Where the learner's copy lives (whether or not it exists yet)."""
    found = find_challenge(item_id)
    if found is None:
        return exercises.workspace_path(item_id)
    return exercises.workspace_dir() / "challenges" / found.exercise.script.name


def has_copy(item_id: str) -> bool:
    return copy_path(item_id).is_file()


def edit_copy(item_id: str) -> Path:
    """The learner's copy to open in an editor, copied from the original on first edit."""
    return exercises.copy_for_editing(find(item_id).script, copy_path(item_id))


def reset_copy(item_id: str) -> Path | None:
    """Back to the original, the copy kept as `<name>.bak`; the backup, or None."""
    return exercises.set_aside(copy_path(item_id))


def script_to_run(item_id: str) -> Path:
    """The learner's copy once they have edited it, else the original (the starter)."""
    copy = copy_path(item_id)
    return copy if copy.is_file() else find(item_id).script


def criterion_for(item: Exercise, stand_in: bool) -> Criterion | None:
    """What a run of `item` is judged by: an exercise's criterion, or a challenge's goal
    for the data the run used (the stand-in's own, when it trained on one)."""
    found = find_challenge(item.id)
    return found.goal_for(stand_in) if found is not None else item.criterion


def solution_path(item_id: str) -> Path:
    """What the exercise screen shows as the solution: an exercise's original script, a
    challenge's solution (the screen offers it only once `solution_unlocked`)."""
    found = find_challenge(item_id)
    return found.solution if found is not None else exercises.solution_path(item_id)


def solution_unlocked(tries: int, passed: bool) -> bool:
    """A challenge's solution is offered after a pass, or after three honest tries (runs
    that trained within the budget and were judged)."""
    return passed or tries >= SOLUTION_AFTER_TRIES


def is_edited(item: Exercise, script: Path) -> bool:
    """Whether `script` differs from the item's original (a copy saved unchanged is not
    an edit); a script that cannot be read (or is no regular file) counts as edited."""
    if script == item.script:
        return False
    try:
        return read_content(script) != read_content(item.script)
    except TutorError:
        return True
