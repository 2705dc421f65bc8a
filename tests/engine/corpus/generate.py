"""Generate the engine's held-out corpus: random Keras 3 models written as a learner might
write them, and what Keras itself says about each.

Sequential models are built with loops (for over ranges and tuples, with and without the
loop variable, while on a counter), conditions on constants, constants reassigned,
comprehensions, model.pop(), model.build(), fixed batch sizes and layer objects used
twice; functional models with chains, residual loops, branches joined by every merge
layer, several inputs and outputs and shared layers. Every layer class the engine reads
appears. Each candidate layer or block is tried on Keras' symbolic tensors first, so most
models are valid; the whole file is then run in a fresh Keras session and its
`model.layers` (name, class, output shape, trainable and non-trainable weights) and
totals recorded, or the fact that Keras refuses it.

The engine is not imported here: the corpus checks it from outside
(tests/engine/test_corpus.py). Run from the repository root (about a minute on 2 cores):

    .venv/bin/python tests/engine/corpus/generate.py [--count 600] [--seed 2026]

and commit tests/engine/corpus/models.jsonl, one model per line.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
from keras import layers

OUT = Path(__file__).with_name("models.jsonl")
HEAD = "import keras\nfrom keras import layers\n"
Shape = tuple
Maker = Callable[[random.Random, Shape], str | None]


# ---------------------------------------------------------------------------------------------
# Layers: each maker writes one layer call for an input of the given shape (batch included),
# or None when it does not apply; Keras decides whether it really fits.


def _pick(rng: random.Random, *options: object) -> object:
    return rng.choice(options)


def _known(shape: Shape) -> bool:
    return None not in shape[1:]


def _size(shape: Shape) -> int:
    return math.prod(d for d in shape[1:] if d is not None)


def _kernel(rng: random.Random, rank: int) -> str:
    sizes = [rng.randint(1, 3) for _ in range(rank)]
    return str(sizes[0]) if rng.random() < 0.6 else str(tuple(sizes))


def _conv(rank: int) -> Maker:
    def make(rng: random.Random, shape: Shape) -> str | None:
        args = [str(rng.randint(1, 8)), _kernel(rng, rank)]
        paddings = ["valid", "same"] + (["causal"] if rank == 1 else [])
        padding = rng.choice(paddings)
        if padding != "valid" or rng.random() < 0.2:
            args.append(f"padding={padding!r}")
        roll = rng.random()
        if roll < 0.25:
            args.append(f"strides={rng.randint(1, 2)}")
        elif roll < 0.4:
            args.append(f"dilation_rate={rng.randint(1, 2)}")
        if rng.random() < 0.15 and shape[-1] and shape[-1] % 2 == 0:
            args[0] = str(2 * rng.randint(1, 4))
            args.append("groups=2")
        if rng.random() < 0.2:
            args.append("use_bias=False")
        if rng.random() < 0.4:
            args.append('activation="relu"')
        cls = _pick(rng, f"Conv{rank}D", f"Conv{rank}D", f"Convolution{rank}D")
        return f"layers.{cls}({', '.join(args)})"

    return make


def _conv_transpose(rank: int) -> Maker:
    def make(rng: random.Random, shape: Shape) -> str | None:
        strides = rng.randint(1, 3)
        args = [str(rng.randint(1, 6)), _kernel(rng, rank), f"strides={strides}"]
        padding = rng.choice(["valid", "same"])
        args.append(f"padding={padding!r}")
        if strides > 1 and rng.random() < 0.4:
            args.append(f"output_padding={rng.randint(0, strides - 1)}")
        elif strides == 1 and rng.random() < 0.2:
            args.append(f"dilation_rate={rng.randint(1, 2)}")
        if rng.random() < 0.2:
            args.append("use_bias=False")
        return f"layers.Conv{rank}DTranspose({', '.join(args)})"

    return make


def _separable(rank: int) -> Maker:
    def make(rng: random.Random, shape: Shape) -> str | None:
        args = [str(rng.randint(1, 8)), _kernel(rng, rank)]
        if rng.random() < 0.4:
            args.append(f"depth_multiplier={rng.randint(1, 3)}")
        if rng.random() < 0.4:
            args.append("padding='same'")
        if rng.random() < 0.2:
            args.append("strides=2")
        if rng.random() < 0.2:
            args.append("use_bias=False")
        return f"layers.SeparableConv{rank}D({', '.join(args)})"

    return make


def _depthwise(rank: int) -> Maker:
    def make(rng: random.Random, shape: Shape) -> str | None:
        args = [_kernel(rng, rank)]
        if rng.random() < 0.5:
            args.append(f"depth_multiplier={rng.randint(1, 3)}")
        if rng.random() < 0.4:
            args.append("padding='same'")
        if rng.random() < 0.2:
            args.append("strides=2")
        if rng.random() < 0.2:
            args.append("use_bias=False")
        return f"layers.DepthwiseConv{rank}D({', '.join(args)})"

    return make


def _pool(rank: int) -> Maker:
    def make(rng: random.Random, shape: Shape) -> str | None:
        kind = rng.choice(["MaxPooling", "AveragePooling", "MaxPool", "AvgPool"])
        args = [] if kind.startswith("Max") and rng.random() < 0.3 else [_kernel(rng, rank)]
        if rng.random() < 0.3:
            args.append(f"strides={rng.randint(1, 2)}")
        if rng.random() < 0.4:
            args.append("padding='same'")
        return f"layers.{kind}{rank}D({', '.join(args)})"

    return make


def _global_pool(rank: int) -> Maker:
    def make(rng: random.Random, shape: Shape) -> str | None:
        kind = rng.choice(["GlobalMaxPooling", "GlobalAveragePooling", "GlobalAvgPool"])
        return f"layers.{kind}{rank}D({'keepdims=True' if rng.random() < 0.25 else ''})"

    return make


def _upsampling(rank: int) -> Maker:
    def make(rng: random.Random, shape: Shape) -> str | None:
        if rank == 1:
            return f"layers.UpSampling1D({rng.randint(1, 3)})"
        size = _pick(rng, "", "2", str(tuple(rng.randint(1, 3) for _ in range(rank))))
        extra = ", interpolation='bilinear'" if rank == 2 and size and rng.random() < 0.3 else ""
        return f"layers.UpSampling{rank}D({size}{extra})"

    return make


def _padding_pairs(rng: random.Random, rank: int, high: int) -> str:
    roll = rng.random()
    if roll < 0.3:
        return str(rng.randint(0, high))
    if roll < 0.6:
        return str(tuple(rng.randint(0, high) for _ in range(rank)))
    return str(tuple((rng.randint(0, high), rng.randint(0, high)) for _ in range(rank)))


def _zero_padding(rank: int) -> Maker:
    def make(rng: random.Random, shape: Shape) -> str | None:
        if rank == 1:
            return f"layers.ZeroPadding1D({_pick(rng, '', '2', '(1, 3)')})"
        return f"layers.ZeroPadding{rank}D({_padding_pairs(rng, rank, 2)})"

    return make


def _cropping(rank: int) -> Maker:
    def make(rng: random.Random, shape: Shape) -> str | None:
        if rank == 1:
            return f"layers.Cropping1D({_pick(rng, '', '(0, 2)', '(2, 1)')})"
        return f"layers.Cropping{rank}D({_padding_pairs(rng, rank, 2)})"

    return make


def _spatial_dropout(rank: int) -> Maker:
    return lambda rng, shape: f"layers.SpatialDropout{rank}D({_pick(rng, 0.1, 0.25, 0.5)})"


def _dense(rng: random.Random, shape: Shape) -> str | None:
    args = [str(rng.randint(1, 24))]
    if rng.random() < 0.2:
        args.append("use_bias=False")
    if rng.random() < 0.4:
        args.append(f"activation={_pick(rng, 'relu', 'softmax', 'tanh')!r}")
    return f"layers.Dense({', '.join(args)})"


def _same_shape(rng: random.Random, shape: Shape) -> str | None:
    return rng.choice(
        [
            f"layers.Dropout({_pick(rng, 0.0, 0.2, 0.5)})",
            f"layers.GaussianNoise({_pick(rng, 0.1, 0.5)})",
            f"layers.GaussianDropout({_pick(rng, 0.1, 0.3)})",
            f"layers.AlphaDropout({_pick(rng, 0.1, 0.3)})",
            "layers.ActivityRegularization(l1=0.01)",
            f"layers.Activation({_pick(rng, 'relu', 'tanh')!r})",
            "layers.ReLU()",
            "layers.ReLU(max_value=6.0)",
            "layers.LeakyReLU(negative_slope=0.2)",
            "layers.ELU()",
            "layers.Softmax()",
            "layers.Identity()",
            "layers.UnitNormalization()",
        ]
    )


def _normalization(rng: random.Random, shape: Shape) -> str | None:
    last = shape[-1]
    options = ["layers.BatchNormalization()", "layers.LayerNormalization()"]
    if rng.random() < 0.3:
        options.append("layers.BatchNormalization(center=False)")
        options.append("layers.LayerNormalization(scale=False)")
    if last:
        divisors = [g for g in range(1, last + 1) if last % g == 0]
        options.append(f"layers.GroupNormalization(groups={rng.choice(divisors)})")
    return rng.choice(options)


def _prelu(rng: random.Random, shape: Shape) -> str | None:
    if not _known(shape) or _size(shape) > 5000:
        return None
    if len(shape) > 2 and rng.random() < 0.5:
        return f"layers.PReLU(shared_axes={list(range(1, len(shape) - 1))})"
    return "layers.PReLU()"


def _flatten(rng: random.Random, shape: Shape) -> str | None:
    return "layers.Flatten()" if len(shape) > 2 else None


def _reshape(rng: random.Random, shape: Shape) -> str | None:
    if not _known(shape) or _size(shape) > 50_000:
        return None
    total = _size(shape)
    divisors = [d for d in range(1, total + 1) if total % d == 0]
    a = rng.choice(divisors)
    return f"layers.Reshape({_pick(rng, (total,), (a, total // a), (a, -1), (-1, a))})"


def _repeat(rng: random.Random, shape: Shape) -> str | None:
    return f"layers.RepeatVector({rng.randint(2, 5)})" if len(shape) == 2 else None


def _permute(rng: random.Random, shape: Shape) -> str | None:
    order = list(range(1, len(shape)))
    rng.shuffle(order)
    return f"layers.Permute({tuple(order)})" if len(order) > 1 else None


def _recurrent(rng: random.Random, shape: Shape) -> str | None:
    cls = rng.choice(["SimpleRNN", "LSTM", "GRU"])
    args = [str(rng.randint(1, 12))]
    if rng.random() < 0.5:
        args.append("return_sequences=True")
    if rng.random() < 0.15:
        args.append("use_bias=False")
    if cls == "GRU" and rng.random() < 0.3:
        args.append("reset_after=False")
    inner = f"layers.{cls}({', '.join(args)})"
    if rng.random() < 0.4:
        mode = _pick(rng, "", ", merge_mode='sum'", ", merge_mode='mul'", ", merge_mode='ave'")
        return f"layers.Bidirectional({inner}{mode})"
    return inner


def _sequence_only(rng: random.Random, shape: Shape) -> str | None:
    return rng.choice(
        [
            "layers.Masking(mask_value=0.0)",
            f"layers.TimeDistributed(layers.Dense({rng.randint(1, 8)}))",
        ]
    )


def _conv_lstm(rank: int) -> Maker:
    def make(rng: random.Random, shape: Shape) -> str | None:
        args = [str(rng.randint(1, 4)), _kernel(rng, rank)]
        if rng.random() < 0.4:
            args.append("padding='same'")
        if rng.random() < 0.4:
            args.append("return_sequences=True")
        return f"layers.ConvLSTM{rank}D({', '.join(args)})"

    return make


def _time_distributed(rng: random.Random, shape: Shape) -> str | None:
    inner_rank = len(shape) - 3
    if inner_rank == 1:
        inner = _conv(1)(rng, shape)
    elif inner_rank == 2:
        inner = rng.choice([_conv(2)(rng, shape), "layers.MaxPooling2D()", "layers.Flatten()"])
    else:
        return None
    return f"layers.TimeDistributed({inner})"


def _augment(rng: random.Random, shape: Shape) -> str | None:
    return rng.choice(
        [
            "layers.RandomFlip('horizontal')",
            "layers.RandomRotation(0.1)",
            "layers.RandomZoom(0.2)",
            "layers.RandomTranslation(0.1, 0.1)",
            "layers.RandomContrast(0.2)",
            "layers.Rescaling(1 / 255)",
        ]
    )


COMMON: list[tuple[Maker, int]] = [
    (_dense, 3), (_same_shape, 3), (_normalization, 2), (_prelu, 1), (_flatten, 1),
    (_reshape, 1),
]  # fmt: skip
BY_RANK: dict[int, list[tuple[Maker, int]]] = {
    2: [(_repeat, 1)],
    3: [
        (_conv(1), 4), (_conv_transpose(1), 1), (_separable(1), 1), (_depthwise(1), 1),
        (_pool(1), 2), (_global_pool(1), 1), (_upsampling(1), 1), (_zero_padding(1), 1),
        (_cropping(1), 1), (_spatial_dropout(1), 1), (_recurrent, 4), (_sequence_only, 1),
        (_permute, 1),
    ],
    4: [
        (_conv(2), 5), (_conv_transpose(2), 2), (_separable(2), 2), (_depthwise(2), 2),
        (_pool(2), 3), (_global_pool(2), 1), (_upsampling(2), 1), (_zero_padding(2), 1),
        (_cropping(2), 1), (_spatial_dropout(2), 1), (_augment, 1), (_conv_lstm(1), 1),
        (_time_distributed, 1), (_permute, 1),
    ],
    5: [
        (_conv(3), 3), (_conv_transpose(3), 1), (_pool(3), 2), (_global_pool(3), 1),
        (_upsampling(3), 1), (_zero_padding(3), 1), (_cropping(3), 1), (_spatial_dropout(3), 1),
        (_conv_lstm(2), 1), (_time_distributed, 1),
    ],
    6: [(_conv_lstm(3), 1)],
}  # fmt: skip


def _try(text: str, shape: Shape) -> Shape | None:
    """The output shape of `text` called on a symbolic tensor, or None if Keras refuses."""
    try:
        layer = eval(text, {"keras": keras, "layers": layers})  # trusted: written above
        out = layer(keras.KerasTensor(shape))
    except Exception:
        return None
    if isinstance(out, (list, tuple)) or any(d == 0 for d in out.shape):
        return None
    return tuple(out.shape)


def layer_for(rng: random.Random, shape: Shape) -> tuple[str, Shape] | None:
    """A random layer that Keras accepts on `shape`, with its output shape."""
    makers = [*COMMON, *BY_RANK.get(len(shape), [])]
    for _ in range(30):
        (maker,) = rng.choices([m for m, _ in makers], weights=[w for _, w in makers])
        text = maker(rng, shape)
        if text is None:
            continue
        out = _try(text, shape)
        if out is not None and _size(out) <= 200_000 and len(out) >= 2:
            return text, out
    return None


def input_shape(rng: random.Random) -> Shape:
    def length(low: int, high: int) -> int | None:
        return None if rng.random() < 0.08 else rng.randint(low, high)

    family = rng.choice(["vector", "sequence", "sequence", "image", "image", "volume", "tokens"])
    if family == "vector":
        return (rng.randint(2, 32),)
    if family == "sequence":
        return (length(4, 24), rng.randint(1, 8))
    if family == "image":
        return (length(8, 28), length(8, 28), rng.randint(1, 4))
    if family == "tokens":
        return (length(4, 24),)
    if rng.random() < 0.2:
        return (rng.randint(2, 4), rng.randint(5, 8), rng.randint(5, 8), rng.randint(5, 8), 1)
    return (rng.randint(4, 10), rng.randint(6, 12), rng.randint(6, 12), rng.randint(1, 3))


# ---------------------------------------------------------------------------------------------
# Sequential programs


def sequential_program(rng: random.Random) -> str:
    shape_only = input_shape(rng)
    batch = rng.choice([None] * 6 + [4, 16])
    shape: Shape = (batch, *shape_only)
    top: list[str] = []
    body: list[str] = []
    listed: list[str] = []
    style = rng.random()
    if batch is not None and rng.random() < 0.5:
        listed.append(f"keras.Input(batch_shape={shape})")
    elif batch is not None:
        listed.append(f"keras.Input(shape={shape_only}, batch_size={batch})")
    elif style < 0.15:
        pass  # no Input: model.build() at the end
    else:
        listed.append(f"keras.Input(shape={shape_only})")
    if len(shape) == 2 and rng.random() < 0.9:  # token ids: start with an Embedding
        width = rng.randint(2, 16)
        mask = ", mask_zero=True" if rng.random() < 0.2 else ""
        listed.append(f"layers.Embedding({rng.randint(10, 500)}, {width}{mask})")
        shape = (*shape, width)
    use_list = rng.random() < 0.5
    for block in range(rng.randint(2, 6)):
        made = _sequential_block(rng, shape, top, block)
        if made is None:
            continue
        lines, shape, single = made
        if use_list and single is not None and not body:
            listed.append(single)
        else:
            body.extend(lines)
    text = [*top, f"model = keras.Sequential([{', '.join(listed)}])", *body]
    if not any(part.startswith("keras.Input") for part in listed):
        text.append(f"model.build(input_shape={(batch, *shape_only)})")
    return "\n".join(text) + "\n"


def _sequential_block(
    rng: random.Random, shape: Shape, top: list[str], index: int
) -> tuple[list[str], Shape, str | None] | None:
    """Lines that add layers to `model`, the shape after them, and the layer alone when
    the block is a single layer (so it can go into the list instead)."""
    kind = rng.choices(
        ["single", "loop", "loop_var", "while", "if", "constant", "pop", "shared", "listed"],
        weights=[6, 2, 2, 1, 2, 1, 1, 1, 1],
    )[0]
    found = layer_for(rng, shape)
    if found is None:
        return None
    text, out = found
    if kind == "loop" or kind == "while":
        times = rng.randint(2, 3)
        again = shape
        for _ in range(times):
            again = _try(text, again)
            if again is None:
                return [f"model.add({text})"], out, text
        if kind == "loop":
            variable = _pick(rng, "_", "i", "repeat")
            return [f"for {variable} in range({times}):", f"    model.add({text})"], again, None
        counter = f"n{index}"
        return (
            [f"{counter} = 0", f"while {counter} < {times}:", f"    model.add({text})",
             f"    {counter} += 1"],
            again,
            None,
        )  # fmt: skip
    if kind == "loop_var" and text.startswith(("layers.Dense(", "layers.Conv")):
        values = [rng.randint(1, 12) for _ in range(rng.randint(2, 3))]
        head, rest = text.split("(", 1)
        rest = rest.split(",", 1)[1] if "," in rest else ")"
        template = f"{head}(width{', ' + rest.strip() if rest != ')' else ')'}"
        again = shape
        for value in values:
            again = _try(template.replace("width", str(value), 1), again)
            if again is None:
                return [f"model.add({text})"], out, text
        return [f"for width in {tuple(values)}:", f"    model.add({template})"], again, None
    if kind == "if":
        flag = f"USE_{index}"
        top.append(f"{flag} = {rng.random() < 0.5}")
        taken = top[-1].endswith("True")
        other = f"layers.Dense({rng.randint(50, 99)})"
        first, second = (text, other) if taken else (other, text)
        return [f"if {flag}:", f"    model.add({first})", "else:", f"    model.add({second})"], \
            out, None
    if kind == "constant" and text.startswith("layers.Dense("):
        name = f"UNITS_{index}"
        value = text.split("(", 1)[1].split(",")[0].split(")")[0]
        top.append(f"{name} = {int(value) + 7}")
        top.append(f"{name} = {name} - 7")
        return [f"model.add({text.replace(value, name, 1)})"], out, None
    if kind == "pop":
        extra = layer_for(rng, out)
        if extra is not None:
            return [f"model.add({text})", f"model.add({extra[0]})", "model.pop()"], out, None
    if kind == "shared" and text.startswith("layers.Dense(") and out == shape:
        name = f"shared_{index}"
        return [f"{name} = {text}", f"model.add({name})", f"model.add({name})"], out, None
    if kind == "listed":
        return [f"model.add({text})"], out, text
    return [f"model.add({text})"], out, text


# ---------------------------------------------------------------------------------------------
# Functional programs


class _Graph:
    """A functional program grown statement by statement against live symbolic tensors:
    a statement Keras refuses is dropped (tried on a copy of the namespace)."""

    def __init__(self) -> None:
        keras.backend.clear_session(free_memory=False)
        self.namespace: dict[str, object] = {"keras": keras, "layers": layers}
        self.lines: list[str] = []
        self.tensors: list[str] = []

    def run(self, lines: list[str], new: list[str] = ()) -> bool:
        trial = dict(self.namespace)
        try:
            exec("\n".join(lines), trial)  # trusted: written by this generator
        except Exception:
            return False
        for name in new:
            value = trial.get(name)
            if not hasattr(value, "shape") or any(d == 0 for d in value.shape):
                return False
        self.namespace = trial
        self.lines.extend(lines)
        self.tensors.extend(name for name in new if name not in self.tensors)
        return True

    def shape(self, name: str) -> Shape:
        return tuple(self.namespace[name].shape)


def functional_program(rng: random.Random) -> str:
    graph = _Graph()
    count = rng.choices([1, 2, 3], weights=[6, 3, 1])[0]
    first = input_shape(rng)
    inputs = []
    for index in range(count):
        shape = first if index == 0 or rng.random() < 0.6 else input_shape(rng)
        name = f"in_{index}"
        label = f", name='{_pick(rng, 'image', 'text', 'extra', 'side')}_{index}'" \
            if rng.random() < 0.3 else ""
        graph.run([f"{name} = keras.Input(shape={shape}{label})"], [name])
        inputs.append(name)
        if len(shape) == 1 and rng.random() < 0.8:
            graph.run([f"{name}_e = layers.Embedding({rng.randint(10, 300)}, "
                       f"{rng.randint(2, 12)})({name})"], [f"{name}_e"])
    for step in range(rng.randint(3, 9)):
        _functional_step(rng, graph, step)
    outputs = graph.tensors[-rng.randint(1, 2):]
    spelled_inputs = f"[{', '.join(inputs)}]"
    if len(inputs) == 1 and rng.random() < 0.5:
        spelled_inputs = inputs[0]
    spelled_outputs = outputs[0] if len(outputs) == 1 else f"[{', '.join(outputs)}]"
    model = rng.choice([
        f"keras.Model({spelled_inputs}, {spelled_outputs})",
        f"keras.Model(inputs={spelled_inputs}, outputs={spelled_outputs})",
        f"keras.models.Model(inputs={spelled_inputs}, outputs={spelled_outputs}, name='net')",
    ])  # fmt: skip
    return "\n".join([*graph.lines, f"model = {model}"]) + "\n"


def _functional_step(rng: random.Random, graph: _Graph, step: int) -> None:
    source = rng.choice(graph.tensors[-3:])
    shape = graph.shape(source)
    new = f"x{step}"
    kind = rng.choices(
        ["chain", "residual", "branches", "merge", "shared", "merge_function"],
        weights=[5, 2, 2, 2, 1, 1],
    )[0]
    found = layer_for(rng, shape)
    if found is None:
        return
    text, _ = found
    if kind == "residual" and len(shape) in (3, 4):
        conv = f"Conv{len(shape) - 2}D"
        filters = shape[-1] or 4
        lines = [
            f"{new} = {source}",
            f"for width in {(filters,) * rng.randint(1, 2)}:",
            f"    y = layers.{conv}(width, 3, padding='same', activation='relu')({new})",
            f"    y = layers.{conv}(width, 3, padding='same')(y)",
            f"    {new} = layers.Add()([{new}, y])",
        ]
        if graph.run(lines, [new]):
            return
    if kind == "branches":
        other = layer_for(rng, shape)
        if other is not None:
            axis = _pick(rng, "", "", "axis=-1", "axis=1")
            lines = [
                f"a{step} = {text}({source})",
                f"b{step} = {other[0]}({source})",
                f"{new} = layers.Concatenate({axis})([a{step}, b{step}])",
            ]
            if graph.run(lines, [new]):
                return
    if kind in ("merge", "merge_function"):
        partners = [t for t in graph.tensors if t != source and graph.shape(t) == shape]
        partner = rng.choice(partners) if partners else f"{text}({source})"
        merge = rng.choice(["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum",
                            "Concatenate", "Dot"])
        if kind == "merge_function" and merge != "Dot":
            call = f"layers.{merge.lower()}([{source}, {partner}])"
        elif merge == "Dot":
            call = f"layers.Dot(axes={len(shape) - 1})([{source}, {partner}])"
        else:
            call = f"layers.{merge}()([{source}, {partner}])"
        if graph.run([f"{new} = {call}"], [new]):
            return
    if kind == "shared":
        partners = [t for t in graph.tensors if t != source and graph.shape(t) == shape]
        if partners:
            lines = [
                f"shared{step} = {text}",
                f"{new} = shared{step}({source})",
                f"{new}_b = shared{step}({rng.choice(partners)})",
            ]
            if graph.run(lines, [new, f"{new}_b"]):
                return
    graph.run([f"{new} = {text}({source})"], [new])


# ---------------------------------------------------------------------------------------------
# What Keras says


def _count(weights: list) -> int:
    return sum(math.prod(w.shape) for w in weights)


def keras_answer(source: str) -> dict[str, object]:
    keras.backend.clear_session(free_memory=False)
    namespace: dict[str, object] = {}
    try:
        exec(HEAD + source, namespace)  # trusted: written by this generator
        model = namespace["model"]
        rows = [
            [
                layer.name,
                type(layer).__name__,
                list(layer.output.shape),
                _count(layer.trainable_weights),
                _count(layer.non_trainable_weights),
            ]
            for layer in model.layers
        ]
    except Exception as error:
        return {"refused": f"{type(error).__name__}: {str(error).splitlines()[0][:120]}"}
    return {
        "layers": rows,
        "total_params": _count(model.weights),
        "trainable_params": _count(model.trainable_weights),
    }


IMPOSSIBLE = [
    "model.add(layers.Conv2D(4, 99))",
    "model.add(layers.LSTM(4))",
    "model.add(layers.Reshape((7, 11, 13)))",
    "model.add(layers.MaxPooling3D(2))",
    "model.add(layers.Cropping1D((50, 50)))",
    "model.add(layers.GroupNormalization(groups=7))",
]
"""Lines a generated Sequential model sometimes ends with, unchecked: most cannot fit, so
the corpus also holds models Keras refuses, which the engine must refuse too."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    records = []
    while len(records) < options.count:
        kind = "sequential" if len(records) % 2 == 0 else "functional"
        source = sequential_program(rng) if kind == "sequential" else functional_program(rng)
        if kind == "sequential" and rng.random() < 0.05:
            source += rng.choice(IMPOSSIBLE) + "\n"
        answer = keras_answer(source)
        records.append({"kind": kind, "source": source, **answer})
        if len(records) % 50 == 0:
            print(f"{len(records)} models", file=sys.stderr)
    with OUT.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    refused = sum("refused" in record for record in records)
    print(f"wrote {len(records)} models ({refused} refused by Keras) to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
