"""What one reading shares between the interpreter's parts, and how they report: the
session (budget, notes, the models built, what could not be followed, Keras' automatic
names), one-line errors for a line of the source, and the marks left on objects the file
changed where the reader could not follow."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from tutor.engine.catalog import snake_case
from tutor.engine.errors import ParseError, Phrase, at_line
from tutor.engine.limits import Budget
from tutor.engine.objects import MUTABLE, FunctionalObject, SequentialObject
from tutor.engine.syntax import line_of


@dataclass
class Session:
    """What one reading shares between the interpreter's parts: its budget, the notes it
    has made, every model the file built, what it could not follow (`doubts` that touch
    any model; `changed_results`: functions whose returned model the file then changed),
    and Keras' automatic-name counters (a layer is named when it is constructed, so names
    follow the order the file runs in)."""

    budget: Budget
    notes: list[Phrase] = field(default_factory=list)
    models: list[SequentialObject | FunctionalObject] = field(default_factory=list)
    doubts: list[Phrase] = field(default_factory=list)
    changed_results: dict[int, Phrase | None] = field(default_factory=dict)
    names_unsure: tuple[int, Phrase] | None = None
    _names: dict[str, int] = field(default_factory=dict)
    _made: int = 0

    def note(self, line: int | None, phrase: Phrase) -> None:
        located = at_line(line, phrase)
        if located not in self.notes:
            self.notes.append(located)

    def auto_name(self, cls: str) -> str:
        """Keras' `auto_name`: a counter per snake_case prefix."""
        prefix = snake_case(cls)
        count = self._names.get(prefix, 0)
        self._names[prefix] = count + 1
        return f"{prefix}_{count}" if count else prefix

    def key(self) -> int:
        """A number for each object made, in the order the file makes them."""
        self._made += 1
        return self._made

    def unsure_of_names(self, reason: Phrase) -> None:
        """Layers may be made in code the reader does not follow: Keras' automatic names
        of those made after it may be numbered differently."""
        if self.names_unsure is None:
            self.names_unsure = (self._made, reason)


def fail(node: ast.AST | int | None, key: str, /, **values: object) -> ParseError:
    """A ParseError for `node`'s line (or a line number) with a phrase of the phrasebook."""
    line = node if isinstance(node, int) or node is None else line_of(node)
    return ParseError(at_line(line, Phrase(key, **values)))


def doubt(value: object, reason: Phrase) -> None:
    """Mark a mutable object (and a list's items) as changed where the reader cannot see."""
    if isinstance(value, MUTABLE) and getattr(value, "doubt", None) is None:
        value.doubt = reason
    if isinstance(value, (list, tuple)):
        for item in value:
            if isinstance(item, MUTABLE):
                doubt(item, reason)
