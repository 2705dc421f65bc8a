"""A challenge's parameter budget, checked before TensorFlow starts.

The engine reads the learner's script without running it (`tutor.engine.explain`) and
counts the model's parameters in milliseconds: a model over budget is refused at once,
with the Explain table that shows where its parameters are. A script the engine cannot
read (its model depends on the data, or on something only a run knows) goes ahead, and the
training child counts the built model before `fit` and stops it there if it is over
(`tutor.training.hooks`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from tutor.challenges.catalogue import Challenge
from tutor.engine import EngineError, ParseError, explain, explain_text
from tutor.engine.limits import MAX_SOURCE_CHARS
from tutor.errors import TutorError
from tutor.i18n import translate
from tutor.safeio import read_text
from tutor.training.protocol import MISSING_LAYER, OVER_BUDGET

READ_SECONDS = 1.5
"""The most the engine may spend reading a script: the refusal comes within 2 s."""


class OverBudget(TutorError):
    """A challenge's script was refused before it ran; the message is one line."""


@dataclass(frozen=True)
class BudgetCheck:
    challenge: Challenge
    params: int | None
    """The engine's count, or None when it cannot read the script (the child counts)."""
    layers: tuple[str, ...] = ()
    """The model's layer classes, as the engine read them."""
    unreadable: str = ""
    """Why the engine could not read the script (it still runs, counted in the child)."""

    @property
    def over(self) -> bool:
        return self.params is not None and self.params > self.challenge.max_params

    @property
    def missing_layer(self) -> bool:
        required = self.challenge.requires
        return bool(required) and self.params is not None and not set(required) & set(self.layers)

    @property
    def refused(self) -> bool:
        return self.over or self.missing_layer

    def message(self, lang: str = "en") -> str:
        """The refusal in one line, in `lang` ('' when the script may run)."""
        if self.over:
            return translate(OVER_BUDGET, lang).format(
                id=self.challenge.id,
                count=f"{self.params:,}",
                budget=f"{self.challenge.max_params:,}",
            )
        if self.missing_layer:
            return translate(MISSING_LAYER, lang).format(
                id=self.challenge.id, layers=", ".join(self.challenge.requires)
            )
        return ""


def read_script(script: Path) -> str:
    """The script's text: a regular file of at most what the engine takes (`TutorError`
    naming the file otherwise, never a hang on a FIFO)."""
    return read_text(script, 4 * MAX_SOURCE_CHARS)


def check_budget(challenge: Challenge, source: str) -> BudgetCheck:
    """Count the model in `source` against the challenge's budget."""
    try:
        result = explain(source, deadline=time.monotonic() + READ_SECONDS)
    except (ParseError, EngineError) as error:
        return BudgetCheck(challenge, None, unreadable=str(error))
    layers = tuple(layer.cls for layer in result.layers)
    return BudgetCheck(challenge, result.total_params, layers)


def where_the_parameters_are(source: str, lang: str) -> str:
    """The Explain table of the script's model, in `lang`, for a refused script."""
    try:
        return explain_text(source, lang, deadline=time.monotonic() + READ_SECONDS)
    except (ParseError, EngineError) as error:
        return str(error)


def enforce_budget(challenge: Challenge, script: Path, lang: str = "en") -> BudgetCheck:
    """`check_budget` for `dltutor run`: `OverBudget`, one line in `lang`, when refused."""
    check = check_budget(challenge, read_script(script))
    if check.refused:
        raise OverBudget(check.message(lang))
    return check
