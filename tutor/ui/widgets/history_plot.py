"""A training curve drawn with plotext: one metric and its validation twin per epoch, and
the same metric of the run's earlier models (the folds of a k-fold script).

The curves differ by their marks as well as by colour, so they stay apart with NO_COLOR
(the app's ANSI theme draws everything in one colour): training a fine braille line,
validation bullets, earlier models small dots. The legend is in the title line, above
the plot area, where it can never cover a curve.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.app import RenderResult
from textual_plotext import PlotextPlot

from tutor.i18n import translate

History = Mapping[str, Sequence[float | None]]
TRAIN_MARK, TRAIN_SAMPLE = "braille", "⣀"
VALIDATION_MARK = "•"
EARLIER_MARK = "·"


class HistoryPlot(PlotextPlot):
    """Plots `metric` and `val_<metric>` from a Keras-style history (name -> per-epoch
    values). Callers hand it the whole history; it redraws only when asked, so a training
    screen can throttle redraws on a timer instead of redrawing on every event."""

    DEFAULT_CSS = """
    HistoryPlot {
        height: 1fr;
        min-height: 8;
    }
    """

    def __init__(self, metric: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.metric = metric
        self._history: dict[str, list[float]] = {}
        self._earlier: list[list[float]] = []
        self._lang = "en"
        self._drawn: tuple[object, RenderResult] | None = None

    def show(
        self,
        history: History,
        metric: str | None = None,
        *,
        earlier: Sequence[History] = (),
        lang: str = "en",
    ) -> None:
        """Replace the plotted history (and optionally the metric) and redraw; `earlier`
        are the histories of the run's previous models, drawn faintly behind."""
        if metric is not None:
            self.metric = metric
        self._history = {name: _numbers(values) for name, values in history.items()}
        self._earlier = [_numbers(fit.get(self.metric, ())) for fit in earlier]
        self._lang = lang
        self._draw()
        self._drawn = None
        self.refresh()

    def render(self) -> RenderResult:
        """The plot, built again only when the data, size or theme changed: plotext builds
        in pure Python, a few milliseconds a plot, and Textual renders a screen's widgets
        again each time it comes back into view (after the help screen, say)."""
        key = (self.size, self.app.theme)
        if self._drawn is None or self._drawn[0] != key:
            self.plt.title(self.legend(self.size.width))
            self._drawn = (key, super().render())
        return self._drawn[1]

    def legend(self, width: int = 80) -> str:
        """The title line: the metric, then each kind of curve drawn, by its mark; closer
        together, then without the words, where the plot is narrow (plotext leaves out a
        title that does not fit)."""
        lang = self._lang
        kinds = []
        if self._history.get(self.metric):
            kinds.append((TRAIN_SAMPLE, translate("train", lang)))
        if self._history.get(f"val_{self.metric}"):
            kinds.append((VALIDATION_MARK, translate("val", lang)))
        if any(self._earlier):
            kinds.append((EARLIER_MARK, translate("earlier", lang)))
        spaced = "  ".join([self.metric, *(f"{mark} {word}" for mark, word in kinds)])
        close = " ".join([self.metric, *(f"{mark}{word}" for mark, word in kinds)])
        return next((text for text in (spaced, close) if _cells(text) <= width - 2), self.metric)

    def _draw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.xlabel(translate("epoch", self._lang))
        curves = [(values, EARLIER_MARK) for values in self._earlier]
        curves.append((self._history.get(self.metric, []), TRAIN_MARK))
        curves.append((self._history.get(f"val_{self.metric}", []), VALIDATION_MARK))
        epochs = 0
        for values, mark in curves:
            if values:  # no label: plotext's legend box would sit on the curves
                plt.plot(list(range(1, len(values) + 1)), values, marker=mark)
                epochs = max(epochs, len(values))
        if epochs:  # whole epochs on the axis, never 2.2
            plt.xticks(list(range(1, epochs + 1, max(1, round(epochs / 6)))))


def _numbers(values: Sequence[float | None]) -> list[float]:
    return [value for value in values if value is not None]


def _cells(text: str) -> int:
    """Terminal cells `text` takes (Korean syllables take two)."""
    return sum(2 if "\uac00" <= char <= "\ud7a3" else 1 for char in text)
