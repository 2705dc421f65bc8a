"""A script's own options reach it from `dltutor run` (and, through the runner's
`extra_args`, from the app), and every option a 'Thing to try' suggests is one that the
script's argparse and `dltutor run` both accept."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import dltutor
from tutor.cli import app
from tutor.exercises import load_catalogue
from tutor.i18n import LANGUAGES

OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*)(?: (\d+))?")
DLTUTOR_RUN_OWN = {"--epochs": "epochs", "--batch-size": "batch_size", "--offline": "offline"}


def script_options(script: Path) -> set[str]:
    """The `--options` the script's argparse declares, read from its source."""
    found = set()
    for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "add_argument":
            found.update(
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant) and str(arg.value).startswith("--")
            )
    return found


def run_with(monkeypatch: pytest.MonkeyPatch, *args: str) -> dict[str, Any]:
    """`dltutor run ARGS` parsed for real, the training replaced by a note of its options."""
    seen: dict[str, Any] = {}

    def fake_run(item, **options):  # type: ignore[no-untyped-def]
        seen.update(options, exercise=item.id)
        return 0

    monkeypatch.setattr("tutor.training.console.run_exercise", fake_run)
    result = CliRunner().invoke(app, ["run", *args])
    assert result.exit_code == 0, result.output
    return seen


SUGGESTIONS = [
    (item, match.group(0))
    for item in load_catalogue()
    for lang in LANGUAGES
    for text in item.things_to_try(lang)
    for match in OPTION.finditer(text)
]


def test_the_catalogue_suggests_options() -> None:
    assert {option.split()[0] for _, option in SUGGESTIONS} >= {"--folds", "--batch-size"}


@pytest.mark.parametrize(
    ("item", "option"), SUGGESTIONS, ids=[f"{item.id} {option}" for item, option in SUGGESTIONS]
)
def test_every_option_a_thing_to_try_suggests_is_accepted(
    item, option: str, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    flag, *value = option.split()
    assert flag in script_options(item.script), f"{item.script.name} has no {flag}"
    seen = run_with(monkeypatch, item.id, *option.split())
    if flag in DLTUTOR_RUN_OWN:
        assert seen[DLTUTOR_RUN_OWN[flag]] == (int(value[0]) if value else True)
    else:
        assert list(seen["extra_args"]) == option.split()


def test_options_after_a_double_dash_all_go_to_the_script(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = run_with(monkeypatch, "boston-regression", "--epochs", "2", "--", "--epochs", "3")
    assert seen["epochs"] == 2 and list(seen["extra_args"]) == ["--epochs", "3"]
    seen = run_with(monkeypatch, "shapes-cnn", "--no-augment", "--json", "--per-class", "5")
    assert seen["json_output"] is True
    assert list(seen["extra_args"]) == ["--no-augment", "--per-class", "5"]


def test_run_help_says_how_options_reach_the_script() -> None:
    help_text = " ".join(dltutor("run", "--help").stdout.split())
    assert "dltutor run boston-regression --folds 10" in help_text
    assert "Everything after -- goes to the script" in help_text


@pytest.mark.tensorflow
def test_the_scripts_own_option_reaches_it(tmp_path: Path) -> None:
    result = dltutor("run", "boston-regression", "--folds", "2", "--epochs", "1", "--json")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Fold 2/2" in result.stderr and "Fold 3/" not in result.stderr
    fits = [json.loads(line) for line in result.stdout.splitlines()]
    assert [event["index"] for event in fits if event["event"] == "fit"] == [1, 2, 3]
    wrong = dltutor("run", "boston-regression", "--epochs", "1", "--", "--fold", "x")
    assert wrong.returncode == 1 and "argument --folds: invalid int value" in wrong.stderr
