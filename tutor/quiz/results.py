"""The end of a quiz: right answers out of asked, per topic, so the learner sees which
skills held and which to practise again."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class TopicResult:
    topic: str
    right: int
    total: int

    @property
    def all_right(self) -> bool:
        return self.right == self.total


def results_by_topic(answers: Iterable[tuple[str, bool]]) -> list[TopicResult]:
    """(topic, answered right) pairs -> right/total per topic, in the order the topics
    first came up."""
    right: dict[str, int] = {}
    total: dict[str, int] = {}
    for topic, correct in answers:
        right[topic] = right.get(topic, 0) + correct
        total[topic] = total.get(topic, 0) + 1
    return [TopicResult(topic, right[topic], total[topic]) for topic in total]
