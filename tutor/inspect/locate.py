"""Which run a learner means by `dltutor inspect RUN`: a run folder, the folder's name
under `runs/`, a run number from `dltutor progress`, or an exercise id meaning its
latest finished run. Every way it can go wrong is one line that says what to do."""

from __future__ import annotations

from pathlib import Path

from tutor.errors import ExerciseError
from tutor.exercises import exercise, runs_dir
from tutor.inspect.files import MODEL_FILE
from tutor.inspect.saved import InspectError

HISTORY_FILE = "history.json"
FINISHED = ("passed", "failed")


def locate_run(run: str) -> Path:
    """The folder of the finished run `run` names; InspectError otherwise."""
    folder = Path(run).expanduser()
    if not folder.is_dir():
        folder = runs_dir() / run
    if folder.is_dir() and run not in ("", ".", ".."):
        return finished(folder)
    if run.isdigit():
        return _numbered(int(run))
    try:
        exercise(run)
    except ExerciseError:
        raise InspectError(
            f"no run {run!r}: give a run folder, a run number (dltutor progress) or an exercise id"
        ) from None
    return _latest(run)


def finished(folder: Path) -> Path:
    """`folder`, once it holds a saved model."""
    if (folder / MODEL_FILE).is_file():
        return folder
    if (folder / HISTORY_FILE).is_file():
        raise InspectError(f"{folder.name} has no saved model ({MODEL_FILE}): it did not finish")
    raise InspectError(f"{folder.name} has not finished: its model is not saved yet")


def _numbered(number: int) -> Path:
    from tutor.progress import ProgressStore

    with ProgressStore(read_only=True) as store:
        found = [run for run in store.runs() if run.run_id == number]
    if not found:
        raise InspectError(f"no run number {number} (dltutor progress lists them)")
    run = found[0]
    if run.status == "running":
        raise InspectError(f"run {number} ({run.exercise_id}) has not finished")
    if not run.model_path:
        raise InspectError(f"run {number} ({run.exercise_id}) has no saved model ({run.status})")
    return finished(Path(run.model_path).parent)


def _latest(exercise_id: str) -> Path:
    from tutor.progress import ProgressStore

    with ProgressStore(read_only=True) as store:
        runs = store.runs(exercise_id)
    for run in reversed(runs):
        if run.status in FINISHED and run.model_path and Path(run.model_path).is_file():
            return Path(run.model_path).parent
    raise InspectError(
        f"{exercise_id} has no finished run yet (dltutor run {exercise_id} trains one)"
    )
