"""The one error a learner can cause in the quiz core: asking for a topic or level that
does not exist (from `dltutor quiz --topic` or a lesson's `quiz_topics`)."""

from __future__ import annotations

from tutor.errors import TutorError


class QuizError(TutorError):
    """An unknown topic id or difficulty, or a negative count; the message lists the choices."""
