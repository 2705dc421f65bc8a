"""Keras' own classes as the interpreter meets them: constructing a layer, `keras.Input`,
`keras.Sequential` and `keras.Model`, calling a layer on tensors, and the Sequential
methods that change a model (`add`, `pop`, `build`). Arguments are read with Keras 3.15's
signatures (`catalog`), old spellings translated with a note (`legacy`)."""

from __future__ import annotations

import ast
import difflib
import functools
from typing import TYPE_CHECKING

from tutor.engine import legacy
from tutor.engine.catalog import (
    ALIASES,
    INPUT_CLASSES,
    INPUT_POSITIONAL,
    MERGE_FUNCTIONS,
    POSITIONAL,
    REFUSED,
    WRAPPERS,
    accepted_keywords,
    canonical,
    changes_nothing,
    supported_summary,
)
from tutor.engine.errors import ParseError, Phrase
from tutor.engine.literals import is_plain, plain
from tutor.engine.objects import (
    Arguments,
    FunctionalObject,
    InputObject,
    LayerCall,
    LayerObject,
    SequentialObject,
    TensorObject,
    Unknown,
)
from tutor.engine.session import fail
from tutor.engine.syntax import describe, dotted, line_of

if TYPE_CHECKING:
    from tutor.engine.evaluator import Evaluator

_INPUT_KEYWORDS = frozenset((*INPUT_POSITIONAL, "tensor", "input_tensor", "optional"))
_MODEL_CLASSES = ("Model", "Functional")
_SEQUENTIAL_POSITIONAL = ("layers", "trainable", "name")
MODEL_METHODS_WITHOUT_EFFECT = frozenset(
    "summary compile fit evaluate predict save save_weights load_weights get_config "  # noqa: SIM905
    "count_params to_json fit_generator evaluate_generator predict_generator".split()
)


def construct(evaluator: Evaluator, path: str, node: ast.Call, arguments: Arguments) -> object:
    """The object a Keras class call builds, or None when `path` is not a Keras class."""
    parts = path.split(".")
    written = parts[-1]
    if written in INPUT_CLASSES:
        return _input(evaluator, written, node, arguments)
    if written == "Sequential":
        return _sequential(evaluator, node, arguments)
    if written in _MODEL_CLASSES:
        return _functional(evaluator, node, arguments)
    if written in REFUSED:
        raise _fail(node, REFUSED[written], cls=written)
    if written in MERGE_FUNCTIONS and "layers" in parts:
        return _merge_function(evaluator, MERGE_FUNCTIONS[written], node, arguments)
    cls = canonical(written)
    if cls is None:
        return None
    written_parts = dotted(node.func) or []
    old = [part for part in written_parts[:-1] if part in legacy.OLD_SUBMODULES]
    if old and "layers" in written_parts:
        evaluator.session.note(
            line_of(node), Phrase("note_old_submodule_call", old=old[0], written=written)
        )
    return _layer(evaluator, cls, written, node, arguments)


def _merge_function(
    evaluator: Evaluator, cls: str, node: ast.Call, arguments: Arguments
) -> TensorObject | Unknown:
    """`layers.add([x, y])`, `layers.concatenate([a, b], axis=1)`: Keras builds the merge
    layer and calls it on the list at once."""
    if not arguments.positional:
        raise _fail(node, "layer_call_needs_input", name=cls)
    tensors, *rest = arguments.positional
    layer = _layer(evaluator, cls, cls, node, Arguments(rest, arguments.keywords,
                                                         arguments.spread))
    return call_layer(evaluator, layer, node, Arguments([tensors], []))


def _fail(node: ast.AST | int | None, key: str, /, **values: object) -> ParseError:
    return fail(node, key, **values)


def _named(
    node: ast.Call, arguments: Arguments, positional: tuple[str, ...], what: str
) -> dict[str, legacy.Argument]:
    """Keyword name -> (value, node), positional arguments named as Keras names them."""
    if arguments.spread is not None:
        spread = arguments.spread
        if isinstance(spread, ast.Starred):
            raise _fail(node, "starred_argument", code=describe(spread.value))
        raise _fail(node, "double_starred_argument", code=describe(spread))
    if len(arguments.positional) > len(positional):
        raise _fail(node, "too_many_positional", what=what, count=len(positional))
    pairs = [(positional[i], pair) for i, pair in enumerate(arguments.positional)]
    pairs += [(key, (value, value_node)) for key, value, value_node in arguments.keywords]
    named: dict[str, legacy.Argument] = {}
    for key, pair in pairs:
        if key in named:
            raise _fail(node, "argument_twice", what=what, key=key)
        named[key] = pair
    return named


def literal(key: str, argument: legacy.Argument) -> object:
    """The argument's value as a plain literal, or a ParseError that says why it is not."""
    value, node = argument
    if is_plain(value):
        return plain(value)
    if isinstance(value, Unknown) and value.reason is not None:
        raise _fail(node, "known_at_run_time", key=key, code=describe(node), reason=value.reason)
    raise _fail(node, "must_be_literal", key=key, code=describe(node))


def _layer(
    evaluator: Evaluator, cls: str, written: str, node: ast.Call, arguments: Arguments
) -> LayerObject:
    session = evaluator.session
    line = line_of(node)
    named = _named(node, arguments, POSITIONAL[cls], written)
    legacy.translate(named, cls, written, line, session.note, len(arguments.positional))
    wrapped = None
    if cls in WRAPPERS:
        if "backward_layer" in named:
            raise _fail(line, "backward_layer")
        if "layer" not in named:
            raise _fail(line, "wrapper_needs_layer", cls=cls)
        wrapped, _ = named.pop("layer")
        if not isinstance(wrapped, LayerObject):
            raise _fail(line, "wrapper_needs_layer", cls=cls)
    accepted = _accepted(cls)
    args: dict[str, object] = {}
    for key, argument in named.items():
        if key not in accepted:
            close = difflib.get_close_matches(key, sorted(accepted), n=1)
            if close:
                raise _fail(line, "no_argument_suggest", cls=written, key=key, close=close[0])
            raise _fail(line, "no_argument", cls=written, key=key)
        if changes_nothing(key, cls):
            if is_plain(argument[0]):
                args[key] = plain(argument[0])
            continue  # activation=tf.nn.relu and the like change no shape
        args[key] = literal(key, argument)
    input_args = {
        key: args.pop(key)
        for key in legacy.INPUT_ARGUMENTS
        if key in args and not (key == "input_dim" and cls == "Embedding")
    }
    given = args.get("name")
    name = given if isinstance(given, str) else session.auto_name(cls)
    return LayerObject(
        cls=cls,
        written=written,
        args=args,
        line=line,
        name=name,
        key=session.key(),
        auto_named=given is None,
        wrapped=wrapped,
        input_args=input_args,
    )


@functools.cache
def _accepted(cls: str) -> frozenset[str]:
    """Keras' keywords for `cls` and the old input-shape ones the tutor also takes."""
    return accepted_keywords(cls) | frozenset(legacy.INPUT_ARGUMENTS)


def _input(
    evaluator: Evaluator, written: str, node: ast.Call, arguments: Arguments
) -> TensorObject | InputObject:
    """`keras.Input(shape=...)` (a tensor) or `InputLayer(shape=...)` (a layer)."""
    session = evaluator.session
    line = line_of(node)
    named = _named(node, arguments, INPUT_POSITIONAL, "Input")
    for old, new in (("input_shape", "shape"), ("batch_input_shape", "batch_shape")):
        if old in named and new not in named:
            session.note(line, Phrase("note_renamed_input", old=old, new=new))
            named[new] = named.pop(old)
    for key in named:
        if key not in _INPUT_KEYWORDS:
            raise _fail(line, "no_argument", cls="Input", key=key)
    if "shape" in named:
        shape = literal("shape", named["shape"])
        if isinstance(shape, int) and not isinstance(shape, bool):
            raise _fail(line, "shape_must_be_tuple", value=shape)
        batch = literal("batch_size", named["batch_size"]) if "batch_size" in named else None
        if batch is not None and (type(batch) is not int or batch < 1):
            raise _fail(line, "batch_size_positive", value=batch)
        full = (batch, *legacy.checked_shape(shape, "shape", line))
    elif "batch_shape" in named:
        batch_shape = legacy.checked_shape(literal("batch_shape", named["batch_shape"]),
                                           "batch_shape", line)
        if not batch_shape:
            raise _fail(line, "shape_not_tuple", key="batch_shape", value="()")
        full = batch_shape
    else:
        raise _fail(line, "input_needs_shape")
    given = literal("name", named["name"]) if "name" in named else None
    name = given if isinstance(given, str) else session.auto_name("InputLayer")
    made = InputObject(shape=full, name=name, line=line, key=session.key())
    return made if written == "InputLayer" else TensorObject(made)


def _sequential(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> SequentialObject:
    named = _named(node, arguments, _SEQUENTIAL_POSITIONAL, "Sequential")
    model = SequentialObject(line=line_of(node))
    evaluator.session.models.append(model)
    listed = named.get("layers")
    if listed is None or listed[0] is None:
        return model
    value, value_node = listed
    if not isinstance(value, (list, tuple)):
        if isinstance(value, Unknown) and value.reason is not None:
            raise _fail(node, "sequential_list_run_time", code=describe(value_node),
                        reason=value.reason)
        raise _fail(node, "sequential_needs_list", code=describe(value_node))
    written = value_node.elts if isinstance(value_node, (ast.List, ast.Tuple)) else []
    same = len(written) == len(value) and not any(isinstance(e, ast.Starred) for e in written)
    for index, item in enumerate(value):
        add(evaluator, model, item, written[index] if same else value_node)
    if "trainable" in named and literal("trainable", named["trainable"]) is False:
        set_trainable(model, False)
    return model


def add(evaluator: Evaluator, model: SequentialObject, item: object, node: ast.expr) -> None:
    """`model.add(item)`, or one element of `Sequential([...])`."""
    session = evaluator.session
    if isinstance(item, TensorObject) and isinstance(item.source, InputObject):
        item = item.source
    if isinstance(item, InputObject):
        if model.entries or model.input is not None:
            raise _fail(item.line, "input_first")
        model.input = item
        return
    if isinstance(item, LayerObject):
        first = not model.entries and model.input is None
        found = {**(item.wrapped.input_args if item.wrapped else {}), **item.input_args}
        shape = legacy.input_from_layer(found, item.cls, item.line, first, session.note)
        if shape is not None:
            batch = found.get("batch_size")
            if "batch_input_shape" in found:
                batch = found["batch_input_shape"][0]
            model.input = InputObject(
                shape=(batch if isinstance(batch, int) else None, *shape),
                name=session.auto_name("InputLayer"),
                line=item.line,
                key=session.key(),
            )
        model.entries.append(item)
        return
    raise not_a_layer(item, node)


def not_a_layer(item: object, node: ast.AST) -> ParseError:
    """Why `item` cannot be a layer: an unknown class (with a suggestion), a model, a
    tensor, or a value known only at run time."""
    if isinstance(item, Unknown) and item.call is not None and "applications" in item.call:
        return _fail(node, "pretrained_model", code=describe(node))
    if isinstance(item, Unknown) and item.call is not None:
        written = item.call.split(".")[-1]
        if written[:1].isupper():
            known = {name.lower(): name for name in (*POSITIONAL, *ALIASES)}  # `Lstm` -> LSTM
            close = difflib.get_close_matches(written.lower(), list(known), n=1)
            if close:
                return _fail(node, "unknown_layer_suggest", name=written, close=known[close[0]])
            return _fail(node, "unknown_layer", name=written, supported=supported_summary())
    if isinstance(item, (SequentialObject, FunctionalObject)):
        return _fail(node, "model_in_model")
    if isinstance(item, TensorObject):
        return _fail(node, "tensor_not_layer", code=describe(node))
    if isinstance(item, Unknown) and item.reason is not None:
        return _fail(node, "layer_at_run_time", code=describe(node), reason=item.reason)
    return _fail(node, "not_a_layer", code=describe(node))


def model_method(
    evaluator: Evaluator,
    model: SequentialObject | FunctionalObject,
    name: str,
    node: ast.Call,
    arguments: Arguments,
) -> object:
    """`add`, `pop` and `build` change a Sequential model; the usual others change no shape."""
    if isinstance(model, SequentialObject) and name in ("add", "pop", "build"):
        line = line_of(node)
        if name == "add":
            named = _named(node, arguments, ("layer",), "add")
            if "layer" not in named:
                raise _fail(line, "add_needs_layer")
            item, item_node = named["layer"]
            add(evaluator, model, item, item_node)
        elif name == "pop":
            if not model.entries:
                raise _fail(line, "pop_empty")
            model.entries.pop()
        else:
            named = _named(node, arguments, ("input_shape",), "build")
            if "input_shape" not in named:
                raise _fail(line, "build_needs_shape")
            shape = legacy.checked_shape(
                literal("input_shape", named["input_shape"]), "input_shape", line
            )
            if len(shape) < 2:
                raise _fail(line, "build_needs_batch")
            if model.input is None:
                session = evaluator.session
                model.input = InputObject(shape, session.auto_name("InputLayer"), line,
                                          session.key())
        return None
    return Unknown()


def set_trainable(target: LayerObject | SequentialObject | FunctionalObject, value: bool) -> None:
    """`x.trainable = False`: a layer, or every layer of a model (as Keras sets it)."""
    from tutor.engine.specs import graph_layers

    if isinstance(target, LayerObject):
        target.args["trainable"] = value
        if target.wrapped is not None:
            set_trainable(target.wrapped, value)
        return
    layers = target.entries if isinstance(target, SequentialObject) else graph_layers(target)
    for layer in layers:
        if isinstance(layer, LayerObject):
            set_trainable(layer, value)


def call_layer(
    evaluator: Evaluator, layer: LayerObject, node: ast.Call, arguments: Arguments
) -> TensorObject | Unknown:
    """`layer(x)` or `layer([x, y])`: a new node of the graph."""
    named = _named(node, arguments, ("inputs",), layer.name)
    for key in named:
        if key not in ("inputs", "training"):
            raise _fail(node, "layer_call_keyword", name=layer.name, key=key)
    if "inputs" not in named:
        raise _fail(node, "layer_call_needs_input", name=layer.name)
    value, value_node = named["inputs"]
    if isinstance(value, TensorObject):
        inputs, as_list = (value,), False
    elif isinstance(value, (list, tuple)) and value and all(
        isinstance(item, TensorObject) for item in value
    ):
        inputs, as_list = tuple(value), True
    elif isinstance(value, Unknown) or (
        isinstance(value, (list, tuple)) and any(isinstance(item, Unknown) for item in value)
    ):
        reasons = [v.reason for v in (value if isinstance(value, (list, tuple)) else [value])
                   if isinstance(v, Unknown) and v.reason is not None]
        return Unknown(reasons[0] if reasons else None)
    else:
        raise _fail(node, "layer_call_not_tensor", name=layer.name, code=describe(value_node))
    call = LayerCall(layer, inputs, as_list, line_of(node), evaluator.session.key())
    return TensorObject(call)


def _tensors(value: object, node: ast.expr, which: str) -> tuple[TensorObject, ...]:
    if isinstance(value, TensorObject):
        return (value,)
    if isinstance(value, (list, tuple)) and value and all(
        isinstance(item, TensorObject) for item in value
    ):
        return tuple(value)
    if isinstance(value, Unknown) and value.reason is not None:
        raise _fail(node, "model_tensors_run_time", which=which, code=describe(node),
                    reason=value.reason)
    if isinstance(value, (list, tuple)):
        for item in value:
            if isinstance(item, Unknown) and item.reason is not None:
                raise _fail(node, "model_tensors_run_time", which=which, code=describe(node),
                            reason=item.reason)
    raise _fail(node, "model_tensors", which=which, code=describe(node))


def _functional(evaluator: Evaluator, node: ast.Call, arguments: Arguments) -> object:
    """`keras.Model(inputs, outputs)`; with no inputs it is a subclass's call, unknown."""
    named = _named(node, arguments, ("inputs", "outputs", "name"), "Model")
    if "inputs" not in named and "outputs" not in named:
        return Unknown()
    for key in named:
        if key not in ("inputs", "outputs", "name", "trainable"):
            raise _fail(node, "no_argument", cls="Model", key=key)
    if "inputs" not in named or "outputs" not in named:
        raise _fail(node, "model_needs_inputs_outputs")
    inputs = _tensors(*named["inputs"], "inputs")
    outputs = _tensors(*named["outputs"], "outputs")
    for tensor, tensor_node in ((t, named["inputs"][1]) for t in inputs):
        if not isinstance(tensor.source, InputObject):
            raise _fail(tensor_node, "model_input_not_input", code=describe(tensor_node))
    model = FunctionalObject(line_of(node), inputs, outputs)
    evaluator.session.models.append(model)
    if "trainable" in named and literal("trainable", named["trainable"]) is False:
        set_trainable(model, False)
    return model
