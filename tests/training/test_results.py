"""Criterion, confusion matrix and sample predictions: plain NumPy, no TensorFlow."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from tutor.exercises import Criterion
from tutor.training.results import classification_report, judge, save_history


def test_the_last_epochs_metric_is_judged() -> None:
    at_least = Criterion("val_accuracy", "at_least", 0.9)
    assert judge(at_least, {"val_accuracy": 0.93}) == (
        True,
        {"metric": "val_accuracy", "at_least": 0.9, "value": 0.93},
    )
    assert judge(at_least, {"val_accuracy": 0.5})[0] is False
    at_most = Criterion("val_mae", "at_most", 3.5)
    assert judge(at_most, {"val_mae": 3.2})[0] is True
    # Not logged (no validation split any more) or NaN: the run did not show it.
    assert judge(at_least, {"accuracy": 0.99}) == (
        False,
        {"metric": "val_accuracy", "at_least": 0.9, "value": None},
    )
    assert judge(at_least, {"val_accuracy": math.nan})[0] is False
    assert judge(None, {"loss": 1.0}) == (None, None)


def test_softmax_outputs_against_one_hot_labels() -> None:
    y_true = np.eye(3)[[0, 1, 2, 2, 1, 0]]
    y_pred = np.array(
        [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.1, 0.2, 0.7], [0.6, 0.2, 0.2], [0, 1, 0], [1, 0, 0]]
    )
    report = classification_report(y_true, y_pred, ["a", "b", "c"])
    assert report is not None
    assert report["confusion_matrix"] == [[2, 0, 0], [0, 2, 0], [1, 0, 1]]
    assert report["classes"] == ["a", "b", "c"]
    assert len(report["samples"]) == 5
    assert report["samples"][0] == {"index": 0, "true": "a", "predicted": "a", "confidence": 0.8}


def test_one_sigmoid_column_against_integer_labels() -> None:
    report = classification_report(
        np.array([0, 1, 1, 0]), np.array([[0.2], [0.9], [0.3], [0.6]]), ("neg", "pos")
    )
    assert report is not None
    assert report["confusion_matrix"] == [[1, 1], [1, 1]]
    assert report["samples"][2] == {
        "index": 2,
        "true": "pos",
        "predicted": "neg",
        "confidence": 0.7,
    }


def test_names_that_do_not_fit_fall_back_to_numbers() -> None:
    report = classification_report(np.array([0, 1, 2]), np.eye(3), ["only", "two"])
    assert report is not None and report["classes"] == ["0", "1", "2"]


def test_labels_that_are_not_classes_give_no_report() -> None:
    assert classification_report(np.array([-1.5, 2.0]), np.array([[0.3], [0.2]]), None) is None
    assert classification_report(np.array([0, 1, 1]), np.array([[0.3], [0.2]]), None) is None


def test_history_is_saved_as_json_lists(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    save_history({"loss": [1.0, math.nan], "val_accuracy": [0.5, 0.75]}, path)
    assert json.loads(path.read_text()) == {"loss": [1.0, None], "val_accuracy": [0.5, 0.75]}


def test_the_classes_shown_are_those_of_the_data_the_run_used() -> None:
    from tutor.exercises import exercise
    from tutor.training.child import class_names

    fashion = exercise("fashion-cnn-pool")
    assert fashion.classes is not None and fashion.classes[0] == "T-shirt/top"
    digits = [str(digit) for digit in range(10)]
    # the offline stand-in (MNIST digits) says so: digits, never clothes
    assert class_names(fashion, {"STAND_IN": True, "CLASS_NAMES": digits}) == digits
    assert class_names(fashion, {"STAND_IN": True}) is None  # silent: numbers, not clothes
    assert class_names(fashion, {"STAND_IN": False}) == list(fashion.classes)  # real data
    assert class_names(fashion, {"CLASS_NAMES": "not a list"}) == list(fashion.classes)
    assert class_names(exercise("boston-regression"), {}) is None
