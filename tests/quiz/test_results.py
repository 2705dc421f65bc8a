"""The end of a quiz: right/total per topic, in the order the topics came up."""

from __future__ import annotations

from tutor.quiz.results import TopicResult, results_by_topic


def test_answers_are_counted_per_topic_in_the_order_they_came_up() -> None:
    answers = [("b", True), ("a", False), ("b", False), ("a", False), ("c", True)]
    assert results_by_topic(answers) == [
        TopicResult("b", 1, 2),
        TopicResult("a", 0, 2),
        TopicResult("c", 1, 1),
    ]
    assert [r.all_right for r in results_by_topic(answers)] == [False, False, True]
    assert results_by_topic([]) == []
