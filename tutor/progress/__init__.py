"""Progress: what the learner did (lessons, quiz answers, exercise runs), when each quiz
topic is due for review (FSRS), and the settings needed to resume.

`store` is the API (`ProgressStore`); `review` holds the learning rules (ratings, mastery,
streak); `schema` the tables and their migrations; `database` opens the file safely;
`transfer` is the JSON export format; `fields` what every stored or imported value must be;
`damage` finds and sets aside rows that do not decode; `history` reads a run's saved
history for the Progress screen. No UI, TensorFlow or numpy here.
"""

from __future__ import annotations

from tutor.progress.review import ANSWER_TIMES, DIFFICULTIES, mastery, rating_for, streak
from tutor.progress.schema import SCHEMA_VERSION
from tutor.progress.store import (
    DATABASE_NAME,
    ChallengeAttempt,
    ExerciseRun,
    LessonStatus,
    ProgressStore,
    QuizAttempt,
    TopicStatus,
    default_database_path,
)
from tutor.progress.transfer import EXPORT_FORMAT, EXPORT_VERSION, ProgressExport, read_export

__all__ = [
    "ANSWER_TIMES",
    "DATABASE_NAME",
    "DIFFICULTIES",
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "SCHEMA_VERSION",
    "ChallengeAttempt",
    "ExerciseRun",
    "LessonStatus",
    "ProgressExport",
    "ProgressStore",
    "QuizAttempt",
    "TopicStatus",
    "default_database_path",
    "mastery",
    "rating_for",
    "read_export",
    "streak",
]
