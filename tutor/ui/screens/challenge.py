"""A challenge: the exercise screen with a goal, a parameter budget and the learner's
best attempt, where `r` first has the engine count the script's parameters.

A script over budget never starts TensorFlow: the budget dialog shows at once where its
parameters are (the Explain table). The solution opens after a pass or three honest tries.
"""

from __future__ import annotations

from textual import work

from tutor.challenges import SOLUTION_AFTER_TRIES, challenge
from tutor.challenges.attempts import Standing, rules_text, standing, standing_text
from tutor.challenges.budget import BudgetCheck, check_budget, read_script
from tutor.challenges.workspace import script_to_run
from tutor.errors import TutorError
from tutor.i18n import translate
from tutor.training.view import RunView
from tutor.ui.screens.exercise import ExerciseScreen


class ChallengeScreen(ExerciseScreen):
    CSS_PATH = ["exercise.tcss", "challenge.tcss"]

    def __init__(self, challenge_id: str) -> None:
        super().__init__(challenge_id)
        self.challenge = challenge(challenge_id)
        self._standing: Standing | None = None
        self._judged: object = None
        """The result the standing was last read after (a new one means a new attempt)."""

    def show_language(self, lang: str) -> None:
        self._standing = standing(self.tutor.progress, self.challenge)
        super().show_language(lang)
        self.title = f"{translate('Challenge', lang)}: {self.challenge.title(lang)}"
        self.sub_title = ""  # the title is long enough; the id is in the script's name

    def _summary(self, view: RunView | None, lang: str) -> str:
        """The exercise's two lines, then the goal and budget, then how the learner
        stands (read again once a run has been judged)."""
        result = view.result if view is not None else None
        if result is not None and result is not self._judged:
            self._judged = result
            self._standing = standing(self.tutor.progress, self.challenge)
        lines = [
            super()._summary(view, lang),
            f"{translate('Goal', lang)}: {rules_text(self.challenge, lang)}",
        ]
        if self._standing is not None:
            lines.append(f"{translate('You', lang)}: {standing_text(self._standing, lang)}")
        return "\n".join(lines)

    def action_run(self) -> None:
        """Count the script's parameters first (in a thread: the engine's reading is
        bounded, but not the UI's to wait for); a refused script opens the budget dialog,
        any other runs."""
        other = self.tutor.training
        if other is not None and other.active:
            super().action_run()  # says what is still training
            return
        self._check_budget()

    @work(thread=True, exclusive=True, group="budget")
    def _check_budget(self) -> None:
        try:
            source = read_script(script_to_run(self.challenge.id))
        except TutorError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=8)
            return
        check = check_budget(self.challenge, source)
        self.app.call_from_thread(self._checked, check, source)

    def _checked(self, check: BudgetCheck, source: str) -> None:
        if not self.is_attached:
            return
        if not check.refused:
            super().action_run()
            return
        from tutor.ui.screens.budget import BudgetScreen

        def closed(edit: bool | None) -> None:
            if edit:
                self.action_edit()

        self.app.push_screen(BudgetScreen(check, source), closed)

    def action_solution(self) -> None:
        """The solution, once a pass or three tries have earned it."""
        current = self._standing or standing(self.tutor.progress, self.challenge)
        if current.solution_unlocked:
            super().action_solution()
            return
        message = translate(
            "The solution opens after a pass or {tries} tries ({left} to go).", self.tutor.lang
        )
        self.notify(message.format(tries=SOLUTION_AFTER_TRIES, left=current.tries_left), timeout=5)
