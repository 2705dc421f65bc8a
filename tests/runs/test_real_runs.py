"""Real one-epoch runs of the tiny fixtures (tests/fixtures): listed and compared, the diff
of an edited copy, judged challenge attempts kept, and the training child counting the
model the engine cannot read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import dltutor
from tutor.challenges.workspace import edit_copy
from tutor.runs.details import SCRIPT_COPY

pytestmark = pytest.mark.tensorflow
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def tiny(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tiny exercises and challenges, here and in the `dltutor` processes."""
    monkeypatch.setenv("DLTUTOR_EXERCISES", str(FIXTURES / "exercises"))
    monkeypatch.setenv("DLTUTOR_CHALLENGES", str(FIXTURES / "challenges"))


def lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_real_runs_are_listed_and_compared_with_the_diff_of_an_edited_copy(tiny: None) -> None:
    original = dltutor("run", "tiny", "--epochs", "1", "--offline")
    assert original.returncode == 0, original.stderr
    copy = edit_copy("tiny")
    copy.write_text(copy.read_text().replace("Dense(8,", "Dense(6,"))
    edited = dltutor("run", "tiny", "--epochs", "1", "--offline")
    assert edited.returncode == 0, edited.stderr

    listed = dltutor("runs", "--json")
    assert listed.returncode == 0, listed.stderr
    first, second = lines(listed.stdout)
    assert (first["params"], second["params"]) == (4 * 8 + 8 + 8 * 2 + 2, 4 * 6 + 6 + 6 * 2 + 2)
    assert (first["edited"], second["edited"]) == (False, True)
    for run in (first, second):
        assert run["exercise"] == "tiny" and run["status"] == "passed" and run["epochs"] == 1
        assert run["stand_in"] is True and run["device"] and run["seconds"] > 0
        assert {"loss", "accuracy", "val_loss", "val_accuracy"} <= set(run["metrics"])
        assert set(run["test"]) == {"loss", "accuracy"}
        assert (Path(run["path"]) / SCRIPT_COPY).is_file()

    compared = dltutor("runs", "compare", str(first["id"]), str(second["id"]), "--json")
    assert compared.returncode == 0, compared.stderr
    (comparison,) = lines(compared.stdout)
    assert [run["letter"] for run in comparison["runs"]] == ["A", "B"]
    (diff,) = comparison["diffs"]
    changed = [line for line in diff["script"].splitlines() if line[:1] in "+-"]
    assert changed == [
        f"--- run {first['id']}",
        f"+++ run {second['id']}",
        '-            keras.layers.Dense(8, activation="relu"),',
        '+            keras.layers.Dense(6, activation="relu"),',
    ]
    assert diff["options"] == []  # both ran with --epochs 1 --offline
    text = dltutor("runs", "compare", str(first["id"]), str(second["id"]))
    assert f"What changed from A (#{first['id']}) to B (#{second['id']})" in text.stdout
    assert "58" in text.stdout and "44" in text.stdout


def test_judged_challenge_runs_are_kept_as_attempts(tiny: None) -> None:
    passing = dltutor("run", "tiny-budget", "--offline")
    assert passing.returncode == 0, passing.stderr
    failing = dltutor("run", "tiny-out-of-reach", "--offline")
    assert failing.returncode == 0, failing.stderr
    assert "failed (test_accuracy" in failing.stdout
    report = json.loads(dltutor("progress", "--json").stdout)
    by_id = {item["id"]: item for item in report["challenges"]}
    assert by_id["tiny-budget"]["passed"] and by_id["tiny-budget"]["tries"] == 1
    assert by_id["tiny-budget"]["best"]["params"] == 58
    out_of_reach = by_id["tiny-out-of-reach"]
    assert (out_of_reach["passed"], out_of_reach["tries"]) == (False, 1)
    assert out_of_reach["best"]["metric"] == "test_accuracy"
    assert 0 <= out_of_reach["best"]["score"] <= 1 and out_of_reach["best"]["at_least"] == 1.5


def test_the_child_counts_a_model_the_engine_cannot_read(tiny: None) -> None:
    shaped = FIXTURES / "challenges" / "tiny-data-shaped.py"  # its input size is the data's
    over = dltutor("run", "tiny-budget", "--script", str(shaped), "--offline")
    assert over.returncode == 1
    assert over.stderr.strip().splitlines()[-1] == (
        "dltutor: error: tiny-budget: the model has 114 parameters, over the budget of 60"
    )
    missing = dltutor("run", "tiny-recurrent", "--offline")
    assert missing.returncode == 1
    assert missing.stderr.strip().endswith(
        "tiny-recurrent: the model must use one of these layers: LSTM"
    )
    runs = lines(dltutor("runs", "--json").stdout)
    assert [(run["status"], run["params"]) for run in runs] == [("error", 114), ("error", 114)]
    assert json.loads(dltutor("progress", "--json").stdout)["challenges"] == []  # no tries
