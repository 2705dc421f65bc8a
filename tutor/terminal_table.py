"""Command-line tables that never break a word: boxed at a terminal, plain rows when piped.

Rich folds a cell mid-word when the columns do not fit ('deep-learnin|g', ids cut in two).
Here no column is narrower than its longest word (a path may break after a `/`); when the
whole table cannot fit the terminal, its last columns move under its main column as
'header: value' lines, which wrap at spaces like the rest. Piped (to grep, less or a file)
a table is one line per row, columns aligned with spaces and nothing wrapped, so every id
stays whole and greppable.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

Row = Sequence[str]
EMPTY = ("", "-")  # cells that say nothing, left out when a column moves into another


def print_table(
    title: str,
    headers: Sequence[str],
    sections: Sequence[Sequence[Row]],
    caption: str | None = None,
    main: int = 0,
) -> None:
    """Print rows under `headers`, in sections (a rule between them at a terminal); at a
    narrow terminal, the columns that do not fit go under column `main`."""
    console = Console()
    if not console.is_terminal:
        lines = plain_lines(title, headers, sections, caption)
        sys.stdout.write("".join(f"{line}\n" for line in lines))
        return
    headers, sections = fit(headers, sections, console.width, main)
    widths = _widths(headers, sections, console.width)
    table = Table(title=Text(title), caption=Text(caption) if caption else None)
    for header, width in zip(headers, widths, strict=True):
        table.add_column(Text(wrap(header, width)), width=width, no_wrap=True)
    for section in sections:
        table.add_section()
        for row in section:
            cells = zip(row, widths, strict=True)
            table.add_row(*(Text(wrap(cell, width)) for cell, width in cells))
    console.print(table)


def plain_lines(
    title: str, headers: Sequence[str], sections: Sequence[Sequence[Row]], caption: str | None
) -> list[str]:
    """The table as text lines: title, header, one line per row, caption."""
    rows = [headers, *(row for section in sections for row in section)]
    widths = [max(cell_len(row[index]) for row in rows) for index in range(len(headers))]
    lines = [title]
    for row in rows:
        cells = zip(row, widths, strict=True)
        lines.append("  ".join(_pad(cell, width) for cell, width in cells).rstrip())
    return [*lines, caption] if caption else lines


def fit(
    headers: Sequence[str], sections: Sequence[Sequence[Row]], width: int, main: int
) -> tuple[Sequence[str], Sequence[Sequence[Row]]]:
    """The widest layout whose every word fits `width`: all columns, or the first few with
    the others written under column `main` as 'header: value' lines."""
    for keep in range(len(headers), main, -1):
        kept = headers[:keep]
        folded = [[_fold(headers, row, keep, main) for row in section] for section in sections]
        if _narrowest(kept, folded) <= width:
            break
    return kept, folded


def _fold(headers: Sequence[str], row: Row, keep: int, main: int) -> Row:
    moved = [
        f"{header}: {cell}"
        for header, cell in zip(headers[keep:], row[keep:], strict=True)
        if cell not in EMPTY
    ]
    combined = "\n".join(part for part in (row[main], *moved) if part)
    return [*row[:main], combined, *row[main + 1 : keep]]


def _narrowest(headers: Sequence[str], sections: Sequence[Sequence[Row]]) -> int:
    """The least width a boxed table needs without breaking a word: each column's longest
    word, a space either side, and the rules between and around the columns."""
    return sum(_measure(headers, sections, _longest_word)) + _rules(len(headers))


def _widths(headers: Sequence[str], sections: Sequence[Sequence[Row]], width: int) -> list[int]:
    """Each column's width: its longest word, plus a fair share of the room left over (the
    columns that want least get all they want first; the rest split what remains)."""
    widths = _measure(headers, sections, _longest_word)
    longest = _measure(headers, sections, _longest_line)
    wants = [most - least for most, least in zip(longest, widths, strict=True)]
    room = width - _rules(len(headers)) - sum(widths)
    by_want = sorted(range(len(headers)), key=wants.__getitem__)
    for done, column in enumerate(by_want):
        share = min(wants[column], max(room, 0) // (len(headers) - done))
        widths[column] += share
        room -= share
    return widths


def _measure(
    headers: Sequence[str], sections: Sequence[Sequence[Row]], size: Callable[[str], int]
) -> list[int]:
    rows = [headers, *(row for section in sections for row in section)]
    return [max(size(row[index]) for row in rows) for index in range(len(headers))]


def _rules(columns: int) -> int:
    """Borders and padding of a boxed table: a space either side of each cell, a rule
    between columns and one at each edge."""
    return 3 * columns + 1


def _pad(text: str, width: int) -> str:
    return text + " " * (width - cell_len(text))


def _longest_word(text: str) -> int:
    return max((cell_len(piece) for word in text.split() for piece in _pieces(word)), default=0)


def _longest_line(text: str) -> int:
    return max((cell_len(line) for line in text.splitlines()), default=0)


def wrap(text: str, width: int) -> str:
    """`text` wrapped at spaces, and a long path after a `/`, to `width` cells (Rich's own
    wrapping cuts a line of wide Korean characters that fills the column exactly)."""
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            for index, piece in enumerate(_pieces(word)):
                joined = f"{line} {piece}" if line and index == 0 else line + piece
                if line and cell_len(joined) > width:
                    lines.append(line)
                    line = piece
                else:
                    line = joined
        lines.append(line)
    return "\n".join(lines)


def _pieces(word: str) -> list[str]:
    """A word split after each `/`, where a path may be broken: `~/`, `.keras/`, `x.npz`."""
    return re.findall(r"[^/]*/|[^/]+", word)
