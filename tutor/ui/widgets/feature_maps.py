"""A page of small labelled pictures: a layer's feature maps, a convolution's filters, the
first Dense layer's weights per unit, the gallery of mistakes.

As many as fit the widget's size are drawn, in rows, each with its label above it; the
rest are on later pages (`turn`). The pictures come ready-made (`Pixels`), all the same
size, so drawing a page costs only laying out segments.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.cells import set_cell_size
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tutor.ui.widgets.picture import Pixels

GAP = 1
LABEL = Style(dim=True)
CHOSEN = Style(reverse=True)


class Grid:
    """Pictures with a label line above each, as many to a row as `width` allows."""

    def __init__(self, items: list[tuple[str, Pixels]], chosen: int | None = None) -> None:
        self.items = items
        self.chosen = chosen

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.items:
            return
        cell = max(pixels.width for _, pixels in self.items)
        across = columns(options.max_width, cell)
        lines: list[list[Segment]] = []
        for start in range(0, len(self.items), across):
            row = self.items[start : start + across]
            lines.append(self._labels(row, start, cell))
            drawn = [pixels.lines() for _, pixels in row]
            for number in range(max(len(picture) for picture in drawn)):
                segments: list[Segment] = []
                for index, picture in enumerate(drawn):
                    if index:
                        segments.append(Segment(" " * GAP))
                    part = picture[number] if number < len(picture) else []
                    segments += Segment.adjust_line_length(part, cell)
                lines.append(segments)
        for segments in lines:
            yield from segments
            yield Segment.line()

    def _labels(self, row: list[tuple[str, Pixels]], start: int, cell: int) -> list[Segment]:
        segments: list[Segment] = []
        for index, (label, _) in enumerate(row):
            if index:
                segments.append(Segment(" " * GAP))
            style = CHOSEN if start + index == self.chosen else LABEL
            segments.append(Segment(set_cell_size(label, cell), style))
        return segments


def columns(width: int, cell: int) -> int:
    return max(1, (width + GAP) // (cell + GAP))


class FeatureMaps(Widget):
    """Pages of labelled pictures; `turn(±1)` pages, `chosen` highlights one label. With
    a `caption`, the first line says which are shown (from this widget's own size, so it
    is never out of step with what is drawn)."""

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text(encoding="utf-8")

    page: reactive[int] = reactive(0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[tuple[str, Pixels]] = []
        self.chosen: int | None = None
        self.caption: Callable[[int, int, int], str] | None = None
        """(first, last, count) -> the line above a page, when there is more than one."""

    def show(self, items: list[tuple[str, Pixels]], *, keep_page: bool = False) -> None:
        self.items = items
        if not keep_page:
            self.page = 0
        self.page = min(self.page, max(0, self.pages() - 1))
        self.refresh()

    def _captioned(self) -> bool:
        return self.caption is not None and len(self.items) > self._fitting(self.size.height)

    def _fitting(self, height: int) -> int:
        if not self.items:
            return 0
        cell = max(pixels.width for _, pixels in self.items)
        tall = max(pixels.height for _, pixels in self.items) + 1
        rows = max(1, height // tall) if height else 1
        return columns(self.size.width or 80, cell) * rows

    def per_page(self) -> int:
        height = self.size.height
        return self._fitting(height - 1 if self._captioned() else height)

    def pages(self) -> int:
        per = self.per_page()
        return -(-len(self.items) // per) if per else 0

    def shown(self) -> tuple[int, int]:
        """(first, last) item numbers on this page, from 1; (0, 0) when empty."""
        per = self.per_page()
        if not per:
            return 0, 0
        first = self.page * per
        return first + 1, min(len(self.items), first + per)

    def turn(self, pages: int) -> None:
        self.page = max(0, min(self.pages() - 1, self.page + pages))

    def show_item(self, index: int) -> None:
        """Turn to the page holding item `index` and highlight it."""
        self.chosen = index
        per = self.per_page()
        if per:
            self.page = index // per
        self.refresh()

    def on_resize(self) -> None:
        self.page = min(self.page, max(0, self.pages() - 1))
        self.refresh()

    def render(self) -> Group | Grid:
        first, last = self.shown()
        chosen = self.chosen - first + 1 if self.chosen is not None and first else None
        grid = Grid(self.items[first - 1 : last] if first else [], chosen)
        if not self._captioned() or self.caption is None:
            return grid
        return Group(Text(self.caption(first, last, len(self.items)), style="dim"), grid)
