"""Expressions of a model file, worked out from the syntax tree without running anything:
literals, names, arithmetic, comparisons, subscripts, f-strings and list comprehensions,
and calls of Keras' own classes and a few pure builtins. Whatever needs the program to
run (a data file, a random number, a call of the file's own function) is `Unknown`."""

from __future__ import annotations

import ast
import math
import operator
from collections import ChainMap
from collections.abc import Callable, Iterator, MutableMapping

from tutor.engine import keras_api, pybuiltins
from tutor.engine.errors import Phrase
from tutor.engine.limits import LARGEST, MAX_ELEMENTS, MAX_STRING, TooLarge, measure
from tutor.engine.literals import is_plain, plain, runtime_reason, truth
from tutor.engine.objects import (
    Arguments,
    FunctionalObject,
    InputObject,
    LayerObject,
    ListObject,
    ModuleRef,
    SequentialObject,
    TensorObject,
    Unknown,
    UserClass,
    UserFunction,
)
from tutor.engine.session import Session, doubt, fail
from tutor.engine.specs import graph_layers
from tutor.engine.syntax import describe, line_of

_ARITHMETIC: dict[type[ast.operator], Callable[[object, object], object]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_COMPARE: dict[type[ast.cmpop], Callable[[object, object], object]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: operator.contains(b, a),
    ast.NotIn: lambda a, b: not operator.contains(b, a),
}


class Evaluator:
    """Evaluates expressions in one scope (the module's, or a function's over it)."""

    def __init__(self, session: Session, scope: MutableMapping[str, object]) -> None:
        self.session = session
        self.scope = scope

    # -- values ----------------------------------------------------------------------------

    def evaluate(self, node: ast.expr) -> object:
        self.session.budget.spend()
        method = _EVALUATORS.get(type(node))
        if method is None:
            return Unknown()
        return method(self, node)

    def checked(self, value: object, node: ast.AST) -> object:
        """`value` if it is within the caps of `limits`, else a ParseError for its line."""
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, (int, float)):
            if (isinstance(value, float) and not math.isfinite(value)) or abs(value) > LARGEST:
                raise fail(node, "too_large", code=describe(node))
            return value
        if isinstance(value, str):
            if len(value) > MAX_STRING:
                raise fail(node, "too_long_value", code=describe(node))
            return value
        if isinstance(value, (tuple, list)):
            try:
                self.session.budget.spend(measure(value))
            except TooLarge:
                raise fail(node, "too_long_value", code=describe(node)) from None
        return value

    def lookup(self, name: str) -> object:
        """A name's value; a name the file never set reads as a module path (`keras`,
        `layers`, `Dense`), as snippets use them without imports."""
        if name in self.scope:
            return self.scope[name]
        if name == "__name__":
            return "__main__"  # the tutor reads the file as the script it is
        return ModuleRef(name)

    def _eval_Constant(self, node: ast.Constant) -> object:
        value = node.value
        if value is None or isinstance(value, (bool, int, float, str)):
            return self.checked(value, node)
        return Unknown()

    def _eval_Name(self, node: ast.Name) -> object:
        return self.lookup(node.id)

    def _eval_Tuple(self, node: ast.Tuple) -> object:
        items = self.elements(node)
        return items if isinstance(items, Unknown) else self.checked(tuple(items), node)

    def _eval_List(self, node: ast.List) -> object:
        items = self.elements(node)
        return items if isinstance(items, Unknown) else self.checked(ListObject(items), node)

    def elements(self, display: ast.Tuple | ast.List) -> list[object] | Unknown:
        """The items of a tuple or list display, `*rest` expanded when it is known."""
        items: list[object] = []
        for element in display.elts:
            if isinstance(element, ast.Starred):
                value = self.evaluate(element.value)
                spread = self.iterate(value, element)
                if spread is None:
                    return Unknown(_reason_of(value))
                items.extend(spread)
            else:
                items.append(self.evaluate(element))
            if len(items) > MAX_ELEMENTS:
                raise fail(display, "too_long_value", code=describe(display))
        return items

    def _eval_UnaryOp(self, node: ast.UnaryOp) -> object:
        operand = self.evaluate(node.operand)
        if isinstance(node.op, ast.Not):
            known = truth(operand)
            return Unknown(_reason_of(operand)) if known is None else not known
        if _is_number(operand) and isinstance(node.op, (ast.USub, ast.UAdd)):
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(operand, TensorObject):
            raise fail(node, "tensor_arithmetic", code=describe(node))
        return Unknown(_reason_of(operand))

    def _eval_BinOp(self, node: ast.BinOp) -> object:
        return self.binary(node.op, self.evaluate(node.left), self.evaluate(node.right), node)

    def binary(
        self, operator_node: ast.operator, left: object, right: object, node: ast.AST
    ) -> object:
        """`left <op> right` for `node` (a BinOp, or an AugAssign such as `n += 1`)."""
        if isinstance(left, TensorObject) or isinstance(right, TensorObject):
            raise fail(node, "tensor_arithmetic", code=describe(node))
        op = type(operator_node)
        if _is_number(left) and _is_number(right) and op in _ARITHMETIC:
            if op is ast.Pow and abs(right) > 64:
                raise fail(node, "too_large", code=describe(node))
            try:
                result = _ARITHMETIC[op](left, right)
            except (ArithmeticError, ValueError):
                raise fail(node, "cannot_compute", code=describe(node)) from None
            if isinstance(result, complex):
                return Unknown()
            return self.checked(result, node)
        if op is ast.Add and type(left) is type(right) and isinstance(left, (str, tuple, list)):
            if len(left) + len(right) > MAX_STRING + MAX_ELEMENTS:
                raise fail(node, "too_long_value", code=describe(node))
            joined = left + right
            return self.checked(ListObject(joined) if isinstance(left, list) else joined, node)
        if op is ast.Mult:
            sequence, times = (left, right) if _is_int(right) else (right, left)
            if isinstance(sequence, (str, tuple, list)) and _is_int(times):
                if len(sequence) * max(times, 0) > MAX_STRING + MAX_ELEMENTS:
                    raise fail(node, "too_long_value", code=describe(node))
                repeated = sequence * times
                wrapped = ListObject(repeated) if isinstance(sequence, list) else repeated
                return self.checked(wrapped, node)
        return Unknown(_reason_of(left) or _reason_of(right))

    def _eval_BoolOp(self, node: ast.BoolOp) -> object:
        value: object = None
        for operand in node.values:
            value = self.evaluate(operand)
            known = truth(value)
            if known is None:
                return Unknown(_reason_of(value))
            if known == isinstance(node.op, ast.Or):
                return value
        return value

    def _eval_Compare(self, node: ast.Compare) -> object:
        left = self.evaluate(node.left)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = self.evaluate(right_node)
            if isinstance(op, (ast.Is, ast.IsNot)):
                if any(isinstance(side, (Unknown, ModuleRef)) for side in (left, right)):
                    return Unknown(_reason_of(left) or _reason_of(right))
                same = left is right or (is_plain(left) and is_plain(right) and left == right)
                result = same if isinstance(op, ast.Is) else not same
            elif is_plain(left) and is_plain(right) and type(op) in _COMPARE:
                try:
                    result = bool(_COMPARE[type(op)](left, right))
                except TypeError:
                    return Unknown()
            else:
                return Unknown(_reason_of(left) or _reason_of(right))
            if not result:
                return False
            left = right
        return True

    def _eval_IfExp(self, node: ast.IfExp) -> object:
        test = self.evaluate(node.test)
        known = truth(test)
        if known is None:
            return Unknown(_reason_of(test))
        return self.evaluate(node.body if known else node.orelse)

    def _eval_Subscript(self, node: ast.Subscript) -> object:
        value = self.evaluate(node.value)
        if isinstance(value, ModuleRef):
            return Unknown(runtime_reason(value.path, node.value))
        index = self.evaluate(node.slice)
        if isinstance(value, (tuple, list, str, range)):
            try:
                if _is_int(index):
                    return value[index]
                if isinstance(index, slice):
                    part = value[index]
                    return ListObject(part) if isinstance(value, list) else part
            except IndexError:
                raise fail(node, "cannot_compute", code=describe(node)) from None
        return Unknown(_reason_of(value) or _reason_of(index))

    def _eval_Slice(self, node: ast.Slice) -> object:
        bounds = [None if part is None else self.evaluate(part) for part in
                  (node.lower, node.upper, node.step)]
        if all(bound is None or _is_int(bound) for bound in bounds) and bounds[2] != 0:
            return slice(*bounds)
        return Unknown()

    def _eval_JoinedStr(self, node: ast.JoinedStr) -> object:
        parts: list[str] = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
                continue
            assert isinstance(value, ast.FormattedValue)
            shown = self.evaluate(value.value)
            if value.format_spec is not None or not is_plain(shown):
                return Unknown(_reason_of(shown))
            text = {-1: str, 115: str, 114: repr, 97: ascii}[value.conversion](plain(shown))
            parts.append(text)
            if sum(map(len, parts)) > MAX_STRING:
                raise fail(node, "too_large", code=describe(node))
        return "".join(parts)

    def _eval_NamedExpr(self, node: ast.NamedExpr) -> object:
        value = self.evaluate(node.value)
        self.scope[node.target.id] = value
        return value

    def _eval_ListComp(self, node: ast.ListComp) -> object:
        return self.comprehension(node, node.elt)

    def _eval_GeneratorExp(self, node: ast.GeneratorExp) -> object:
        return self.comprehension(node, node.elt)

    def comprehension(self, node: ast.ListComp | ast.GeneratorExp, element: ast.expr) -> object:
        """`[layers.Dense(n) for n in (64, 32)]`: run over known iterables in a scope of
        its own; any unknown iterable or condition makes the whole list unknown."""
        inner = Evaluator(self.session, ChainMap({}, self.scope))
        results = ListObject()
        outcome = inner.generate(node.generators, element, results, node)
        if isinstance(outcome, Unknown):
            return Unknown(outcome.reason or Phrase("reason_comprehension", line=line_of(node)))
        return self.checked(results, node)

    def generate(
        self,
        generators: list[ast.comprehension],
        element: ast.expr,
        results: ListObject,
        whole: ast.expr,
    ) -> Unknown | None:
        first, rest = generators[0], generators[1:]
        items = self.iterate(self.evaluate(first.iter), first.iter)
        if items is None:
            return Unknown()
        for item in items:
            self.assign(first.target, item)
            tests = [truth(self.evaluate(condition)) for condition in first.ifs]
            if None in tests:
                return Unknown()
            if not all(tests):
                continue
            if rest:
                outcome = self.generate(rest, element, results, whole)
                if outcome is not None:
                    return outcome
            else:
                results.append(self.evaluate(element))
                if len(results) > MAX_ELEMENTS:
                    raise fail(whole, "too_long_value", code=describe(whole))
        return None

    def iterate(self, value: object, node: ast.AST) -> Iterator[object] | None:
        """The items of a known iterable (a copy, so a loop that appends to its own list
        ends), each step charged to the budget; None when the items are not known."""
        if isinstance(value, (tuple, list, str, range)):
            items = list(value) if isinstance(value, list) else value
            return self._charged(iter(items))
        return None

    def _charged(self, items: Iterator[object]) -> Iterator[object]:
        for item in items:
            self.session.budget.spend()
            yield item

    def assign(self, target: ast.expr, value: object) -> None:
        """Bind a name, or unpack into a tuple of targets; attributes and subscripts are
        handled by the interpreter."""
        if isinstance(target, ast.Name):
            self.scope[target.id] = value
        elif isinstance(target, (ast.Tuple, ast.List)):
            known = list(value) if isinstance(value, (tuple, list)) else None
            starred = any(isinstance(element, ast.Starred) for element in target.elts)
            if known is None or starred or len(known) != len(target.elts):
                reason = _reason_of(value)
                for name in _names_in(target):
                    self.scope[name] = Unknown(reason)
                return
            for element, item in zip(target.elts, known, strict=True):
                self.assign(element, item)
        elif isinstance(target, ast.Starred):
            self.assign(target.value, Unknown(_reason_of(value)))

    # -- attributes and calls --------------------------------------------------------------

    def _eval_Attribute(self, node: ast.Attribute) -> object:
        base = self.evaluate(node.value)
        if isinstance(base, ModuleRef):
            path = f"{base.path}.{node.attr}"
            reason = runtime_reason(path, node)
            return Unknown(reason) if reason is not None else ModuleRef(path)
        if isinstance(base, SequentialObject) and node.attr == "layers":
            return tuple(base.entries)
        if isinstance(base, FunctionalObject) and node.attr == "layers":
            return tuple(graph_layers(base))
        return Unknown(_reason_of(base))

    def _eval_Call(self, node: ast.Call) -> object:
        func = node.func
        if isinstance(func, ast.Attribute):
            owner = self.evaluate(func.value)
            arguments = self.arguments(node)
            if isinstance(owner, ModuleRef):
                return self.call_path(f"{owner.path}.{func.attr}", node, arguments)
            return self.call_method(owner, func.attr, node, arguments)
        callee = self.evaluate(func)
        arguments = self.arguments(node)
        if isinstance(callee, ModuleRef):
            return self.call_path(callee.path, node, arguments)
        return self.call_value(callee, node, arguments)

    def arguments(self, node: ast.Call) -> Arguments:
        arguments = Arguments([], [])
        for argument in node.args:
            if isinstance(argument, ast.Starred):
                value = self.evaluate(argument.value)
                items = self.iterate(value, argument)
                if items is None:
                    arguments.spread = argument
                    continue
                arguments.positional.extend((item, argument) for item in items)
            else:
                arguments.positional.append((self.evaluate(argument), argument))
        for keyword in node.keywords:
            value = self.evaluate(keyword.value)
            if keyword.arg is None:
                arguments.spread = keyword.value
            else:
                arguments.keywords.append((keyword.arg, value, keyword.value))
        return arguments

    def call_path(self, path: str, node: ast.Call, arguments: Arguments) -> object:
        """A call of something the file did not define, by its dotted path: a Keras
        class, a pure builtin, or an outside function whose result is unknown."""
        reason = runtime_reason(path, node.func)
        if reason is not None:
            return Unknown(reason)
        built = keras_api.construct(self, path, node, arguments)
        if built is not None:
            return built
        if "." not in path and path in pybuiltins.BUILTINS:
            return pybuiltins.BUILTINS[path](self, node, arguments)
        _refuse_tensor_arguments(node, arguments)
        return Unknown(call=path)

    def call_method(
        self, owner: object, name: str, node: ast.Call, arguments: Arguments
    ) -> object:
        if isinstance(owner, (SequentialObject, FunctionalObject)):
            return keras_api.model_method(self, owner, name, node, arguments)
        if isinstance(owner, ListObject):
            return pybuiltins.list_method(self, owner, name, node, arguments)
        if isinstance(owner, (str, tuple)) and name in pybuiltins.PURE_METHODS:
            return pybuiltins.pure_method(self, owner, name, node, arguments)
        if (
            isinstance(owner, Unknown)
            and owner.user_function is not None
            and name not in keras_api.MODEL_METHODS_WITHOUT_EFFECT
        ):
            # `model = build_model()` then `model.add(...)`: that function's model changed
            self.session.changed_results.setdefault(id(owner.user_function.node), owner.reason)
        _refuse_tensor_arguments(node, arguments)
        return Unknown(_reason_of(owner))

    def call_value(self, callee: object, node: ast.Call, arguments: Arguments) -> object:
        if isinstance(callee, LayerObject):
            return keras_api.call_layer(self, callee, node, arguments)
        if isinstance(callee, (SequentialObject, FunctionalObject, InputObject)):
            raise fail(node, "model_as_layer", code=describe(node.func))
        if isinstance(callee, UserFunction):
            return self.call_user_function(callee, node, arguments)
        if isinstance(callee, UserClass):
            if callee.base is not None:
                return Unknown(Phrase("reason_subclass", name=callee.name, line=callee.line))
            return Unknown()
        _refuse_tensor_arguments(node, arguments)
        return Unknown(_reason_of(callee))

    def call_user_function(
        self, function: UserFunction, node: ast.Call, arguments: Arguments
    ) -> Unknown:
        """The tutor does not run the file's own functions: whatever the call is given or
        can reach from here (a model, a list of layers) may have changed."""
        reason = Phrase("reason_user_call", name=function.node.name, line=line_of(node))
        reachable = [*arguments.values(), *self._free_values(function.node)]
        for value in reachable:
            doubt(value, reason)
        return Unknown(reason, user_function=function)

    def _free_values(self, function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[object]:
        names = {n.id for n in ast.walk(function) if isinstance(n, ast.Name)}
        return [self.scope[name] for name in names if name in self.scope]


def _refuse_tensor_arguments(node: ast.Call, arguments: Arguments) -> None:
    """A call the tutor does not know, given a Keras tensor, is an operation on tensors
    (`tf.concat`, a lambda): its output shape is unknown, so it is refused by name."""
    if any(_holds_tensor(value) for value in arguments.values()):
        raise fail(node, "unknown_tensor_call", code=describe(node.func))


def _holds_tensor(value: object) -> bool:
    if isinstance(value, TensorObject):
        return True
    return isinstance(value, (tuple, list)) and any(_holds_tensor(item) for item in value)


def _reason_of(value: object) -> Phrase | None:
    return value.reason if isinstance(value, Unknown) else None


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _names_in(target: ast.expr) -> list[str]:
    return [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]


_EVALUATORS: dict[type, Callable[[Evaluator, ast.expr], object]] = {
    getattr(ast, name.removeprefix("_eval_")): method
    for name, method in vars(Evaluator).items()
    if name.startswith("_eval_")
}
"""Each kind of expression node and the method that evaluates it (unknown kinds: Unknown)."""
