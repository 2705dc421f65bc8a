"""What a layer rule returns, and small formatting helpers the rules share."""

from __future__ import annotations

from dataclasses import dataclass

from tutor.engine.model import Shape


@dataclass(frozen=True)
class Outcome:
    """A rule's answer for one layer, before naming and `trainable=False` are applied."""

    output_shape: Shape
    trainable: int
    non_trainable: int
    shape_derivation: str
    params_derivation: str = "params = 0"


def same_shape(shape: Shape, why: str) -> Outcome:
    """For layers that change values but not the shape (Dropout, Activation)."""
    return Outcome(shape, 0, 0, f"shape unchanged: {why}")


def dims(shape: Shape) -> str:
    """`28x28` for spatial axes, as learners say it."""
    return "x".join(str(d) for d in shape)


def times(values: tuple[int, ...]) -> str:
    """`3*3*1`: a product written out with its factors."""
    return "*".join(str(v) for v in values)


def a_vector(width: int) -> str:
    """`a 16-vector`, `an 8-vector`, `an 11-vector`: the article English says the number
    with (its leading group of digits is said first: eight..., eleven, eighteen)."""
    digits = str(width)
    lead = digits[: len(digits) % 3 or 3]
    article = "an" if lead.startswith("8") or lead in ("11", "18") else "a"
    return f"{article} {width}-vector"
