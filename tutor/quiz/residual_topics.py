"""Residual-block parameters (lesson 4.11): ResNet's basic block, two 3x3 convolutions and
a shortcut, counted with and without batch normalization and with and without the 1x1
projection that makes the shortcut fit when the block changes the shape.

Easy questions count one identity block; medium ones a block with a projection (its total,
or the projection alone); hard ones two blocks in a row, the second changing the shape."""

from __future__ import annotations

from random import Random

from tutor.quiz.draw import layer
from tutor.quiz.graph import GraphDraft, GraphWriter, graph_question
from tutor.quiz.question import Question, Slot, text

RESIDUAL_HINT = text(
    "Add up the block's layers. Conv2D: (KH * KW * C_in + 1) * filters, without the + 1 "
    "when use_bias=False. BatchNormalization: 4 * channels (gamma, beta, moving mean and "
    "variance). A 1x1 projection on the shortcut is a Conv2D like any other; Add and "
    "Activation have no parameters.",
    "블록의 층을 모두 더하세요. Conv2D: (KH * KW * C_in + 1) * 필터 수, use_bias=False면 "
    "+ 1을 뺍니다. BatchNormalization: 4 * 채널 수(gamma, beta, 이동 평균, 이동 분산). "
    "지름길의 1x1 투영도 다른 Conv2D와 같이 셉니다. Add와 Activation에는 파라미터가 "
    "없습니다.",
)
SIDES = (8, 14, 16, 28, 32, 56)
CHANNELS = (8, 12, 16, 24, 32, 48, 64)


def residual_params(rng: Random, slot: Slot) -> Question:
    make = {"easy": _identity, "medium": _projected, "hard": _two_blocks}[slot.difficulty]
    return graph_question(slot, make(rng), RESIDUAL_HINT)


def _block(
    graph: GraphWriter,
    given: str,
    channels: int,
    *,
    normalized: bool,
    stride: int = 1,
    projection: bool = False,
) -> int | None:
    """One basic block from tensor `given` to `x`; the line of its projection, if any.
    With batch normalization the convolutions have no bias, as in ResNet."""
    bias = False if normalized else None
    strides = stride if stride > 1 else None
    first = layer(
        "Conv2D", filters=channels, kernel_size=3, strides=strides, padding="same",
        activation=None if normalized else "relu", use_bias=bias,
    )  # fmt: skip
    graph.call("y", first, given)
    if normalized:
        graph.call("y", layer("BatchNormalization"), "y")
        graph.call("y", layer("Activation", activation="relu"), "y")
    second = layer("Conv2D", filters=channels, kernel_size=3, padding="same", use_bias=bias)
    graph.call("y", second, "y")
    if normalized:
        graph.call("y", layer("BatchNormalization"), "y")
    shortcut, line = given, None
    if projection:
        project = layer("Conv2D", filters=channels, kernel_size=1, strides=strides, use_bias=bias)
        line = graph.call("shortcut", project, given)
        if normalized:
            graph.call("shortcut", layer("BatchNormalization"), "shortcut")
        shortcut = "shortcut"
    graph.call("y", layer("Add"), "y", shortcut)
    graph.call("x", layer("Activation", activation="relu"), "y")
    return line


def _identity(rng: Random) -> GraphDraft:
    """One block whose shortcut is the input itself (the lesson's 56x56x64 among them)."""
    graph = GraphWriter()
    channels = rng.choice(CHANNELS)
    inputs = graph.input("inputs", (rng.choice(SIDES), rng.choice(SIDES[2:]), channels))
    _block(graph, inputs, channels, normalized=rng.random() < 0.6)
    return GraphDraft(graph.source([inputs], "x"), "total_params")


def _projected(rng: Random) -> GraphDraft:
    """A block that doubles the channels (and halves the size at stride 2): its total, or
    what the projection alone costs."""
    graph = GraphWriter()
    channels = rng.choice(CHANNELS)
    inputs = graph.input("inputs", (rng.choice(SIDES), rng.choice(SIDES), channels))
    line = _block(
        graph, inputs, 2 * channels, normalized=rng.random() < 0.6,
        stride=rng.choice((1, 2, 2)), projection=True,
    )  # fmt: skip
    if rng.random() < 0.3:
        return GraphDraft(graph.source([inputs], "x"), "params", line)
    return GraphDraft(graph.source([inputs], "x"), "total_params")


def _two_blocks(rng: Random) -> GraphDraft:
    """An identity block, then one that changes the shape through a projection."""
    graph = GraphWriter()
    channels = rng.choice(CHANNELS)
    normalized = rng.random() < 0.8
    inputs = graph.input("inputs", (rng.choice(SIDES[2:]), rng.choice(SIDES[2:]), channels))
    _block(graph, inputs, channels, normalized=normalized)
    stride = rng.choice((1, 2, 2))
    _block(graph, "x", 2 * channels, normalized=normalized, stride=stride, projection=True)
    return GraphDraft(graph.source([inputs], "x"), "total_params")
