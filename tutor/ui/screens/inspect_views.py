"""What the Inspect screen draws, built from plain arrays: feature maps, filters, a Dense
layer's weights per unit, the gallery of mistakes, per-class accuracy next to the
confusion matrix, the layer table and a decoded text. Kept apart from the screen, which
only decides what to ask the model and when."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich.table import Table
from rich.text import Text

from tutor.i18n import translate
from tutor.inspect.layers import LayerRow
from tutor.inspect.protocol import class_probabilities
from tutor.inspect.saved import Inspection
from tutor.inspect.text import Token
from tutor.ui.widgets.picture import Pixels, scaled, shrink

MAP_WIDTH = 14
"""Feature maps and units are drawn at most this many pixels wide (26x26 at half size)."""
FILTER_PIXELS = 6
"""A 3x3 filter is drawn 6x6 (each weight a 2x2 block): one pixel each would be a dot."""
VECTOR_WIDTH = 64
MATRIX_MOST = 12
"""A confusion matrix is drawn for at most this many classes (not Reuters' 46)."""
Items = list[tuple[str, Pixels]]


def map_items(output: np.ndarray, *, plain: bool) -> Items:
    """One labelled picture per channel of an (H, W, C) output, scaled over the whole layer
    so bright means the same in every map; (steps, features) and vectors as one picture."""
    values = scaled(output)
    if values.ndim == 3:
        return [
            (f"#{channel}", Pixels(shrink(values[:, :, channel], MAP_WIDTH), plain=plain))
            for channel in range(values.shape[2])
        ]
    if values.ndim == 2:  # (time steps, features): time along the line
        return [("", Pixels(shrink(values.T, VECTOR_WIDTH), plain=plain))]
    flat = values.reshape(-1)
    width = min(len(flat), VECTOR_WIDTH)
    rows = -(-len(flat) // width)
    padded = np.zeros(rows * width)
    padded[: len(flat)] = flat
    return [("", Pixels(padded.reshape(rows, width), plain=plain))]


def _blown_up(kernel: np.ndarray) -> np.ndarray:
    factor = max(1, FILTER_PIXELS // max(kernel.shape))
    return np.kron(kernel, np.ones((factor, factor)))


def filter_items(kernel: np.ndarray, *, plain: bool) -> Items:
    """A convolution's filters (kh, kw, in, out), each input channel its own picture, blue
    for negative weights and orange for positive, scaled over all filters."""
    weights = scaled(kernel, signed=True)
    channels, filters = weights.shape[2], weights.shape[3]
    return [
        (
            f"#{number}" + (f"·{channel}" if channels > 1 else ""),
            Pixels(_blown_up(weights[:, :, channel, number]), signed=True, plain=plain),
        )
        for number in range(filters)
        for channel in range(channels)
    ]


def unit_items(kernel: np.ndarray, image_shape: Sequence[int], *, plain: bool) -> Items:
    """A Dense layer on pictures: each unit's weights as a picture of the input."""
    weights = scaled(kernel, signed=True)
    height, width = image_shape[0], image_shape[1]
    items = []
    for unit in range(weights.shape[1]):
        picture = weights[:, unit].reshape(height, width, -1).mean(axis=2)
        items.append((f"#{unit}", Pixels(shrink(picture, MAP_WIDTH), signed=True, plain=plain)))
    return items


def matrix_item(kernel: np.ndarray, *, plain: bool) -> Items:
    """Any other weight matrix (inputs x units) as one picture."""
    weights = scaled(kernel.reshape(kernel.shape[0], -1), signed=True)
    return [("", Pixels(shrink(weights, VECTOR_WIDTH), signed=True, plain=plain))]


def predicted_class(saved: Inspection, outputs: np.ndarray, index: int) -> tuple[int, float]:
    """(class, its probability) the model gives saved input `index`."""
    probabilities, predicted = class_probabilities(outputs[index], saved.task)
    return int(predicted), probabilities[int(predicted)] if probabilities else 0.0


def mistake_items(saved: Inspection, outputs: np.ndarray, *, plain: bool) -> Items:
    """The most confident mistakes as small pictures labelled `true→predicted 97%`."""
    items = []
    for index in saved.mistakes:
        predicted, confidence = predicted_class(saved, outputs, index)
        label = f"{saved.class_name(int(saved.labels[index]))}→{saved.class_name(predicted)}"
        picture = shrink(scaled(saved.image(index)), MAP_WIDTH)
        items.append((f"{label} {confidence:.0%}", Pixels(picture, plain=plain)))
    return items


def mistake_lines(saved: Inspection, outputs: np.ndarray, lang: str) -> Text:
    """Text models: each mistake as `true → predicted 97%: the first words…`."""
    from tutor.inspect.text import decode

    text = Text()
    for index in saved.mistakes:
        predicted, confidence = predicted_class(saved, outputs, index)
        true = saved.class_name(int(saved.labels[index]))
        words = " ".join(token.text for token in decode(saved.inputs[index], saved.vocabulary))
        text.append(f"{true} → {saved.class_name(predicted)} {confidence:.0%}: ", style="bold")
        text.append(words[:300] + ("…" if len(words) > 300 else "") + "\n")
    return text or Text(translate("No mistakes among the saved samples.", lang))


def accuracy_table(saved: Inspection, lang: str) -> Table | Text:
    """Per-class accuracy over the whole test set, beside the confusion matrix (rows: true
    class, columns: predicted) when the classes are few enough to draw it."""
    matrix = saved.confusion_matrix
    if not matrix:
        return Text(translate("No confusion matrix was saved for this run.", lang))
    table = Table(box=None, padding=(0, 1, 0, 0), show_edge=False)
    table.add_column(translate("true class", lang), no_wrap=True, max_width=14)
    table.add_column(translate("right", lang), justify="right", no_wrap=True)
    drawn = len(matrix) <= MATRIX_MOST
    if drawn:
        for column in range(len(matrix)):
            table.add_column(str(column), justify="right", no_wrap=True)
    for index, (row, accuracy) in enumerate(zip(matrix, saved.per_class_accuracy(), strict=True)):
        cells = [
            Text(str(count), style="bold" if column == index else "dim")
            for column, count in enumerate(row)
        ]
        share = "-" if accuracy is None else f"{accuracy:.0%}"
        table.add_row(f"{index} {saved.class_name(index)}", share, *(cells if drawn else []))
    return table


def layer_table(
    rows: Sequence[LayerRow],
    stats: Sequence[Sequence[float | None]] | None,
    chosen: int | None,
    lang: str,
) -> Table:
    """Layer, output shape, parameters (the engine's numbers) and the sample's min, max and
    mean through it."""
    table = Table(box=None, padding=(0, 1, 0, 0), show_edge=False)
    table.add_column(translate("Layer (type)", lang), overflow="fold", ratio=1)
    for heading, justify in (
        ("Output shape", "left"), ("Params", "right"),
        ("min", "right"), ("max", "right"), ("mean", "right"),
    ):  # fmt: skip
        table.add_column(translate(heading, lang), justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for index, row in enumerate(rows):
        numbers = stats[index] if stats is not None and index < len(stats) else (None,) * 3
        table.add_row(
            f"{row.name} ({row.cls})",
            row.shape_text(),
            f"{row.params:,}",
            *(_number(value) for value in numbers),
            style="reverse" if index == chosen else None,
        )
    return table


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3g}"


def tokens_text(tokens: Sequence[Token]) -> Text:
    """Words as shown: those the model does not know dim and struck through."""
    text = Text()
    for number, token in enumerate(tokens):
        if number:
            text.append(" ")
        text.append(token.text, style=None if token.known else "dim strike")
    return text


def features_text(values: np.ndarray) -> Text:
    """A row of a table (Pima, Iris, Boston) as its numbered values."""
    numbers = values.reshape(-1)
    return Text("  ".join(f"x{index}={value:.3g}" for index, value in enumerate(numbers)))


def answer_title(loading: bool, lang: str) -> Text:
    """Above the bars of the pad and the typing box: what they show, or that they wait."""
    words = "loading the model..." if loading else "The model's answer:"
    return Text(translate(words, lang), style="bold")
