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


LESSON_GRID: Grid = (
    (3, 3, 2, 1, 0), (0, 0, 1, 3, 1), (3, 1, 2, 2, 3), (2, 0, 0, 2, 2), (2, 0, 0, 0, 1)
)  # fmt: skip
LESSON_KERNEL: Grid = ((0, 1, 2), (2, 2, 0), (0, 1, 2))
"""Lesson 4.2's 5x5 example (the figure of Dumoulin and Visin's guide), whose result
[[12, 12, 17], [10, 17, 19], [9, 6, 14]] the notes show: one of the medium questions."""
POSITIONS = {
    "easy": ((4, 2, 1), (4, 2, 2), (5, 3, 1)),
    "medium": ((5, 2, 1), (6, 2, 2), (6, 3, 1), (4, 2, 2), (5, 3, 1)),
    "hard": ((7, 3, 2), (8, 3, 2), (9, 3, 2), (8, 2, 2), (7, 2, 2)),
}
"""(input size, kernel size, stride) for 'how many positions': lesson 4.2's 4x4 input with
a 2x2 filter at stride 2 (4 windows, 9 at stride 1) and its 5x5 with 3x3 among them."""


def conv_by_hand(rng: Random, slot: Slot) -> Question:
    """The whole output grid (most often), one value of it, or how many positions the
    window takes."""
    ask = rng.choice(("grid", "grid", "value", "positions"))
    if ask == "positions":
        return _positions(rng, slot)
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
    if level == "medium" and rng.random() < 0.25:
        size, k, stride, grid, kernel = 5, 3, 1, LESSON_GRID, LESSON_KERNEL
    else:
        grid = _grid(rng, size, size, *values)
        kernel = _grid(rng, k, k, *weights)
        while all(v == 0 for row in kernel for v in row):
            kernel = _grid(rng, k, k, *weights)
    output = by_hand.convolve(grid, kernel, stride)
    out = len(output)
    formula = f"OH = OW = floor(({size} - {k}) / {stride}) + 1 = {out}"
    steps = "\n".join([formula, *by_hand.convolution_steps(grid, kernel, stride)])
    shown = f"\ninput:\n{format_grid(grid)}\nkernel:\n{format_grid(kernel)}"
    shown_ko = f"\n입력:\n{format_grid(grid)}\n커널:\n{format_grid(kernel)}"
    setting = text(
        f"Convolve this {size}x{size} input with the {k}x{k} kernel at stride {stride} "
        "(padding='valid'; as in Keras, the kernel is not flipped).",
        f"이 {size}x{size} 입력에 {k}x{k} 커널로 스트라이드 {stride} 합성곱을 하세요"
        "(padding='valid', Keras처럼 커널은 뒤집지 않습니다).",
    )
    if ask == "value":
        row, col = (0, 0) if grid == LESSON_GRID and rng.random() < 0.5 else (
            rng.randrange(out), rng.randrange(out))  # fmt: skip
        answer: Grid | int = output[row][col]
        prompt = text(
            f"{setting['en']} What is the output value at row {row}, column {col} (counting "
            f"from 0 at the top left)?{shown}",
            f"{setting['ko']} 출력의 {row}행 {col}열(왼쪽 위가 0행 0열) 값은 무엇인가요?{shown_ko}",
        )
        cell = [line for line in steps.splitlines()[1:] if line.startswith(f"out[{row}][{col}] ")]
        worked = "\n".join([formula, *cell])
        explanation = text(f"{worked}\nAnswer: {answer}", f"{worked}\n정답: {answer}")
        what: dict[str, object] | None = {"what": "value", "row": row, "col": col}
    else:
        answer, what = output, None
        form = grid_form(out, out)
        prompt = text(
            f"{setting['en']} What is the {out}x{out} output?{shown}\n{form['en']}",
            f"{setting['ko']} {out}x{out} 출력은 무엇인가요?{shown_ko}\n{form['ko']}",
        )
        explanation = _worked(steps, output)
    return Question(
        id=slot.id,
        topic=slot.topic,
        difficulty=level,
        kind="int" if ask == "value" else "grid",
        prompt=prompt,
        answer=answer,
        explanation=explanation,
        hint=CONV_HINT,
        ask=what,
        grid=grid,
        kernel=kernel,
        stride=stride,
        operation="conv",
        uses=uses,
    )


def _positions(rng: Random, slot: Slot) -> Question:
    """How many windows: the output size squared (lesson 4.2's stride-2 example)."""
    size, k, stride = rng.choice(POSITIONS[slot.difficulty])
    uses = slot.check(frozenset({"Conv2D", "strides"} if stride > 1 else {"Conv2D"}))
    out, one = by_hand.output_length(size, k, stride), by_hand.output_length(size, k, 1)
    formula = f"OH = OW = floor(({size} - {k}) / {stride}) + 1 = {out}\n{out} x {out} = {out * out}"
    at_one = f"{one} x {one} = {one * one}"
    if stride > 1:
        notes = text(f" (stride 1: {at_one})", f" (스트라이드 1: {at_one})")
    else:
        notes = text("", "")
    return Question(
        id=slot.id,
        topic=slot.topic,
        difficulty=slot.difficulty,
        kind="int",
        prompt=text(
            f"A {k}x{k} kernel slides over {'an' if size == 8 else 'a'} {size}x{size} input "
            f"at stride {stride} "
            "(padding='valid'). At how many positions does it compute an output value?",
            f"{k}x{k} 커널이 {size}x{size} 입력 위를 스트라이드 {stride}로 움직입니다"
            "(padding='valid'). 출력값을 몇 자리에서 계산하나요?",
        ),
        answer=out * out,
        explanation=text(
            f"{formula}{notes['en']}\nAnswer: {out * out}",
            f"{formula}{notes['ko']}\n정답: {out * out}",
        ),
        hint=CONV_HINT,
        ask={"what": "positions", "size": size, "kernel": k},
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
