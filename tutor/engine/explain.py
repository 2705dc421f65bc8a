"""`dltutor explain`: a model's layers as a `model.summary()`-like table with every
derivation under its layer, or the same facts as a JSON-ready dict."""

from __future__ import annotations

import textwrap
import unicodedata

from tutor.engine.analysis import analyze
from tutor.engine.errors import EngineError, ParseError, Phrase, in_language
from tutor.engine.korean import working
from tutor.engine.model import ModelResult
from tutor.engine.parser import parse_model

_INDENT = "    "
_WIDTH = 80


def explain(source: str, *, deadline: float | None = None) -> ModelResult:
    """Parse and analyse; raises ParseError or EngineError with a one-line message.

    `deadline` (a `time.monotonic()` time) bounds the reading, as in `parse_model`.
    """
    return analyze(parse_model(source, deadline=deadline))


def explain_text(source: str, lang: str = "en", *, deadline: float | None = None) -> str:
    """A plain-text table (at most 80 columns unless a name or shape is very long), its
    headings, derivations, notes and errors in `lang` (the headings are `model.summary()`'s
    in English). A functional model's rows say which layers feed each.

    Raises ParseError or EngineError with its message in `lang`.
    """
    try:
        result = explain(source, deadline=deadline)
    except (ParseError, EngineError) as error:
        if lang == "en":
            raise
        raise type(error)(error.in_language(lang)) from None
    def say(key: str, **values: object) -> str:
        return in_language(Phrase(key, **values), lang)

    headings = (say("layer_heading"), say("shape_heading"), say("params_heading"))
    rows = [(f"{r.name} ({r.cls})", str(r.output_shape), f"{r.params:,}") for r in result.layers]
    name_width, shape_width, params_width = (
        max(_cells(heading), *(_cells(row[column]) for row in rows))
        for column, heading in enumerate(headings)
    )
    width = name_width + shape_width + params_width + 4

    def row(name: str, shape: str, params: str) -> str:
        return (
            _padded(name, name_width)
            + "  "
            + _padded(shape, shape_width)
            + "  "
            + " " * (params_width - _cells(params))
            + params
        )

    shown_inputs = ", ".join(map(str, result.input_shapes or (result.input_shape,)))
    lines = [say("input_heading", shapes=shown_inputs), "=" * width]
    lines += [row(*headings), "-" * width]
    for layer, cells in zip(result.layers, rows, strict=True):
        lines.append(row(*cells))
        fed_by = [in_language(Phrase("fed_by", names=", ".join(layer.inbound)), lang)]
        derivations = (
            *(fed_by if layer.inbound else ()),
            *working(layer.shape_derivation, lang),
            *working(layer.params_derivation, lang),
        )
        lines += [line for text in derivations if text for line in _indented(text)]
    lines += [
        "=" * width,
        say("total_params", count=f"{result.total_params:,}"),
        say("trainable_params", count=f"{result.trainable_params:,}"),
        say("non_trainable_params", count=f"{result.non_trainable_params:,}"),
    ]
    if result.notes:
        notes = [in_language(note, lang) for note in result.notes]
        heading = in_language(Phrase("notes_heading"), lang)
        lines += ["", heading, *(line for note in notes for line in _indented(note))]
    return "\n".join(lines) + "\n"


def _cells(text: str) -> int:
    """Terminal columns `text` takes: Hangul and other wide characters take two, so the
    Korean headings line up with the rows."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _padded(text: str, width: int) -> str:
    return text + " " * (width - _cells(text))


def _indented(text: str) -> list[str]:
    """One derivation or note under the table, wrapped at spaces to fit 80 columns."""
    return textwrap.wrap(
        text,
        _WIDTH,
        initial_indent=_INDENT,
        subsequent_indent=_INDENT * 2,
        break_long_words=False,
        break_on_hyphens=False,
    )


def explain_json(source: str, *, deadline: float | None = None) -> dict[str, object]:
    """The analysis as plain data for `--json`; `{"error": message}` when the source or
    model is wrong, so callers can print it without catching anything."""
    try:
        result = explain(source, deadline=deadline)
    except (ParseError, EngineError) as error:
        return {"error": str(error)}
    data: dict[str, object] = {
        "layers": [
            {
                "name": layer.name,
                "class": layer.cls,
                "output_shape": list(layer.output_shape),
                "params": layer.params,
                "trainable_params": layer.trainable_params,
                "non_trainable_params": layer.non_trainable_params,
                "derivation": {
                    "shape": layer.shape_derivation,
                    "params": layer.params_derivation,
                },
                **({"inbound": list(layer.inbound)} if result.functional else {}),
            }
            for layer in result.layers
        ],
        "total_params": result.total_params,
        "trainable_params": result.trainable_params,
        "non_trainable_params": result.non_trainable_params,
    }
    if result.notes:
        data["notes"] = list(result.notes)
    return data
