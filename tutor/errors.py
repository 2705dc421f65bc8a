"""Errors a learner can cause, each with a one-line message for the CLI or UI edge."""

from __future__ import annotations


class TutorError(Exception):
    """Base for every error the user can cause; its message is shown as a single line."""


class LessonError(TutorError):
    """A lesson or chapter file is malformed; the message names the file and the field."""


class ExerciseError(TutorError):
    """The exercise catalogue is malformed or names an unknown exercise; the message names
    the file, the entry and the field."""
