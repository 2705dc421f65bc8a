"""The exercise catalogue and the learner's workspace copies of the exercise scripts.

`lessons/exercises/catalogue.yaml` lists every exercise: its script, dataset, defaults and
the criterion a run must meet. It is checked strictly, like the lessons, so a typo fails
the test suite with the file, the entry and the field named rather than a run failing
half-way. The learner edits a copy under the data directory, never the original: "reset"
goes back to the original and "solution" shows it. No TensorFlow here: the app lists and
copies exercises without paying for the import.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from tutor.errors import ExerciseError, TutorError
from tutor.i18n import DEFAULT_LANGUAGE, LANGUAGES
from tutor.paths import data_dir
from tutor.resources import lessons_dir, read_content
from tutor.yamlfile import parse_yaml

CATALOGUE_FILE = "catalogue.yaml"
EXERCISES_ENV = "DLTUTOR_EXERCISES"
TASKS = ("classification", "regression", "none")
BOUNDS = ("at_least", "at_most")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATASET_NAME = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")  # Keras' names: fashion_mnist
_REQUIRED = (
    "id",
    "title",
    "lesson",
    "script",
    "dataset",
    "task",
    "epochs",
    "batch_size",
    "metric",
    "criterion",
    "try",
)
_OPTIONAL = ("classes",)
_TRIES = (2, 3)  # the issue asks for two or three things to try


@dataclass(frozen=True)
class Criterion:
    """What a run must reach to pass: the last epoch's `metric` against `value`."""

    metric: str
    bound: Literal["at_least", "at_most"]
    value: float

    def met_by(self, achieved: float) -> bool:
        return achieved >= self.value if self.bound == "at_least" else achieved <= self.value

    def as_dict(self) -> dict[str, Any]:
        """The catalogue's own form, `{"metric": ..., "at_least": ...}`."""
        return {"metric": self.metric, self.bound: self.value}


@dataclass(frozen=True)
class Exercise:
    id: str
    titles: Mapping[str, str]
    lesson: str
    script: Path
    """The original script (absolute); the learner runs `script_to_run(id)`."""
    dataset: str | None
    task: Literal["classification", "regression", "none"]
    classes: tuple[str, ...] | None
    epochs: int | None
    batch_size: int | None
    metric: str | None
    """The main metric's Keras log name (`accuracy`, `mae`), plotted beside the loss."""
    criterion: Criterion | None
    tries: tuple[Mapping[str, str], ...]

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles[DEFAULT_LANGUAGE]

    def things_to_try(self, lang: str) -> tuple[str, ...]:
        return tuple(text.get(lang) or text[DEFAULT_LANGUAGE] for text in self.tries)

    @property
    def trains(self) -> bool:
        return self.task != "none"


def exercises_dir() -> Path:
    """The folder of exercise scripts and their catalogue; `DLTUTOR_EXERCISES` points
    elsewhere (the tests' tiny exercises, an author's draft)."""
    override = os.environ.get(EXERCISES_ENV)
    return Path(override).expanduser() if override else lessons_dir() / "exercises"


def load_catalogue(root: Path | None = None) -> tuple[Exercise, ...]:
    """Every exercise in `root/catalogue.yaml` (default: the course's), checked."""
    root = exercises_dir() if root is None else root
    path = root / CATALOGUE_FILE
    try:
        stat = path.stat()
    except OSError as error:
        raise _unreadable(path, error) from None
    return _parse_catalogue(root, stat.st_mtime_ns, stat.st_size)


def _unreadable(path: Path, error: OSError) -> ExerciseError:
    return ExerciseError(f"{path}: cannot read the catalogue ({error.strerror})")


@lru_cache(maxsize=8)
def _parse_catalogue(root: Path, _mtime_ns: int, _size: int) -> tuple[Exercise, ...]:
    """The catalogue, parsed once per version of the file (its time and size are the
    cache key): the exercise screen looks an exercise up four times a second while a
    run is drawn, and parsing the YAML each time cost 12 ms of the UI's attention."""
    path = root / CATALOGUE_FILE
    source = read_content(path)
    entries = parse_yaml(source, str(path), ExerciseError)
    if not isinstance(entries, list) or not entries:
        raise ExerciseError(f"{path}: expected a list of exercises ('- id: ...')")
    exercises: list[Exercise] = []
    for index, entry in enumerate(entries, 1):
        where = EntryPlace(path, index, entry)
        exercise = parse_exercise(entry, root, where)
        if any(other.id == exercise.id for other in exercises):
            raise where.error("id", f"repeats {exercise.id!r}")
        exercises.append(exercise)
    return tuple(exercises)


def exercise(exercise_id: str, root: Path | None = None) -> Exercise:
    """The exercise called `exercise_id`; the error lists the ids there are."""
    catalogue = load_catalogue(root)
    for candidate in catalogue:
        if candidate.id == exercise_id:
            return candidate
    known = ", ".join(item.id for item in catalogue)
    raise ExerciseError(f"no exercise {exercise_id!r} (there are: {known})")


# --- the learner's workspace -------------------------------------------------------------


def workspace_dir() -> Path:
    return data_dir() / "workspace"


def workspace_path(exercise_id: str) -> Path:
    """Where the learner's copy of the exercise lives (whether or not it exists yet)."""
    return workspace_dir() / exercise(exercise_id).script.name


def has_copy(exercise_id: str) -> bool:
    return workspace_path(exercise_id).is_file()


def edit_copy(exercise_id: str) -> Path:
    """The learner's copy to open in an editor, copied from the original on first edit."""
    return copy_for_editing(exercise(exercise_id).script, workspace_path(exercise_id))


def reset_copy(exercise_id: str) -> Path | None:
    """Go back to the original (see `set_aside`); the backup's path, or None."""
    return set_aside(workspace_path(exercise_id))


def copy_for_editing(original: Path, copy: Path) -> Path:
    """`copy`, made from `original` if the learner has none yet (an exercise's or a
    challenge's: tutor.challenges.workspace)."""
    if not copy.is_file():
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(original, copy)
    return copy


def set_aside(copy: Path) -> Path | None:
    """Move the learner's copy to `<name>.bak` (one level of undo for an accidental reset).
    The backup's path, or None if there was no copy."""
    if not copy.is_file():
        return None
    backup = copy.with_name(copy.name + ".bak")
    copy.replace(backup)
    return backup


def script_to_run(exercise_id: str) -> Path:
    """The learner's copy once they have edited it, else the original."""
    copy = workspace_path(exercise_id)
    return copy if copy.is_file() else exercise(exercise_id).script


def script_options(script: Path) -> tuple[str, ...]:
    """The `--options` a script's argparse declares (`parser.add_argument("--folds", ...)`),
    read from its source without running it; none when it cannot be read or parsed."""
    try:
        tree = ast.parse(read_content(script))
    except (TutorError, SyntaxError, ValueError, RecursionError, MemoryError):
        return ()
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "add_argument":
            found += [
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant)
                and isinstance(arg.value, str)
                and arg.value.startswith("--")
                and arg.value not in found
            ]
    return tuple(found)


def solution_path(exercise_id: str) -> Path:
    """The original script, shown as the solution next to the learner's copy."""
    return exercise(exercise_id).script


def runs_dir() -> Path:
    return data_dir() / "runs"


def new_run_dir(exercise_id: str, now: datetime | None = None) -> Path:
    """A fresh `runs/<id>-<YYYYmmdd-HHMMSS>` folder for one run's history, model and any
    files the script writes (runs start there, so a checkpoint lands beside its run)."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    runs = runs_dir()
    runs.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, 1000):
        folder = runs / (f"{exercise_id}-{stamp}" + (f"-{attempt}" if attempt > 1 else ""))
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder
    raise ExerciseError(f"{runs}: too many runs of {exercise_id} in one second")


# --- validation --------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryPlace:
    """Names the place of a mistake: `catalogue.yaml: exercise 3 (mnist-dnn): field ...`."""

    path: Path
    index: int
    entry: Any

    def error(self, field: str, problem: str) -> ExerciseError:
        name = self.entry.get("id") if isinstance(self.entry, dict) else None
        label = f"exercise {self.index}" + (f" ({name})" if isinstance(name, str) else "")
        return ExerciseError(f"{self.path}: {label}: field '{field}' {problem}")


def parse_exercise(entry: Any, root: Path, where: EntryPlace) -> Exercise:
    if not isinstance(entry, dict):
        raise ExerciseError(f"{where.path}: exercise {where.index}: expected 'field: value' lines")
    for field in entry:
        if field not in (*_REQUIRED, *_OPTIONAL):
            raise where.error(field, f"is unknown (expected {', '.join(_REQUIRED + _OPTIONAL)})")
    for field in _REQUIRED:
        if field not in entry:
            raise where.error(field, "is missing")
    for field in ("id", "lesson"):
        if not isinstance(entry[field], str) or not _SLUG.match(entry[field]):
            raise where.error(
                field, f"must be lowercase words joined by '-' (got {entry[field]!r})"
            )
    task = entry["task"]
    if task not in TASKS:
        raise where.error("task", f"must be one of {', '.join(TASKS)} (got {task!r})")
    trains = task != "none"
    return Exercise(
        id=entry["id"],
        titles=_texts(entry["title"], "title", where),
        lesson=entry["lesson"],
        script=parse_script(entry["script"], root, where),
        dataset=_optional_text(entry["dataset"], "dataset", where),
        task=task,
        classes=_classes(entry.get("classes"), task, where),
        epochs=_count(entry["epochs"], "epochs", trains, where),
        batch_size=_count(entry["batch_size"], "batch_size", trains, where),
        metric=_metric(entry["metric"], trains, where),
        criterion=parse_criterion(entry["criterion"], trains, where),
        tries=_tries(entry["try"], where),
    )


def _texts(value: Any, field: str, where: EntryPlace) -> dict[str, str]:
    if not isinstance(value, dict) or DEFAULT_LANGUAGE not in value:
        raise where.error(field, f"must map languages to text, with '{DEFAULT_LANGUAGE}' at least")
    for lang, text in value.items():
        if lang not in LANGUAGES:
            raise where.error(f"{field}.{lang}", f"is not a language ({', '.join(LANGUAGES)})")
        if not isinstance(text, str) or not text.strip():
            raise where.error(f"{field}.{lang}", "must be non-empty text")
    return {lang: text.strip() for lang, text in value.items()}


def parse_script(value: Any, root: Path, where: EntryPlace) -> Path:
    if not isinstance(value, str) or not value.endswith(".py") or Path(value).is_absolute():
        raise where.error("script", f"must be a .py file beside the catalogue (got {value!r})")
    script = (root / value).resolve()
    if not script.is_file():
        raise where.error("script", f"names {value}, which does not exist")
    return script


def _optional_text(value: Any, field: str, where: EntryPlace) -> str | None:
    if value is None or (isinstance(value, str) and _DATASET_NAME.match(value)):
        return value
    raise where.error(field, f"must be a dataset name such as 'mnist' or null (got {value!r})")


def _classes(value: Any, task: str, where: EntryPlace) -> tuple[str, ...] | None:
    if value is None:
        return None
    if task != "classification":
        raise where.error("classes", "is only for classification exercises")
    if (
        not isinstance(value, list)
        or len(value) < 2
        or not all(isinstance(name, str) and name for name in value)
        or len(set(value)) != len(value)
    ):
        raise where.error("classes", "must list two or more distinct class names")
    return tuple(value)


def _count(value: Any, field: str, trains: bool, where: EntryPlace) -> int | None:
    if value is None and not trains:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < (1 if trains else 0):
        required = "a whole number of at least 1" if trains else "a whole number or null"
        raise where.error(field, f"must be {required} (got {value!r})")
    return value


def _metric(value: Any, trains: bool, where: EntryPlace) -> str | None:
    if value is None and not trains:
        return None
    if not isinstance(value, str) or not value or value.startswith("val_"):
        raise where.error(
            "metric", f"must be a Keras metric name such as 'accuracy' (got {value!r})"
        )
    return value


def parse_criterion(value: Any, trains: bool, where: EntryPlace) -> Criterion | None:
    if value is None and not trains:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("metric"), str):
        raise where.error("criterion", "must be {metric: NAME, at_least: X} or {..., at_most: X}")
    bounds = [key for key in value if key != "metric"]
    if len(bounds) != 1 or bounds[0] not in BOUNDS:
        raise where.error("criterion", "must have exactly one of at_least or at_most")
    number = value[bounds[0]]
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        raise where.error(f"criterion.{bounds[0]}", f"must be a number (got {number!r})")
    return Criterion(value["metric"], bounds[0], float(number))  # type: ignore[arg-type]


def _tries(value: Any, where: EntryPlace) -> tuple[dict[str, str], ...]:
    if not isinstance(value, list) or len(value) not in _TRIES:
        raise where.error("try", "must list two or three things to try")
    return tuple(_texts(item, f"try[{number}]", where) for number, item in enumerate(value, 1))
