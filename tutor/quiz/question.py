"""A quiz question as plain frozen data: what the UI shows, what the grader checks, and the
JSON line `dltutor quiz --json` prints. Answers are computed, never typed in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tutor.engine import FunctionalSpec, ModelSpec, Shape

Text = dict[str, str]
"""A sentence in each interface language: keys "en" and "ko"."""

Number = int | float
Grid = tuple[tuple[Number, ...], ...]
"""A small grid of numbers, row by row (by-hand convolution and pooling)."""

Answer = Shape | int | Grid | str
"""A shape such as (None, 26, 26, 32), a count, a grid, or a choice letter "a".."d"."""

Kind = Literal["shape", "int", "grid", "choice"]
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
CHOICE_LETTERS = "abcd"


def text(en: str, ko: str) -> Text:
    return {"en": en, "ko": ko}


class NotTaught(Exception):
    """A drawn question uses a layer or argument the course has not taught yet: the
    generator is asked again, as for an impossible model."""


@dataclass(frozen=True)
class Slot:
    """Where a question goes: its topic, level and stable id (what a generator is handed),
    and what the course has taught by then (None: everything)."""

    topic: str
    difficulty: str
    id: str
    taught: frozenset[str] | None = None

    def check(self, uses: frozenset[str]) -> frozenset[str]:
        """`uses` if it is all taught, else NotTaught; generators check before the costly
        part (the engine's analysis) so that a refused draw is cheap."""
        if self.taught is not None and not uses <= self.taught:
            raise NotTaught(", ".join(sorted(uses - self.taught)))
        return uses


@dataclass(frozen=True)
class Question:
    """One question. `kind` says how the answer is read and compared.

    Model questions carry the `spec` the engine analysed (so the grader can recompute the
    answer under a learner's mistaken rule), Sequential or functional, and its `model`
    source; by-hand questions carry `grid`, `kernel` (None for pooling), `stride` and
    `operation`; concept questions carry `choices`, and their `answer` is the right letter.
    A 'which merge can be built' question is a choice whose `model` defines its inputs and
    whose options are merges of them (`ask` says whether the right one can be built).
    `uses` names the layers and taught arguments the question draws on (see
    `tutor.quiz.syllabus`).
    """

    id: str
    topic: str
    difficulty: str
    kind: Kind
    prompt: Text
    answer: Answer
    explanation: Text
    hint: Text
    model: str | None = None
    ask: dict[str, object] | None = None
    spec: ModelSpec | FunctionalSpec | None = None
    choices: tuple[tuple[str, str], ...] = ()
    grid: Grid | None = None
    kernel: Grid | None = None
    stride: int | None = None
    operation: Literal["conv", "max", "average"] | None = None
    uses: frozenset[str] = frozenset()

    def to_json(self) -> dict[str, object]:
        """The `dltutor quiz --json` object: English prompt and explanation, JSON answer."""
        data: dict[str, object] = {
            "id": self.id,
            "topic": self.topic,
            "difficulty": self.difficulty,
            "prompt": self.prompt["en"],
            "model": self.model,
            "ask": dict(self.ask) if self.ask is not None else None,
            "answer": answer_json(self.answer),
            "explanation": self.explanation["en"],
        }
        if self.choices:
            data["choices"] = [en for en, _ko in self.choices]
        return data


def answer_json(answer: Answer) -> object:
    """Shapes and grids become lists (None stays null); integral floats become ints."""
    if isinstance(answer, tuple):
        return [answer_json(item) for item in answer]
    if isinstance(answer, float) and answer.is_integer():
        return int(answer)
    return answer


def format_number(value: Number) -> str:
    """`13` for 13.0, `19.5` for 19.5: average pooling shows clean numbers."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def format_grid(grid: Grid, *, separator: str = "\n") -> str:
    """Rows of numbers, one row per line with the columns aligned; with another separator
    (`"; "` for one-line messages) the numbers are not padded."""
    cells = [[format_number(v) for v in row] for row in grid]
    width = max((len(c) for row in cells for c in row), default=1) if separator == "\n" else 0
    return separator.join(" ".join(c.rjust(width) for c in row) for row in cells)


def format_answer(question: Question, lang: str = "en") -> str:
    """The right answer as the learner would type it, for feedback messages."""
    answer = question.answer
    if question.kind == "shape":
        return str(answer)
    if question.kind == "int":
        return f"{answer:,}"
    if question.kind == "grid":
        return format_grid(answer, separator="; ")
    index = CHOICE_LETTERS.index(answer)
    en, ko = question.choices[index]
    return f"{answer}) {ko if lang == 'ko' else en}"
