"""Reads Keras model source with `ast` only: nothing in it is imported, compiled to bytecode
or run. The interpreter follows the file's top level in order; the model is the one the
name `model` holds at the end, else the last one built, else the one a function of the
file builds (read as if called once). Old-Keras spellings are translated with a note."""

from __future__ import annotations

import ast
import re
import warnings
from collections import ChainMap

from tutor.engine.errors import ParseError, Phrase, at_line
from tutor.engine.interpreter import Interpreter
from tutor.engine.limits import MAX_SOURCE_CHARS, Budget
from tutor.engine.model import FunctionalSpec, ModelSpec
from tutor.engine.objects import (
    FunctionalObject,
    LayerObject,
    SequentialObject,
    Unknown,
    UserClass,
)
from tutor.engine.session import Session
from tutor.engine.specs import functional_spec, graph_layers, sequential_spec

Model = SequentialObject | FunctionalObject


def parse_model(source: str, *, deadline: float | None = None) -> ModelSpec | FunctionalSpec:
    """The model in `source`: a ModelSpec for a Sequential model, a FunctionalSpec for
    `keras.Model(inputs, outputs)`.

    `deadline` is a `time.monotonic()` time after which reading stops with a ParseError
    (a caller on a worker thread passes one; without it a fixed budget of steps still ends
    any reading within a second or two). Raises ParseError (one line, starting with the
    line number where there is one).
    """
    if len(source) > MAX_SOURCE_CHARS:
        raise ParseError(
            Phrase("source_too_long", length=f"{len(source):,}", limit=f"{MAX_SOURCE_CHARS:,}")
        )
    budget = Budget(deadline)
    budget.check_clock()
    tree = _syntax_tree(source)
    session = Session(budget)
    try:
        module = Interpreter(session, {})
        module.run_module(tree.body)
        model = _chosen(tree, module)
        if session.doubts:
            raise ParseError(Phrase("model_changed", reason=session.doubts[0]))
        _note_unsure_names(session, model)
        notes = tuple(session.notes)
        if isinstance(model, SequentialObject):
            return sequential_spec(model, notes)
        return functional_spec(model, notes)
    except RecursionError:
        raise ParseError(Phrase("nested_too_deeply")) from None


def _note_unsure_names(session: Session, model: Model) -> None:
    """Say so when an automatic layer name may be numbered differently by Keras (a layer
    made in a branch or loop the reader could not follow comes before it)."""
    if session.names_unsure is None:
        return
    after, reason = session.names_unsure
    layers = model.entries if isinstance(model, SequentialObject) else graph_layers(model)
    made = [layer for layer in layers if isinstance(layer, LayerObject)]
    made += [layer.wrapped for layer in made if layer.wrapped is not None]
    if any(layer.auto_named and layer.key > after for layer in made):
        session.note(None, Phrase("note_names_unsure", reason=reason))


def _syntax_tree(source: str) -> ast.Module:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source)
    except SyntaxError as error:
        detail = (error.msg or "").splitlines()[0][:80] if error.msg else ""
        raise ParseError(at_line(error.lineno or 1, _syntax_phrase(detail))) from None
    except (ValueError, RecursionError, MemoryError):
        raise ParseError(at_line(1, Phrase("not_python"))) from None


_PYTHON_SAYS = (
    (re.compile(r"invalid syntax\. Perhaps you forgot a comma\?"), "python_comma"),
    (re.compile(r"'(?P<bracket>.)' was never closed"), "python_never_closed"),
    (re.compile(r"unmatched '(?P<bracket>.)'"), "python_unmatched"),
    (re.compile(r"expected ':'"), "python_colon"),
    (re.compile(r"(unexpected indent|unindent does not match|expected an indented block)"),
     "python_indent"),
    (re.compile(r"unterminated (triple-quoted )?string literal"), "python_string"),
)


def _syntax_phrase(detail: str) -> Phrase:
    """'invalid syntax', with Python's own detail where it gives one (in Korean where the
    kind of mistake is known)."""
    if not detail or detail == "invalid syntax":
        return Phrase("invalid_syntax")
    for pattern, key in _PYTHON_SAYS:
        match = pattern.match(detail)
        if match:
            said = Phrase(key, text=detail, **match.groupdict())
            return Phrase("invalid_syntax_detail", detail=said)
    return Phrase("python_syntax", text=detail)


def _as_model(value: object, scope_reader: _FunctionReader) -> Model | None:
    """A model object, or the model a call of the file's own function builds."""
    if isinstance(value, (SequentialObject, FunctionalObject)):
        return value
    if isinstance(value, Unknown) and value.user_function is not None:
        function = value.user_function.node
        changed = scope_reader.module.session.changed_results
        if id(function) in changed:
            raise ParseError(Phrase("model_changed", reason=changed[id(function)]))
        return scope_reader.model_of(function)
    return None


def _chosen(tree: ast.Module, module: Interpreter) -> Model:
    reader = _FunctionReader(module)
    named = module.scope.get("model")
    model = _as_model(named, reader)
    if model is not None:
        return model
    if isinstance(named, Unknown) and named.reason is not None:
        raise ParseError(Phrase("model_from", reason=named.reason))
    if module.session.models:
        return module.session.models[-1]
    functions = [s for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for function in reversed(functions):
        model = reader.model_of(function)
        if model is not None:
            return model
    subclasses = [v for v in module.scope.values() if isinstance(v, UserClass) and v.base]
    if subclasses:
        raise ParseError(
            at_line(subclasses[0].line, Phrase("subclassed_model", name=subclasses[0].name))
        )
    raise ParseError(Phrase("no_model"))


class _FunctionReader:
    """Reads a function of the file as if it were called once, its parameters unknown, and
    finds the model it builds: the one it returns, else its `model`, else its last."""

    def __init__(self, module: Interpreter) -> None:
        self.module = module
        self.reading: set[int] = set()

    def model_of(self, function: ast.FunctionDef | ast.AsyncFunctionDef) -> Model | None:
        if id(function) in self.reading:
            return None  # a function that calls itself
        self.reading.add(id(function))
        session = self.module.session
        built_before = len(session.models)
        body = Interpreter(session, ChainMap({}, self.module.scope))
        body.run_function(function)
        built = session.models[built_before:]
        for value in (body.returned, body.scope.maps[0].get("model")):
            model = _as_model(value, self)
            if model is not None:
                return model
            if isinstance(value, Unknown) and value.reason is not None and built:
                raise ParseError(Phrase("model_from", reason=value.reason))
        return built[-1] if built else None
