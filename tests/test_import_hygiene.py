"""The core stays pure and the app stays light: checked in fresh interpreters.

Core modules must import neither Textual nor TensorFlow, so they are testable without a
UI and cheap to load; the UI must never import TensorFlow, so it starts in well under a
second and never freezes on a 7-second import.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import tutor

HEAVY = ("tensorflow", "keras")
UI_ONLY = ("textual",)
# Where each may legitimately be imported: the UI package, and `python -m tutor`.
UI_PACKAGES = ("tutor.ui", "tutor.__main__")


def _modules() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(tutor.__path__, prefix="tutor."))


def _imported_after(module: str) -> set[str]:
    code = (
        "import sys, importlib; importlib.import_module(sys.argv[1]); "
        "print('\\n'.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, module], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


CORE = [m for m in _modules() if not m.startswith(UI_PACKAGES)]
UI = [m for m in _modules() if m.startswith("tutor.ui")]
# The quiz core promises plain Python on top of the engine: not even NumPy.
QUIZ = [m for m in CORE if m == "tutor.quiz" or m.startswith("tutor.quiz.")]


def test_there_are_modules_on_both_sides() -> None:
    assert "tutor.lessons" in CORE and "tutor.cli" in CORE
    assert "tutor.ui.app" in UI
    for module in ("generate", "grading", "answers", "slips", "topics", "concepts"):
        assert f"tutor.quiz.{module}" in QUIZ


@pytest.mark.parametrize("module", QUIZ)
def test_quiz_module_imports_no_numpy(module: str) -> None:
    assert "numpy" not in _imported_after(module)


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_neither_textual_nor_tensorflow(module: str) -> None:
    loaded = _imported_after(module)
    assert not loaded & {*HEAVY, *UI_ONLY}, f"{module} pulls in {loaded & {*HEAVY, *UI_ONLY}}"


def test_the_app_never_imports_tensorflow() -> None:
    loaded = _imported_after("tutor.ui.app")
    assert "textual" in loaded  # the check below means something
    assert not loaded & set(HEAVY)
