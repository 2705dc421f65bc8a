"""Model-design challenges: reach a goal with at most so many parameters.

`catalogue` loads and checks `lessons/challenges/catalogue.yaml`; `workspace` finds what
runs under an exercise's or a challenge's id and the learner's copy of it; `budget` counts
a script's parameters with the engine before anything runs; `attempts` says how a learner
stands on each challenge. No TensorFlow or Textual here.
"""

from __future__ import annotations

from tutor.challenges.catalogue import (
    SOLUTION_AFTER_TRIES,
    Challenge,
    challenge,
    challenges_dir,
    find_challenge,
    load_challenges,
)

__all__ = [
    "SOLUTION_AFTER_TRIES",
    "Challenge",
    "challenge",
    "challenges_dir",
    "find_challenge",
    "load_challenges",
]
