"""Two to four runs side by side: the figures, the course's own (labelled, and marked not
comparable for stand-in runs), and the diff of the scripts and options."""

from __future__ import annotations

import pytest

from tests.runs.conftest import add_run
from tutor.progress import ProgressStore
from tutor.runs.compare import CompareError, compare_runs
from tutor.runs.diff import option_changes, parse_options
from tutor.runs.text import comparison_lines

ORIGINAL = """import keras

model = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
"""
EDITED = ORIGINAL.replace("Dense(128", "Dense(64")


def test_the_diff_of_an_edited_copy_shows_the_changed_line(store: ProgressStore) -> None:
    before = add_run(store, script=ORIGINAL, options=("--epochs", "3"))
    after = add_run(store, script=EDITED, options=("--epochs", "5", "--offline"), edited=True)
    (diff,) = compare_runs(store, [before, after]).diffs
    changed = [line for line in diff.script if line[:1] in "+-" and line[:3] not in ("---", "+++")]
    assert changed == [
        '-        keras.layers.Dense(128, activation="relu"),',
        '+        keras.layers.Dense(64, activation="relu"),',
    ]
    assert diff.script[:2] == (f"--- run {before}", f"+++ run {after}")
    assert [(c.option, c.before, c.after) for c in diff.options] == [
        ("--epochs", "3", "5"),
        ("--offline", None, ""),
    ]
    assert diff.to_json()["script"].count("\n") == len(diff.script)


def test_the_same_script_and_a_missing_copy_are_said(store: ProgressStore) -> None:
    first = add_run(store, script=ORIGINAL)
    second = add_run(store, script=ORIGINAL)
    third = add_run(store, script=None)
    same, missing = compare_runs(store, [first, second, third]).diffs
    assert same.same_script and same.script == ()
    assert missing.missing == (third,)
    lines = comparison_lines(compare_runs(store, [first, second, third]), "en")
    assert "  the same script" in lines
    assert f"  no copy of the script was kept for run {third}" in lines


def test_course_figures_are_labelled_and_stand_in_runs_not_comparable(
    store: ProgressStore,
) -> None:
    stand_in = add_run(store, "fashion-dnn", stand_in=True)
    full = add_run(store, "fashion-dnn", stand_in=False)
    comparison = compare_runs(store, [stand_in, full])
    lines = comparison_lines(comparison, "en")
    assert "course, full data (fashion-dnn): test accuracy 0.8759" in lines
    assert "  A: stand-in data, not comparable" in lines
    (accuracy, loss) = comparison.to_json()["references"]
    assert accuracy == {
        "exercise": "fashion-dnn",
        "metric": "test_accuracy",
        "value": 0.8759,
        "about": False,
        "source": "course, full data",
        "not_comparable": [stand_in],
    }
    assert loss["metric"] == "test_loss"


def test_the_figures_table_has_a_column_per_run(store: ProgressStore) -> None:
    runs = [add_run(store, metrics={"val_accuracy": 0.5 + i / 10}) for i in range(4)]
    lines = comparison_lines(compare_runs(store, runs), "en")
    header = lines[0]
    assert header.split() == [word for run in runs for word in ("ABCD"[runs.index(run)], f"#{run}")]
    val = next(line for line in lines if line.startswith("val_accuracy"))
    assert val.split()[1:] == ["0.5000", "0.6000", "0.7000", "0.8000"]
    for letter, value in zip("ABCD", val.split()[1:], strict=True):  # in the run's column
        assert val.index(value) == header.index(letter)


def test_the_curves_come_from_each_runs_history(store: ProgressStore) -> None:
    a = add_run(store, history={"loss": [1.0, 0.5], "val_accuracy": [0.8, 0.9]})
    b = add_run(store, history={"loss": [0.9], "mae": [3.0]})
    comparison = compare_runs(store, [a, b])
    assert comparison.curves() == ["val_accuracy", "mae", "loss"]
    assert comparison.histories[a]["val_accuracy"] == [0.8, 0.9]


@pytest.mark.parametrize(
    ("ids", "problem"),
    [
        ([1], "compare two to four runs (got 1)"),
        ([1, 2, 3, 4, 5], "compare two to four runs (got 5)"),
        ([1, 1], "each run can be compared once"),
        ([1, 99], "there is no run 99"),
    ],
)
def test_runs_that_cannot_be_compared_are_one_line(
    store: ProgressStore, ids: list[int], problem: str
) -> None:
    for _ in range(5):
        add_run(store)
    with pytest.raises(CompareError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        compare_runs(store, ids)


def test_options_are_read_as_a_command_line() -> None:
    assert parse_options(["--epochs", "3", "--offline", "--folds=10"]) == {
        "--epochs": "3",
        "--offline": "",
        "--folds": "10",
    }
    assert option_changes(None, ["--epochs", "3"]) == ()
