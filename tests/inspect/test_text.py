"""Word ids as Keras' IMDB and Reuters lists code them: a sample decoded to words, a
typed sentence encoded as the model's input, words outside the vocabulary marked."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tutor.inspect.text import START, UNKNOWN, Token, cached_vocabulary, decode, encode

VOCABULARY = ["", "", "", "", "the", "film", "was", "great", "bad"]  # id = rank + 3


def test_a_padded_review_decodes_to_its_words_with_the_unknown_marked() -> None:
    ids = [0, 0, START, 4, 5, 6, UNKNOWN, 7]
    assert decode(ids, VOCABULARY) == [
        Token("the", True), Token("film", True), Token("was", True),
        Token("?", False), Token("great", True),
    ]  # fmt: skip


def test_a_stand_in_without_words_shows_its_ids() -> None:
    assert [token.text for token in decode([START, 12, 345], None)] == ["#12", "#345"]


def test_a_typed_sentence_becomes_the_models_input_as_pad_sequences_makes_it() -> None:
    row, tokens = encode("The film was GREAT, truly!", VOCABULARY, length=8, size=9)
    assert row.tolist() == [0, 0, START, 4, 5, 6, 7, UNKNOWN]
    assert [(t.text, t.known) for t in tokens][-2:] == [("great", True), ("truly", False)]
    long_row, _ = encode("the " * 20, VOCABULARY, length=5, size=9)
    assert long_row.tolist() == [4] * 5  # cut from the front, keeping the end


def test_words_past_the_models_vocabulary_size_are_unknown_to_it() -> None:
    row, tokens = encode("bad", VOCABULARY, length=3, size=8)  # 'bad' is id 8, the model knows 0-7
    assert row.tolist() == [0, START, UNKNOWN] and not tokens[0].known


def test_a_stand_in_sentence_is_typed_as_ids() -> None:
    row, tokens = encode("#12 345 word", None, length=4, size=10_000)
    assert row.tolist() == [START, 12, 345, UNKNOWN]
    assert [t.known for t in tokens] == [True, True, False]


def test_the_vocabulary_comes_from_keras_cache_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    assert cached_vocabulary("imdb", 10) is None  # not cached: no words, nothing downloaded
    (tmp_path / "datasets").mkdir()
    index = {"the": 1, "film": 2, "rare": 50}
    (tmp_path / "datasets" / "imdb_word_index.json").write_text(json.dumps(index))
    words = cached_vocabulary("imdb", 10)
    assert words is not None and words[4:6] == ["the", "film"] and "rare" not in words
    assert np.asarray(encode("the rare film", words, 4, 10)[0]).tolist() == [START, 4, 2, 5]
