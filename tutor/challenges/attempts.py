"""How a learner stands on each challenge: judged tries, passes and the best attempt.

An attempt is recorded for each run of a challenge that trained within its rules and was
judged (passed or failed); a run refused over budget, cancelled or crashed is not an honest
try. The solution opens after a pass or `SOLUTION_AFTER_TRIES` tries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.challenges.catalogue import (
    SOLUTION_AFTER_TRIES,
    Challenge,
    find_challenge,
    load_challenges,
)
from tutor.errors import TutorError
from tutor.exercises import Criterion
from tutor.i18n import translate
from tutor.progress.store import ChallengeAttempt, best_attempt

if TYPE_CHECKING:
    from tutor.progress import ProgressStore
    from tutor.training.protocol import Result


def record_attempt(
    store: ProgressStore, item_id: str, result: Result, params: int | None
) -> bool:
    """Keep a judged run of a challenge as an attempt; False for anything else (an
    exercise, or a run that was not judged)."""
    if find_challenge(item_id) is None or result.passed is None or not result.criterion:
        return False
    criterion: Mapping[str, Any] = result.criterion
    bound = "at_least" if "at_least" in criterion else "at_most"
    return store.record_challenge_attempt(
        item_id,
        metric=str(criterion["metric"]),
        bound=bound,
        goal=float(criterion[bound]),
        score=criterion.get("value"),
        params=params,
        passed=result.passed,
        stand_in=result.stand_in,
    )


@dataclass(frozen=True)
class Standing:
    challenge: Challenge
    tries: int
    passed: bool
    best: ChallengeAttempt | None

    @property
    def solution_unlocked(self) -> bool:
        return self.passed or self.tries >= SOLUTION_AFTER_TRIES

    @property
    def tries_left(self) -> int:
        """Tries before the solution opens (0 once it has)."""
        return 0 if self.solution_unlocked else SOLUTION_AFTER_TRIES - self.tries


def standing(store: ProgressStore, challenge: Challenge) -> Standing:
    attempts = store.challenge_attempts(challenge.id)
    return Standing(
        challenge,
        len(attempts),
        any(attempt.passed for attempt in attempts),
        best_attempt(attempts),
    )


def goal_text(criterion: Criterion) -> str:
    """`test_accuracy >= 0.97`."""
    sign = ">=" if criterion.bound == "at_least" else "<="
    return f"{criterion.metric} {sign} {criterion.value:g}"


def rules_text(challenge: Challenge, lang: str) -> str:
    """`test_accuracy >= 0.97 (offline stand-in: >= 0.9), at most 20,000 parameters`."""
    text = goal_text(challenge.goal)
    if challenge.stand_in_goal is not None:
        stand_in = goal_text(challenge.stand_in_goal).split(" ", 1)[1]
        text += " " + translate("(offline stand-in: {goal})", lang).format(goal=stand_in)
    text += ", " + translate("at most {count} parameters", lang).format(
        count=f"{challenge.max_params:,}"
    )
    if challenge.requires:
        text += ", " + translate("with one of: {layers}", lang).format(
            layers=", ".join(challenge.requires)
        )
    return text


def standing_text(standing: Standing, lang: str) -> str:
    """`passed · best 0.9712 with 5,258 parameters · 2 tries` or `not tried yet`."""
    if standing.best is None:
        return translate("not tried yet", lang)
    best = standing.best
    verdict = translate("passed" if standing.passed else "not passed yet", lang)
    score = f"{best.score:.4f}" if best.score is not None else "-"
    params = f"{best.params:,}" if best.params is not None else "?"
    text = translate("best {score} with {params} parameters", lang).format(
        score=score, params=params
    )
    if best.stand_in:
        text += f" [{translate('stand-in', lang)}]"
    tries = translate("{n} tries" if standing.tries != 1 else "{n} try", lang).format(
        n=standing.tries
    )
    return f"{verdict} · {text} · {tries}"


def challenge_lines(store: ProgressStore, lang: str) -> list[str]:
    """The Progress screen's challenges: a heading, then each challenge's standing (none
    when the course has no challenges, or its catalogue cannot be read)."""
    try:
        challenges = load_challenges()
    except TutorError:
        return []
    if not challenges:
        return []
    width = max(len(item.id) for item in challenges)
    lines = [translate("Challenges", lang)]
    for item in challenges:
        lines.append(f"  {item.id:<{width}}  {standing_text(standing(store, item), lang)}")
    return lines
