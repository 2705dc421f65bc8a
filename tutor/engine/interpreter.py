"""Statements of a model file, run in order in the reader's own small world: assignments,
`if` and `for` and `while` whose outcome the reader can know, `with` blocks, imports and
definitions. What runs differently from one run to the next (a `try`, a loop or a branch
on values known only at run time) is not followed: every name it sets becomes Unknown and
every model or list it touches is marked, so no answer is ever counted around it."""

from __future__ import annotations

import ast
import contextlib
from collections.abc import Callable, MutableMapping

from tutor.engine.catalog import INPUT_CLASSES, canonical
from tutor.engine.errors import Phrase
from tutor.engine.evaluator import Evaluator
from tutor.engine.keras_api import set_trainable
from tutor.engine.legacy import OLD_SUBMODULES
from tutor.engine.literals import truth
from tutor.engine.objects import (
    MUTABLE,
    FunctionalObject,
    InputObject,
    LayerObject,
    ModuleRef,
    SequentialObject,
    Unknown,
    UserClass,
    UserFunction,
)
from tutor.engine.session import Session, doubt
from tutor.engine.syntax import describe, dotted

_KERAS_BASES = frozenset(("Model", "Layer", "Sequential", "Functional"))


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


class _Return(Exception):
    def __init__(self, value: object) -> None:
        self.value = value


class Interpreter(Evaluator):
    """Runs a block of statements: the module's, or one function's body."""

    def __init__(self, session: Session, scope: MutableMapping[str, object]) -> None:
        super().__init__(session, scope)
        self.returned: object = None

    def run_module(self, body: list[ast.stmt]) -> None:
        # `return` outside a function, or a stray `break`: Python would refuse the file
        with contextlib.suppress(_Break, _Continue, _Return):
            self.block(body)

    def run_function(self, function: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """A function's body as if called once, its parameters Unknown."""
        arguments = function.args
        parameters = [
            *arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
            *filter(None, (arguments.vararg, arguments.kwarg)),
        ]
        for parameter in parameters:
            self.scope[parameter.arg] = Unknown(
                Phrase("reason_parameter", name=parameter.arg, function=function.name,
                       line=function.lineno)
            )
        try:
            self.block(function.body)
        except _Return as returned:
            self.returned = returned.value
        except (_Break, _Continue):
            pass

    def block(self, body: list[ast.stmt]) -> None:
        for statement in body:
            self.session.budget.spend()
            method = _RUNNERS.get(type(statement))
            if method is not None:
                method(self, statement)

    # -- simple statements -----------------------------------------------------------------

    def _run_Expr(self, statement: ast.Expr) -> None:
        self.evaluate(statement.value)

    def _run_Assign(self, statement: ast.Assign) -> None:
        value = self.evaluate(statement.value)
        for target in statement.targets:
            self.store(target, value)

    def _run_AnnAssign(self, statement: ast.AnnAssign) -> None:
        if statement.value is not None:
            self.store(statement.target, self.evaluate(statement.value))

    def _run_AugAssign(self, statement: ast.AugAssign) -> None:
        target = statement.target
        if isinstance(target, ast.Name):
            current = self.lookup(target.id)
            if isinstance(current, list) and isinstance(statement.op, ast.Add):
                added = self.evaluate(statement.value)  # `xs += [...]` extends in place
                items = self.iterate(added, statement)
                if items is None:
                    doubt(current, Phrase("reason_unknown_extend", line=statement.lineno))
                else:
                    current.extend(items)
                    self.checked(current, statement)
                return
            added = self.evaluate(statement.value)
            self.store(target, self.binary(statement.op, current, added, statement))
        else:
            self.store(target, Unknown())

    def _run_Delete(self, statement: ast.Delete) -> None:
        for target in statement.targets:
            if isinstance(target, ast.Name):
                self.scope.pop(target.id, None)
            else:
                self._touch(target, Phrase("reason_statement", line=statement.lineno))

    def _run_Import(self, statement: ast.Import) -> None:
        for alias in statement.names:
            if alias.asname:
                self.scope[alias.asname] = ModuleRef(alias.name)
            else:
                head = alias.name.split(".")[0]
                self.scope[head] = ModuleRef(head)

    def _run_ImportFrom(self, statement: ast.ImportFrom) -> None:
        module = statement.module or ""
        parts = module.split(".")
        old = [part for part in parts if part in OLD_SUBMODULES]
        if old and "layers" in parts:
            self.session.note(statement.lineno, Phrase("note_old_submodule", old=old[0]))
        for alias in statement.names:
            if alias.name != "*":
                self.scope[alias.asname or alias.name] = ModuleRef(f"{module}.{alias.name}")

    def _run_FunctionDef(self, statement: ast.FunctionDef) -> None:
        self.scope[statement.name] = UserFunction(statement)

    _run_AsyncFunctionDef = _run_FunctionDef

    def _run_ClassDef(self, statement: ast.ClassDef) -> None:
        bases = [(dotted(base) or [""])[-1] for base in statement.bases]
        keras_base = next((base for base in bases if base in _KERAS_BASES), None)
        self.scope[statement.name] = UserClass(statement.name, statement.lineno, keras_base)

    def _run_Return(self, statement: ast.Return) -> None:
        value = None if statement.value is None else self.evaluate(statement.value)
        raise _Return(value)

    def _run_Break(self, statement: ast.Break) -> None:
        raise _Break

    def _run_Continue(self, statement: ast.Continue) -> None:
        raise _Continue

    def _run_Raise(self, statement: ast.Raise) -> None:
        raise _Return(None)  # the program stops here; what follows never runs

    def _run_With(self, statement: ast.With) -> None:
        for item in statement.items:
            self.evaluate(item.context_expr)
            if item.optional_vars is not None:
                self.store(item.optional_vars, Unknown())
        self.block(statement.body)

    _run_AsyncWith = _run_With

    # -- stores ----------------------------------------------------------------------------

    def store(self, target: ast.expr, value: object) -> None:
        if isinstance(target, (ast.Name, ast.Tuple, ast.List, ast.Starred)):
            self.assign(target, value)
        elif isinstance(target, ast.Attribute):
            self._set_attribute(target, value)
        elif isinstance(target, ast.Subscript):
            self._set_item(target, value)

    def _set_attribute(self, target: ast.Attribute, value: object) -> None:
        """`layer.trainable = False` freezes a layer (or a model's layers); other
        attributes of the file's objects are not read."""
        owner = self.evaluate(target.value)
        if target.attr != "trainable":
            return
        if isinstance(owner, InputObject):
            return  # an InputLayer has no weights
        if isinstance(owner, (LayerObject, SequentialObject, FunctionalObject)) and isinstance(
            value, bool
        ):
            set_trainable(owner, value)
        else:
            self.session.doubts.append(
                Phrase("reason_trainable", code=describe(target), line=target.lineno)
            )

    def _set_item(self, target: ast.Subscript, value: object) -> None:
        owner = self.evaluate(target.value)
        index = self.evaluate(target.slice)
        if (
            isinstance(owner, list)
            and isinstance(index, int)
            and not isinstance(index, bool)
            and -len(owner) <= index < len(owner)
        ):
            owner[index] = value
            return
        doubt(owner, Phrase("reason_statement", line=target.lineno))

    # -- control flow ----------------------------------------------------------------------

    def _run_If(self, statement: ast.If) -> None:
        test = self.evaluate(statement.test)
        known = truth(test)
        if known is None:
            reason = Phrase("reason_if", code=describe(statement.test), line=statement.lineno)
            self.poison([*statement.body, *statement.orelse], reason)
            return
        self.block(statement.body if known else statement.orelse)

    def _run_For(self, statement: ast.For) -> None:
        items = self.iterate(self.evaluate(statement.iter), statement.iter)
        if items is None:
            reason = Phrase("reason_for", code=describe(statement.iter), line=statement.lineno)
            self.poison([statement], reason)
            return
        for item in items:
            self.store(statement.target, item)
            try:
                self.block(statement.body)
            except _Break:
                return
            except _Continue:
                continue
        self.block(statement.orelse)

    _run_AsyncFor = _run_For

    def _run_While(self, statement: ast.While) -> None:
        while True:
            test = self.evaluate(statement.test)
            known = truth(test)
            if known is None:
                reason = Phrase("reason_while", code=describe(statement.test),
                                line=statement.lineno)
                self.poison([statement], reason)
                return
            if not known:
                break
            try:
                self.block(statement.body)
            except _Break:
                return
            except _Continue:
                continue
        self.block(statement.orelse)

    def _run_Try(self, statement: ast.Try) -> None:
        self.poison([statement], Phrase("reason_try", line=statement.lineno))

    _run_TryStar = _run_Try

    def _run_Match(self, statement: ast.Match) -> None:
        self.poison([statement], Phrase("reason_match", line=statement.lineno))

    def poison(self, statements: list[ast.stmt], reason: Phrase) -> None:
        """Statements that may or may not run, or run an unknown number of times: every
        name they set becomes Unknown(reason), every object they may change is marked,
        and imports and definitions still count (they change no model)."""
        for statement in statements:
            for node in ast.walk(statement):
                self.session.budget.spend()
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    self.block([node])
                elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                    self.scope[node.id] = Unknown(reason)
                elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    self.scope[node.name] = Unknown(reason)
                elif isinstance(node, (ast.Attribute, ast.Subscript)) and isinstance(
                    node.ctx, ast.Store
                ):
                    self._touch(node.value, reason)
                    if isinstance(node, ast.Attribute) and node.attr == "trainable":
                        self.session.doubts.append(reason)
                elif isinstance(node, ast.Call):
                    self._touch_call(node, reason)
                    callee = (dotted(node.func) or [""])[-1]
                    if canonical(callee) or callee in INPUT_CLASSES:
                        self.session.unsure_of_names(reason)

    def _touch(self, node: ast.expr, reason: Phrase) -> None:
        """Mark what a name (or `name.attr...`) holds as changed where the reader cannot see."""
        parts = dotted(node)
        if parts is not None and parts[0] in self.scope:
            doubt(self.scope[parts[0]], reason)

    def _touch_call(self, call: ast.Call, reason: Phrase) -> None:
        """A call in a block that may not run: a method may change its owner, and the
        file's own functions may change anything they are given or can reach."""
        if isinstance(call.func, ast.Attribute):
            self._touch(call.func.value, reason)
        parts = dotted(call.func)
        if parts is not None and parts[0] in self.scope:
            callee = self.scope[parts[0]]
            if isinstance(callee, UserFunction):
                for argument in (*call.args, *(k.value for k in call.keywords)):
                    self._touch(argument, reason)
                for name in {n.id for n in ast.walk(callee.node) if isinstance(n, ast.Name)}:
                    if name in self.scope and isinstance(self.scope[name], MUTABLE):
                        doubt(self.scope[name], reason)


_RUNNERS: dict[type, Callable[[Interpreter, ast.stmt], None]] = {
    getattr(ast, name.removeprefix("_run_")): method
    for name, method in vars(Interpreter).items()
    if name.startswith("_run_") and hasattr(ast, name.removeprefix("_run_"))
}
"""Each kind of statement and the method that runs it (others, like `pass`, do nothing)."""
