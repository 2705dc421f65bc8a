"""Quizzes whose answers are exact: seeded questions on shapes, parameter counts, by-hand
convolution and pooling, and concepts; answers read generously and graded with the worked
derivation and the name of the slip when a known one explains a wrong answer.

Pure standard library plus the engine: no Textual, TensorFlow, Keras or NumPy.
"""

from __future__ import annotations

from tutor.quiz.answers import ReadAnswer, read_answer
from tutor.quiz.errors import QuizError
from tutor.quiz.generate import (
    MAX_QUESTIONS,
    fresh_seed,
    generate,
    practice_set,
    practice_stream,
)
from tutor.quiz.grading import Feedback, grade
from tutor.quiz.question import DIFFICULTIES, Question, format_answer
from tutor.quiz.slips import SLIPS, Slip
from tutor.quiz.syllabus import Syllabus, practice_scope, syllabus
from tutor.quiz.topics import TOPICS, Topic, get_topic, topic_ids

__all__ = [
    "DIFFICULTIES",
    "MAX_QUESTIONS",
    "SLIPS",
    "TOPICS",
    "Feedback",
    "Question",
    "QuizError",
    "ReadAnswer",
    "Slip",
    "Syllabus",
    "Topic",
    "format_answer",
    "fresh_seed",
    "generate",
    "get_topic",
    "grade",
    "practice_scope",
    "practice_set",
    "practice_stream",
    "read_answer",
    "syllabus",
    "topic_ids",
]
