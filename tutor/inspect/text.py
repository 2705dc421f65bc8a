"""Word ids and words, for the text exercises (imdb-rnn, reuters-lstm).

Keras' IMDB and Reuters lists code a text as word ids: 0 pads, 1 starts the text, 2 is a
word outside the vocabulary, and from 3 on id = the word's frequency rank + 3. The words
themselves are in Keras' word index (a separate download); a run keeps those of its
vocabulary when the index was in Keras' cache, and the generated stand-ins have no words
at all, so there a text is shown as its ids (`#123`) and typed the same way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tutor.errors import TutorError

PAD, START, UNKNOWN = 0, 1, 2
INDEX_FROM = 3
WORD_INDEX_FILES = {"imdb": "imdb_word_index.json", "reuters": "reuters_word_index.json"}
MAX_INDEX_BYTES = 8 << 20
MAX_TYPED_WORDS = 1000
_WORD = re.compile(r"#?[\w']+")


@dataclass(frozen=True)
class Token:
    """One word as shown: its text, and whether the model knows it."""

    text: str
    known: bool


def cached_vocabulary(dataset: str | None, size: int) -> list[str] | None:
    """The words of ids 0..size-1 from Keras' cached word index of `dataset`, or None when
    it is not cached (nothing is downloaded at the end of a run) or unreadable."""
    from tutor.datasets import keras_home
    from tutor.safeio import read_text

    name = WORD_INDEX_FILES.get(dataset or "")
    if name is None:
        return None
    try:
        index = json.loads(read_text(keras_home() / "datasets" / name, MAX_INDEX_BYTES))
    except (OSError, ValueError, TypeError, TutorError):  # no words, never a failed run
        return None
    if not isinstance(index, dict):
        return None
    words = ["", "", "", ""] + [""] * max(0, size - INDEX_FROM - 1)
    for word, rank in index.items():
        if isinstance(word, str) and isinstance(rank, int) and 0 < rank + INDEX_FROM < size:
            words[rank + INDEX_FROM] = word
    return words[:size]


def decode(ids: Sequence[int] | np.ndarray, vocabulary: Sequence[str] | None) -> list[Token]:
    """The text of a padded id sequence: padding and the start mark dropped, unknown
    words shown as `?` and marked, a word without a name as `#id`."""
    tokens = []
    for value in np.asarray(ids).reshape(-1).tolist():
        number = int(value)
        if number in (PAD, START):
            continue
        if number == UNKNOWN:
            tokens.append(Token("?", False))
            continue
        word = vocabulary[number] if vocabulary and number < len(vocabulary) else ""
        tokens.append(Token(word or f"#{number}", True))
    return tokens


def encode(
    sentence: str, vocabulary: Sequence[str] | None, length: int, size: int
) -> tuple[np.ndarray, list[Token]]:
    """A typed sentence as the model's input (start mark, ids, padded in front or cut
    from the front to `length`, as `pad_sequences` does) and its words, each marked
    known or not. Without words (a stand-in), `#123` or `123` types id 123."""
    lookup = {word: number for number, word in enumerate(vocabulary or ()) if word}
    ids, tokens = [START], []
    for word in _WORD.findall(sentence.lower())[:MAX_TYPED_WORDS]:
        number = lookup.get(word)
        if number is None and not vocabulary and word.lstrip("#").isdigit():
            number = int(word.lstrip("#"))
        known = number is not None and INDEX_FROM < number < size
        ids.append(number if known else UNKNOWN)  # type: ignore[arg-type]
        tokens.append(Token(word, known))
    row = np.zeros(length, dtype=np.int32)
    kept = ids[-length:] if length else []
    row[length - len(kept) :] = kept
    return row, tokens
