"""The inference child on real models trained for one epoch: Inspect's layer shapes are
the engine's and Keras', `predict` is Keras' own answer, a drawn digit is read as the
digit it is, every error is one line, and the child never outlives its parent."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import dltutor
from tests.training.conftest import alive, gone_within
from tutor.engine import explain_json
from tutor.inspect.drawing import resize
from tutor.inspect.saved import INSPECT_FILE, load_inspection

pytestmark = pytest.mark.tensorflow

Trained = Callable[[str], Path]


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    result = dltutor(*args, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


REFERENCE_MODELS = ("mnist-cnn", "mnist-dnn", "imdb-rnn")
REFERENCE_INPUTS = 40
"""Keras' own predictions are made for the first 40 saved test inputs of each model."""


@pytest.fixture(scope="module")
def keras_predictions(trained: Trained, tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    """What a learner's own `keras.models.load_model(...).predict` gives for the first
    REFERENCE_INPUTS saved inputs of each model, in one process of its own (one
    TensorFlow start for all three)."""
    folder = tmp_path_factory.mktemp("keras-reference")
    for exercise_id in REFERENCE_MODELS:
        inputs = load_inspection(trained(exercise_id)).inputs[:REFERENCE_INPUTS]
        np.save(folder / f"{exercise_id}-input.npy", inputs)
    models = {
        exercise_id: str(trained(exercise_id) / "model.keras") for exercise_id in REFERENCE_MODELS
    }
    code = textwrap.dedent(
        f"""
        import os, numpy as np
        os.environ["KERAS_BACKEND"] = "tensorflow"
        os.environ["CUDA_VISIBLE_DEVICES"] = ""
        import keras
        for name, path in {models!r}.items():
            x = np.load({str(folder)!r} + f"/{{name}}-input.npy")
            output = keras.models.load_model(path).predict(x, verbose=0)
            np.save({str(folder)!r} + f"/{{name}}-output.npy", output)
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300, capture_output=True)
    return {name: np.load(folder / f"{name}-output.npy") for name in REFERENCE_MODELS}


@pytest.mark.parametrize("exercise_id", ["mnist-cnn", "imdb-rnn"])
def test_inspect_reports_the_engines_and_keras_layer_shapes(
    trained: Trained, exercise_id: str
) -> None:
    run = trained(exercise_id)
    record = _json("inspect", str(run), "--sample", "3", "--json")
    saved = load_inspection(run)
    engine = explain_json(saved.source or "")["layers"]
    assert [layer["name"] for layer in record["layers"]] == [layer["name"] for layer in engine]
    for reported, worked_out in zip(record["layers"], engine, strict=True):
        assert reported["class"] == worked_out["class"]
        assert reported["output_shape"] == worked_out["output_shape"]
        assert reported["min"] <= reported["mean"] <= reported["max"]
    assert record["exercise"] == exercise_id and record["stand_in"] is True
    assert record["sample"] == 3 and record["label"] == int(saved.labels[3])
    assert len(record["probabilities"]) == len(record["classes"])
    assert record["predicted"] == int(np.argmax(record["probabilities"]))
    last = record["layers"][-1]
    assert last["max"] == pytest.approx(max(record["probabilities"]), abs=1e-5) or (
        exercise_id == "imdb-rnn"  # one sigmoid unit: [1 - p, p]
        and last["max"] == pytest.approx(record["probabilities"][1], abs=1e-5)
    )


@pytest.mark.parametrize("exercise_id", REFERENCE_MODELS)
def test_predict_is_keras_own_prediction(
    trained: Trained,
    keras_predictions: dict,
    exercise_id: str,
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    run = trained(exercise_id)
    saved = load_inspection(run)
    np.save(tmp_path / "one.npy", saved.inputs[5])
    record = _json("predict", str(run), "--input", str(tmp_path / "one.npy"), "--json")
    expected = keras_predictions[exercise_id][5]
    if len(expected) == 1:  # a sigmoid unit
        expected = np.array([1 - expected[0], expected[0]])
    np.testing.assert_allclose(record["probabilities"], expected, atol=1e-5)
    assert record["predicted"] == int(np.argmax(expected))


def test_a_drawn_digit_is_read_as_the_digit_it_is(
    trained: Trained,
    keras_predictions: dict,
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    """A test digit the model reads with confidence, drawn again small in a corner of a
    white page in dark ink (a PNG, as a learner would draw it), is prepared the pad's way
    and read as the same digit."""
    from PIL import Image

    run = trained("mnist-cnn")
    saved = load_inspection(run)
    outputs = keras_predictions["mnist-cnn"]
    best = int(np.argmax(outputs.max(axis=1)))
    digit = saved.image(best)
    page = np.zeros((60, 60))
    page[4:24, 34:54] = resize(digit[4:24, 4:24], 20, 20)  # small, top right
    Image.fromarray(((1 - np.clip(page, 0, 1)) * 255).astype(np.uint8)).save(tmp_path / "d.png")
    record = _json("predict", str(run), "--input", str(tmp_path / "d.png"), "--json")
    assert record["predicted"] == int(outputs[best].argmax()) == int(saved.labels[best])


def test_every_problem_is_one_line(trained: Trained, tmp_path: Path) -> None:
    run = trained("mnist-cnn")
    np.save(tmp_path / "flat.npy", np.zeros(784, dtype=np.float32))
    wrong = dltutor("predict", str(run), "--input", str(tmp_path / "flat.npy"), "--json")
    assert wrong.returncode == 1
    assert wrong.stderr == (
        "dltutor: error: input of the wrong shape: (784,) given, (28, 28, 1) wanted\n"
    )
    old = tmp_path / "mnist-cnn-20240101-120000"
    old.mkdir()
    shutil.copy(run / "model.keras", old / "model.keras")  # a run from before Inspect
    said = dltutor("inspect", str(old), "--json").stderr
    assert said.count("\n") == 1 and "cannot be inspected: it was trained before" in said
    unfinished = tmp_path / "mnist-cnn-20240101-130000"
    unfinished.mkdir()
    said = dltutor("inspect", str(unfinished), "--json").stderr
    assert said == (
        "dltutor: error: mnist-cnn-20240101-130000 has not finished: its model is not saved yet\n"
    )
    said = dltutor("inspect", "mnist-cnn", "--json").stderr  # this home has no runs
    assert said == (
        "dltutor: error: mnist-cnn has no finished run yet (dltutor run mnist-cnn trains one)\n"
    )
    assert not (old / INSPECT_FILE).exists()


PARENT = textwrap.dedent(
    """
    import asyncio, sys
    from tutor.inspect.client import InferenceChild

    async def main():
        if sys.argv[2] == "spare":
            InferenceChild.warm()
            child = InferenceChild._spare
            await child._spawning
        else:
            child = InferenceChild(sys.argv[1])
            await child.start()
        print("CHILD", child.pid, flush=True)
        if sys.argv[2] == "close":
            sys.stdin.readline()  # the test has seen the child alive
            await child.wait_closed()
            print("CLOSED", flush=True)
        await asyncio.sleep(600)

    asyncio.run(main())
    """
)


def test_a_spare_started_ahead_is_the_one_the_next_inspect_uses(trained: Trained) -> None:
    """The exercise screen starts a spare when a run finishes; opening Inspect hands it
    the run instead of starting another."""
    import asyncio

    from tutor.inspect.client import InferenceChild

    run = trained("mnist-dnn")

    async def use_the_spare() -> tuple[int | None, int | None, tuple[int, ...]]:
        InferenceChild.warm()
        spare = InferenceChild._spare
        assert spare is not None
        await spare._spawning  # type: ignore[misc]
        child = InferenceChild(run)
        try:
            ready = await child.start()
            outputs = await child.outputs(sample=0)
            assert [layer["name"] for layer in ready.layers][-1] == "dense_1"
            return spare.pid, child.pid, outputs.shape
        finally:
            await child.wait_closed()

    spare_pid, child_pid, shape = asyncio.run(use_the_spare())
    assert spare_pid == child_pid and shape == (1, 10)
    assert InferenceChild._spare is None
    assert gone_within([child_pid], 3.0)  # type: ignore[list-item]


@pytest.mark.parametrize("how", ["close", "kill -9 the parent", "spare"])
def test_the_inference_child_ends_with_its_screen_and_with_its_parent(
    trained: Trained, how: str
) -> None:
    run = trained("mnist-dnn")
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(run), how.split()[0]],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert parent.stdin is not None and parent.stdout is not None
        word, pid = parent.stdout.readline().split()
        assert word == "CHILD" and alive(int(pid))
        if how == "close":
            parent.stdin.write("close\n")
            parent.stdin.flush()
            assert parent.stdout.readline().strip() == "CLOSED"
        else:  # a spare never used dies with its parent too
            parent.send_signal(signal.SIGKILL)
        assert gone_within([int(pid)], 3.0), f"the inference child outlived: {how}"
    finally:
        parent.kill()
        parent.wait()
        if alive(int(pid)):
            os.kill(int(pid), signal.SIGKILL)
