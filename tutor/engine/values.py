"""Argument values read straight from the syntax tree, never by running code: literals,
names of constants set earlier in the file, and plain arithmetic on numbers."""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping

from tutor.engine.errors import ParseError
from tutor.engine.limits import LARGEST, MAX_STRING, Budget, TooLarge, measure

Value = int | float | str | bool | None | tuple

_BINARY: dict[type[ast.operator], Callable[[object, object], object]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}


class NotLiteral(Exception):
    """The node needs running code to know its value (a call, an attribute, an unknown name)."""


def describe(node: ast.AST, limit: int = 40) -> str:
    """The source text of a node for a one-line message, shortened if long."""
    try:
        text = " ".join(ast.unparse(node).split())
    except (ValueError, RecursionError):
        text = type(node).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def evaluate(
    node: ast.AST, constants: Mapping[str, Value], budget: Budget | None = None
) -> Value:
    """The value of `node`; NotLiteral if it is not a literal or arithmetic on constants.

    Lists come back as tuples so that specs stay immutable. A value larger than the caps
    of `limits` is a ParseError naming the line.
    """
    if budget is not None:
        budget.spend()
    if isinstance(node, ast.Constant):
        value = node.value
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str):
            if len(value) > MAX_STRING:
                _too_large(node)
            return value
        if isinstance(value, (int, float)):
            return _checked(value, node)
        raise NotLiteral
    if isinstance(node, (ast.Tuple, ast.List)):
        built = tuple(evaluate(element, constants, budget) for element in node.elts)
        try:
            measure(built)
        except TooLarge:
            _too_large(node)
        return built
    if isinstance(node, ast.Name):
        if node.id in constants:
            return constants[node.id]
        raise NotLiteral
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = _number(evaluate(node.operand, constants, budget))
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left = _number(evaluate(node.left, constants, budget))
        right = _number(evaluate(node.right, constants, budget))
        if isinstance(node.op, ast.Pow) and abs(right) > 64:
            _too_large(node)
        try:
            result = _BINARY[type(node.op)](left, right)
        except (ArithmeticError, ValueError):
            raise ParseError(f"line {node.lineno}: cannot compute {describe(node)}") from None
        return _checked(result, node)
    raise NotLiteral


def _number(value: Value) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise NotLiteral
    return value


def _checked(value: object, node: ast.AST) -> int | float:
    if isinstance(value, complex):
        raise NotLiteral
    if (isinstance(value, float) and not math.isfinite(value)) or abs(value) > LARGEST:
        _too_large(node)
    return value


def _too_large(node: ast.AST) -> None:
    line = getattr(node, "lineno", "?")
    raise ParseError(f"line {line}: {describe(node)} is too large to be a layer argument")
