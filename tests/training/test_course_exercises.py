"""Every exercise of the course trains offline for one epoch through `dltutor run --json`,
on data that says what it is: the promise that a learner without network still gets an
honest run. The runs are the session's `offline_run`s, which tests/inspect look inside.
About ten seconds each on two cores; fashion-cnn-vgg and -augment take a minute."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import OfflineRun
from tutor.exercises import load_catalogue

pytestmark = pytest.mark.tensorflow

EXERCISES = load_catalogue()
DIGITS = [str(digit) for digit in range(10)]
STAND_IN_CLASSES = {
    **{f"fashion-{name}": DIGITS for name in ("dnn", "cnn-nopool", "cnn-pool", "cnn-vgg")},
    "fashion-cnn-augment": DIGITS,
    "pima-dnn": ["malignant", "benign"],
    "reuters-lstm": [f"topic {number}" for number in range(46)],
}


@pytest.mark.parametrize("item", EXERCISES, ids=[item.id for item in EXERCISES])
def test_the_exercise_runs_offline_for_one_epoch(
    item, offline_run: Callable[[str], OfflineRun]
) -> None:  # type: ignore[no-untyped-def]
    result = offline_run(item.id)  # nothing cached in KERAS_HOME: the offline path
    events = result.events
    assert events[0]["event"] == "start" and events[0]["offline"] is True
    assert not [event for event in events if event["event"] == "error"]
    final = events[-1]
    assert final["event"] == "result" and final["status"] in ("passed", "failed")
    if not item.trains:  # conv-by-hand prints its working and trains nothing
        assert final["passed"] is None and "Max pooling" in result.stderr
        return
    epochs = [event for event in events if event["event"] == "epoch"]
    assert epochs and epochs[-1]["epoch"] == 1
    assert epochs[-1]["loss"] is not None and item.metric in epochs[-1]
    assert final["criterion"]["metric"] == item.criterion.metric
    assert final["dataset"], "the result must say which data it trained on"
    assert final["history_path"] and final["model_path"]
    if item.task == "classification":
        matrix = final["confusion_matrix"]
        assert matrix and len(matrix) == len(matrix[0]) >= 2
        if item.id in STAND_IN_CLASSES:  # named for the data it trained on, not the course's
            assert final["stand_in"] and final["classes"] == STAND_IN_CLASSES[item.id]
            assert {sample["true"] for sample in final["samples"]} <= set(final["classes"])
