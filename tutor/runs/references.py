"""The course's own figures for its exercises, where the seeds give them
(`/work/shared/curriculum.md`, the lecture notes' reported results). They were reached on
the full datasets, often with longer training: a comparison labels them 'course, full
data', and a run on an offline stand-in is marked as not comparable with them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reference:
    metric: str
    """As a run's test metrics are named (`accuracy` of `model.evaluate`)."""
    value: float
    about: bool = False
    """The notes say 'about' (a rounded figure)."""
    note: str = ""
    """How the course got there, when it differs from the exercise's defaults."""


REFERENCES: dict[str, tuple[Reference, ...]] = {
    "pima-dnn": (
        Reference("accuracy", 0.7794, note="1,500 epochs on raw values, first 700 rows"),
    ),
    "fashion-dnn": (Reference("accuracy", 0.8759), Reference("loss", 0.357)),
    "fashion-cnn-pool": (Reference("accuracy", 0.89, about=True),),
    "fashion-cnn-vgg": (Reference("accuracy", 0.925, about=True),),
    "fashion-cnn-augment": (
        Reference("accuracy", 0.929, about=True, note="30,000 augmented images added"),
    ),
}
"""Test metrics the course reports, by exercise."""


def references_for(exercise_id: str) -> tuple[Reference, ...]:
    return REFERENCES.get(exercise_id, ())
