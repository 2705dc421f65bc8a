"""The model's probability for each class as a bar, with the class names of the data the
run really used. The most probable class is bold; the true class (when there is one, not
for a drawing) carries a ◀. When there are more classes than lines (Reuters' 46 topics)
the most probable ones are shown, the true class always among them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from textual.widget import Widget

from tutor.ui.widgets.picture import plain

EIGHTHS = " ▏▎▍▌▋▊▉█"
NAME_MOST = 14
TRUE_MARK = "◀"
TOP = Style(bold=True)
OTHER = Style(dim=True)


def bar(fraction: float, width: int) -> str:
    """`fraction` of `width` cells in eighths of a block."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (EIGHTHS[part] if part else "")).ljust(width)


def rows_to_show(probabilities: Sequence[float], true: int | None, room: int) -> list[int]:
    """Class numbers to draw: all in order when they fit, else the most probable (the
    true class kept, in place of the last)."""
    count = len(probabilities)
    if count <= room:
        return list(range(count))
    order = sorted(range(count), key=lambda index: -probabilities[index])[: max(1, room)]
    if true is not None and true not in order:
        order[-1] = true
    return order


class Bars:
    """The renderable: one line per class shown."""

    def __init__(
        self,
        names: Sequence[str],
        probabilities: Sequence[float],
        true: int | None,
        room: int,
        accent: Style,
    ) -> None:
        self.names, self.probabilities, self.true = names, probabilities, true
        self.room, self.accent = room, accent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        shown = rows_to_show(self.probabilities, self.true, self.room)
        if not shown:
            return
        name_width = min(NAME_MOST, max(cell_len(self.names[index]) for index in shown))
        width = max(4, options.max_width - name_width - 10)
        top = max(range(len(self.probabilities)), key=lambda index: self.probabilities[index])
        for index in shown:
            style = TOP if index == top else OTHER
            mark = f" {TRUE_MARK}" if index == self.true else "  "
            yield Segment(set_cell_size(self.names[index], name_width) + " ", style)
            ink = self.accent if index == top else OTHER
            yield Segment(bar(self.probabilities[index], width), ink)
            yield Segment(f"{100 * self.probabilities[index]:6.1f}%", style)
            yield Segment(mark)
            yield Segment.line()


class ProbabilityBars(Widget):
    """`show(names, probabilities, true=...)`; `clear()` while nothing is known yet."""

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text(encoding="utf-8")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names: Sequence[str] = ()
        self.probabilities: Sequence[float] = ()
        self.true: int | None = None

    def show(
        self, names: Sequence[str], probabilities: Sequence[float], *, true: int | None = None
    ) -> None:
        self.names, self.probabilities, self.true = names, probabilities, true
        self.refresh(layout=True)

    def clear(self) -> None:
        self.show((), ())

    def get_content_height(self, container, viewport, width):  # type: ignore[no-untyped-def]
        return min(len(self.probabilities), max(1, container.height)) if self.probabilities else 1

    def render(self) -> Bars | str:
        if not self.probabilities:
            return ""
        accent = Style(bold=True)  # NO_COLOR: bold alone
        if not plain(self):
            accent = Style.parse(str(self.app.get_css_variables().get("accent", "cyan")))
        return Bars(self.names, self.probabilities, self.true, self.size.height or 10, accent)
