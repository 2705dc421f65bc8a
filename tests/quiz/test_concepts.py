"""Concept items whose numbers are drawn: what the learner reads is computed and printed
precisely enough to be true."""

from __future__ import annotations

import itertools
import math
from random import Random

from tutor.quiz.concepts.activation import probability_text, softmax_largest


class _Drawn(Random):
    """A Random whose `sample` returns given scores, to ask about one case."""

    def __init__(self, scores: list[int]) -> None:
        super().__init__(0)
        self.scores = scores

    def sample(self, population, k, **kwargs):  # type: ignore[no-untyped-def]
        return list(self.scores)


def test_softmax_of_7_1_minus_1_shows_0_997_not_1_00() -> None:
    draft = softmax_largest(_Drawn([7, 1, -1]))
    assert "[7, 1, -1]" in draft.prompt["en"]
    assert "here 0.997," in draft.why["en"] and "1.00" not in draft.why["en"]
    assert "0.997로," in draft.why["ko"]


def test_a_share_below_1_never_prints_as_1() -> None:
    for scores in itertools.permutations(range(-3, 8), 3):
        exps = [math.exp(s) for s in scores]
        share = max(exps) / sum(exps)
        shown = probability_text(share)
        assert float(shown) < 1 and abs(float(shown) - share) < 0.01, (scores, shown)
        assert len(shown.split(".")[1]) >= 2
    assert probability_text(0.6652) == "0.67" and probability_text(1.0) == "1.00"
