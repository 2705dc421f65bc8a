"""The exercise catalogue (strictly checked) and the learner's workspace copies."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.training.conftest import FIXTURE_EXERCISES
from tutor.errors import ExerciseError
from tutor.exercises import (
    Criterion,
    edit_copy,
    exercise,
    has_copy,
    load_catalogue,
    new_run_dir,
    reset_copy,
    script_to_run,
    solution_path,
    workspace_path,
)
from tutor.paths import data_dir

ISSUE_IDS = [
    "pima-dnn",
    "iris-dnn",
    "boston-regression",
    "mnist-dnn",
    "fashion-dnn",
    "conv-by-hand",
    "mnist-cnn",
    "shapes-cnn",
    "fashion-cnn-nopool",
    "fashion-cnn-pool",
    "fashion-cnn-vgg",
    "fashion-cnn-augment",
    "imdb-rnn",
    "reuters-lstm",
]


def test_the_course_catalogue_has_the_issues_exercises() -> None:
    catalogue = load_catalogue()
    assert sorted(item.id for item in catalogue) == sorted(ISSUE_IDS)
    for item in catalogue:
        assert item.script.is_file()
        assert item.title("en") and item.title("ko")
        assert 2 <= len(item.things_to_try("en")) <= 3
        if item.trains:
            assert item.criterion is not None and item.epochs and item.metric
    assert exercise("conv-by-hand").task == "none"


def _valid_entry(**changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": "tiny",
        "title": {"en": "Tiny", "ko": "작은"},
        "lesson": "tiny",
        "script": "tiny.py",
        "dataset": None,
        "task": "classification",
        "classes": ["a", "b"],
        "epochs": 2,
        "batch_size": 20,
        "metric": "accuracy",
        "criterion": {"metric": "val_accuracy", "at_least": 0.5},
        "try": [{"en": "One"}, {"en": "Two"}],
    }
    entry.update(changes)
    return {key: value for key, value in entry.items() if value != "DROP"}


def _catalogue(tmp_path: Path, entries: Any) -> Path:
    (tmp_path / "tiny.py").write_text("print('hi')\n")
    (tmp_path / "catalogue.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True))
    return tmp_path


def test_a_valid_entry_loads(tmp_path: Path) -> None:
    (item,) = load_catalogue(_catalogue(tmp_path, [_valid_entry()]))
    assert item.id == "tiny" and item.script == tmp_path / "tiny.py"
    assert item.classes == ("a", "b")
    assert item.criterion == Criterion("val_accuracy", "at_least", 0.5)
    assert item.criterion.met_by(0.5) and not item.criterion.met_by(0.49)
    assert item.things_to_try("ko") == ("One", "Two")  # English where no Korean


@pytest.mark.parametrize(
    ("changes", "field", "problem"),
    [
        ({"epoch": 3}, "epoch", "is unknown"),
        ({"metric": "DROP"}, "metric", "is missing"),
        ({"id": "Tiny_One"}, "id", "lowercase words"),
        ({"task": "clustering"}, "task", "must be one of"),
        ({"title": {"ko": "작은"}}, "title", "'en' at least"),
        ({"title": {"en": "Tiny", "fr": "Petit"}}, "title.fr", "is not a language"),
        ({"script": "missing.py"}, "script", "does not exist"),
        ({"script": "/etc/passwd"}, "script", "beside the catalogue"),
        ({"dataset": "MNIST!"}, "dataset", "dataset name"),
        ({"epochs": 0}, "epochs", "at least 1"),
        ({"batch_size": "32"}, "batch_size", "whole number"),
        ({"metric": "val_accuracy"}, "metric", "Keras metric name"),
        ({"criterion": {"metric": "val_accuracy"}}, "criterion", "exactly one"),
        (
            {"criterion": {"metric": "val_accuracy", "at_least": 0.5, "at_most": 0.9}},
            "criterion",
            "exactly one",
        ),
        ({"criterion": {"metric": "val_accuracy", "at_least": "high"}}, "criterion.at_least", ""),
        ({"criterion": None}, "criterion", ""),
        ({"classes": ["only"]}, "classes", "two or more"),
        ({"task": "regression"}, "classes", "only for classification"),
        ({"try": [{"en": "One"}]}, "try", "two or three"),
        ({"try": [{"en": "One"}, {"ko": "둘"}]}, "try[2]", "'en' at least"),
    ],
)
def test_mistakes_name_the_file_the_entry_and_the_field(
    tmp_path: Path, changes: dict[str, Any], field: str, problem: str
) -> None:
    root = _catalogue(tmp_path, [_valid_entry(id="fine"), _valid_entry(**changes)])
    with pytest.raises(ExerciseError) as caught:
        load_catalogue(root)
    message = str(caught.value)
    assert message.startswith(f"{root / 'catalogue.yaml'}: exercise 2")
    assert f"field '{field}'" in message and problem in message


def test_a_repeated_id_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExerciseError, match=r"exercise 2 \(tiny\): field 'id' repeats 'tiny'"):
        load_catalogue(_catalogue(tmp_path, [_valid_entry(), _valid_entry()]))


def test_an_exercise_without_training_needs_no_criterion(tmp_path: Path) -> None:
    entry = _valid_entry(
        task="none", classes="DROP", epochs=None, batch_size=None, metric=None, criterion=None
    )
    (item,) = load_catalogue(_catalogue(tmp_path, [entry]))
    assert not item.trains and item.criterion is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("- id: [unclosed\n", r"invalid YAML \(line"),
        ("id: tiny\n", "expected a list"),
        ("", "list"),
    ],
)
def test_a_broken_file_is_named(tmp_path: Path, text: str, problem: str) -> None:
    (tmp_path / "catalogue.yaml").write_text(text)
    with pytest.raises(ExerciseError, match=problem):
        load_catalogue(tmp_path)


def test_a_missing_catalogue_is_named(tmp_path: Path) -> None:
    with pytest.raises(ExerciseError, match="cannot read the catalogue"):
        load_catalogue(tmp_path)


def test_an_unknown_id_lists_the_known_ones(tiny_exercises: Path) -> None:
    known = r"no exercise 'tinny' \(there are: tiny, tiny-strict\)"
    with pytest.raises(ExerciseError, match=known):
        exercise("tinny")


def test_the_learners_copy_replaces_the_original_until_reset(tiny_exercises: Path) -> None:
    original = FIXTURE_EXERCISES / "tiny.py"
    assert script_to_run("tiny") == original == solution_path("tiny")
    assert not has_copy("tiny")

    copy = edit_copy("tiny")
    assert copy == workspace_path("tiny") == data_dir() / "workspace" / "tiny.py"
    assert copy.read_text() == original.read_text()
    assert script_to_run("tiny") == copy
    copy.write_text("print('mine')\n")
    assert edit_copy("tiny").read_text() == "print('mine')\n"  # a second edit keeps it
    assert solution_path("tiny") == original

    backup = reset_copy("tiny")
    assert backup is not None and backup.read_text() == "print('mine')\n"
    assert script_to_run("tiny") == original and not has_copy("tiny")
    assert reset_copy("tiny") is None
    assert original.read_text().startswith('"""A tiny classifier')  # never touched


def test_run_folders_are_unique_within_a_second() -> None:
    moment = datetime(2025, 1, 2, 3, 4, 5)
    first, second = new_run_dir("tiny", moment), new_run_dir("tiny", moment)
    assert first.name == "tiny-20250102-030405" and second.name == "tiny-20250102-030405-2"
    assert first.parent == data_dir() / "runs" and first.is_dir() and second.is_dir()


def test_an_edited_catalogue_is_read_again(tmp_path: Path) -> None:
    """The catalogue is parsed once per version of the file (the exercise screen looks it
    up four times a second), yet an author's edit shows on the next look-up."""
    root = _catalogue(tmp_path, [_valid_entry()])
    assert exercise("tiny", root).epochs == 2
    assert load_catalogue(root) is load_catalogue(root)
    (root / "catalogue.yaml").write_text(yaml.safe_dump([_valid_entry(epochs=12)]))
    assert exercise("tiny", root).epochs == 12
