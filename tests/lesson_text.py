"""Reading lesson text in the content tests: one lesson's body in one language, checks
that expected numbers appear in both languages, and the names Keras really exports."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

from tutor.lessons import load_course

LANGS = ("en", "ko")


def body(lesson_id: str, lang: str) -> str:
    lesson = load_course().lesson(lesson_id)
    assert lesson.has(lang), f"{lesson_id} has no {lang} version"
    return lesson.text(lang).body


def assert_in_both(lesson_id: str, expected: list[str]) -> None:
    for lang in LANGS:
        text = body(lesson_id, lang)
        missing = [item for item in expected if item not in text]
        assert not missing, f"{lesson_id}.{lang}.md lacks {missing}"


def assert_in_prose(lesson_id: str, expected: list[str]) -> None:
    """Like assert_in_both, for numbers that a line break may split in running text."""
    for lang in LANGS:
        prose = " ".join(body(lesson_id, lang).split())
        missing = [item for item in expected if item not in prose]
        assert not missing, f"{lesson_id}.{lang}.md lacks {missing}"


def _keras_source(*parts: str) -> ast.Module:
    """A file of the installed Keras, parsed, not imported (importing pulls in TensorFlow)."""
    spec = importlib.util.find_spec("keras")
    assert spec and spec.submodule_search_locations, "Keras is not installed"
    path = Path(spec.submodule_search_locations[0], *parts)
    return ast.parse(path.read_text(encoding="utf-8"))


def keras_defaults(source: str, function: str) -> dict[str, object]:
    """The literal keyword defaults of a function in Keras' source, e.g.
    keras_defaults("src/utils/image_dataset_utils.py", "image_dataset_from_directory")."""
    tree = _keras_source(*source.split("/"))
    functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
    [node] = [node for node in functions if node.name == function]
    arguments = node.args.args[len(node.args.args) - len(node.args.defaults) :]
    return {
        argument.arg: ast.literal_eval(default)
        for argument, default in zip(arguments, node.args.defaults, strict=True)
        if isinstance(default, (ast.Constant, ast.Tuple))
    }


def keras_exports(module: str) -> set[str]:
    """The public names of `keras.<module>` (e.g. "layers"), read from the installed
    package's generated `__init__.py` without importing Keras (and with it TensorFlow)."""
    tree = _keras_source(*module.split("."), "__init__.py")
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
