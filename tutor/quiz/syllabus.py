"""What the course has taught by a given lesson, so that a lesson's quiz (and Practice)
asks only about layers and arguments the learner has met.

The lessons are the one source of truth: a lesson teaches the Keras layers its code calls
(`layers.Conv2D(`) and the arguments that change shapes and counts that it sets
(`padding=`, `strides=`...). A question records the same words in `Question.uses`: taken
from its model for model questions, declared with the item for concepts and by-hand grids.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from tutor.engine import ModelSpec
from tutor.lessons import Course, Lesson

TAUGHT_ARGUMENTS = (
    "padding",
    "strides",
    "use_bias",
    "return_sequences",
    "reset_after",
    "merge_mode",
    "patience",
    "label_mode",
)
"""Arguments that are ideas of their own (a lesson introduces them); the rest (units,
filters, activation...) come with their layer. `patience=` (EarlyStopping) and
`label_mode=` (image_dataset_from_directory) are not layer arguments: lessons that set
them teach early stopping and loading images from folders, which concept items use."""

_LAYER_CALL = re.compile(r"\blayers\.([A-Z][A-Za-z0-9]*)\(")
_ARGUMENT = re.compile(rf"\b({'|'.join(TAUGHT_ARGUMENTS)})\s*=")


@dataclass(frozen=True)
class Syllabus:
    """The course up to one lesson: its quiz topics in course order, and every layer and
    argument taught so far."""

    topics: tuple[str, ...]
    taught: frozenset[str]


class _Seen(Protocol):
    finished: bool


def taught_in(lesson: Lesson) -> frozenset[str]:
    """The layers a lesson's code calls and the taught arguments it sets (any language)."""
    body = "\n".join(text.body for text in lesson.texts.values())
    return frozenset(_LAYER_CALL.findall(body)) | frozenset(_ARGUMENT.findall(body))


def syllabus(course: Course, up_to_lesson: str) -> Syllabus:
    """Everything taught from the first lesson up to and including `up_to_lesson`."""
    lessons = course.lessons
    last = [lesson.id for lesson in lessons].index(course.lesson(up_to_lesson).id)
    reached = lessons[: last + 1]
    topics = dict.fromkeys(topic for lesson in reached for topic in lesson.quiz_topics)
    taught = frozenset().union(*(taught_in(lesson) for lesson in reached))
    return Syllabus(tuple(topics), taught)


def practice_scope(course: Course, seen: Mapping[str, _Seen]) -> Syllabus | None:
    """What Practice covers: the course up to the furthest lesson the learner has opened
    (the first lesson before any), or None, the whole course, once every lesson is
    finished. `seen` is `ProgressStore.lessons()`."""
    lessons = course.lessons
    if not lessons:
        return None
    if all(lesson.id in seen and seen[lesson.id].finished for lesson in lessons):
        return None
    opened = [lesson.id for lesson in lessons if lesson.id in seen]
    return syllabus(course, opened[-1] if opened else lessons[0].id)


def model_uses(spec: ModelSpec) -> frozenset[str]:
    """The layer classes of a model (a Bidirectional's wrapped layer too) and the taught
    arguments its layers set."""
    uses: set[str] = set()
    for layer in spec.layers:
        for part in (layer, layer.wrapped):
            if part is not None:
                uses.add(part.cls)
                uses.update(name for name in TAUGHT_ARGUMENTS if name in part.args)
    return frozenset(uses)
