"""Type your own text and see what the text model makes of it (imdb-rnn, reuters-lstm).

The sentence is coded as the training data were (`tutor.inspect.text`): a start mark,
word ids, padding in front to the model's length. Words the model does not know are
struck through: they reach it only as 'unknown'. A run on a generated stand-in has no
words at all; there the learner types word ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Static

from tutor.errors import TutorError
from tutor.i18n import translate
from tutor.inspect.protocol import class_probabilities
from tutor.inspect.text import encode
from tutor.ui.screens.base import TutorScreen
from tutor.ui.screens.inspect_views import answer_title, tokens_text
from tutor.ui.widgets.footer import KeyFooter
from tutor.ui.widgets.probability_bars import ProbabilityBars

if TYPE_CHECKING:
    from tutor.ui.screens.inspect import InspectScreen

DEBOUNCE_S = 0.15
MAX_TYPED = 2000


class InspectTextScreen(TutorScreen, Screen[None]):
    CSS_PATH = "inspect_text.tcss"
    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, source: InspectScreen) -> None:
        super().__init__()
        self.source = source
        assert source.saved is not None
        self.saved = source.saved
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(id="type-hint")
        yield Input(id="sentence", max_length=MAX_TYPED)
        yield Static(id="typed")
        yield Static(id="type-answer-title")
        yield ProbabilityBars(id="type-bars")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#sentence", Input).focus()

    def show_language(self, lang: str) -> None:
        self.title = translate("Type", lang) + f": {self.saved.exercise}"
        self.sub_title = self.source.run_dir.name
        if self.saved.vocabulary:
            hint = translate(
                "Type a text; words the model does not know are struck through.", lang
            )
        else:
            hint = translate(
                "This run trained on generated texts without words: type word ids, "
                "such as 12 345 7.",
                lang,
            )
        self.query_one("#type-hint", Static).update(Text(hint))
        self._show_title(lang)

    def _show_title(self, lang: str) -> None:
        title = answer_title(self.source.outputs is None, lang)
        self.query_one("#type-answer-title", Static).update(title)

    @on(Input.Changed, "#sentence")
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_S, self._ask)

    @work(exclusive=True, group="type-answers")
    async def _ask(self) -> None:
        sentence = self.query_one("#sentence", Input).value
        length = self.saved.input_shape[0] if self.saved.input_shape else 0
        size = self.saved.vocabulary_size or len(self.saved.vocabulary or ()) or 0
        row, tokens = encode(sentence, self.saved.vocabulary, length, size)
        self.query_one("#typed", Static).update(tokens_text(tokens))
        child = self.source.child
        if child is None or self.source.outputs is None or not sentence.strip():
            return
        try:
            outputs = await child.outputs(input=row.astype(self.saved.inputs.dtype))
        except TutorError as error:
            if self.is_attached:
                self.notify(str(error), severity="error", timeout=8)
            return
        if not self.is_attached:
            return  # the learner left meanwhile
        probabilities, _ = class_probabilities(outputs[0], self.saved.task)
        names = [self.saved.class_name(index) for index in range(len(probabilities))]
        self.query_one("#type-bars", ProbabilityBars).show(names, probabilities)
        self._show_title(self.tutor.lang)

    def action_back(self) -> None:
        self.dismiss()
