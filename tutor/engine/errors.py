"""Errors a learner's model or source can cause; each message is one line for the CLI or UI."""

from __future__ import annotations

from tutor.errors import TutorError


class EngineError(TutorError):
    """The model is impossible (a kernel does not fit, a rank is wrong, an argument is bad).

    The message names the layer and, for shape failures, the formula that failed.
    """


class ParseError(TutorError):
    """The source cannot be read as a Keras Sequential model; the message starts with the line."""
