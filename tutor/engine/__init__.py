"""The shape and parameter engine: Keras 3's rules for a Sequential model, worked out in
plain Python with the formulas shown, and a parser that reads model source without running it.

Pure standard library, so lessons, quizzes and the CLI can use it without TensorFlow.
"""

from __future__ import annotations

from tutor.engine.errors import EngineError, ParseError
from tutor.engine.explain import explain, explain_json, explain_text
from tutor.engine.model import LayerResult, LayerSpec, ModelResult, ModelSpec, Shape
from tutor.engine.parser import parse_model
from tutor.engine.rules import analyze
from tutor.engine.source import to_source

__all__ = [
    "EngineError",
    "LayerResult",
    "LayerSpec",
    "ModelResult",
    "ModelSpec",
    "ParseError",
    "Shape",
    "analyze",
    "explain",
    "explain_json",
    "explain_text",
    "parse_model",
    "to_source",
]
