"""The model-design challenges: a starter script, a goal and a parameter budget each.

`lessons/challenges/catalogue.yaml` lists them in the exercise catalogue's own form (title,
lesson, script, dataset, defaults, things to try: checked by the same rules) plus what makes
a challenge: `goal`, the criterion on the course's real data; `stand_in_goal`, the same
metric's criterion on the offline stand-in, set apart because the stand-in is another,
smaller task; `max_params`, the budget; `solution`, a script that passes, offered after a
pass or three honest tries; and optionally `requires`, layer classes of which the model
must use one (a recurrent model for IMDB). A challenge runs like an exercise: its
`exercise` form is what the runner, the child and the exercise screen take.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from tutor.errors import ExerciseError
from tutor.exercises import (
    CATALOGUE_FILE,
    Criterion,
    EntryPlace,
    Exercise,
    load_catalogue,
    parse_criterion,
    parse_exercise,
    parse_script,
)
from tutor.resources import lessons_dir, read_content
from tutor.yamlfile import parse_yaml

CHALLENGES_ENV = "DLTUTOR_CHALLENGES"
_CHALLENGE_FIELDS = ("goal", "stand_in_goal", "max_params", "solution", "requires")
_GOAL_METRIC_PREFIXES = ("val_", "test_")
"""A goal is judged on data the model did not train on: the validation split's last epoch
or the script's `model.evaluate` on the test set (`test_accuracy`)."""
SOLUTION_AFTER_TRIES = 3


@dataclass(frozen=True)
class Challenge:
    exercise: Exercise
    """The challenge as a runnable exercise: the starter script, `goal` as its criterion."""
    goal: Criterion
    stand_in_goal: Criterion | None
    """None when the data has no stand-in (it ships with a package, or the script makes
    it)."""
    max_params: int
    solution: Path
    requires: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.exercise.id

    def title(self, lang: str) -> str:
        return self.exercise.title(lang)

    def goal_for(self, stand_in: bool) -> Criterion:
        """The criterion a run is judged by: the stand-in's when it trained on one."""
        return self.stand_in_goal if stand_in and self.stand_in_goal is not None else self.goal


def challenges_dir() -> Path:
    """The folder of challenge scripts and their catalogue; `DLTUTOR_CHALLENGES` points
    elsewhere (the tests' tiny challenges)."""
    override = os.environ.get(CHALLENGES_ENV)
    return Path(override).expanduser() if override else lessons_dir() / "challenges"


def load_challenges(root: Path | None = None) -> tuple[Challenge, ...]:
    """Every challenge in `root/catalogue.yaml` (default: the course's), checked; none when
    the course has no challenges folder."""
    root = challenges_dir() if root is None else root
    path = root / CATALOGUE_FILE
    try:
        stat = path.stat()
    except FileNotFoundError:
        return ()
    except OSError as error:
        raise ExerciseError(f"{path}: cannot read the catalogue ({error.strerror})") from None
    return _parse(root, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _parse(root: Path, _mtime_ns: int, _size: int) -> tuple[Challenge, ...]:
    """The catalogue, parsed once per version of the file (see `tutor.exercises`)."""
    path = root / CATALOGUE_FILE
    entries = parse_yaml(read_content(path), str(path), ExerciseError)
    if not isinstance(entries, list) or not entries:
        raise ExerciseError(f"{path}: expected a list of challenges ('- id: ...')")
    exercise_ids = {item.id for item in load_catalogue()}
    challenges: list[Challenge] = []
    for index, entry in enumerate(entries, 1):
        where = _ChallengeWhere(path, index, entry)
        challenge = _challenge(entry, root, where)
        if challenge.id in exercise_ids or any(c.id == challenge.id for c in challenges):
            raise where.error("id", f"repeats {challenge.id!r}, an exercise's or a challenge's")
        challenges.append(challenge)
    return tuple(challenges)


def find_challenge(item_id: str) -> Challenge | None:
    """The challenge called `item_id`, or None (it may be an exercise)."""
    return next((item for item in load_challenges() if item.id == item_id), None)


def challenge(challenge_id: str) -> Challenge:
    """The challenge called `challenge_id`; the error lists the ids there are."""
    found = find_challenge(challenge_id)
    if found is None:
        known = ", ".join(item.id for item in load_challenges())
        raise ExerciseError(f"no challenge {challenge_id!r} (there are: {known})")
    return found


def _challenge(entry: Any, root: Path, where: _ChallengeWhere) -> Challenge:
    if not isinstance(entry, dict):
        raise ExerciseError(f"{where.path}: challenge {where.index}: expected 'field: value' lines")
    for field in ("goal", "stand_in_goal", "max_params", "solution"):
        if field not in entry:
            raise where.error(field, "is missing")
    common = {key: value for key, value in entry.items() if key not in _CHALLENGE_FIELDS}
    common["criterion"] = entry["goal"]
    item = parse_exercise(common, root, replace(where, renamed=("criterion", "goal")))
    if item.task == "none":
        raise where.error("task", "must train something: a challenge is judged on its result")
    goal = _goal(entry["goal"], "goal", where)
    stand_in_goal = None
    if entry["stand_in_goal"] is not None:
        stand_in_goal = _goal(entry["stand_in_goal"], "stand_in_goal", where)
        if (stand_in_goal.metric, stand_in_goal.bound) != (goal.metric, goal.bound):
            raise where.error("stand_in_goal", "must judge the goal's metric the same way")
    budget = entry["max_params"]
    if isinstance(budget, bool) or not isinstance(budget, int) or budget < 1:
        raise where.error("max_params", f"must be a whole number of at least 1 (got {budget!r})")
    return Challenge(
        exercise=replace(item, criterion=goal),
        goal=goal,
        stand_in_goal=stand_in_goal,
        max_params=budget,
        solution=parse_script(
            entry["solution"], root, replace(where, renamed=("script", "solution"))
        ),
        requires=_layer_names(entry.get("requires"), where),
    )


def _goal(value: Any, field: str, where: _ChallengeWhere) -> Criterion:
    goal = parse_criterion(value, True, replace(where, renamed=("criterion", field)))
    if not goal.metric.startswith(_GOAL_METRIC_PREFIXES):
        raise where.error(
            f"{field}.metric", f"must be a val_ or test_ metric (got {goal.metric!r})"
        )
    return goal


@dataclass(frozen=True)
class _ChallengeWhere(EntryPlace):
    """Names a mistake as `catalogue.yaml: challenge 3 (mnist-20k): field ...`, also when
    an exercise rule found it: `renamed` gives the challenge's name for the field that rule
    checks (its `criterion` is the challenge's `goal`, its `script` the `solution`)."""

    renamed: tuple[str, str] | None = None

    def error(self, field: str, problem: str) -> ExerciseError:
        if self.renamed is not None and field.split(".")[0] == self.renamed[0]:
            field = self.renamed[1] + field[len(self.renamed[0]) :]
        name = self.entry.get("id") if isinstance(self.entry, dict) else None
        label = f"challenge {self.index}" + (f" ({name})" if isinstance(name, str) else "")
        return ExerciseError(f"{self.path}: {label}: field '{field}' {problem}")


def _layer_names(value: Any, where: _ChallengeWhere) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not value or not all(
        isinstance(name, str) and name.isidentifier() for name in value
    ):
        raise where.error("requires", "must list Keras layer class names such as LSTM")
    return tuple(value)
