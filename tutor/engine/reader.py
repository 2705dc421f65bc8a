"""The first pass of the parser: walks the statements once, remembering constants, calls
bound to names, and every `Sequential(...)` with what later `.add()`/`.build()` gave it."""

from __future__ import annotations

import ast
import bisect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from tutor.engine.errors import ParseError
from tutor.engine.limits import Budget, OutOfTime
from tutor.engine.values import NotLiteral, Value, evaluate

OLD_SUBMODULES = frozenset(
    "convolutional core recurrent pooling normalization embeddings wrappers "  # noqa: SIM905
    "advanced_activations".split()
)


class _Timeline:
    """Every value a name has had, in order: a snapshot is a version number, so remembering
    what names meant at each layer costs nothing per layer (a copy each time made a 99 KB
    file quadratic)."""

    def __init__(self) -> None:
        self.version = 0
        self._history: dict[str, tuple[list[int], list[object]]] = {}

    def set(self, name: str, value: object) -> None:
        self.version += 1
        versions, values = self._history.setdefault(name, ([], []))
        versions.append(self.version)
        values.append(value)

    def at(self, name: str, version: int) -> object:
        versions, values = self._history.get(name, ((), ()))
        index = bisect.bisect_right(versions, version) - 1
        return values[index] if index >= 0 else _UNSET


_UNSET = object()


class _View(Mapping[str, object]):
    """What one kind of name (constants or calls) meant at one version of the timeline."""

    def __init__(self, timeline: _Timeline, kind: type, version: int | None) -> None:
        self._timeline, self._kind, self._version = timeline, kind, version

    def __getitem__(self, name: str) -> object:
        version = self._timeline.version if self._version is None else self._version
        value = self._timeline.at(name, version)
        if not isinstance(value, self._kind):
            raise KeyError(name)
        return value.value

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._keys() and self._has(name)

    def _has(self, name: str) -> bool:
        try:
            self[name]
        except KeyError:
            return False
        return True

    def _keys(self) -> dict[str, object]:
        return self._timeline._history

    def __iter__(self) -> Iterator[str]:
        return (name for name in self._keys() if self._has(name))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _Constant:
    __slots__ = ("value",)

    def __init__(self, value: Value) -> None:
        self.value = value


class _BoundCall:
    __slots__ = ("value",)

    def __init__(self, value: tuple[ast.Call, Scope]) -> None:
        self.value = value


class Scope:
    """What names meant when a layer was written: constants, and calls bound to a name."""

    def __init__(self, timeline: _Timeline | None = None, version: int | None = None) -> None:
        self._timeline = timeline or _Timeline()
        self.constants: Mapping[str, Value] = _View(self._timeline, _Constant, version)  # type: ignore[assignment]
        self.calls: Mapping[str, tuple[ast.Call, Scope]] = _View(
            self._timeline, _BoundCall, version
        )  # type: ignore[assignment]

    def snapshot(self) -> Scope:
        return Scope(self._timeline, self._timeline.version)

    def set_constant(self, name: str, value: Value) -> None:
        self._timeline.set(name, _Constant(value))

    def set_call(self, name: str, call: tuple[ast.Call, Scope]) -> None:
        self._timeline.set(name, _BoundCall(call))

    def forget(self, name: str) -> None:
        if name in self._timeline._history:
            self._timeline.set(name, None)


@dataclass
class Draft:
    """One `Sequential(...)` call and what later `.add()` and `.build()` calls gave it."""

    name: str | None
    call: ast.Call
    scope: Scope
    added: list[tuple[ast.expr, Scope]] = field(default_factory=list)
    build: tuple[ast.expr, Scope] | None = None


def dotted(node: ast.AST) -> list[str] | None:
    """`keras.layers.Dense` -> ['keras', 'layers', 'Dense']; None for anything else."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id, *reversed(parts)]


def callee(call: ast.Call) -> str | None:
    """The called name without its modules: `tf.keras.layers.Dense(...)` -> 'Dense'."""
    parts = dotted(call.func)
    return parts[-1] if parts else None


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement in source order, inside functions, ifs, loops and with-blocks too."""
    for statement in body:
        yield statement
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(statement, name, [])
            if isinstance(inner, list):
                yield from _statements(inner)
        for part in (*getattr(statement, "handlers", []), *getattr(statement, "cases", [])):
            yield from _statements(part.body)


class Reader:
    """Reads a module; `chosen()` is the model to analyse, `notes` are about old imports."""

    def __init__(self, tree: ast.Module, budget: Budget) -> None:
        self.scope = Scope()
        self.budget = budget
        self.named: dict[str, Draft] = {}
        self.drafts: list[Draft] = []
        self.notes: list[str] = []
        for statement in _statements(tree.body):
            budget.spend()
            self._statement(statement)

    def chosen(self) -> Draft:
        """The last model assigned to `model`, else the last model in the file."""
        for draft in reversed(self.drafts):
            if draft.name == "model":
                return draft
        if not self.drafts:
            raise ParseError(
                "no keras.Sequential model found (the functional API and subclassed models "
                "are not supported)"
            )
        return self.drafts[-1]

    def _statement(self, statement: ast.stmt) -> None:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                self._assign(target, statement.value)
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            self._assign(statement.target, statement.value)
        elif isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name):
            combined = ast.BinOp(ast.Name(statement.target.id), statement.op, statement.value)
            self._assign(statement.target, ast.copy_location(combined, statement))
        elif isinstance(statement, (ast.Expr, ast.Return)) and isinstance(
            statement.value, ast.Call
        ):
            self._call(statement.value)
        elif isinstance(statement, ast.ImportFrom) and statement.module:
            parts = statement.module.split(".")
            old = [p for p in parts if p in OLD_SUBMODULES]
            if old and "layers" in parts:
                self.notes.append(
                    f"line {statement.lineno}: keras.layers.{old[0]} is old Keras; "
                    "Keras 3 imports layers from keras.layers"
                )

    def _assign(self, target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, (ast.Tuple, ast.List)):
            values = value.elts if isinstance(value, (ast.Tuple, ast.List)) else None
            for index, element in enumerate(target.elts):
                if values is not None and len(values) == len(target.elts):
                    self._assign(element, values[index])
                elif isinstance(element, ast.Name):
                    self._forget(element.id)
            return
        if not isinstance(target, ast.Name):
            return
        name = target.id
        self._forget(name)
        if isinstance(value, ast.Call):
            if callee(value) == "Sequential":
                draft = Draft(name, value, self.scope.snapshot())
                self.named[name] = draft
                self.drafts.append(draft)
            else:
                self.scope.set_call(name, (value, self.scope.snapshot()))
            return
        try:
            self.scope.set_constant(name, evaluate(value, self.scope.constants, self.budget))
        except OutOfTime:
            raise
        except (NotLiteral, ParseError):
            pass

    def _forget(self, name: str) -> None:
        self.scope.forget(name)
        self.named.pop(name, None)

    def _call(self, call: ast.Call) -> None:
        if callee(call) == "Sequential":
            self.drafts.append(Draft(None, call, self.scope.snapshot()))
            return
        func = call.func
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
            return
        draft = self.named.get(func.value.id)
        if draft is None or func.attr not in ("add", "build"):
            return
        keyword_name = "layer" if func.attr == "add" else "input_shape"
        keyword = next((k.value for k in call.keywords if k.arg == keyword_name), None)
        argument = call.args[0] if call.args else keyword
        if argument is None:
            return
        if func.attr == "add":
            draft.added.append((argument, self.scope.snapshot()))
        else:
            draft.build = (argument, self.scope.snapshot())
