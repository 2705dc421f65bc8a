"""The few pure Python builtins and methods a model file uses to compute sizes and build
lists of layers (`range`, `len`, `min`, `list.append`, `str.format`), each bounded by the
caps of `limits`; anything else they are given that is unknown makes the result unknown."""

from __future__ import annotations

import ast
import string
from collections.abc import Callable
from typing import TYPE_CHECKING

from tutor.engine.limits import MAX_ELEMENTS, MAX_STRING
from tutor.engine.literals import is_plain, plain, truth
from tutor.engine.objects import Arguments, ListObject, Unknown
from tutor.engine.session import fail
from tutor.engine.syntax import describe

if TYPE_CHECKING:
    from tutor.engine.evaluator import Evaluator

Builtin = Callable[["Evaluator", ast.Call, Arguments], object]


def _known(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> list[object] | None:
    """The positional values when every argument is known and none is spread."""
    values = [value for value, _ in arguments.positional]
    if arguments.spread is not None or arguments.keywords:
        return None
    if not all(is_plain(v) or isinstance(v, range) for v in values):
        return None
    return values


def _unknown(arguments: Arguments) -> Unknown:
    for value in arguments.values():
        if isinstance(value, Unknown) and value.reason is not None:
            return Unknown(value.reason)
    return Unknown()


def _ints(values: list[object]) -> bool:
    return all(isinstance(v, int) and not isinstance(v, bool) for v in values)


def _numbers(values: object) -> bool:
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def _range(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> object:
    values = _known(evaluator, node, arguments)
    if values is None or not 1 <= len(values) <= 3 or not _ints(values) or values[2:] == [0]:
        return _unknown(arguments)
    return range(*values)


def _items(evaluator: Evaluator, node: ast.Call, value: object) -> list[object] | None:
    """A known iterable's items as a list, refused above MAX_ELEMENTS."""
    if isinstance(value, range) and len(value) > MAX_ELEMENTS:
        raise fail(node, "too_long_value", code=describe(node))
    items = evaluator.iterate(value, node)
    return None if items is None else list(items)


def _sequence(kind: type) -> Builtin:
    def build(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> object:
        if not arguments.positional and not arguments.keywords:
            return kind()
        if len(arguments.positional) != 1 or arguments.keywords or arguments.spread:
            return _unknown(arguments)
        items = _items(evaluator, node, arguments.positional[0][0])
        return _unknown(arguments) if items is None else kind(items)

    return build


def _len(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> object:
    values = [value for value, _ in arguments.positional]
    if len(values) == 1 and isinstance(values[0], (tuple, list, str, range)):
        return len(values[0])
    return _unknown(arguments)


def _extreme(pick: Callable[..., object]) -> Builtin:
    def choose(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> object:
        values = _known(evaluator, node, arguments)
        if values is None or not values:
            return _unknown(arguments)
        if len(values) == 1:
            items = _items(evaluator, node, values[0])
            values = items if items else []
        return pick(values) if values and _numbers(values) else _unknown(arguments)

    return choose


def _number(kind: type) -> Builtin:
    def convert(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> object:
        values = _known(evaluator, node, arguments)
        if values is None or len(values) != 1:
            return _unknown(arguments)
        value = values[0]
        if isinstance(value, str) and len(value) <= 20:
            try:
                return evaluator.checked(kind(value), node)
            except ValueError:
                return _unknown(arguments)
        if _numbers([value]) or isinstance(value, bool):
            return evaluator.checked(kind(value), node)
        return _unknown(arguments)

    return convert


def _abs(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> object:
    values = _known(evaluator, node, arguments)
    if values is None or len(values) != 1 or not _numbers(values):
        return _unknown(arguments)
    return abs(values[0])


def _round(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> object:
    values = _known(evaluator, node, arguments)
    if values is None or not 1 <= len(values) <= 2 or not _numbers(values[:1]):
        return _unknown(arguments)
    if len(values) == 2 and (not _ints(values[1:]) or abs(values[1]) > 20):
        return _unknown(arguments)
    return round(*values)


def _sum(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> object:
    values = _known(evaluator, node, arguments)
    if values is None or len(values) != 1:
        return _unknown(arguments)
    items = _items(evaluator, node, values[0])
    if items is None or not _numbers(items):
        return _unknown(arguments)
    return evaluator.checked(sum(items), node)


def _str(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> object:
    values = _known(evaluator, node, arguments)
    if values is None or len(values) != 1 or isinstance(values[0], range):
        return _unknown(arguments)
    return evaluator.checked(str(plain(values[0])), node)


def _bool(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> object:
    if len(arguments.positional) != 1 or arguments.keywords:
        return _unknown(arguments)
    known = truth(arguments.positional[0][0])
    return _unknown(arguments) if known is None else known


def _pairs(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> object:
    """`enumerate(xs)` and `zip(xs, ys)`, as tuples of pairs."""
    name = node.func.id if isinstance(node.func, ast.Name) else ""
    sources = [value for value, _ in arguments.positional]
    if arguments.spread is not None or not sources:
        return _unknown(arguments)
    lists = [_items(evaluator, node, source) for source in sources]
    if any(items is None for items in lists):
        return _unknown(arguments)
    if name == "enumerate":
        start = dict((key, value) for key, value, _ in arguments.keywords).get("start", 0)
        if len(lists) != 1 or not _ints([start]):
            return _unknown(arguments)
        return tuple(enumerate(lists[0], start))
    if arguments.keywords:
        return _unknown(arguments)
    return tuple(zip(*lists, strict=False))


def _reversed(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> object:
    if len(arguments.positional) != 1 or arguments.keywords:
        return _unknown(arguments)
    items = _items(evaluator, node, arguments.positional[0][0])
    return _unknown(arguments) if items is None else tuple(reversed(items))


def _sorted(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> object:
    values = _known(evaluator, node, arguments)
    if values is None or len(values) != 1:
        return _unknown(arguments)
    items = _items(evaluator, node, values[0])
    if items is None or not (_numbers(items) or all(isinstance(i, str) for i in items)):
        return _unknown(arguments)
    return ListObject(sorted(items))


def _nothing(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> object:
    return None


BUILTINS: dict[str, Builtin] = {
    "range": _range,
    "len": _len,
    "list": _sequence(ListObject),
    "tuple": _sequence(tuple),
    "min": _extreme(min),
    "max": _extreme(max),
    "int": _number(int),
    "float": _number(float),
    "abs": _abs,
    "round": _round,
    "sum": _sum,
    "str": _str,
    "bool": _bool,
    "enumerate": _pairs,
    "zip": _pairs,
    "reversed": _reversed,
    "sorted": _sorted,
    "print": _nothing,
}
"""Builtins by name; a file that rebinds one of these names calls its own value instead."""


def list_method(
    evaluator: Evaluator, owner: ListObject, name: str, node: ast.Call, arguments: Arguments
) -> object:
    """`append`, `extend`, `insert`, `pop` and friends on a list of the file's."""
    values = [value for value, _ in arguments.positional]
    if arguments.keywords or arguments.spread is not None:
        return _unknown(arguments)
    if name == "append" and len(values) == 1:
        owner.append(values[0])
    elif name == "extend" and len(values) == 1:
        items = _items(evaluator, node, values[0])
        if items is None:
            owner.doubt = owner.doubt or _unknown(arguments).reason
            return _unknown(arguments)
        owner.extend(items)
    elif name == "insert" and len(values) == 2 and _ints(values[:1]):
        owner.insert(values[0], values[1])
    elif name == "pop" and len(values) <= 1 and _ints(values):
        if not owner:
            raise fail(node, "cannot_compute", code=ast.unparse(node)[:40])
        return owner.pop(*values)
    elif name in ("clear", "reverse") and not values:
        getattr(owner, name)()
    elif name == "copy" and not values:
        return ListObject(owner)
    elif name in ("index", "count") and len(values) == 1:
        return pure_method(evaluator, tuple(owner), name, node, arguments)
    else:
        return _unknown(arguments)
    if len(owner) > MAX_ELEMENTS:
        raise fail(node, "too_long_value", code=describe(node))
    return None


PURE_METHODS = frozenset(
    "format join upper lower strip startswith endswith index count".split()  # noqa: SIM905
)


def pure_method(
    evaluator: Evaluator, owner: str | tuple, name: str, node: ast.Call, arguments: Arguments
) -> object:
    """Methods of strings and tuples that compute a small value from known ones."""
    values = [value for value, _ in arguments.positional]
    if arguments.spread is not None or not all(is_plain(v) for v in arguments.values()):
        return _unknown(arguments)
    if name == "format" and isinstance(owner, str):
        try:
            fields = list(string.Formatter().parse(owner))
        except ValueError:
            return _unknown(arguments)
        if any(spec or conversion for _, _, spec, conversion in fields):
            return _unknown(arguments)
        keywords = {key: plain(value) for key, value, _ in arguments.keywords}
        try:
            return evaluator.checked(owner.format(*map(plain, values), **keywords), node)
        except (IndexError, KeyError, ValueError, AttributeError, TypeError):
            return _unknown(arguments)
    if arguments.keywords:
        return _unknown(arguments)
    if name == "join" and isinstance(owner, str) and len(values) == 1:
        items = _items(evaluator, node, values[0])
        if items is None or not all(isinstance(item, str) for item in items):
            return _unknown(arguments)
        if sum(map(len, items)) + len(owner) * len(items) > MAX_STRING:
            return _unknown(arguments)
        return owner.join(items)
    try:
        return getattr(owner, name)(*values)
    except (AttributeError, TypeError, ValueError):
        return _unknown(arguments)
