"""The held-out corpus: hundreds of models generated against Keras 3.15 by
tests/engine/corpus/generate.py (the engine was not run to make them), compared layer by
layer: name, class, output shape, trainable and non-trainable counts, and the totals; a
model Keras refuses the engine refuses too."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tutor.engine import EngineError, ParseError, explain
from tutor.engine.catalog import ALIASES, POSITIONAL

CORPUS = Path(__file__).with_name("corpus") / "models.jsonl"
HEAD = "import keras\nfrom keras import layers\n"


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


def _engine(source: str) -> dict[str, object]:
    try:
        result = explain(HEAD + source)
    except (ParseError, EngineError) as error:
        return {"refused": str(error)}
    return {
        "layers": [
            [layer.name, layer.cls, list(layer.output_shape), layer.trainable_params,
             layer.non_trainable_params]
            for layer in result.layers
        ],
        "total_params": result.total_params,
        "trainable_params": result.trainable_params,
    }  # fmt: skip


def test_the_corpus_is_large_and_varied(corpus: list[dict]) -> None:
    kinds = Counter(record["kind"] for record in corpus)
    assert len(corpus) >= 500 and kinds["functional"] >= 200 and kinds["sequential"] >= 200
    sources = "\n".join(record["source"] for record in corpus)
    for construct in ("for ", "while ", "if ", "model.pop()", "model.build(", "batch_size=",
                      "batch_shape=", "layers.Add()", "layers.Concatenate(", "layers.Dot(",
                      "layers.add(", "keras.Model(inputs="):  # fmt: skip
        assert construct in sources, construct
    written = set(re.findall(r"layers\.(\w+)\(", sources))
    classes = {ALIASES.get(name, name) for name in written}
    assert set(POSITIONAL) - classes == set()
    assert sum("refused" in record for record in corpus) >= 1


def test_every_corpus_model_matches_keras_layer_by_layer(corpus: list[dict]) -> None:
    mismatches = []
    for index, record in enumerate(corpus):
        engine = _engine(record["source"])
        if "refused" in record:
            if "refused" not in engine:
                mismatches.append((index, "Keras refuses", record["refused"], engine))
            continue
        expected = {key: record[key] for key in ("layers", "total_params", "trainable_params")}
        if engine != expected:
            mismatches.append((index, record["source"], engine, expected))
    assert not mismatches, (len(mismatches), mismatches[:2])
