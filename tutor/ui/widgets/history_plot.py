"""A training curve drawn with plotext: one metric and its validation twin per epoch."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.app import RenderResult
from textual_plotext import PlotextPlot


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
        self._drawn: tuple[object, RenderResult] | None = None

    def show(self, history: Mapping[str, Sequence[float]], metric: str | None = None) -> None:
        """Replace the plotted history (and optionally the metric) and redraw."""
        if metric is not None:
            self.metric = metric
        self._history = {name: list(values) for name, values in history.items()}
        self._draw()
        self._drawn = None
        self.refresh()

    def render(self) -> RenderResult:
        """The plot, built again only when the data, size or theme changed: plotext builds
        in pure Python, a few milliseconds a plot, and Textual renders a screen's widgets
        again each time it comes back into view (after the help screen, say)."""
        key = (self.size, self.app.theme)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, super().render())
        return self._drawn[1]

    def _draw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(self.metric)
        plt.xlabel("epoch")
        epochs = 0
        for name in (self.metric, f"val_{self.metric}"):
            values = [v for v in self._history.get(name, []) if v is not None]
            if values:
                plt.plot(list(range(1, len(values) + 1)), values, label=name, marker="braille")
                epochs = max(epochs, len(values))
        if epochs:  # whole epochs on the axis, never 2.2
            plt.xticks(list(range(1, epochs + 1, max(1, round(epochs / 6)))))
