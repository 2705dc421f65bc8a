"""The learning rules on their own: ratings from answers, mastery and streaks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fsrs import Rating
from hypothesis import given
from hypothesis import strategies as st

from tutor.progress.review import (
    ANSWER_TIMES,
    DIFFICULTIES,
    MASTERY_WINDOW,
    mastery,
    rating_for,
    streak,
)


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_rating_follows_correctness_and_the_difficultys_time_thresholds(difficulty: str) -> None:
    times = ANSWER_TIMES[difficulty]
    assert rating_for(False, 1.0, difficulty) is Rating.Again
    assert rating_for(False, 999.0, difficulty) is Rating.Again
    assert rating_for(True, times.fast, difficulty) is Rating.Easy
    assert rating_for(True, times.fast + 0.1, difficulty) is Rating.Good
    assert rating_for(True, times.slow, difficulty) is Rating.Good
    assert rating_for(True, times.slow + 0.1, difficulty) is Rating.Hard


def test_harder_questions_allow_more_time() -> None:
    easy, medium, hard = (ANSWER_TIMES[d] for d in ("easy", "medium", "hard"))
    assert easy.fast < medium.fast < hard.fast
    assert easy.slow < medium.slow < hard.slow
    # 25 seconds is quick for a hard question and slow-ish for an easy one
    assert rating_for(True, 25, "hard") is Rating.Easy
    assert rating_for(True, 25, "easy") is Rating.Good


def test_unknown_difficulty_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown difficulty"):
        rating_for(True, 5, "impossible")


def test_mastery_examples_from_the_docstring() -> None:
    assert mastery([]) == 0
    assert mastery([(True, "easy")]) == 20
    assert mastery([(True, "hard")] * 5) == 100
    assert mastery([(False, "medium")] * 5) == 0
    # newest first: one right easy answer after a wrong hard one is far from recovered
    # weights 1 (easy, newest) and 0.8 * 3 (hard); evidence 2/5
    assert mastery([(True, "easy"), (False, "hard")]) == round(100 * 1 / 3.4 * 0.4)


def test_mastery_weighs_recent_and_hard_answers_more() -> None:
    five = [(True, "medium")] * 4
    assert mastery([(False, "medium"), *five]) < mastery([*five, (False, "medium")])
    assert mastery([(False, "hard"), *five]) < mastery([(False, "easy"), *five])


def test_mastery_only_looks_at_the_recent_window() -> None:
    recent = [(True, "medium")] * MASTERY_WINDOW
    assert mastery(recent + [(False, "hard")] * 20) == 100


attempt = st.tuples(st.booleans(), st.sampled_from(DIFFICULTIES))


@given(st.lists(attempt, max_size=15), st.integers(min_value=0, max_value=14))
def test_mastery_is_a_percentage_and_a_right_answer_never_lowers_it(
    attempts: list[tuple[bool, str]], index: int
) -> None:
    score = mastery(attempts)
    assert 0 <= score <= 100
    if index < len(attempts) and not attempts[index][0]:
        improved = list(attempts)
        improved[index] = (True, attempts[index][1])
        assert mastery(improved) >= score


TODAY = date(2025, 3, 10)


def days_before(*offsets: int) -> list[date]:
    return [TODAY - timedelta(days=offset) for offset in offsets]


@pytest.mark.parametrize(
    ("active", "expected"),
    [
        ([], 0),
        (days_before(0), 1),
        (days_before(0, 1, 2), 3),
        (days_before(1, 2), 2),  # today not practised yet: the streak is still alive
        (days_before(2, 3), 0),  # a whole day missed
        (days_before(0, 1, 3, 4), 2),
        (days_before(0, 0, 1), 2),
    ],
)
def test_streak_counts_consecutive_days_ending_today_or_yesterday(
    active: list[date], expected: int
) -> None:
    assert streak(active, TODAY) == expected
