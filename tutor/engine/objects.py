"""What names hold while the interpreter reads a file: plain Python values (numbers,
strings, tuples, lists), the Keras objects the file builds (layers, tensors, models), the
functions and classes it defines, and `Unknown` for anything known only at run time.

Mutable objects carry a `doubt`: the reason the reader can no longer vouch for them (the
file changed them where it cannot follow), reported if they reach the model."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from tutor.engine.errors import Phrase
from tutor.engine.model import Shape


@dataclass(frozen=True)
class Unknown:
    """A value the reader cannot know without running the file. `reason` (a noun phrase
    with its line, e.g. "input() on line 2") says why when there is more to say than
    "not a literal"; `call` keeps the name of an unknown callee for "unknown layer"."""

    reason: Phrase | None = None
    call: str | None = None
    user_function: UserFunction | None = None


class ListObject(list):
    """A Python list: mutable, so layers can be appended to it in a loop. A `list`, so the
    caps and the capped repr of `limits` apply to it as to any list."""

    doubt: Phrase | None = None


@dataclass
class LayerObject:
    """One constructed Keras layer. `name` is given or automatic (Keras names a layer when
    it is constructed); `key` is its construction number, shared by every use of it.
    `input_args` holds old-style `input_shape=`-like arguments until the layer's place in a
    Sequential model is known."""

    cls: str
    written: str
    args: dict[str, object]
    line: int
    name: str
    key: int
    auto_named: bool
    wrapped: LayerObject | None = None
    input_args: dict[str, object] = field(default_factory=dict)
    doubt: Phrase | None = None

    def __repr__(self) -> str:
        return f"{self.written}(...)"


@dataclass
class InputObject:
    """A `keras.Input` (or `InputLayer`): the input's shape with its batch axis."""

    shape: Shape
    name: str
    line: int
    key: int

    def __repr__(self) -> str:
        return f"Input(shape={self.shape[1:]})"


@dataclass(eq=False)
class TensorObject:
    """A symbolic tensor: a model input, or the output of a layer called on tensors."""

    source: InputObject | LayerCall

    def __repr__(self) -> str:
        return "<KerasTensor>"


@dataclass(eq=False)
class LayerCall:
    """One call of a layer on tensors (a node of the graph). `as_list` records whether the
    tensors were passed as a list, as merge layers take them."""

    layer: LayerObject
    inputs: tuple[TensorObject, ...]
    as_list: bool
    line: int
    key: int


@dataclass
class SequentialObject:
    """A `keras.Sequential` as the file has built it so far."""

    line: int
    entries: list[LayerObject] = field(default_factory=list)
    input: InputObject | None = None
    doubt: Phrase | None = None

    def __repr__(self) -> str:
        return "Sequential(...)"


@dataclass
class FunctionalObject:
    """A `keras.Model(inputs, outputs)`."""

    line: int
    inputs: tuple[TensorObject, ...]
    outputs: tuple[TensorObject, ...]
    doubt: Phrase | None = None

    def __repr__(self) -> str:
        return "Model(...)"


@dataclass(frozen=True)
class UserFunction:
    """A function defined in the file: its body is read only when no model is built at the
    top level (never run for a caller: its result is Unknown)."""

    node: ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class UserClass:
    """A class defined in the file; `base` names a Keras base class it extends, if any."""

    name: str
    line: int
    base: str | None


@dataclass(frozen=True)
class ModuleRef:
    """An imported module or a name imported from one, by its dotted path."""

    path: str


MUTABLE = (ListObject, LayerObject, SequentialObject, FunctionalObject)
"""Objects a statement the reader cannot follow may change behind its back."""


@dataclass
class Arguments:
    """A call's arguments, evaluated in order, each with its node for messages; `spread`
    is the node of a `*args` or `**kwargs` the reader could not expand."""

    positional: list[tuple[object, ast.expr]]
    keywords: list[tuple[str, object, ast.expr]]
    spread: ast.expr | None = None

    def values(self) -> list[object]:
        return [value for value, _ in self.positional] + [v for _, v, _ in self.keywords]
