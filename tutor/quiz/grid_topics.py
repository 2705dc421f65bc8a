"""Convolution and pooling by hand on a small grid of numbers, as in the notes' 4x4
examples; the answer is computed by `by_hand`, the explanation lists every output cell."""

from __future__ import annotations

from random import Random

from tutor.quiz import by_hand
from tutor.quiz.answers import grid_form
from tutor.quiz.question import Grid, Question, Slot, Text, format_grid, text

CONV_HINT = text(
    "Put the kernel on the top-left corner, multiply the numbers that overlap and add them "
    "up; then move it by the stride, row by row. The kernel is not flipped.",
    "커널을 왼쪽 위에 놓고 겹치는 수끼리 곱해 모두 더합니다. 그다음 스트라이드만큼 옮기며 "
    "한 줄씩 진행합니다. 커널은 뒤집지 않습니다.",
)
POOL_HINT = text(
    "Cut the grid into 2x2 blocks (stride 2). Max pooling keeps each block's largest "
    "number; average pooling keeps the mean of its four numbers.",
    "격자를 2x2 블록으로 나눕니다(스트라이드 2). 최대 풀링은 블록에서 가장 큰 수를, "
    "평균 풀링은 네 수의 평균을 남깁니다.",
)


def _grid(rng: Random, rows: int, cols: int, low: int, high: int) -> Grid:
    return tuple(tuple(rng.randint(low, high) for _ in range(cols)) for _ in range(rows))


def conv_by_hand(rng: Random, slot: Slot) -> Question:
    level = slot.difficulty
    if level == "easy":  # the notes' example: a 0/1 grid, a 2x2 0/1 kernel, stride 1
        size, k, stride, values, weights = 4, 2, 1, (0, 1), (0, 1)
    elif level == "medium":
        size, k, stride = rng.choice(((5, 3, 1), (4, 2, 2), (4, 3, 1), (5, 2, 1)))
        values, weights = (0, 3), (0, 1)
    else:
        size, k, stride = rng.choice(((6, 3, 1), (6, 2, 2), (5, 3, 2), (6, 3, 2), (5, 2, 1)))
        values, weights = (0, 5), (-1, 2)
    uses = slot.check(frozenset({"Conv2D", "strides"} if stride > 1 else {"Conv2D"}))
    grid = _grid(rng, size, size, *values)
    kernel = _grid(rng, k, k, *weights)
    while all(v == 0 for row in kernel for v in row):
        kernel = _grid(rng, k, k, *weights)
    answer = by_hand.convolve(grid, kernel, stride)
    out = len(answer)
    formula = f"OH = OW = floor(({size} - {k}) / {stride}) + 1 = {out}"
    steps = "\n".join([formula, *by_hand.convolution_steps(grid, kernel, stride)])
    form = grid_form(out, out)
    prompt = text(
        f"Convolve this {size}x{size} input with the {k}x{k} kernel at stride {stride} "
        f"(padding='valid'; as in Keras, the kernel is not flipped). What is the "
        f"{out}x{out} output?\ninput:\n{format_grid(grid)}\nkernel:\n{format_grid(kernel)}"
        f"\n{form['en']}",
        f"이 {size}x{size} 입력에 {k}x{k} 커널로 스트라이드 {stride} 합성곱을 하세요"
        f"(padding='valid', Keras처럼 커널은 뒤집지 않습니다). {out}x{out} 출력은 "
        f"무엇인가요?\n입력:\n{format_grid(grid)}\n커널:\n{format_grid(kernel)}"
        f"\n{form['ko']}",
    )
    return Question(
        id=slot.id,
        topic=slot.topic,
        difficulty=level,
        kind="grid",
        prompt=prompt,
        answer=answer,
        explanation=_worked(steps, answer),
        hint=CONV_HINT,
        grid=grid,
        kernel=kernel,
        stride=stride,
        operation="conv",
        uses=uses,
    )


def _even_windows(grid: Grid) -> Grid:
    """Nudge one number per 2x2 block so that its sum is even: averages end in .0 or .5."""
    rows = [list(row) for row in grid]
    for top in range(0, len(rows), 2):
        for left in range(0, len(rows[0]), 2):
            total = sum(rows[top + i][left + j] for i in (0, 1) for j in (0, 1))
            if total % 2:
                rows[top + 1][left + 1] += 1
    return tuple(tuple(row) for row in rows)


def pooling_by_hand(rng: Random, slot: Slot) -> Question:
    """Max or average pooling by hand: both are taught with the first pooling layer, and
    the question is about the operation, so it names no layer class."""
    uses = slot.check(frozenset({"MaxPooling2D"}))
    level = slot.difficulty
    mode = rng.choice(("max", "average"))
    if level == "easy":
        grid = _grid(rng, 4, 4, 0, 9)
    elif level == "medium":
        grid = _grid(rng, 4, 4, 0, 120)
    else:
        rows, cols = rng.choice(((6, 6), (4, 6), (6, 4)))
        grid = _grid(rng, rows, cols, 0, 60)
    if mode == "average" and level != "hard":
        grid = _even_windows(grid)
    answer = by_hand.pool(grid, 2, 2, mode)
    rows, cols = len(grid), len(grid[0])
    steps = "\n".join(
        [
            f"OH = floor(({rows} - 2) / 2) + 1 = {len(answer)}",
            f"OW = floor(({cols} - 2) / 2) + 1 = {len(answer[0])}",
            *by_hand.pooling_steps(grid, 2, 2, mode),
        ]
    )
    name = {"max": ("max", "최대"), "average": ("average", "평균")}[mode]
    form = grid_form(len(answer), len(answer[0]))
    prompt = text(
        f"Apply {name[0]} pooling (a 2x2 window, stride 2) to this {rows}x{cols} "
        f"input. What is the {len(answer)}x{len(answer[0])} output?\n{format_grid(grid)}"
        f"\n{form['en']}",
        f"이 {rows}x{cols} 입력에 {name[1]} 풀링(2x2 창, 스트라이드 2)을 적용하세요. "
        f"{len(answer)}x{len(answer[0])} 출력은 무엇인가요?\n{format_grid(grid)}\n{form['ko']}",
    )
    return Question(
        id=slot.id,
        topic=slot.topic,
        difficulty=level,
        kind="grid",
        prompt=prompt,
        answer=answer,
        explanation=_worked(steps, answer),
        hint=POOL_HINT,
        grid=grid,
        stride=2,
        operation=mode,
        uses=uses,
    )


def _worked(steps: str, answer: Grid) -> Text:
    shown = format_grid(answer, separator="; ")
    return text(f"{steps}\nAnswer: {shown}", f"{steps}\n정답: {shown}")
