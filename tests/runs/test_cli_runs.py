"""`dltutor runs` and `dltutor challenges` as a learner types them: JSON lines, the table,
deleting, pruning and the CSV, one-line errors, and no English left in Korean."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.cli_helpers import english_left_in_korean, english_prose
from tests.conftest import dltutor
from tests.runs.sample_runs import add_sample_runs
from tutor.challenges import load_challenges
from tutor.exercises import load_catalogue
from tutor.progress import ProgressStore
from tutor.progress.store import default_database_path


@pytest.fixture
def sample(isolated_home: Path) -> list[int]:
    with ProgressStore(default_database_path()) as store:
        return add_sample_runs(store)


def test_runs_json_and_its_exercise_filter(sample: list[int]) -> None:
    everything = dltutor("runs", "--json")
    assert everything.returncode == 0, everything.stderr
    assert [json.loads(line)["id"] for line in everything.stdout.splitlines()] == sample
    only = dltutor("runs", "--exercise", "mnist-20k", "--json")
    assert [json.loads(line)["id"] for line in only.stdout.splitlines()] == [sample[2]]


def test_rm_prune_and_export(sample: list[int], tmp_path: Path) -> None:
    out = tmp_path / "runs.csv"
    exported = dltutor("runs", "export", "--csv", str(out))
    assert exported.returncode == 0 and exported.stdout == f"3 runs written to {out}.\n"
    rows = list(csv.DictReader(out.open()))
    assert [row["id"] for row in rows] == [str(run_id) for run_id in sample]
    pruned = dltutor("runs", "prune", "--keep", "1")
    assert pruned.returncode == 0 and pruned.stdout == f"Deleted runs {sample[0]}.\n"
    assert dltutor("runs", "prune", "--keep", "1").stdout == "Nothing to delete.\n"
    removed = dltutor("runs", "rm", str(sample[2]))
    assert removed.stdout == f"Deleted runs {sample[2]}.\n"
    left = dltutor("runs", "--json").stdout.splitlines()
    assert [json.loads(line)["id"] for line in left] == [sample[1]]


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["runs", "rm", "99"], "there is no run 99 (dltutor runs lists them)"),
        (["runs", "compare", "1"], "compare two to four runs (got 1)"),
        (["runs", "compare", "1", "1"], "each run can be compared once"),
        (["run", "no-such-challenge"], "no exercise 'no-such-challenge'"),
    ],
)
def test_mistakes_are_one_line(sample: list[int], args: list[str], problem: str) -> None:
    result = dltutor(*args)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and problem in result.stderr


def identifiers() -> set[str]:
    ids = {item.id for item in load_catalogue()} | {item.id for item in load_challenges()}
    ids |= {item.dataset for item in load_catalogue() if item.dataset}
    return ids | {"NVIDIA", "HBM", "stand", "accuracy", "loss", "Keras"}


@pytest.mark.parametrize("command", [["runs"], ["challenges"], ["run", "iris-20"]], ids=" ".join)
def test_korean_has_no_english_left(sample: list[int], command: list[str]) -> None:
    assert english_left_in_korean(*command, identifiers=identifiers()) == set()


def test_a_korean_comparison_has_no_english_outside_the_diff(sample: list[int]) -> None:
    """The scripts' diff is code; everything around it is Korean."""
    result = dltutor("--lang", "ko", "runs", "compare", "1", "2")
    assert result.returncode == 0, result.stderr
    before_diff = result.stdout.split("\n--- ")[0]
    assert "바뀐 점" in before_diff and "강의 수치, 전체 데이터" in before_diff
    assert english_prose(before_diff, identifiers()) == set()
