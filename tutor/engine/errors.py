"""Errors a learner's model or source can cause; each message is one line for the CLI or UI,
written once in English and once in Korean (`tutor/engine/phrasebook.py`)."""

from __future__ import annotations

from tutor.engine.phrasebook import PHRASES
from tutor.errors import TutorError


class Phrase(str):
    """A message from the phrasebook: it is its English text, and `render("ko")` says it
    in Korean. Values that are phrases themselves are rendered in the same language; the
    others (code, numbers, shapes, Keras names) are shown as they are."""

    key: str
    values: dict[str, object]

    def __new__(cls, key: str, /, **values: object) -> Phrase:
        phrase = super().__new__(cls, _render(key, values, "en"))
        phrase.key = key
        phrase.values = values
        return phrase

    def render(self, lang: str) -> str:
        return _render(self.key, self.values, lang)

    def __reduce__(self) -> tuple[object, ...]:  # keeps copies and pickles phrases
        return (_rebuild, (self.key, self.values))


def _rebuild(key: str, values: dict[str, object]) -> Phrase:
    return Phrase(key, **values)


def _render(key: str, values: dict[str, object], lang: str) -> str:
    english, korean = PHRASES[key]
    shown = {
        name: value.render(lang) if isinstance(value, Phrase) else str(value)
        for name, value in values.items()
    }
    return (korean if lang == "ko" else english).format(**shown)


def at_line(line: int | None, phrase: Phrase) -> Phrase:
    """`line 3: ...`, or the phrase alone when the line is not known."""
    return phrase if line is None else Phrase("at_line", line=line, text=phrase)


def in_language(text: str, lang: str) -> str:
    """A message in `lang`: phrases know their Korean; any other text is shown as it is."""
    return text.render(lang) if isinstance(text, Phrase) else text


class _LearnerError(TutorError):
    """An error whose message is a phrase (or plain text for the few that are data)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def in_language(self, lang: str) -> str:
        return in_language(self.message, lang)


class EngineError(_LearnerError):
    """The model is impossible (a kernel does not fit, a rank is wrong, an argument is bad).

    The message names the layer and, for shape failures, the formula that failed.
    """


class ParseError(_LearnerError):
    """The source cannot be read as a Keras model; the message starts with the line."""
