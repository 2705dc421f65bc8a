"""Reads Keras Sequential model source with `ast` only: nothing in it is imported, compiled
to bytecode or run. Old-Keras spellings from the course notes are translated with a note."""

from __future__ import annotations

import ast
import difflib
import warnings

from tutor.engine import legacy
from tutor.engine.catalog import (
    ALIASES,
    INPUT_CLASSES,
    INPUT_POSITIONAL,
    POSITIONAL,
    SHAPE_ARGUMENTS,
    accepted_keywords,
    canonical,
    supported_summary,
)
from tutor.engine.errors import ParseError
from tutor.engine.limits import MAX_SOURCE_CHARS, Budget
from tutor.engine.model import LayerSpec, ModelSpec, Shape
from tutor.engine.reader import OLD_SUBMODULES, Draft, Reader, Scope, callee, dotted
from tutor.engine.values import NotLiteral, Value, describe, evaluate

_INPUT_KEYWORDS = frozenset((*INPUT_POSITIONAL, "tensor", "input_tensor", "optional"))


def parse_model(source: str, *, deadline: float | None = None) -> ModelSpec:
    """The Sequential model in `source`: the one assigned to `model`, else the last one.

    `deadline` is a `time.monotonic()` time after which reading stops with a ParseError
    (a caller on a worker thread passes one; without it a fixed budget of steps still ends
    any reading within a second or two). Raises ParseError (one line, starting with the
    line number where there is one).
    """
    if len(source) > MAX_SOURCE_CHARS:
        raise ParseError(
            f"the source is too long to read ({len(source):,} characters; "
            f"the limit is {MAX_SOURCE_CHARS:,})"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source)
    except SyntaxError as error:
        detail = (error.msg or "").splitlines()[0][:80] if error.msg else ""
        extra = f" ({detail})" if detail and detail != "invalid syntax" else ""
        raise ParseError(f"line {error.lineno or 1}: invalid syntax{extra}") from None
    except (ValueError, RecursionError, MemoryError):
        raise ParseError("line 1: the source cannot be read as Python") from None
    budget = Budget(deadline)
    budget.check_clock()
    try:
        reader = Reader(tree, budget)
        return _Builder(reader.notes, budget).build(reader.chosen())
    except RecursionError:
        raise ParseError("the source is nested too deeply to read") from None


class _Builder:
    """Turns the chosen draft into a ModelSpec, collecting notes about old spellings."""

    def __init__(self, notes: list[str], budget: Budget) -> None:
        self.notes = list(notes)
        self.budget = budget

    def note(self, line: int, text: str) -> None:
        message = f"line {line}: {text}"
        if message not in self.notes:
            self.notes.append(message)

    def build(self, draft: Draft) -> ModelSpec:
        input_shape: Shape | None = None
        layers: list[LayerSpec] = []
        for node, scope in [*self._listed(draft), *draft.added]:
            self.budget.spend()
            call, call_scope = self._resolve(node, scope)
            if callee(call) in INPUT_CLASSES:
                if layers or input_shape is not None:
                    raise ParseError(f"line {call.lineno}: keras.Input must come before the layers")
                input_shape = self._input(call, call_scope)
                continue
            spec, legacy_shape = self._layer(call, call_scope, first=not layers)
            if input_shape is None and not layers:
                input_shape = legacy_shape
            layers.append(spec)
        if not layers:
            raise ParseError(f"line {draft.call.lineno}: the model has no layers")
        if input_shape is None and draft.build is not None:
            input_shape = self._built_shape(*draft.build)
        if input_shape is None:
            raise ParseError(
                f"line {draft.call.lineno}: the model's input shape is unknown; "
                "put keras.Input(shape=...) first"
            )
        return ModelSpec(input_shape, tuple(layers), tuple(self.notes))

    def _listed(self, draft: Draft) -> list[tuple[ast.expr, Scope]]:
        call = draft.call
        listed = call.args[0] if call.args else None
        listed = listed or next((k.value for k in call.keywords if k.arg == "layers"), None)
        if listed is None or (isinstance(listed, ast.Constant) and listed.value is None):
            return []
        if not isinstance(listed, (ast.List, ast.Tuple)):
            raise ParseError(
                f"line {call.lineno}: Sequential needs a written-out list of layers "
                f"(got {describe(listed)})"
            )
        return [(element, draft.scope) for element in listed.elts]

    def _resolve(self, node: ast.expr, scope: Scope) -> tuple[ast.Call, Scope]:
        """A layer written in place, or a name bound earlier to a layer call."""
        if isinstance(node, ast.Name) and node.id in scope.calls:
            return scope.calls[node.id]
        if isinstance(node, ast.Call):
            return node, scope
        line = getattr(node, "lineno", "?")
        raise ParseError(f"line {line}: cannot read {describe(node)} as a layer")

    def _arguments(
        self, call: ast.Call, positional: tuple[str, ...], what: str
    ) -> dict[str, ast.expr]:
        """Keyword name -> value node, with positional arguments named as Keras names them."""
        if len(call.args) > len(positional):
            raise ParseError(
                f"line {call.lineno}: {what} takes at most {len(positional)} positional arguments"
            )
        pairs = [(positional[i], node) for i, node in enumerate(call.args)]
        for keyword in call.keywords:
            if keyword.arg is None:
                raise ParseError(
                    f"line {call.lineno}: **{describe(keyword.value)} cannot be read; "
                    "write the arguments out"
                )
            pairs.append((keyword.arg, keyword.value))
        named: dict[str, ast.expr] = {}
        for key, node in pairs:
            if isinstance(node, ast.Starred):
                raise ParseError(f"line {call.lineno}: *{describe(node.value)} cannot be read")
            if key in named:
                raise ParseError(f"line {call.lineno}: {what} got {key}= twice")
            named[key] = node
        return named

    def _value(self, key: str, node: ast.expr, scope: Scope) -> Value:
        try:
            return evaluate(node, scope.constants, self.budget)
        except NotLiteral:
            raise ParseError(
                f"line {node.lineno}: {key} must be a literal (got {describe(node)})"
            ) from None

    def _input(self, call: ast.Call, scope: Scope) -> Shape:
        """`keras.Input(shape=...)` or `InputLayer(shape=...)` (legacy `input_shape=` too)."""
        named = self._arguments(call, INPUT_POSITIONAL, "Input")
        for old, new in (("input_shape", "shape"), ("batch_input_shape", "batch_shape")):
            if old in named and new not in named:
                self.note(call.lineno, f"{old}= is old Keras; Keras 3 writes {new}=")
                named[new] = named.pop(old)
        for key in named:
            if key not in _INPUT_KEYWORDS:
                raise ParseError(f"line {call.lineno}: Input has no argument {key}=")
        if "shape" in named:
            shape = self._value("shape", named["shape"], scope)
            if isinstance(shape, int) and not isinstance(shape, bool):
                raise ParseError(
                    f"line {call.lineno}: shape must be a tuple, e.g. shape=({shape},)"
                )
            return legacy.checked_shape(shape, "shape", call.lineno)
        if "batch_shape" in named:
            batch_shape = self._value("batch_shape", named["batch_shape"], scope)
            return legacy.checked_shape(batch_shape, "batch_shape", call.lineno)[1:]
        raise ParseError(f"line {call.lineno}: Input needs shape=..., e.g. shape=(28, 28, 1)")

    def _built_shape(self, node: ast.expr, scope: Scope) -> Shape:
        """`model.build(input_shape=(None, 784))`: the batch axis comes first."""
        value = self._value("input_shape", node, scope)
        shape = legacy.checked_shape(value, "input_shape", node.lineno)
        if len(shape) < 2:
            raise ParseError(f"line {node.lineno}: build() needs (batch, ...) such as (None, 784)")
        return shape[1:]

    def _layer(self, call: ast.Call, scope: Scope, first: bool) -> tuple[LayerSpec, Shape | None]:
        """One layer call: its spec, and an input shape if old-style arguments gave one."""
        written, cls = self._class(call)
        line = call.lineno
        named = self._arguments(call, POSITIONAL[cls], written)
        legacy.translate(named, cls, written, line, self.note, len(call.args))
        wrapped, inner_shape = None, None
        if cls == "Bidirectional":
            if "backward_layer" in named:
                raise ParseError(f"line {line}: backward_layer= is not supported by the tutor")
            if "layer" not in named:
                raise ParseError(f"line {line}: Bidirectional needs a layer, e.g. LSTM(64)")
            inner_call, inner_scope = self._resolve(named.pop("layer"), scope)
            wrapped, inner_shape = self._layer(inner_call, inner_scope, first)
        accepted = accepted_keywords(cls) | set(legacy.INPUT_ARGUMENTS)
        args: dict[str, Value] = {}
        for key, node in named.items():
            if key not in accepted:
                close = difflib.get_close_matches(key, sorted(accepted), n=1)
                hint = f" (did you mean {close[0]}=?)" if close else ""
                raise ParseError(f"line {line}: {written} has no argument {key}={hint}")
            if key in SHAPE_ARGUMENTS:
                args[key] = self._value(key, node, scope)
                continue
            try:
                args[key] = evaluate(node, scope.constants, self.budget)
            except NotLiteral:
                continue  # activation=tf.nn.relu and the like change no shape
        own_shape = legacy.input_from_layer(args, cls, line, first, self.note)
        return LayerSpec(cls, args, line, wrapped), own_shape or inner_shape

    def _class(self, call: ast.Call) -> tuple[str, str]:
        """The class as written and its canonical Keras name."""
        parts = dotted(call.func)
        if parts is None:
            raise ParseError(f"line {call.lineno}: cannot read {describe(call.func)} as a layer")
        written = parts[-1]
        cls = canonical(written)
        if cls is None:
            if written in INPUT_CLASSES:
                raise ParseError(f"line {call.lineno}: keras.Input must come before the layers")
            known = {name.lower(): name for name in (*POSITIONAL, *ALIASES)}  # `Lstm` -> LSTM
            close = difflib.get_close_matches(written.lower(), list(known), n=1)
            if close:
                raise ParseError(
                    f"line {call.lineno}: unknown layer {written!r}; "
                    f"did you mean {known[close[0]]}?"
                )
            raise ParseError(
                f"line {call.lineno}: unknown layer {written!r}; supported: {supported_summary()}"
            )
        old = [p for p in parts[:-1] if p in OLD_SUBMODULES]
        if old and "layers" in parts:
            self.note(
                call.lineno,
                f"keras.layers.{old[0]} is old Keras; Keras 3 writes keras.layers.{written}",
            )
        return written, cls
