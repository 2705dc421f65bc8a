"""Quiz answers drive one FSRS card per topic, mastery, and the streak (fixed clock)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from fsrs import Card, Rating, Scheduler, State

from tests.progress.conftest import START, FakeClock
from tutor.progress import ProgressStore


def answer(
    store: ProgressStore,
    topic: str,
    *,
    correct: bool = True,
    seconds: float = 15,
    difficulty: str = "medium",
    now: datetime | None = None,
) -> None:
    assert store.record_attempt(
        topic,
        difficulty=difficulty,
        question_id=f"{topic}-q",
        answer="42",
        correct=correct,
        seconds=seconds,
        now=now,
    )


def test_a_topics_first_attempt_creates_its_card(store: ProgressStore) -> None:
    assert store.card("dense-params") is None
    assert store.topics() == []
    answer(store, "dense-params")
    card = store.card("dense-params")
    assert card is not None
    assert card.last_review == START
    assert [t.topic for t in store.topics()] == ["dense-params"]


def test_each_answer_is_rated_as_documented(store: ProgressStore) -> None:
    answer(store, "t", correct=False, seconds=3)
    answer(store, "t", correct=True, seconds=200)  # medium: slower than 60 s
    answer(store, "t", correct=True, seconds=30)
    answer(store, "t", correct=True, seconds=5)  # medium: within 20 s
    ratings = [attempt.rating for attempt in reversed(store.attempts("t"))]
    assert ratings == [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy]


def test_due_dates_move_as_fsrs_says(store: ProgressStore, clock: FakeClock) -> None:
    """The store's card equals FSRS's own card after the same ratings at the same times."""
    scheduler = Scheduler(enable_fuzzing=False)
    expected = Card(card_id=int(START.timestamp() * 1000), due=START)
    plan = [
        (False, 10, Rating.Again, timedelta(0)),
        (True, 10, Rating.Easy, timedelta(minutes=5)),
        (True, 30, Rating.Good, timedelta(days=3)),
        (True, 90, Rating.Hard, timedelta(days=20)),
    ]
    for correct, seconds, rating, wait in plan:
        now = clock.advance(seconds=wait.total_seconds())
        answer(store, "conv-output", correct=correct, seconds=seconds, now=now)
        expected, _log = scheduler.review_card(expected, rating, review_datetime=now)
        card = store.card("conv-output")
        assert card is not None
        assert card.to_dict() == expected.to_dict()
    assert expected.state is State.Review


def test_a_wrong_answer_brings_the_topic_back_within_minutes(
    store: ProgressStore, clock: FakeClock
) -> None:
    answer(store, "padding", correct=False)
    card = store.card("padding")
    assert card is not None
    assert card.due == START + timedelta(minutes=1)  # FSRS's first learning step
    assert store.due_topics(START + timedelta(seconds=30)) == []
    assert store.due_topics(START + timedelta(minutes=1)) == ["padding"]
    assert store.due_count(START + timedelta(minutes=1)) == 1


def test_a_fast_right_answer_pushes_the_review_days_away(store: ProgressStore) -> None:
    answer(store, "dense-params", correct=True, seconds=2, difficulty="easy")
    card = store.card("dense-params")
    assert card is not None and card.state is State.Review
    assert card.due - START >= timedelta(days=1)
    assert store.due_count(START + timedelta(hours=12)) == 0
    assert store.due_topics(card.due) == ["dense-params"]


def test_due_topics_are_listed_most_overdue_first(store: ProgressStore, clock: FakeClock) -> None:
    answer(store, "late", correct=False)  # due START + 1 min
    clock.advance(seconds=30)
    answer(store, "later", correct=False)  # due START + 1.5 min
    answer(store, "someday", correct=True, seconds=1, difficulty="hard")  # days away
    later = START + timedelta(hours=1)
    assert store.due_topics(later) == ["late", "later"]
    assert store.due_count(later) == 2
    assert store.report(later)["due_reviews"] == 2


def test_mastery_from_stored_attempts_newest_first(store: ProgressStore, clock: FakeClock) -> None:
    assert store.mastery("never-tried") == 0
    answer(store, "t", correct=True, difficulty="hard")
    assert store.mastery("t") == 20
    for _ in range(4):
        clock.advance(minutes=1)
        answer(store, "t", correct=True, difficulty="easy")
    assert store.mastery("t") == 100
    clock.advance(minutes=1)
    answer(store, "t", correct=False, difficulty="hard")
    # newest: wrong hard (3); then right easy x4 (0.8, 0.64, 0.512, 0.4096); right hard
    right = 0.8 + 0.64 + 0.512 + 0.4096 + 3 * 0.8**5
    total = 3 + right
    assert store.mastery("t") == round(100 * right / total)


def test_streak_uses_local_calendar_days(
    open_store: Callable[..., ProgressStore], tmp_path
) -> None:
    """23:30 UTC and 10:00 UTC the next day are two days in London but one in Seoul."""
    evening = datetime(2025, 3, 1, 23, 30, tzinfo=timezone.utc)
    morning = datetime(2025, 3, 2, 10, 0, tzinfo=timezone.utc)
    for zone, expected in ((timezone.utc, 2), (timezone(timedelta(hours=9)), 1)):
        store = open_store(tmp_path / f"{expected}.sqlite3", tz=zone)
        assert store.record_lesson_opened("neuron", now=evening)
        answer(store, "t", now=morning)
        assert store.streak(morning) == expected


def test_streak_counts_every_kind_of_activity(store: ProgressStore) -> None:
    day = timedelta(days=1)
    assert store.streak(START) == 0
    store.record_lesson_opened("neuron", now=START - 3 * day)
    answer(store, "t", now=START - 2 * day)
    run = store.start_run("mnist", now=START - day)
    assert run is not None
    assert store.streak(START) == 3  # today not practised yet
    store.record_lesson_finished("neuron", now=START)
    assert store.streak(START) == 4
    assert store.streak(START + 2 * day) == 0
