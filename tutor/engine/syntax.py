"""Small readings of the syntax tree shared by the interpreter's parts."""

from __future__ import annotations

import ast


def describe(node: ast.AST, limit: int = 40) -> str:
    """The source text of a node for a one-line message, shortened if long."""
    try:
        text = " ".join(ast.unparse(node).split())
    except (ValueError, RecursionError):
        text = type(node).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def dotted(node: ast.AST) -> list[str] | None:
    """`keras.layers.Dense` -> ['keras', 'layers', 'Dense']; None for anything else."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id, *reversed(parts)]


def line_of(node: ast.AST) -> int:
    return getattr(node, "lineno", 0) or 0
