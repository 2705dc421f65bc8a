"""`dltutor exercises` and `dltutor run`, run as a learner runs them: the listing, the JSON
event stream, the exit status, and Ctrl+C from the terminal."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import dltutor
from tests.training.conftest import gone_within
from tutor.exercises import load_catalogue


def _events(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_exercises_json_lists_the_catalogue_with_the_issues_keys() -> None:
    result = dltutor("exercises", "--json")
    assert result.returncode == 0, result.stderr
    records = _events(result.stdout)
    assert [record["id"] for record in records] == [item.id for item in load_catalogue()]
    for record in records:
        assert set(record) == {"id", "title", "lesson", "path", "dataset", "epochs"}
        assert Path(record["path"]).is_file()
    mnist = next(record for record in records if record["id"] == "mnist-dnn")
    assert mnist["dataset"] == "mnist" and mnist["epochs"] >= 1


def test_exercises_table_in_korean_shows_korean_titles() -> None:
    result = dltutor("--lang", "ko", "exercises")
    assert result.returncode == 0, result.stderr
    titles = [item.title("ko") for item in load_catalogue()]
    assert any(title[:10] in result.stdout for title in titles)


def test_an_unknown_exercise_is_one_line_naming_the_known_ones() -> None:
    result = dltutor("run", "no-such-thing")
    assert result.returncode != 0
    assert "no exercise 'no-such-thing'" in result.stderr
    assert "mnist-dnn" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.tensorflow
def test_run_json_prints_the_protocol(tiny_exercises: Path) -> None:
    result = dltutor("run", "tiny", "--epochs", "2", "--json", "--offline")
    assert result.returncode == 0, result.stderr
    events = _events(result.stdout)  # every stdout line is an event, nothing else
    kinds = [event["event"] for event in events]
    assert kinds[0] == "start" and kinds[-1] == "result"
    start = events[0]
    assert {"exercise", "device", "dataset", "offline"} <= set(start)
    assert start["exercise"] == "tiny" and start["device"] == "CPU" and start["offline"] is True
    batches = [event for event in events if event["event"] == "batch"]
    assert batches and {"epoch", "batch", "of", "loss"} <= set(batches[0])
    epochs = [event for event in events if event["event"] == "epoch"]
    assert [event["epoch"] for event in epochs] == [1, 2]
    assert {"loss", "val_loss", "accuracy", "val_accuracy", "seconds"} <= set(epochs[0])
    result_event = events[-1]
    assert {"test", "passed", "criterion", "model_path", "history_path"} <= set(result_event)
    assert result_event["passed"] is True
    assert result_event["criterion"]["value"] == epochs[-1]["val_accuracy"]
    assert "Data: 200 generated points" in result.stderr  # the script's own print
    assert "oneDNN" not in result.stderr and "cuInit" not in result.stderr  # in the run's log


@pytest.mark.tensorflow
def test_a_failed_criterion_is_reported_and_an_error_exits_non_zero(
    tiny_exercises: Path, isolated_home: Path
) -> None:
    failed = dltutor("run", "tiny-strict", "--epochs", "1")
    assert failed.returncode == 0, failed.stderr  # the run worked; the model fell short
    assert "Result: failed (val_accuracy" in failed.stdout and "needed >= 1.5" in failed.stdout

    copy = isolated_home / "workspace" / "tiny.py"
    copy.parent.mkdir(parents=True)
    copy.write_text((tiny_exercises / "tiny.py").read_text().replace("def main():", "def main("))
    broken = dltutor("run", "tiny", "--json")
    assert broken.returncode == 1
    error = next(event for event in _events(broken.stdout) if event["event"] == "error")
    assert error["message"].startswith("SyntaxError:") and "tiny.py, line" in error["message"]


@pytest.mark.tensorflow
def test_ctrl_c_stops_after_a_batch_prints_the_partial_result_and_leaves_nothing(
    tiny_exercises: Path,
) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "tutor", "run", "tiny", "--epochs", "1000", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TINY_BATCH_SLEEP": "0.05", "TINY_GRANDCHILD": "1"},
    )
    assert process.stdout is not None and process.stderr is not None
    try:
        child = None
        for line in process.stdout:
            event = json.loads(line)
            if event["event"] == "start":
                child = event["pid"]
            if event["event"] == "epoch":
                break
        assert child is not None
        process.send_signal(signal.SIGINT)  # what the terminal sends on Ctrl+C
        sent = time.monotonic()
        rest, errors = process.communicate(timeout=5)
        assert time.monotonic() - sent < 5
    finally:
        process.kill()
    grandchild = next(
        int(line.split()[1]) for line in errors.splitlines() if line.startswith("GRANDCHILD ")
    )
    assert process.returncode == 130
    last = _events(rest)[-1]
    assert last["event"] == "result" and last["status"] == "cancelled"
    assert last["epochs"] >= 1 and last["history_path"]
    assert gone_within([child, grandchild], 1.0), "a process outlived dltutor run"


@pytest.mark.tensorflow
def test_asking_for_a_gpu_where_none_is_visible_is_one_clear_error(tiny_exercises: Path) -> None:
    hidden = {"CUDA_VISIBLE_DEVICES": ""}  # no GPU visible, whatever the machine has
    result = dltutor("run", "tiny", "--device", "gpu", env=hidden)
    assert result.returncode == 1
    assert "dltutor: error: no GPU is visible to TensorFlow (try --device cpu)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.tensorflow
def test_run_in_korean_says_everything_of_its_own_in_korean(tiny_exercises: Path) -> None:
    result = dltutor("--lang", "ko", "run", "tiny", "--epochs", "1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for korean in (
        "tiny: CPU에서 학습",
        "에포크 1/1",
        "결과: 통과 (val_accuracy",
        "테스트: ",
        "데이터: 스크립트가 직접 만듦 [대체 데이터]",
        "혼동 행렬",
        ": 실제 ",
        "학습 기록: ",
    ):
        assert korean in out
    for english in ("Result:", "Epoch", "Confusion", "History:", "Model:", "predicted", " on CPU"):
        assert english not in out  # only the script's own prints stay as they are

    hidden = {"CUDA_VISIBLE_DEVICES": ""}
    error = dltutor("--lang", "ko", "run", "tiny", "--device", "gpu", env=hidden)
    assert error.returncode == 1
    assert "dltutor: 오류: TensorFlow가 쓸 수 있는 GPU가 없습니다" in error.stderr
