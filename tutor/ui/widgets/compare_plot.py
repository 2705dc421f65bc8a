"""Two to four runs' curves of one metric in one plot, told apart by their marks.

Each run's curve is drawn with a mark of its own (`*` for run A, `+` for B, `#` for C, `@`
for D), so the curves stay apart with NO_COLOR (the app's ANSI theme draws everything in
one colour); the title line says which mark is which run. Plain ASCII marks: they take one
cell in every terminal, and a run of them is never read as a word. The course's figure,
where it reports one for the metric, is a horizontal line labelled 'course, full data'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from textual.app import RenderResult
from textual_plotext import PlotextPlot

from tutor.i18n import translate

REFERENCE_MARK = "─"
MARKS = {"A": "*", "B": "+", "C": "#", "D": "@"}


@dataclass(frozen=True)
class Curve:
    letter: str
    values: Sequence[float]


class ComparePlot(PlotextPlot):
    DEFAULT_CSS = """
    ComparePlot {
        height: 14;
        min-height: 8;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.metric = ""
        self._curves: list[Curve] = []
        self._reference: float | None = None
        self._lang = "en"
        self._drawn: tuple[object, RenderResult] | None = None

    def show(
        self,
        metric: str,
        curves: Sequence[Curve],
        reference: float | None = None,
        *,
        lang: str = "en",
    ) -> None:
        """Draw `metric` for each run (a run without it is left out of the plot), and the
        course's `reference` figure for it, if any."""
        self.metric = metric
        self._curves = [curve for curve in curves if curve.values]
        self._reference = reference
        self._lang = lang
        self._draw()
        self._drawn = None
        self.refresh()

    def render(self) -> RenderResult:
        """Built again only when the data, size or theme changed (see `HistoryPlot`)."""
        key = (self.size, self.app.theme)
        if self._drawn is None or self._drawn[0] != key:
            self.plt.title(self.legend(self.size.width))
            self._drawn = (key, super().render())
        return self._drawn[1]

    def legend(self, width: int = 80) -> str:
        """The title line: the metric, each run's mark, and the course's line."""
        parts = [self.metric, "  ".join(f"{MARKS[c.letter]} {c.letter}" for c in self._curves)]
        if self._reference is not None:
            course = translate("course, full data", self._lang)
            parts.append(f"{REFERENCE_MARK} {course} {self._reference:g}")
        text = "  ".join(part for part in parts if part)
        return text if cell_len(text) <= width - 2 else self.metric

    def _draw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.xlabel(translate("epoch", self._lang))
        epochs = 0
        for curve in self._curves:
            values = list(curve.values)
            plt.plot(list(range(1, len(values) + 1)), values, marker=MARKS[curve.letter])
            epochs = max(epochs, len(values))
        if self._reference is not None and epochs:
            plt.hline(self._reference)
        if epochs:
            plt.xticks(list(range(1, epochs + 1, max(1, round(epochs / 6)))))
