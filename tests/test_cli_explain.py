"""`dltutor explain`, run as a learner runs it on model files and on stdin."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import dltutor

MNIST_CNN = """\
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, (3, 3), activation="relu"),
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
"""
LAYER_KEYS = {
    "name",
    "class",
    "output_shape",
    "params",
    "trainable_params",
    "non_trainable_params",
    "derivation",
}


def test_explain_in_korean_keeps_the_formulas(tmp_path: Path) -> None:
    model = tmp_path / "cnn.py"
    model.write_text(MNIST_CNN)
    result = dltutor("--lang", "ko", "explain", str(model))
    assert result.returncode == 0, result.stderr
    assert "채널 = 필터 수 = 32" in result.stdout and "채널 그대로 32" in result.stdout
    assert "OH = floor((28 + 2*0 - 3) / 1) + 1 = 26" in result.stdout


def test_explain_prints_a_summary_with_the_working(tmp_path: Path) -> None:
    model = tmp_path / "cnn.py"
    model.write_text(MNIST_CNN)
    result = dltutor("explain", str(model))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "conv2d (Conv2D)" in out and "(None, 26, 26, 32)" in out
    assert "OH = floor((28 + 2*0 - 3) / 1) + 1 = 26" in out
    assert "params = (3*3*1 + 1) * 32 = 320" in out
    assert f"Total params: {320 + 13 * 13 * 32 * 10 + 10:,}" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_explain_json_is_one_object_per_input_in_order(tmp_path: Path) -> None:
    good = tmp_path / "good.py"
    good.write_text(MNIST_CNN)
    broken = tmp_path / "broken.py"
    broken.write_text("model = keras.Sequential([keras.Input(shape=(3, 3, 1)), Conv2D(4, 5)])\n")
    result = dltutor("explain", "--json", str(good), str(broken), str(tmp_path / "missing.py"))
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    first, impossible, missing = records
    assert [layer["class"] for layer in first["layers"]] == [
        "Conv2D",
        "MaxPooling2D",
        "Flatten",
        "Dense",
    ]
    assert all(set(layer) == LAYER_KEYS for layer in first["layers"])
    assert first["layers"][0]["output_shape"] == [None, 26, 26, 32]
    assert first["layers"][2]["output_shape"] == [None, 13 * 13 * 32]
    assert first["total_params"] == first["trainable_params"] == 320 + 5408 * 10 + 10
    assert set(impossible) == {"error"} and "5x5 kernel" in impossible["error"]
    assert set(missing) == {"error"} and "missing.py" in missing["error"]


def test_explain_reads_stdin_and_reports_errors_in_one_line() -> None:
    ok = dltutor("explain", "--json", "-", stdin="model = Sequential([Dense(8, input_dim=4)])\n")
    assert json.loads(ok.stdout)["total_params"] == 4 * 8 + 8
    bad = dltutor("explain", "-", stdin="model = Sequential([Dense(8, input_dim=4)\n")
    assert bad.returncode == 1
    assert bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and bad.stderr.startswith("dltutor: error: -: line 1")
    assert "Traceback" not in bad.stderr


def test_malicious_source_is_refused_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    source = f"model = Sequential([Dense(__import__('os').system('touch {marker}'))])\n"
    result = dltutor("explain", "-", stdin=source)
    assert result.returncode == 1
    assert "line 1" in result.stderr
    assert not marker.exists()
