"""`dltutor data`: the datasets table, fetch and import, run as a learner runs them.

Each test gives the real command an empty Keras home (KERAS_HOME) and, for fetch, a local
`file://` mirror (DLTUTOR_DATA_MIRROR): nothing here reaches the network.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import dltutor
from tests.test_datasets import pima_csv

KEYS = {"name", "state", "size_bytes", "path", "fallback", "stand_in"}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"KERAS_HOME": str(tmp_path / "keras-home"), "DLTUTOR_DATA_MIRROR": ""}


def records(env: dict[str, str]) -> dict[str, dict[str, object]]:
    result = dltutor("data", "--json", env=env)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(set(line) == KEYS for line in lines)
    return {line["name"]: line for line in lines}


def test_json_lists_every_dataset_with_its_state(env: dict[str, str], tmp_path: Path) -> None:
    listed = records(env)
    assert list(listed) == ["mnist", "fashion_mnist", "imdb", "reuters", "iris", "boston", "pima"]
    mnist = listed["mnist"]
    assert mnist["state"] == "missing" and mnist["size_bytes"] is None
    assert mnist["path"] == str(tmp_path / "keras-home" / "datasets" / "mnist.npz")
    assert mnist["stand_in"] is True
    assert listed["iris"]["stand_in"] is False


def test_the_table_names_each_dataset_and_its_state(env: dict[str, str]) -> None:
    result = dltutor("data", env=env)
    assert result.returncode == 0, result.stderr
    for word in ("mnist", "fashion_mnist", "reuters", "pima", "missing", "stand-in"):
        assert word in result.stdout


def test_import_then_the_dataset_is_cached(env: dict[str, str], tmp_path: Path) -> None:
    source = pima_csv(tmp_path / "diabetes.csv")
    result = dltutor("data", "import", "pima", str(source), env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("pima: cached at ")
    pima = records(env)["pima"]
    assert pima["state"] == "cached"
    assert pima["size_bytes"] == source.stat().st_size


def test_a_bad_file_is_one_line_on_stderr(env: dict[str, str], tmp_path: Path) -> None:
    source = pima_csv(tmp_path / "short.csv", rows=100)
    result = dltutor("data", "import", "pima", str(source), env=env)
    assert result.returncode == 1
    assert result.stderr == (
        f"dltutor: error: pima: {source}: expected 768 rows of 9 columns, found 100 of 9\n"
    )
    assert records(env)["pima"]["state"] == "missing"


def test_an_unknown_dataset_is_one_line_on_stderr(env: dict[str, str], tmp_path: Path) -> None:
    result = dltutor("data", "import", "cifar10", str(tmp_path), env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("dltutor: error: no dataset called 'cifar10'; known: ")
    assert result.stderr.count("\n") == 1


def test_fetch_failure_is_one_line_on_stderr(env: dict[str, str], tmp_path: Path) -> None:
    empty = tmp_path / "empty-mirror"
    empty.mkdir()
    result = dltutor("data", "fetch", "pima", env={**env, "DLTUTOR_DATA_MIRROR": str(empty)})
    assert result.returncode == 1
    assert result.stderr.startswith("dltutor: error: could not download file://")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_fetch_all_gets_what_it_can_and_reports_the_rest(
    env: dict[str, str], tmp_path: Path
) -> None:
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    pima_csv(mirror / "pima-indians-diabetes.csv")
    result = dltutor("data", "fetch", env={**env, "DLTUTOR_DATA_MIRROR": str(mirror)})
    assert result.returncode == 1  # the mirror lacks the other datasets
    assert "pima: cached at " in result.stdout
    assert "could not download" in result.stderr and "mnist.npz" in result.stderr
    assert records(env)["pima"]["state"] == "cached"
