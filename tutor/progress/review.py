"""What the tutor learns from a learner's answers: FSRS ratings, mastery and streaks.

Plain functions over plain values, no storage: `tutor.progress.store` feeds them rows and
saves what they return. Every function takes the time it should think of as "now", so the
results are the same in a test as on a learner's machine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from fsrs import Card, Rating, Scheduler

DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")


@dataclass(frozen=True)
class AnswerTimes:
    """How long a right answer may take, in seconds, before it counts as slow, and how
    quickly it must come to count as fast."""

    fast: float
    slow: float


ANSWER_TIMES: Mapping[str, AnswerTimes] = {
    "easy": AnswerTimes(fast=10.0, slow=30.0),
    "medium": AnswerTimes(fast=20.0, slow=60.0),
    "hard": AnswerTimes(fast=40.0, slow=120.0),
}
"""Thresholds that turn a right answer's time into an FSRS rating, per question difficulty.

FSRS wants to know how hard recall was, and a quiz can only see the time taken. An easy
question is one formula applied once (a Dense layer's parameters), a medium one is a few
such steps (a convolution's output length with padding and stride), a hard one chains
them through a model. A right answer within `fast` reads as recalled rather than worked
out, so Easy; one slower than `slow` reads as laboriously reconstructed, so Hard. The
numbers roughly triple per level and are deliberately generous: reading the question and
typing the answer take time too, and calling recall hard too often only brings the card
back sooner.
"""

DIFFICULTY_WEIGHTS: Mapping[str, float] = {"easy": 1.0, "medium": 2.0, "hard": 3.0}
"""How much one answer counts toward mastery: a hard question shows more understanding."""

MASTERY_WINDOW = 10
"""Mastery looks at this many of a topic's most recent attempts."""

RECENCY_DECAY = 0.8
"""Each step back in time multiplies an attempt's weight by this: the newest counts 1, the
tenth newest about 0.13, so an old mistake fades once the learner gets it right."""

MASTERY_FULL_EVIDENCE = 5
"""Attempts needed before mastery can reach 100: one lucky answer is not mastery."""


def default_scheduler() -> Scheduler:
    """FSRS with its published default parameters, 90 % desired retention and fuzzing on.

    Fuzzing spreads long intervals by a day or two so topics learnt together do not all
    fall due on the same day; tests pass `Scheduler(enable_fuzzing=False)` instead.
    """
    return Scheduler()


def rating_for(correct: bool, seconds: float, difficulty: str) -> Rating:
    """The FSRS rating of one quiz answer: wrong is Again; right is Hard when slower than
    the difficulty's `slow` threshold, Easy when within `fast`, Good in between."""
    times = ANSWER_TIMES.get(difficulty)
    if times is None:
        raise ValueError(f"unknown difficulty {difficulty!r}; expected one of {DIFFICULTIES}")
    if not correct:
        return Rating.Again
    if seconds > times.slow:
        return Rating.Hard
    if seconds <= times.fast:
        return Rating.Easy
    return Rating.Good


def review_topic(card: Card | None, rating: Rating, now: datetime, scheduler: Scheduler) -> Card:
    """The topic's card after one more answer; a topic's first answer creates its card.

    `now` must be in UTC (FSRS insists); the new card is due right away and the review
    then schedules it, so a first answer is scheduled exactly like any other.
    """
    if card is None:
        card = Card(card_id=int(now.timestamp() * 1000), due=now)
    reviewed, _log = scheduler.review_card(card, rating, review_datetime=now)
    return reviewed


def mastery(recent: Sequence[tuple[bool, str]]) -> int:
    """Mastery of a topic, 0 to 100, from its attempts as `(correct, difficulty)`, newest
    first (only the first `MASTERY_WINDOW` are used).

    The i-th newest attempt (i = 0, 1, ...) weighs `w_i = RECENCY_DECAY**i *
    DIFFICULTY_WEIGHTS[difficulty]`. The score is the weighted share of right answers,
    `sum(w_i * correct_i) / sum(w_i)`, scaled by the evidence `min(1, n /
    MASTERY_FULL_EVIDENCE)` for n attempts, and rounded:

        mastery = round(100 * score * evidence)

    So no attempts give 0, one right answer gives 20, five right answers give 100, and
    after a wrong hard answer it takes more than one right easy answer to recover.
    """
    window = recent[:MASTERY_WINDOW]
    if not window:
        return 0
    total = right = 0.0
    for age, (correct, difficulty) in enumerate(window):
        weight = RECENCY_DECAY**age * DIFFICULTY_WEIGHTS[difficulty]
        total += weight
        right += weight if correct else 0.0
    evidence = min(1.0, len(window) / MASTERY_FULL_EVIDENCE)
    return round(100 * right / total * evidence)


def streak(active_days: Iterable[date], today: date) -> int:
    """Consecutive days with any activity, ending today or, if today has none yet,
    yesterday (a streak is not broken until a whole day passes without practice)."""
    days = set(active_days)
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def utc(moment: datetime) -> datetime:
    """`moment` in UTC to the whole second, the form every stored time has.

    A naive datetime is refused rather than guessed at: it is a programming error.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"time without a time zone: {moment!r}")
    return moment.astimezone(timezone.utc).replace(microsecond=0)
