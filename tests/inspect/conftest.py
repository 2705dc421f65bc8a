"""Real runs to inspect: exercises trained for one epoch on offline data, once per test
session (each costs a TensorFlow start and a few seconds of training)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """`trained(exercise_id)`: the folder of a finished one-epoch offline run of it."""
    folders: dict[str, Path] = {}

    def train(exercise_id: str) -> Path:
        if exercise_id not in folders:
            home = tmp_path_factory.mktemp(f"home-{exercise_id}")
            env = {
                **os.environ,
                "DLTUTOR_HOME": str(home),
                "KERAS_HOME": str(home / "keras"),  # nothing cached: the offline stand-in
            }
            result = subprocess.run(
                [sys.executable, "-m", "tutor", "run", exercise_id, "--epochs", "1",
                 "--offline", "--json"],
                capture_output=True, text=True, timeout=900, env=env,
            )  # fmt: skip
            assert result.returncode == 0, result.stderr[-3000:]
            final = json.loads(result.stdout.splitlines()[-1])
            assert final["event"] == "result" and final["model_path"], final
            folders[exercise_id] = Path(final["model_path"]).parent
        return folders[exercise_id]

    return train
