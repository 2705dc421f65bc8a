"""Every exercise script stands on its own, as a learner would copy it to Colab: it needs
nothing from the tutor, and `python FILE --epochs N --batch-size B --offline` trains with
Keras' usual console output."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys

import pytest

from tutor.exercises import exercise, load_catalogue

EXERCISES = load_catalogue()
COLAB_HAS = {"keras", "tensorflow", "numpy", "mlxtend", "sklearn"}  # pip-installable elsewhere


def imported_modules(source: str) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module.split(".")[0])
    return modules


@pytest.mark.parametrize("item", EXERCISES, ids=[item.id for item in EXERCISES])
def test_the_script_imports_nothing_from_the_tutor(item) -> None:  # type: ignore[no-untyped-def]
    modules = imported_modules(item.script.read_text(encoding="utf-8"))
    outside_the_standard_library = modules - set(sys.stdlib_module_names)
    assert outside_the_standard_library <= COLAB_HAS  # and so no `tutor`


@pytest.mark.tensorflow
def test_a_copied_script_runs_alone_with_keras_console_output(tmp_path) -> None:  # type: ignore[no-untyped-def]
    script = shutil.copy(exercise("iris-dnn").script, tmp_path)  # alone, as in a notebook
    result = subprocess.run(
        [sys.executable, script, "--epochs", "2", "--batch-size", "16", "--offline"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    assert "Data: Iris from mlxtend" in out
    assert "Epoch 2/2" in out and "Epoch 3/" not in out
    assert "6/6" in out  # 96 training flowers in batches of 16
    assert "Total params: 67" in out
    assert "Test loss" in out
