"""The options of an exercise's next run, as `dltutor run` takes them: epochs, batch size,
offline data, and the script's own options (`--folds 10`), so that every 'Thing to try'
can be tried from the app. On a machine with an NVIDIA GPU, also a cap on the run's GPU
memory (a shared GPU) and mixed precision.

The script's own options are checked against what its argparse declares (read from its
source, never run), so a typo is one line here rather than a failed run later.
"""

from __future__ import annotations

import shlex

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static

from tutor.challenges.workspace import script_to_run
from tutor.exercises import Exercise, script_options
from tutor.gpu import gpu_count
from tutor.i18n import translate
from tutor.ui.screens.base import TutorScreen
from tutor.ui.training import RunOptions
from tutor.ui.widgets.footer import KeyFooter

MAX_EPOCHS = 10_000
MAX_BATCH_SIZE = 1_000_000
MAX_GPU_MEMORY_MB = 10_000_000
OWN_OPTIONS = ("--epochs", "--batch-size", "--offline")
"""Options with a field of their own in this dialog."""


class RunOptionsScreen(TutorScreen, ModalScreen[RunOptions | None]):
    """Dismisses with the new options (Enter), or None (Esc) to keep the old ones."""

    CSS_PATH = "run_options.tcss"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", priority=True),
        Binding("ctrl+s", "apply", "Apply", priority=True),
    ]

    def __init__(self, exercise: Exercise, options: RunOptions) -> None:
        super().__init__()
        self.exercise = exercise
        self.options = options
        self.script_options = [
            option
            for option in script_options(script_to_run(exercise.id))
            if option not in OWN_OPTIONS
        ]
        self.gpu = gpu_count() > 0
        """GPU fields only where there is a GPU (NVML, opened once a process, says so)."""

    def compose(self) -> ComposeResult:
        options = self.options
        with Vertical(id="dialog"):
            yield Label(id="epochs-label")
            yield Input(
                str(options.epochs or ""), id="epochs", type="integer", max_length=6,
                placeholder=str(self.exercise.epochs or ""),
            )  # fmt: skip
            yield Label(id="batch-label")
            yield Input(
                str(options.batch_size or ""), id="batch", type="integer", max_length=7,
                placeholder=str(self.exercise.batch_size or ""),
            )  # fmt: skip
            yield Checkbox(id="offline", value=options.offline)
            if self.gpu:
                yield Label(id="gpu-label")
                with Horizontal(id="gpu-row"):
                    yield Input(
                        str(options.gpu_memory or ""), id="gpu-memory", type="integer",
                        max_length=8, placeholder="MB",
                    )  # fmt: skip
                    yield Checkbox(id="mixed-precision", value=options.mixed_precision)
            yield Label(id="script-label")
            yield Input(shlex.join(options.script_args), id="script-args", max_length=200)
            yield Static(id="problem", classes="notice")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#epochs", Input).focus()

    def show_language(self, lang: str) -> None:
        dialog = self.query_one("#dialog")
        dialog.border_title = translate("Options for the next run", lang)
        dialog.border_subtitle = translate("Enter applies · Esc cancels · Tab next field", lang)
        for selector, text in (
            ("#epochs-label", "Epochs (empty: the script's)"),
            ("#batch-label", "Batch size (empty: the script's)"),
        ):
            self.query_one(selector, Label).update(translate(text, lang))
        self.query_one("#offline", Checkbox).label = translate(
            "Offline: never download; train on the labelled stand-in data", lang
        )
        if self.gpu:
            label = "GPU memory cap in MB (empty: none; on a shared GPU)"
            self.query_one("#gpu-label", Label).update(translate(label, lang))
            self.query_one("#mixed-precision", Checkbox).label = translate(
                "Mixed precision (float16)", lang
            )
        accepted = ", ".join(self.script_options) or translate("none", lang)
        label = translate("The script's own options (it accepts: {options})", lang)
        self.query_one("#script-label", Label).update(label.format(options=accepted))
        self.query_one("#script-args", Input).placeholder = (
            f"{self.script_options[0]} …" if self.script_options else ""
        )
        self.query_one("#problem", Static).display = False

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_apply()

    def action_apply(self) -> None:
        try:
            options = self._read()
        except ValueError as problem:
            notice = self.query_one("#problem", Static)
            notice.update(str(problem))
            notice.display = True
            return
        self.dismiss(options)

    def _read(self) -> RunOptions:
        """The options as typed; a ValueError says, in the learner's language, what is wrong."""
        lang = self.tutor.lang
        epochs = self._number("#epochs", MAX_EPOCHS, "Epochs must be 1 to {most}.", lang)
        batch = self._number("#batch", MAX_BATCH_SIZE, "Batch size must be 1 to {most}.", lang)
        text = self.query_one("#script-args", Input).value
        try:
            arguments = tuple(shlex.split(text))
        except ValueError:
            message = translate("The script's options have an unclosed quote.", lang)
            raise ValueError(message) from None
        for argument in arguments:
            name = argument.split("=", 1)[0]
            if name.startswith("-") and name not in self.script_options:
                message = translate("{option} is not an option of {script}.", lang)
                if name in OWN_OPTIONS:
                    message = translate("{option} has its own field above.", lang)
                script = self.exercise.script.name
                raise ValueError(message.format(option=name, script=script))
        offline = self.query_one("#offline", Checkbox).value
        if not self.gpu:
            return RunOptions(epochs, batch, offline, arguments)
        message = "The GPU memory cap must be 1 to {most} MB."
        gpu_memory = self._number("#gpu-memory", MAX_GPU_MEMORY_MB, message, lang)
        mixed = self.query_one("#mixed-precision", Checkbox).value
        return RunOptions(epochs, batch, offline, arguments, gpu_memory, mixed)

    def _number(self, selector: str, most: int, message: str, lang: str) -> int | None:
        text = self.query_one(selector, Input).value.strip()
        if not text:
            return None
        if not text.isdigit() or not 1 <= int(text) <= most:
            raise ValueError(translate(message, lang).format(most=f"{most:,}"))
        return int(text)
