"""How much the model reader may build and spend, so that no source can stall the tutor:
a cap on the values the evaluator builds, a repr that stops early, and a budget of steps
with an optional wall-clock deadline that every loop of the reader draws on."""

from __future__ import annotations

import time

from tutor.engine.errors import ParseError, Phrase

MAX_SOURCE_CHARS = 100_000
"""Longer sources are refused before parsing: a model file is a few thousand characters, and
a pasted megabyte would stall the live Explain screen for seconds in `ast.parse` alone."""
LARGEST = 10**12
"""Bigger numbers are refused: no layer is that wide, and huge powers could stall the tutor."""
MAX_ELEMENTS = 10_000
"""The most elements (counted through nested tuples and lists) one value may hold."""
MAX_STRING = 10_000
"""The longest string the evaluator builds: layer names are short."""
MAX_DEPTH = 64
"""The deepest nesting of tuples and lists a value may have."""
MAX_STEPS = 250_000
"""Statements and expressions one reading may evaluate, deadline or not (under a second; a
course model takes a few hundred, a 10,000-step loop over a few layers well under this)."""
_CHECK_EVERY = 1024


class TooLarge(Exception):
    """A value would exceed one of the caps above; the caller names the line."""


class OutOfTime(ParseError):
    """The reading ran out of steps or passed its deadline; never caught inside the reader."""


class Budget:
    """Counts the reader's steps and checks the clock now and then: a reading that runs out
    raises ParseError, whatever it was doing."""

    def __init__(self, deadline: float | None = None, steps: int = MAX_STEPS) -> None:
        self.deadline = deadline
        self.left = steps
        self._until_check = _CHECK_EVERY

    def spend(self, steps: int = 1) -> None:
        self.left -= steps
        self._until_check -= steps
        if self.left < 0:
            raise OutOfTime(Phrase("took_too_many_steps"))
        if self._until_check <= 0:
            self._until_check = _CHECK_EVERY
            self.check_clock()

    def check_clock(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise OutOfTime(Phrase("took_too_long"))


def measure(value: object, limit: int = MAX_ELEMENTS) -> int:
    """How many elements `value` holds through nested tuples and lists; TooLarge as soon as
    the count passes `limit` or the nesting passes MAX_DEPTH, so a value that shares its
    parts (`x1 = (x0, x0)` ... `x60 = (x59, x59)`) is refused without walking 2**60 leaves."""
    count = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        count += 1
        if count > limit:
            raise TooLarge
        if isinstance(item, (tuple, list)):
            if depth >= MAX_DEPTH:
                raise TooLarge
            stack.extend((element, depth + 1) for element in item)
        elif isinstance(item, str) and len(item) > MAX_STRING:
            raise TooLarge
    return count


def capped_repr(value: object, limit: int = 40) -> str:
    """`repr(value)` cut to `limit` characters, built only as far as needed: safe for any
    value the evaluator can hold, however it nests."""
    parts: list[str] = []
    length = 0
    stack: list[object] = [value]
    closers = {"(": ")", "[": "]"}
    while stack and length <= limit:
        item = stack.pop()
        if isinstance(item, _Text):
            text = item.text
        elif isinstance(item, (tuple, list)):
            opener = "(" if isinstance(item, tuple) else "["
            closer = ",)" if isinstance(item, tuple) and len(item) == 1 else closers[opener]
            pieces: list[object] = [_Text(opener)]
            for index, element in enumerate(item):
                if index:
                    pieces.append(_Text(", "))
                pieces.append(element)
                if len(pieces) > limit:
                    break
            pieces.append(_Text(closer))
            stack.extend(reversed(pieces))
            continue
        elif isinstance(item, str):
            text = repr(item[: limit + 1])
        else:
            text = repr(item)
        parts.append(text)
        length += len(text)
    shown = "".join(parts)
    return shown if len(shown) <= limit and not stack else shown[: limit - 3] + "..."


class _Text:
    """A piece of punctuation in `capped_repr`'s stack, told apart from a string value."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text
