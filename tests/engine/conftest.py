"""A seeded generator of valid Sequential models covering every supported layer and the
arguments that change shapes or counts; the Keras comparison and round-trip tests share it."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from tutor.engine import LayerSpec, ModelSpec, Shape, analyze

MODEL_COUNT = 320
SEED = 20240607
SEQUENTIAL_CLASSES = (
    "Dense", "Conv1D", "Conv2D", "MaxPooling1D", "MaxPooling2D", "AveragePooling1D",
    "AveragePooling2D", "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling1D",
    "GlobalMaxPooling2D", "Flatten", "Dropout", "BatchNormalization", "Activation", "Reshape",
    "Embedding", "SimpleRNN", "LSTM", "GRU", "Bidirectional", "Rescaling", "RandomFlip",
    "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast",
)  # fmt: skip
"""The classes these seeded models cover; the generated corpus (tests/engine/corpus) covers
every class the engine knows, merges and wrappers included."""

Maker = Callable[[random.Random, Shape], LayerSpec | None]


def _window(rng: random.Random, size: int | None, dilation: int = 1, limit: int = 5) -> int:
    """A kernel or pool size that fits `size` with padding='valid'."""
    if size is None:
        return rng.randint(1, limit)
    return rng.randint(1, max(1, min(limit, (size - 1) // dilation + 1)))


def _per_axis(rng: random.Random, values: list[int]) -> int | tuple[int, ...]:
    """Write `values` as one int when they agree and the coin says so, else as a tuple."""
    if len(set(values)) == 1 and rng.random() < 0.6:
        return values[0]
    return tuple(values)


def _conv(rank: int) -> Maker:
    def make(rng: random.Random, shape: Shape) -> LayerSpec | None:
        if len(shape) != rank + 2 or shape[-1] is None:
            return None
        paddings = ["valid", "same"] + (["causal"] if rank == 1 else [])
        padding = rng.choice(paddings)
        dilated = rng.random() < 0.25
        dilation = [rng.randint(1, 3) if dilated else 1 for _ in range(rank)]
        strides = [1 if dilated else rng.choice([1, 1, 2, 3]) for _ in range(rank)]
        sizes = shape[1:-1]
        if padding == "valid":
            kernel = [_window(rng, n, d) for n, d in zip(sizes, dilation, strict=True)]
        else:
            kernel = [rng.randint(1, 5) for _ in range(rank)]
        if rng.random() < 0.5:  # a square kernel, the common case
            kernel = [min(kernel)] * rank
        channels = shape[-1]
        groups = rng.choice([g for g in range(1, channels + 1) if channels % g == 0])
        groups = groups if rng.random() < 0.2 else 1
        args: dict[str, object] = {
            "filters": groups * rng.randint(1, 8),
            "kernel_size": _per_axis(rng, kernel),
        }
        if any(s > 1 for s in strides) or rng.random() < 0.2:
            args["strides"] = _per_axis(rng, strides)
        if dilated:
            args["dilation_rate"] = _per_axis(rng, dilation)
        if padding != "valid" or rng.random() < 0.2:
            args["padding"] = padding
        if groups > 1:
            args["groups"] = groups
        if rng.random() < 0.2:
            args["use_bias"] = False
        if rng.random() < 0.5:
            args["activation"] = "relu"
        cls = f"Conv{rank}D" if rng.random() < 0.9 else f"Convolution{rank}D"
        return LayerSpec(cls, args)

    return make


def _pool(rank: int) -> Maker:
    def make(rng: random.Random, shape: Shape) -> LayerSpec | None:
        if len(shape) != rank + 2:
            return None
        padding = rng.choice(["valid", "same"])
        sizes = shape[1:-1]
        if padding == "valid":
            window = [_window(rng, n, limit=4) for n in sizes]
        else:
            window = [rng.randint(1, 4) for _ in range(rank)]
        kind = rng.choice(["MaxPooling", "MaxPool", "AveragePooling", "AvgPool"])
        args: dict[str, object] = {}
        if rng.random() < 0.8 or kind.startswith("Av"):  # only MaxPooling has a default
            args["pool_size"] = _per_axis(rng, window)
        elif padding == "valid" and any(n is not None and n < 2 for n in sizes):
            return None  # the default 2 would not fit
        if rng.random() < 0.3:
            args["strides"] = _per_axis(rng, [rng.randint(1, 3) for _ in range(rank)])
        if padding == "same" or rng.random() < 0.2:
            args["padding"] = padding
        return LayerSpec(f"{kind}{rank}D", args)

    return make


def _global_pool(rank: int) -> Maker:
    def make(rng: random.Random, shape: Shape) -> LayerSpec | None:
        if len(shape) != rank + 2:
            return None
        kind = rng.choice(
            ["GlobalAveragePooling", "GlobalAvgPool", "GlobalMaxPooling", "GlobalMaxPool"]
        )
        args = {"keepdims": True} if rng.random() < 0.25 else {}
        return LayerSpec(f"{kind}{rank}D", args)

    return make


def _dense(rng: random.Random, shape: Shape) -> LayerSpec | None:
    if len(shape) < 2 or shape[-1] is None:
        return None
    args: dict[str, object] = {"units": rng.randint(1, 48)}
    if rng.random() < 0.2:
        args["use_bias"] = False
    if rng.random() < 0.5:
        args["activation"] = rng.choice(["relu", "softmax", "sigmoid"])
    return LayerSpec("Dense", args)


def _flatten(rng: random.Random, shape: Shape) -> LayerSpec | None:
    return LayerSpec("Flatten")


def _dropout(rng: random.Random, shape: Shape) -> LayerSpec | None:
    return LayerSpec("Dropout", {"rate": rng.choice([0.0, 0.1, 0.25, 0.3, 0.5, 1.0])})


def _activation(rng: random.Random, shape: Shape) -> LayerSpec | None:
    return LayerSpec("Activation", {"activation": rng.choice(["relu", "tanh", "softmax"])})


def _batch_norm(rng: random.Random, shape: Shape) -> LayerSpec | None:
    axes = [i for i in range(1, len(shape)) if shape[i] is not None]
    if not axes:
        return None
    args: dict[str, object] = {}
    if shape[-1] is None or rng.random() < 0.2:
        axis = rng.choice(axes)
        args["axis"] = axis if rng.random() < 0.5 else axis - len(shape)
    for flag in ("center", "scale"):
        if rng.random() < 0.25:
            args[flag] = False
    return LayerSpec("BatchNormalization", args)


def _divisors(n: int) -> list[int]:
    return [d for d in range(1, n + 1) if n % d == 0]


def _reshape(rng: random.Random, shape: Shape) -> LayerSpec | None:
    rest = shape[1:]
    if None in rest:
        last = rest[-1] if rest[-1] is not None else rng.randint(1, 4)
        return LayerSpec("Reshape", {"target_shape": (-1, last)})
    total = 1
    for d in rest:
        total *= d
    if total > 100_000:
        return None
    a = rng.choice(_divisors(total))
    b = rng.choice(_divisors(total // a))
    options = [(total,), (a, total // a), (a, -1), (-1, a), (a, b, total // (a * b)), (a, b, -1)]
    return LayerSpec("Reshape", {"target_shape": rng.choice(options)})


def _embedding(rng: random.Random, shape: Shape) -> LayerSpec | None:
    if len(shape) > 3 or (len(shape) == 3 and rng.random() < 0.8):
        return None
    args = {"input_dim": rng.randint(2, 2000), "output_dim": rng.randint(1, 16)}
    return LayerSpec("Embedding", args)


def _recurrent_args(rng: random.Random, cls: str) -> dict[str, object]:
    args: dict[str, object] = {"units": rng.randint(1, 24)}
    if rng.random() < 0.5:
        args["return_sequences"] = True
    if rng.random() < 0.2:
        args["use_bias"] = False
    if cls == "GRU" and rng.random() < 0.4:
        args["reset_after"] = False
    return args


def _recurrent(rng: random.Random, shape: Shape) -> LayerSpec | None:
    if len(shape) != 3 or shape[-1] is None:
        return None
    cls = rng.choice(["SimpleRNN", "LSTM", "GRU"])
    return LayerSpec(cls, _recurrent_args(rng, cls))


def _bidirectional(rng: random.Random, shape: Shape) -> LayerSpec | None:
    inner = _recurrent(rng, shape)
    if inner is None:
        return None
    if rng.random() < 0.1:
        inner = LayerSpec(inner.cls, {**inner.args, "trainable": False})
    args = {"merge_mode": rng.choice(["sum", "mul", "ave", "concat"])} if rng.random() < 0.5 else {}
    return LayerSpec("Bidirectional", args, wrapped=inner)


def _preprocessing(rng: random.Random, shape: Shape) -> LayerSpec | None:
    if len(shape) != 4:
        return LayerSpec("Rescaling", {"scale": rng.choice([1 / 255, 2.0])})
    cls = rng.choice(
        ["RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast"]
    )
    args: dict[str, object] = {
        "RandomFlip": {"mode": rng.choice(["horizontal", "vertical"])},
        "RandomRotation": {"factor": 0.1},
        "RandomZoom": {"height_factor": 0.1},
        "RandomTranslation": {"height_factor": 0.1, "width_factor": 0.1},
        "RandomContrast": {"factor": 0.2},
    }[cls]
    return LayerSpec(cls, args)


MAKERS: dict[Maker, int] = {  # maker -> weight; the rare, finicky layers come up more
    _conv(1): 5,
    _conv(2): 6,
    _pool(1): 3,
    _pool(2): 4,
    _global_pool(1): 1,
    _global_pool(2): 1,
    _dense: 2,
    _flatten: 1,
    _dropout: 1,
    _activation: 1,
    _batch_norm: 1,
    _reshape: 1,
    _embedding: 1,
    _recurrent: 4,
    _bidirectional: 3,
    _preprocessing: 3,
}


def _input_shape(rng: random.Random, family: str) -> Shape:
    def length(low: int, high: int) -> int | None:
        return None if rng.random() < 0.12 else rng.randint(low, high)

    if family == "image":
        return (length(4, 36), length(4, 36), rng.randint(1, 4))
    if family == "sequence":
        return (length(3, 30), rng.randint(1, 12))
    if family == "tokens":
        return (length(3, 30),)
    return (rng.randint(1, 64),)


def _decorate(rng: random.Random, layer: LayerSpec, index: int) -> LayerSpec:
    """Sometimes freeze a layer or name it, to test trainable counts and naming."""
    args = dict(layer.args)
    if rng.random() < 0.07:
        args["trainable"] = False
    if rng.random() < 0.07:
        args["name"] = f"my_layer_{index}"
    return LayerSpec(layer.cls, args, wrapped=layer.wrapped)


def random_model(rng: random.Random) -> ModelSpec:
    """A valid model: each layer is drawn from those that fit the current output shape."""
    family = rng.choice(["image", "image", "sequence", "sequence", "tokens", "vector"])
    input_shape = _input_shape(rng, family)
    layers: list[LayerSpec] = []
    shape: Shape = (None, *input_shape)
    if family == "tokens":
        layers.append(_embedding(rng, shape))
        shape = analyze(ModelSpec(input_shape, tuple(layers))).layers[-1].output_shape
    for index in range(rng.randint(1, 6)):
        for _ in range(20):
            (maker,) = rng.choices(list(MAKERS), weights=list(MAKERS.values()))
            layer = maker(rng, shape)
            if layer is not None:
                break
        else:
            continue
        layers.append(_decorate(rng, layer, index))
        shape = analyze(ModelSpec(input_shape, tuple(layers))).layers[-1].output_shape
    return ModelSpec(input_shape, tuple(layers))


@pytest.fixture(scope="session")
def generated_models() -> list[ModelSpec]:
    rng = random.Random(SEED)
    return [random_model(rng) for _ in range(MODEL_COUNT)]
