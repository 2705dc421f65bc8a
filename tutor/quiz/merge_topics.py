"""Merge shapes (lesson 4.11): what Add, Concatenate and the other merge layers give, and
which merges cannot be built. Easy questions merge two inputs, medium ones branches of a
CNN (Inception- and ResNet-like), hard ones join along another axis, merge tensors that
shrank, or ask which of four merges Keras can (or cannot) build."""

from __future__ import annotations

from random import Random

from tutor.engine import EngineError, Shape, analyze, parse_model
from tutor.engine.errors import Phrase
from tutor.engine.korean import working
from tutor.engine.source import layer_source
from tutor.quiz.draw import FILTERS, layer
from tutor.quiz.graph import GraphDraft, GraphWriter, graph_question
from tutor.quiz.question import CHOICE_LETTERS, Question, Slot, Text, text

MERGE_HINT = text(
    "Add (and Subtract, Multiply, Average, Maximum, Minimum) works value by value: every "
    "shape must be the same, and so is the output. Concatenate adds up the sizes on its "
    "axis (the last by default); every other axis must agree.",
    "Add(그리고 Subtract, Multiply, Average, Maximum, Minimum)는 값끼리 계산하므로 형태가 "
    "모두 같아야 하고 출력도 그 형태입니다. Concatenate는 자기 축(기본은 마지막 축)의 "
    "크기를 더하고, 나머지 축은 모두 같아야 합니다.",
)
SIDES = (7, 8, 14, 16, 28, 32, 56)
ELEMENTWISE = ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")


def merge_shape(rng: Random, slot: Slot) -> Question:
    if slot.difficulty == "hard" and rng.random() < 0.4:
        return _which_merge(rng, slot)
    make = {"easy": _two_inputs, "medium": _branches, "hard": _harder}[slot.difficulty]
    return graph_question(slot, make(rng), MERGE_HINT)


def _merged(graph: GraphWriter, inputs: list[str], merge, tensors: list[str]) -> GraphDraft:
    line = graph.call("merged", merge, *tensors)
    return GraphDraft(graph.source(inputs, "merged"), "output_shape", line)


def _two_inputs(rng: Random) -> GraphDraft:
    """Two model inputs merged directly: vectors or feature maps, Add or Concatenate."""
    graph = GraphWriter()
    variant = rng.choice(("vectors", "channels", "add"))
    side = rng.choice(SIDES)
    if variant == "vectors":
        first, second = rng.sample(range(2, 65), 2)
        shapes: list[Shape] = [(first,), (second,)]
        merge = layer("Concatenate")
    elif variant == "channels":
        first, second = rng.sample(FILTERS, 2)
        shapes = [(side, side, first), (side, side, second)]
        merge = layer("Concatenate")
    else:
        same = rng.choice(((side, side, rng.choice(FILTERS)), (rng.randint(2, 64),)))
        shapes = [same, same]
        merge = layer("Add")
    names = [graph.input(name, shape) for name, shape in zip("ab", shapes, strict=True)]
    return _merged(graph, names, merge, names)


def _branches(rng: Random) -> GraphDraft:
    """Branches of one input that keep its size, merged: Inception-like Concatenate, a
    residual Add, or two Dense heads of two inputs."""
    graph = GraphWriter()
    variant = rng.choice(("inception", "residual", "dense"))
    side, channels = rng.choice(SIDES), rng.choice(FILTERS)
    if variant == "dense":
        a = graph.input("a", (rng.randint(4, 40),))
        b = graph.input("b", (rng.randint(4, 40),))
        first, second = rng.sample((4, 8, 10, 12, 16, 20, 32, 64), 2)
        graph.call("x", layer("Dense", units=first, activation="relu"), a)
        graph.call("y", layer("Dense", units=second, activation="relu"), b)
        return _merged(graph, [a, b], layer("Concatenate"), ["x", "y"])
    x = graph.input("inputs", (side, side, channels))
    if variant == "residual":
        conv = layer("Conv2D", filters=channels, kernel_size=3, padding="same")
        graph.call("x", layer("Conv2D", filters=channels, kernel_size=3, padding="same",
                              activation="relu"), x)  # fmt: skip
        graph.call("x", conv, "x")
        return _merged(graph, [x], layer("Add"), ["x", x])
    options = [
        layer("Conv2D", filters=rng.choice(FILTERS), kernel_size=1, activation="relu"),
        layer("Conv2D", filters=rng.choice(FILTERS), kernel_size=3, padding="same",
              activation="relu"),
        layer("Conv2D", filters=rng.choice(FILTERS), kernel_size=5, padding="same",
              activation="relu"),
        layer("MaxPooling2D", pool_size=3, strides=1, padding="same"),
    ]  # fmt: skip
    chosen = sorted(rng.sample(range(len(options)), rng.choice((2, 3))))
    names = []
    for number, index in enumerate(chosen):
        names.append("abcd"[number])
        graph.call(names[-1], options[index], x)
    return _merged(graph, [x], layer("Concatenate"), names)


def _harder(rng: Random) -> GraphDraft:
    """Another axis, branches that shrink the maps, or an element-wise merge of three."""
    graph = GraphWriter()
    variant = rng.choice(("axis", "shrinking", "elementwise"))
    if variant == "axis":
        axis = rng.choice((1, 2))
        side, channels = rng.choice(SIDES), rng.choice(FILTERS)
        first, second = rng.sample(SIDES, 2)
        shapes = [[side, side, channels], [side, side, channels]]
        shapes[0][axis - 1], shapes[1][axis - 1] = first, second
        names = [graph.input(n, tuple(s)) for n, s in zip("ab", shapes, strict=True)]
        return _merged(graph, names, layer("Concatenate", axis=axis), names)
    side, channels = rng.choice((15, 16, 27, 28, 31, 32)), rng.choice(FILTERS)
    x = graph.input("inputs", (side, side, channels))
    if variant == "shrinking":
        if rng.random() < 0.5:  # both 'valid' 3x3: the maps lose 2 rows and columns
            graph.call("a", layer("Conv2D", filters=rng.choice(FILTERS), kernel_size=3), x)
            graph.call("b", layer("MaxPooling2D", pool_size=3, strides=1), x)
        else:  # both halve the size: stride 2 with 'same', and pooling by 2
            graph.call("a", layer("Conv2D", filters=rng.choice(FILTERS), kernel_size=3,
                                  strides=2, padding="same"), x)  # fmt: skip
            graph.call("b", layer("MaxPooling2D", pool_size=2, padding="same"), x)
        return _merged(graph, [x], layer("Concatenate"), ["a", "b"])
    filters = rng.choice(FILTERS)
    merge = rng.choice(ELEMENTWISE)
    count = 2 if merge == "Subtract" else rng.choice((2, 3))
    names = []
    for number in range(count):
        names.append("abc"[number])
        kernel = (1, 3, 5)[number]
        padding = "same" if kernel > 1 else None
        graph.call(names[-1], layer("Conv2D", filters=filters, kernel_size=kernel,
                                    padding=padding), x)  # fmt: skip
    return _merged(graph, [x], layer(merge), names)


# Which merge can Keras build? ----------------------------------------------------------------

_CANDIDATES = (
    ("Add", {}),
    ("Subtract", {}),
    ("Multiply", {}),
    ("Average", {}),
    ("Maximum", {}),
    ("Concatenate", {}),
    ("Concatenate", {"axis": 1}),
    ("Concatenate", {"axis": 2}),
)


def _which_merge(rng: Random, slot: Slot) -> Question:
    """Three inputs, a and b alike and c different on one axis; four merges of them, of
    which exactly one can be built (or exactly one cannot). The engine decides each."""
    slot.check(frozenset(cls for cls, _ in _CANDIDATES))  # before the costly part
    side, channels = rng.choice(SIDES[1:]), rng.choice(FILTERS)
    axis = rng.choice((1, 2, 3))
    other = list((side, side, channels))
    other[axis - 1] = rng.choice([n for n in (*SIDES, *FILTERS) if n != other[axis - 1]])
    shapes = {"a": (side, side, channels), "b": (side, side, channels), "c": tuple(other)}
    graph = GraphWriter()
    for name, shape in shapes.items():
        graph.input(name, shape)
    inputs_source = "\n".join(graph.lines) + "\n"
    outcomes = {
        code: _build(inputs_source, code, pair)
        for pair in (("a", "b"), ("a", "c"))
        for code in (f"{layer_source(layer(cls, **args))}([{', '.join(pair)}])"
                     for cls, args in _CANDIDATES)
    }  # fmt: skip
    alike = [code for code, (ok, _) in outcomes.items() if ok and "c]" not in code]
    [fits] = [code for code, (ok, _) in outcomes.items() if ok and "c]" in code]
    misfits = [code for code, (ok, _) in outcomes.items() if not ok]
    can = rng.random() < 0.5  # c differs from a on one axis: one merge of a and c fits
    if can:
        right, wrong = fits, rng.sample(misfits, 3)
    else:
        right, wrong = rng.choice(misfits), [fits, *rng.sample(alike, 2)]
    options = [right, *wrong]
    rng.shuffle(options)
    uses = frozenset(code.split("(")[0].removeprefix("layers.") for code in options)
    letter = CHOICE_LETTERS[options.index(right)]
    prompt = (
        text(
            "Which of these merges can Keras build? Exactly one of them fits the shapes.",
            "다음 병합 가운데 Keras가 만들 수 있는 것은? 형태가 맞는 것은 하나뿐입니다.",
        )
        if can
        else text(
            "Which of these merges cannot be built? The other three fit the shapes.",
            "다음 병합 가운데 만들 수 없는 것은? 나머지 셋은 형태가 맞습니다.",
        )
    )
    shown = ", ".join(f"{name}: (None, {', '.join(map(str, s))})" for name, s in shapes.items())
    explanation = {
        lang: "\n".join(
            [
                f"{'정답' if lang == 'ko' else 'Answer'}: {letter}) {right}",
                *(f"{option}: {outcomes[option][1][lang]}" for option in options),
            ]
        )
        for lang in ("en", "ko")
    }
    return Question(
        id=slot.id,
        topic=slot.topic,
        difficulty=slot.difficulty,
        kind="choice",
        prompt={lang: f"{prompt[lang]}\n{shown}" for lang in ("en", "ko")},
        answer=letter,
        explanation=explanation,
        hint=MERGE_HINT,
        model=inputs_source,
        ask={"what": "can_build" if can else "cannot_build"},
        choices=tuple((option, option) for option in options),
        uses=uses,
    )


def _build(inputs_source: str, code: str, pair: tuple[str, str]) -> tuple[bool, Text]:
    """Whether the engine builds `merged = code` on the inputs, and why, in each language:
    the output shape with its derivation, or the reason the engine refuses it."""
    model = f"model = keras.Model([{', '.join(pair)}], merged)"
    source = f"{inputs_source}merged = {code}\n{model}\n"
    try:
        result = analyze(parse_model(source))
    except EngineError as error:
        reason = _innermost(error.message)
        return False, {lang: reason.render(lang) for lang in ("en", "ko")}
    merged = result.layers[-1]
    return True, {
        lang: f"{merged.output_shape}; " + " ".join(working(merged.shape_derivation, lang))
        for lang in ("en", "ko")
    }


def _innermost(message: str) -> Phrase:
    """The reason itself, without the line and layer labels around it."""
    while isinstance(message, Phrase) and message.key in ("at_line", "layer_label"):
        message = message.values["text"]
    assert isinstance(message, Phrase), message
    return message
