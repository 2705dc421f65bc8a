"""RunView: what the exercise screen shows, folded from a run's events."""

from __future__ import annotations

import pytest

from tutor.training.protocol import Batch, Epoch, Error, Fit, Log, Result, Start
from tutor.training.view import LOG_LINES, RunView, clock


def test_epochs_build_the_history_and_batches_the_progress() -> None:
    view = RunView("mnist-dnn")
    view.apply(Start("mnist-dnn", "CPU", "mnist", offline=True), now=0.0)
    assert view.status == "running" and view.device == "CPU"
    view.apply(Fit(1, epochs=4, steps=10, dataset="sample", stand_in=True), now=10.0)
    view.apply(Batch(1, 5, 10, {"loss": 0.9}), now=12.0)
    assert view.fraction() == 5 / 40
    assert view.eta(now=12.0) == pytest.approx(2.0 * 35 / 5)  # 2 s for 5 of 40 batches
    view.apply(Epoch(1, {"loss": 0.8, "val_loss": 0.9}, 3.0), now=13.0)
    view.apply(Epoch(2, {"loss": 0.5, "val_loss": None}, 3.0), now=16.0)
    assert view.history == {"loss": [0.8, 0.5], "val_loss": [0.9, None]}
    assert view.fraction() == 0.5 and view.dataset == "sample" and view.stand_in


def test_a_second_fit_starts_new_curves() -> None:
    view = RunView("boston-regression")
    view.apply(Fit(1, 2, None))
    view.apply(Epoch(1, {"loss": 3.0}))
    view.apply(Fit(2, 2, None))
    assert view.fit == 2 and view.history == {} and view.fraction() == 0.0


def test_the_result_ends_the_run_and_is_written_to_the_log() -> None:
    view = RunView("tiny")
    view.apply(
        Result(status="failed", criterion={"metric": "val_accuracy", "at_least": 0.9, "value": 0.5})
    )
    assert not view.active and view.status == "failed" and view.eta() is None
    assert view.new_lines(0)[0] == "Result: failed (val_accuracy 0.5000, needed >= 0.9)"


def test_an_error_logs_its_traceback_then_its_message() -> None:
    view = RunView("tiny")
    view.apply(Error("ValueError: bad shape", "Traceback (most recent call last):\n  File x\n"))
    view.apply(Result(status="error"))
    assert view.new_lines(0) == [
        "Traceback (most recent call last):",
        "  File x",
        "error: ValueError: bad shape",
    ]


def test_new_lines_are_those_not_yet_shown_and_the_log_is_bounded() -> None:
    view = RunView("tiny")
    for number in range(LOG_LINES + 10):
        view.apply(Log("stdout", f"line {number}"))
    assert len(view.log) == LOG_LINES and view.logged == LOG_LINES + 10
    assert view.new_lines(LOG_LINES + 8) == [f"line {LOG_LINES + 8}", f"line {LOG_LINES + 9}"]
    assert view.new_lines(0)[0] == "line 10"  # the oldest ten are gone
    assert view.new_lines(view.logged) == []


def test_every_event_changes_the_version() -> None:
    view = RunView("tiny")
    before = view.version
    view.apply(Batch(1, 1, 5, {}))
    assert view.version > before


@pytest.mark.parametrize(("seconds", "shown"), [(5, "0:05"), (65.4, "1:05"), (3723, "1:02:03")])
def test_clock(seconds: float, shown: str) -> None:
    assert clock(seconds) == shown
