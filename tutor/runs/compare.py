"""Two to four runs side by side: their curves, their figures in one table, the course's
reference figures, and what changed between each run and the next.

Runs are lettered A to D in the order given; the curves are drawn with those letters as
their marks, so they stay apart without colour. The course's figures come from the full
datasets: a run on an offline stand-in is said to be not comparable with them.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.errors import TutorError
from tutor.progress.history import read_history
from tutor.runs.diff import RunDiff, diff_runs
from tutor.runs.records import RunRecord, find_runs
from tutor.runs.references import Reference, references_for

if TYPE_CHECKING:
    from tutor.progress import ProgressStore

LETTERS = "ABCD"
MIN_RUNS, MAX_RUNS = 2, len(LETTERS)
PREFERRED_CURVES = ("val_accuracy", "val_mae", "accuracy", "mae", "val_loss", "loss")


class CompareError(TutorError):
    """The runs asked for cannot be compared (too few, too many, unknown, repeated)."""


@dataclass(frozen=True)
class Comparison:
    runs: tuple[RunRecord, ...]
    histories: Mapping[int, Mapping[str, Sequence[float]]]
    """Each run's saved curves by run id (empty when none was saved)."""
    diffs: tuple[RunDiff, ...]
    """Each run against the next: A to B, B to C, C to D."""

    def letter(self, run: RunRecord) -> str:
        return LETTERS[self.runs.index(run)]

    def curves(self) -> list[str]:
        """The metrics drawn for any of the runs, the most telling first."""
        names: list[str] = []
        for history in self.histories.values():
            names += [name for name in history if name not in names]
        preferred = [name for name in PREFERRED_CURVES if name in names]
        return preferred + sorted(name for name in names if name not in preferred)

    def references(self) -> list[tuple[str, Reference]]:
        """(exercise, reference) for each exercise compared that the course reports on."""
        exercises = list(dict.fromkeys(run.exercise for run in self.runs))
        return [(item, ref) for item in exercises for ref in references_for(item)]

    def reference_line(self, curve: str) -> Reference | None:
        """The course's figure to draw across a plot of `curve` (its test figure over the
        validation and training curves of the same metric), when all the runs are of one
        exercise that the course reports on."""
        exercises = {run.exercise for run in self.runs}
        if len(exercises) != 1:
            return None
        metric = curve.removeprefix("val_")
        return next((ref for ref in references_for(exercises.pop()) if ref.metric == metric), None)

    def not_comparable(self, exercise: str) -> list[RunRecord]:
        """The runs of `exercise` that trained on a stand-in: the course's full-data
        figures say nothing about them."""
        return [run for run in self.runs if run.exercise == exercise and run.stand_in]

    def to_json(self) -> dict[str, Any]:
        """`dltutor runs compare --json`."""
        return {
            "runs": [{"letter": self.letter(run), **run.to_json()} for run in self.runs],
            "references": [
                {
                    "exercise": exercise,
                    "metric": f"test_{reference.metric}",
                    "value": reference.value,
                    "about": reference.about,
                    "source": "course, full data",
                    "not_comparable": [run.id for run in self.not_comparable(exercise)],
                }
                for exercise, reference in self.references()
            ],
            "diffs": [diff.to_json() for diff in self.diffs],
        }


def compare_runs(store: ProgressStore, run_ids: Sequence[int]) -> Comparison:
    """The runs with these ids (two to four, each once), with their curves and diffs."""
    if not MIN_RUNS <= len(run_ids) <= MAX_RUNS:
        raise CompareError(f"compare two to four runs (got {len(run_ids)})")
    if len(set(run_ids)) != len(run_ids):
        raise CompareError("each run can be compared once")
    try:
        runs = tuple(find_runs(store, run_ids))
    except KeyError as unknown:
        raise CompareError(f"there is no run {unknown.args[0]} (dltutor runs lists them)") from None
    histories = {run.id: read_history(run.history_path) for run in runs}
    diffs = tuple(diff_runs(a, b) for a, b in itertools.pairwise(runs))
    return Comparison(runs, histories, diffs)
