"""The shape and parameter engine: Keras 3's rules for Sequential and functional models,
worked out in plain Python with the formulas shown, and a reader that follows model source
without running it.

Pure standard library, so lessons, quizzes and the CLI can use it without TensorFlow.
"""

from __future__ import annotations

from tutor.engine.analysis import analyze
from tutor.engine.errors import EngineError, ParseError
from tutor.engine.explain import explain, explain_json, explain_text
from tutor.engine.model import (
    FunctionalSpec,
    InputSpec,
    LayerResult,
    LayerSpec,
    ModelResult,
    ModelSpec,
    NodeSpec,
    Shape,
)
from tutor.engine.parser import parse_model
from tutor.engine.source import to_source

__all__ = [
    "EngineError",
    "FunctionalSpec",
    "InputSpec",
    "LayerResult",
    "LayerSpec",
    "ModelResult",
    "ModelSpec",
    "NodeSpec",
    "ParseError",
    "Shape",
    "analyze",
    "explain",
    "explain_json",
    "explain_text",
    "parse_model",
    "to_source",
]
