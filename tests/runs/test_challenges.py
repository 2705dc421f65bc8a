"""The challenges: a catalogue checked like the exercises', budgets enforced before
TensorFlow starts, and a learner's attempts kept in progress."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import dltutor
from tutor.challenges import challenge, load_challenges
from tutor.challenges.attempts import record_attempt, standing, standing_text
from tutor.challenges.budget import check_budget
from tutor.challenges.catalogue import load_challenges as load_from
from tutor.engine import explain
from tutor.errors import ExerciseError
from tutor.exercises import load_catalogue
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.training.protocol import Result

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_the_course_has_eight_challenges_across_its_chapters() -> None:
    challenges = load_challenges()
    assert len(challenges) >= 8
    course = load_course()
    chapters = {course.lesson(item.exercise.lesson).chapter for item in challenges}
    assert len(chapters) >= 3
    assert not {item.id for item in challenges} & {item.id for item in load_catalogue()}


@pytest.mark.parametrize("item", load_challenges(), ids=lambda item: item.id)
def test_each_solution_fits_its_budget_and_reads_as_the_engine_reads_it(item) -> None:  # type: ignore[no-untyped-def]
    solution = explain(item.solution.read_text())
    assert solution.total_params <= item.max_params
    if item.requires:
        assert set(item.requires) & {layer.cls for layer in solution.layers}
    starter = check_budget(item, item.exercise.script.read_text())
    assert starter.params is not None  # the engine reads every starter: refused at once
    assert item.stand_in_goal is not None or item.exercise.dataset in (None, "iris", "boston")


def _catalogue(tmp_path: Path, entry: str) -> Path:
    (tmp_path / "starter.py").write_text("print(1)\n")
    (tmp_path / "catalogue.yaml").write_text(textwrap.dedent(entry))
    return tmp_path


ENTRY = """\
    - id: tiny-test
      title: {en: Tiny}
      lesson: tiny
      script: starter.py
      solution: starter.py
      dataset: null
      task: classification
      epochs: 1
      batch_size: 2
      metric: accuracy
      goal: {metric: val_accuracy, at_least: 0.5}
      stand_in_goal: null
      max_params: 10
      try: [{en: a}, {en: b}]
"""


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("max_params: 10", "max_params: ten"), "field 'max_params' must be a whole number"),
        (("solution: starter.py", "solution: gone.py"), "field 'solution' names gone.py"),
        (("goal: {metric: val_accuracy, at_least: 0.5}", "goal: {metric: accuracy, at_least: 1}"),
         "field 'goal.metric' must be a val_ or test_ metric"),
        (("goal: {metric: val_accuracy, at_least: 0.5}", "goal: {metric: val_accuracy}"),
         "field 'goal' must have exactly one of at_least or at_most"),
        (("stand_in_goal: null", "stand_in_goal: {metric: val_loss, at_most: 1}"),
         "field 'stand_in_goal' must judge the goal's metric the same way"),
        (("      max_params: 10\n", ""), "field 'max_params' is missing"),
        (("id: tiny-test", "id: mnist-dnn"), "field 'id' repeats 'mnist-dnn'"),
    ],
)
def test_a_catalogue_mistake_names_the_challenge_and_the_field(
    tmp_path: Path, change: tuple[str, str], problem: str
) -> None:
    root = _catalogue(tmp_path, ENTRY.replace(*change))
    with pytest.raises(ExerciseError) as caught:
        load_from(root)
    assert "catalogue.yaml: challenge 1" in str(caught.value)
    assert problem in str(caught.value)


def test_the_budget_check_counts_and_refuses_in_one_line() -> None:
    item = challenge("mnist-20k")
    over = check_budget(item, item.exercise.script.read_text().replace("Dense(24", "Dense(26"))
    assert over.params == 784 * 26 + 26 + 26 * 10 + 10 and over.refused
    assert over.message() == "mnist-20k: the model has 20,680 parameters, over the budget of 20,000"
    assert "20,680" in over.message("ko") and "20,000" in over.message("ko")
    within = check_budget(item, item.solution.read_text())
    assert not within.refused and within.message() == ""
    source = "import keras\nmodel = keras.Sequential([keras.Input(shape=(n,))])"
    unreadable = check_budget(item, source)
    assert unreadable.params is None and not unreadable.refused and unreadable.unreadable


def test_a_recurrent_challenge_refuses_a_model_without_one() -> None:
    item = challenge("imdb-40k")
    dense = item.solution.read_text().replace("keras.layers.LSTM(16)", "keras.layers.Flatten()")
    check = check_budget(item, dense)
    assert check.missing_layer and not check.over
    assert check.message() == (
        "imdb-40k: the model must use one of these layers: SimpleRNN, LSTM, GRU"
    )


def test_run_over_budget_exits_1_at_once_naming_count_and_budget(isolated_home: Path) -> None:
    started = time.monotonic()
    result = dltutor("run", "fashion-50k")
    elapsed = time.monotonic() - started
    assert result.returncode == 1
    assert result.stderr == (
        "dltutor: error: fashion-50k: the model has 241,546 parameters, "
        "over the budget of 50,000\n"
    )
    assert elapsed < 30  # a generous bound that catches a hang: benchmarks/ times it
    assert not (isolated_home / "runs").exists()  # nothing started, nothing recorded


def test_run_script_file_is_held_to_the_same_budget(tmp_path: Path) -> None:
    mine = tmp_path / "mine.py"
    mine.write_text(challenge("iris-20").exercise.script.read_text())
    result = dltutor("--lang", "ko", "run", "iris-20", "--script", str(mine))
    assert result.returncode == 1
    assert "67" in result.stderr and "20" in result.stderr and "iris-20" in result.stderr
    assert "over the budget" not in result.stderr  # said in Korean
    missing = dltutor("run", "mnist-dnn", "--script", str(tmp_path / "gone.py"))
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1
    assert "gone.py" in missing.stderr


def test_a_refused_challenge_never_imports_tensorflow(tmp_path: Path) -> None:
    """Import hygiene for the refusal: in a fresh interpreter, `dltutor run` of a challenge
    over budget exits 1 having started no process and imported no TensorFlow."""
    code = textwrap.dedent(
        """
        import asyncio, sys
        def no_child(*args, **kwargs):
            raise AssertionError("a training process was started")
        asyncio.create_subprocess_exec = no_child
        sys.argv = ["dltutor", "run", "mnist-20k", "--script", sys.argv[1]]
        from tutor.cli import main
        try:
            main()
        except SystemExit as exit:
            loaded = {name.split(".")[0] for name in sys.modules}
            print(exit.code, sorted(loaded & {"tensorflow", "keras"}))
        """
    )
    script = tmp_path / "big.py"
    script.write_text(challenge("mnist-20k").exercise.script.read_text().replace("(24", "(240"))
    result = subprocess.run(
        [sys.executable, "-c", code, str(script)], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "1 []", result.stderr
    assert "190,810 parameters, over the budget of 20,000" in result.stderr


def test_challenges_json_lists_what_the_issue_asks(isolated_home: Path) -> None:
    result = dltutor("challenges", "--json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record["id"] for record in records] == [item.id for item in load_challenges()]
    for record in records:
        assert {"id", "title", "dataset", "metric", "max_params", "lesson", "path"} <= set(record)
        assert ("at_least" in record) != ("at_most" in record)
        assert Path(record["path"]).is_file()
    mnist = next(record for record in records if record["id"] == "mnist-20k")
    assert (mnist["at_least"], mnist["max_params"]) == (0.97, 20000)
    assert mnist["metric"] == "test_accuracy"


def _judged(passed: bool, value: float, stand_in: bool = False) -> Result:
    criterion = {"metric": "test_accuracy", "at_least": 0.97, "value": value}
    return Result(status="passed" if passed else "failed", passed=passed, criterion=criterion,
                  stand_in=stand_in)  # fmt: skip


def test_passing_and_failing_attempts_are_kept_and_open_the_solution(tmp_path: Path) -> None:
    item = challenge("mnist-20k")
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        assert not record_attempt(store, "mnist-dnn", _judged(True, 0.99), 100)  # an exercise
        assert not record_attempt(store, item.id, Result(status="cancelled"), 100)
        assert record_attempt(store, item.id, _judged(False, 0.95), 19_090)
        assert record_attempt(store, item.id, _judged(False, 0.96), 18_000)
        first = standing(store, item)
        assert (first.tries, first.passed, first.solution_unlocked, first.tries_left) == (
            2, False, False, 1,
        )  # fmt: skip
        assert first.best is not None and first.best.score == 0.96
        assert record_attempt(store, item.id, _judged(True, 0.9812), 12_810)
        best = standing(store, item)
        assert best.passed and best.solution_unlocked and best.best is not None
        assert (best.best.score, best.best.params) == (0.9812, 12_810)
        assert standing_text(best, "en") == "passed · best 0.9812 with 12,810 parameters · 3 tries"
        (report,) = store.report()["challenges"]
    assert report == {
        "id": "mnist-20k",
        "tries": 3,
        "passed": True,
        "best": {
            "at": report["best"]["at"],
            "metric": "test_accuracy",
            "at_least": 0.97,
            "score": 0.9812,
            "params": 12_810,
            "passed": True,
            "stand_in": False,
        },
    }


def test_three_honest_failures_open_the_solution(tmp_path: Path) -> None:
    item = challenge("mnist-20k")
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        for value in (0.5, 0.6, 0.7):
            record_attempt(store, item.id, _judged(False, value, stand_in=True), 100)
        now = standing(store, item)
    assert now.solution_unlocked and not now.passed
    assert "[stand-in]" in standing_text(now, "en")
