"""Convolution and pooling on a small grid, in plain Python, exactly as Keras computes them
('valid' padding; convolution is cross-correlation: the kernel is not flipped). Quiz
answers for the by-hand topics come from here, and the tests hold them against keras.ops."""

from __future__ import annotations

from typing import Literal

from tutor.quiz.question import Grid, Number, format_number

PoolMode = Literal["max", "average"]


def output_length(size: int, window: int, stride: int) -> int:
    """floor((size - window) / stride) + 1: the course's formula with no padding."""
    return (size - window) // stride + 1


def _windows(grid: Grid, height: int, width: int, stride: int):
    """Every window position, row by row: (row, col, the numbers under the window)."""
    rows = output_length(len(grid), height, stride)
    cols = output_length(len(grid[0]), width, stride)
    for r in range(rows):
        for c in range(cols):
            top, left = r * stride, c * stride
            cells = tuple(grid[top + i][left + j] for i in range(height) for j in range(width))
            yield r, c, cells


def _shape(grid: Grid, height: int, width: int, stride: int) -> tuple[int, int]:
    return (
        output_length(len(grid), height, stride),
        output_length(len(grid[0]), width, stride),
    )


def _fill(rows: int, cols: int, values: dict[tuple[int, int], Number]) -> Grid:
    return tuple(tuple(values[r, c] for c in range(cols)) for r in range(rows))


def convolve(grid: Grid, kernel: Grid, stride: int = 1) -> Grid:
    """Slide the kernel, multiply overlapping numbers and add them up."""
    height, width = len(kernel), len(kernel[0])
    flat = tuple(v for row in kernel for v in row)
    values = {
        (r, c): sum(a * b for a, b in zip(cells, flat, strict=True))
        for r, c, cells in _windows(grid, height, width, stride)
    }
    return _fill(*_shape(grid, height, width, stride), values)


def pool(grid: Grid, size: int = 2, stride: int = 2, mode: PoolMode = "max") -> Grid:
    """Max or average of every window; averages stay floats (19.5 is the right answer)."""
    values: dict[tuple[int, int], Number] = {}
    for r, c, cells in _windows(grid, size, size, stride):
        values[r, c] = max(cells) if mode == "max" else sum(cells) / len(cells)
    return _fill(*_shape(grid, size, size, stride), values)


def convolution_steps(grid: Grid, kernel: Grid, stride: int = 1) -> list[str]:
    """One line per output cell with the products written out (the worked answer)."""
    height, width = len(kernel), len(kernel[0])
    flat = tuple(v for row in kernel for v in row)
    lines = []
    for r, c, cells in _windows(grid, height, width, stride):
        products = " + ".join(f"{_term(a)}*{_term(b)}" for a, b in zip(cells, flat, strict=True))
        total = sum(a * b for a, b in zip(cells, flat, strict=True))
        lines.append(f"out[{r}][{c}] = {products} = {total}")
    return lines


def pooling_steps(grid: Grid, size: int = 2, stride: int = 2, mode: PoolMode = "max") -> list[str]:
    """One line per output cell: `max(12, 20, 8, 12) = 20` or `(37 + 7 + 22 + 12) / 4 = 19.5`."""
    lines = []
    for r, c, cells in _windows(grid, size, size, stride):
        if mode == "max":
            shown = ", ".join(format_number(v) for v in cells)
            lines.append(f"out[{r}][{c}] = max({shown}) = {format_number(max(cells))}")
        else:
            shown = " + ".join(format_number(v) for v in cells)
            mean = sum(cells) / len(cells)
            lines.append(f"out[{r}][{c}] = ({shown}) / {len(cells)} = {format_number(mean)}")
    return lines


def _term(value: Number) -> str:
    """Negative factors in parentheses, so `2*(-1)` reads unambiguously."""
    shown = format_number(value)
    return f"({shown})" if value < 0 else shown
