"""What a concept item produces, and helpers to write items tersely: a fact is a prompt, a
right option and at least three wrong ones, each in English and Korean."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from random import Random

from tutor.quiz.question import Text, text

Option = tuple[str, str]
"""One answer option: (English, Korean)."""


@dataclass(frozen=True)
class ConceptDraft:
    """A multiple-choice fact before its options are shuffled; `why` is the explanation;
    `uses` names the layers and taught arguments it is about (see `tutor.quiz.syllabus`)."""

    prompt: Text
    right: Option
    wrong: tuple[Option, ...]
    why: Text
    hint: Text
    uses: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        english = [self.right[0], *(en for en, _ in self.wrong)]
        if len(self.wrong) < 3 or len(set(english)) != len(english):
            raise ValueError(f"a concept needs 3 distinct wrong options: {self.prompt['en']}")


Item = Callable[[Random], ConceptDraft]


def fact(
    prompt: tuple[str, str],
    right: Option,
    wrong: Iterable[Option],
    why: tuple[str, str],
    hint: tuple[str, str],
    uses: Iterable[str] = (),
) -> Item:
    """An item with no numbers to draw: the seed only shuffles its options."""
    draft = ConceptDraft(
        text(*prompt), right, tuple(wrong), text(*why), text(*hint), frozenset(uses)
    )
    return lambda rng: draft


def same(value: object) -> Option:
    """An option that reads the same in both languages (a number, a formula, code)."""
    shown = str(value)
    return (shown, shown)


def numbers(right: object, candidates: Iterable[object], count: int = 3) -> tuple[Option, ...]:
    """Up to `count` wrong numeric options, distinct from each other and from the right one."""
    seen = {str(right)}
    wrong: list[Option] = []
    for candidate in candidates:
        shown = str(candidate)
        if shown not in seen:
            seen.add(shown)
            wrong.append(same(shown))
        if len(wrong) == count:
            break
    return tuple(wrong)


def decimal(value: float) -> str:
    """`0.25`, `-1.5`, `2`: short and exact for the clean numbers the items draw."""
    return f"{value:g}"
