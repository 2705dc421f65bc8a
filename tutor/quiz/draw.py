"""Small seeded drawing helpers shared by the model topics: layers written the way course
code writes them, with numbers that look like real models (16, 32, 64 filters...)."""

from __future__ import annotations

from random import Random

from tutor.engine import LayerSpec, Shape

FILTERS = (4, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 64)
UNITS = (4, 8, 10, 12, 16, 20, 32, 50, 64, 100, 128, 256)


def layer(cls: str, **args: object) -> LayerSpec:
    """A LayerSpec with the arguments in the order given (that is how `to_source` writes
    them); arguments given as None are left out, so callers can write `use_bias=None`."""
    return LayerSpec(cls, {key: value for key, value in args.items() if value is not None})


def conv2d(
    rng: Random,
    filters: int,
    kernel: int | tuple[int, int],
    *,
    strides: int | tuple[int, int] | None = None,
    padding: str | None = None,
    use_bias: bool | None = None,
) -> LayerSpec:
    """`layers.Conv2D(32, 3, ...)`, with activation="relu" half the time as in the notes."""
    activation = "relu" if rng.random() < 0.5 else None
    return layer(
        "Conv2D",
        filters=filters,
        kernel_size=kernel,
        strides=strides,
        padding=padding,
        activation=activation,
        use_bias=use_bias,
    )


def max_or_average(rng: Random, weight_max: float = 0.7) -> str:
    return "MaxPooling2D" if rng.random() < weight_max else "AveragePooling2D"


def maybe_tuple(rng: Random, value: int, chance: float) -> int | tuple[int, int]:
    """`3` or `(3, 3)`: both spellings appear in real code and mean the same."""
    return (value, value) if rng.random() < chance else value


def image_shape(
    rng: Random, low: int, high: int, channels: tuple[int, ...] = (1, 3), square: float = 0.7
) -> Shape:
    height = rng.randint(low, high)
    width = height if rng.random() < square else rng.randint(low, high)
    return (height, width, rng.choice(channels))
