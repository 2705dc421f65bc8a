"""Grading: right, wrong with the worked derivation, unreadable with what to type; and every
known slip named when (and only when) its mistaken rule gives the learner's exact answer."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tutor.quiz import SLIPS, Question, by_hand, generate, grade
from tutor.quiz.grading import matches
from tutor.quiz.question import format_grid, text
from tutor.quiz.slips import SLIPS_BY_ID, mistaken_answer

ModelQuestion = Callable[..., Question]

TOTAL_CNN = """
    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(8, 3),
        layers.MaxPooling2D(2),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ])
"""


def one_layer(shape: tuple, layer: str) -> str:
    return f"model = keras.Sequential([keras.Input(shape={shape!r}), {layer}])"


# (source, what, layer, the right answer, a wrong answer worked out by hand, the slip)
CRAFTED = [
    # Known mistake 1 in the notes: 4 x 4 x 1 x 20 = 320, but Keras counts the bias: 340.
    (one_layer((39, 31, 1), "layers.Conv2D(20, 4)"), "params", 0, 340, "320", "forgot-bias"),
    (one_layer((4,), "layers.Dense(8)"), "params", 0, 40, "32", "forgot-bias"),
    # Known mistake 2: (39 + 2*0 - 4) / 1 without the + 1.
    (
        one_layer((39, 31, 1), "layers.Conv2D(20, 4)"),
        "output_shape",
        0,
        (None, 36, 28, 20),
        "35, 27, 20",
        "forgot-plus-one",
    ),
    (TOTAL_CNN, "total_params", None, 13610, "9,770", "forgot-plus-one"),
    # Known mistake 4: input / pool size with another stride.
    (
        one_layer((15, 15, 8), "layers.MaxPooling2D(3, strides=2)"),
        "output_shape",
        0,
        (None, 7, 7, 8),
        "(None, 5, 5, 8)",
        "divided-by-pool-size",
    ),
    # "3 x 2 x 2 x 2 = 24 is 26": 3x3x3 input, 2 filters 2x2.
    (one_layer((3, 3, 3), "layers.Conv2D(2, 2)"), "params", 0, 26, "10", "channels-as-one"),
    (one_layer((28, 28, 3), "layers.Conv2D(8, 3)"), "params", 0, 224, "584", "channels-as-filters"),
    (one_layer((10, 8), "layers.LSTM(32)"), "params", 0, 5248, "1312", "forgot-gates"),
    (one_layer((10, 8), "layers.GRU(32)"), "params", 0, 4032, "1344", "forgot-gates"),
    (one_layer((10, 8), "layers.GRU(32)"), "params", 0, 4032, "3936", "forgot-gru-second-bias"),
    (
        one_layer((28, 28, 1), "layers.Conv2D(8, 3, padding='same')"),
        "output_shape",
        0,
        (None, 28, 28, 8),
        "26 x 26 x 8",
        "valid-for-same",
    ),
    (
        one_layer((28, 28, 1), "layers.Conv2D(8, 3, strides=2, padding='same')"),
        "output_shape",
        0,
        (None, 14, 14, 8),
        "28, 28, 8",
        "same-ignores-stride",
    ),
    (
        one_layer((28, 28, 1), "layers.Conv2D(8, 3, strides=2)"),
        "output_shape",
        0,
        (None, 13, 13, 8),
        "26, 26, 8",
        "ignored-stride",
    ),
    (
        one_layer((28, 28, 4), "layers.MaxPooling2D(2)"),
        "output_shape",
        0,
        (None, 14, 14, 4),
        "27, 27, 4",
        "ignored-stride",
    ),
    (
        one_layer((10, 8), "layers.Bidirectional(layers.LSTM(16))"),
        "params",
        0,
        3200,
        "1600",
        "forgot-bidirectional-doubles",
    ),
    (
        one_layer((10, 8), "layers.Bidirectional(layers.LSTM(16))"),
        "output_shape",
        0,
        (None, 32),
        "(None, 16)",
        "forgot-bidirectional-doubles",
    ),
    (
        one_layer((10, 8), "layers.LSTM(16)"),
        "output_shape",
        0,
        (None, 16),
        "None, 10, 16",
        "return-sequences",
    ),
    (
        one_layer((20,), "layers.Embedding(1000, 8)"),
        "params",
        0,
        8000,
        "160",
        "embedding-used-length",
    ),
]


@pytest.mark.parametrize(
    ("source", "what", "layer", "right", "typed", "slip"),
    CRAFTED,
    ids=[f"{case[-1]}-{i}" for i, case in enumerate(CRAFTED)],
)
def test_each_model_slip_is_named_on_a_crafted_question(
    model_question_for: ModelQuestion,
    source: str,
    what: str,
    layer: int | None,
    right: object,
    typed: str,
    slip: str,
) -> None:
    question = model_question_for(source, what, layer)
    assert question.answer == right
    # The slip's own rule gives the wrong answer worked out by hand above.
    wrong = mistaken_answer(question, SLIPS_BY_ID[slip])
    assert wrong is not None and str(wrong) != str(right)
    feedback = grade(question, typed)
    assert feedback.status == "wrong"
    assert feedback.slip is not None and feedback.slip.id == slip
    assert feedback.explanation == question.explanation
    assert set(feedback.slip.message) == {"en", "ko"}


RESNET_BLOCK = """
    import keras
    from keras import layers

    inputs = keras.Input(shape=(56, 56, 64))
    x = layers.Conv2D(64, 3, padding="same", use_bias=False)(inputs)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    x = layers.Conv2D(64, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.Add()([x, inputs])
    outputs = layers.Activation("relu")(x)
    model = keras.Model(inputs, outputs)
"""
PROJECTED_BLOCK = """
    import keras
    from keras import layers

    inputs = keras.Input(shape=(56, 56, 64))
    x = layers.Conv2D(128, 3, strides=2, padding="same", use_bias=False)(inputs)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    x = layers.Conv2D(128, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    shortcut = layers.Conv2D(128, 1, strides=2, use_bias=False)(inputs)
    shortcut = layers.BatchNormalization()(shortcut)
    x = layers.Add()([x, shortcut])
    outputs = layers.Activation("relu")(x)
    model = keras.Model(inputs, outputs)
"""


def merge_of(merge: str, *shapes: tuple[int, ...]) -> str:
    names = "abc"[: len(shapes)]
    inputs = [f"{n} = keras.Input(shape={s!r})" for n, s in zip(names, shapes, strict=True)]
    joined = ", ".join(names)
    merged = f"merged = layers.{merge}([{joined}])"
    return "\n".join([*inputs, merged, f"model = keras.Model([{joined}], merged)"])


# (source, what, the line asked about, the right answer, a wrong answer worked out by hand
# from lesson 4.11's formulas, the slip)
GRAPH_CRAFTED = [
    # BatchNormalization: 4 x 64 = 256 each, of which 128 trained; 2 x 36,864 + 2 x 256.
    (RESNET_BLOCK, "total_params", None, 74240, "73,984", "batch-norm-trained-only"),
    (RESNET_BLOCK, "total_params", None, 74240, "73,728", "batch-norm-no-params"),
    # With biases and no slip, (3 x 3 x 64 + 1) x 64 = 36,928 per convolution.
    (RESNET_BLOCK.replace(", use_bias=False", ""), "total_params", None, 74368, "74,240",
     "forgot-bias"),
    # 230,912 without the projection's 8,192 + 512 is 222,208.
    (PROJECTED_BLOCK, "total_params", None, 230912, "222,208", "forgot-projection"),
    (merge_of("Add()", (28, 28, 64), (28, 28, 64)), "output_shape", "merged", (None, 28, 28, 64),
     "(28, 28, 128)", "add-stacked-channels"),
    (merge_of("Concatenate()", (28, 28, 64), (28, 28, 32)), "output_shape", "merged",
     (None, 28, 28, 96), "28, 28, 64", "concatenate-kept-shape"),
    (merge_of("Concatenate(axis=1)", (28, 28, 64), (14, 28, 64)), "output_shape", "merged",
     (None, 42, 28, 64), "28 x 28 x 128", "concatenated-channels"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("source", "what", "line_with", "right", "typed", "slip"),
    GRAPH_CRAFTED,
    ids=[f"{case[-1]}-{i}" for i, case in enumerate(GRAPH_CRAFTED)],
)
def test_each_slip_is_named_on_a_crafted_functional_question(
    graph_question_for: ModelQuestion,
    source: str,
    what: str,
    line_with: str | None,
    right: object,
    typed: str,
    slip: str,
) -> None:
    question = graph_question_for(source, what, line_with)
    assert question.answer == right
    wrong = mistaken_answer(question, SLIPS_BY_ID[slip])
    assert wrong is not None and str(wrong) != str(right)
    feedback = grade(question, typed)
    assert feedback.status == "wrong"
    assert feedback.slip is not None and feedback.slip.id == slip
    assert feedback.explanation == question.explanation


def grid_question(grid, kernel, stride: int, operation: str) -> Question:
    if operation == "conv":
        answer = by_hand.convolve(grid, kernel, stride)
    else:
        answer = by_hand.pool(grid, 2, stride, operation)
    return Question(
        id="grid-0",
        topic="conv-by-hand" if operation == "conv" else "pooling-by-hand",
        difficulty="easy",
        kind="grid",
        prompt=text("p", "p"),
        answer=answer,
        explanation=text("e", "e"),
        hint=text("h", "h"),
        grid=grid,
        kernel=kernel,
        stride=stride,
        operation=operation,
    )


NOTES_POOL = ((12, 20, 30, 0), (8, 12, 2, 0), (34, 70, 37, 7), (112, 100, 22, 12))
NOTES_GRID = ((1, 0, 1, 0), (0, 1, 1, 0), (0, 0, 1, 1), (0, 0, 1, 0))


def test_the_course_examples_by_hand() -> None:
    assert by_hand.convolve(NOTES_GRID, ((1, 0), (0, 1))) == ((2, 1, 1), (0, 2, 2), (0, 1, 1))
    assert by_hand.pool(NOTES_POOL, 2, 2, "max") == ((20, 30), (112, 37))
    # Known mistake 3: the bottom-right window averages to 19.5, not 18.
    assert by_hand.pool(NOTES_POOL, 2, 2, "average") == ((13, 8), (79, 19.5))


def test_grid_slips() -> None:
    max_pool = grid_question(NOTES_POOL, None, 2, "max")
    feedback = grade(max_pool, "13 8; 79 19.5")
    assert feedback.status == "wrong" and feedback.slip.id == "pool-wrong-kind"
    average = grid_question(NOTES_POOL, None, 2, "average")
    assert grade(average, "20 30\n112 37").slip.id == "pool-wrong-kind"
    assert grade(average, "13 8; 79 18").slip is None  # the notes' slip, not a known rule
    strided = grid_question(NOTES_GRID, ((1, 0), (0, 1)), 2, "conv")
    assert strided.answer == ((2, 1), (0, 1))
    assert grade(strided, "2 1 1; 0 2 2; 0 1 1").slip.id == "by-hand-stride"
    lopsided = grid_question(NOTES_GRID, ((1, 2), (0, 0)), 1, "conv")
    flipped = by_hand.convolve(NOTES_GRID, ((0, 0), (2, 1)))
    assert grade(lopsided, format_grid(flipped)).slip.id == "flipped-kernel"


def test_every_slip_is_covered_by_a_crafted_case() -> None:
    crafted = {case[-1] for case in (*CRAFTED, *GRAPH_CRAFTED)} | {
        "pool-wrong-kind",
        "by-hand-stride",
        "flipped-kernel",
    }
    assert crafted == {slip.id for slip in SLIPS}


def test_right_answers_in_any_spelling(model_question_for: ModelQuestion) -> None:
    conv = model_question_for(one_layer((28, 28, 1), "layers.Conv2D(32, 3)"), "output_shape", 0)
    for typed in ("(None, 26, 26, 32)", "26,26,32", "26 x 26 x 32", "[26, 26, 32]"):
        feedback = grade(conv, typed)
        assert feedback.status == "right" and feedback.slip is None
        assert feedback.message == {"en": "Right!", "ko": "정답입니다!"}
    flat = model_question_for(one_layer((6, 6, 32), "layers.Flatten()"), "output_shape", 0)
    for typed in ("1152", "1,152", "(None, 1152)", "6*6*32", "6 x 6 x 32"):
        assert grade(flat, typed).status == "right", typed
    mnist = model_question_for(
        """
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Conv2D(64, 3, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Dropout(0.25),
            layers.Flatten(),
            layers.Dense(128, activation="relu"),
            layers.Dropout(0.5),
            layers.Dense(10, activation="softmax"),
        ])
        """,
        "total_params",
        None,
    )
    assert mnist.answer == 1_199_882  # the notes' MNIST CNN
    assert grade(mnist, "1,199,882").status == "right"


def test_a_grid_typed_on_one_line_counts() -> None:
    question = grid_question(NOTES_GRID, ((1, 0), (0, 1)), 1, "conv")
    assert grade(question, "2 1 1 0 2 2 0 1 1").status == "right"
    assert grade(question, "[[2,1,1],[0,2,2],[0,1,1]]").status == "right"
    assert grade(question, "2 1 1; 0 2 2; 0 1 0").status == "wrong"


@pytest.mark.parametrize("typed", ["2 1 1 0 2 2 0 1", "2 1; 0 2; 0 1", "2 1 1; 0 2 2"])
def test_a_grid_of_the_wrong_size_is_refused_with_the_size_to_type(typed: str) -> None:
    """A missing number is a typing slip: not graded, and nothing given away."""
    question = grid_question(NOTES_GRID, ((1, 0), (0, 1)), 1, "conv")
    feedback = grade(question, typed)
    assert feedback.status == "unreadable" and feedback.explanation is None
    assert "the answer is 3x3" in feedback.message["en"]
    assert "3 rows of 3 numbers, rows split by ;" in feedback.message["en"]
    assert "정답은 3x3" in feedback.message["ko"] and "3행을 ;로 나눠" in feedback.message["ko"]


def test_a_bigger_grid_from_moving_by_one_is_graded_and_named() -> None:
    """The one wrong size that is an answer: the window moved by 1 instead of the stride."""
    grid = ((1, 2, 3, 4), (5, 6, 7, 8), (9, 10, 11, 12), (13, 14, 15, 16))
    question = grid_question(grid, None, 2, "max")
    feedback = grade(question, format_grid(by_hand.pool(grid, 2, 1, "max")))
    assert feedback.status == "wrong" and feedback.slip.id == "by-hand-stride"


def test_a_random_wrong_answer_gets_the_explanation_but_no_slip(
    model_question_for: ModelQuestion,
) -> None:
    question = model_question_for(one_layer((39, 31, 1), "layers.Conv2D(20, 4)"), "params", 0)
    feedback = grade(question, "347")
    assert feedback.status == "wrong" and feedback.slip is None
    assert feedback.explanation == question.explanation
    assert "params = (4*4*1 + 1) * 20 = 340" in feedback.explanation["en"]
    assert feedback.message["en"] == "Not quite: the answer is 340."
    assert "340" in feedback.message["ko"]
    shape = model_question_for(one_layer((39, 31, 1), "layers.Conv2D(20, 4)"), "output_shape", 0)
    assert grade(shape, "30, 30, 20").slip is None


def test_unreadable_text_is_not_wrong_and_gives_nothing_away(
    model_question_for: ModelQuestion,
) -> None:
    question = model_question_for(one_layer((4,), "layers.Dense(8)"), "params", 0)
    feedback = grade(question, "forty")
    assert feedback.status == "unreadable"
    assert feedback.message["en"].startswith("Type a whole number")
    assert feedback.explanation is None and feedback.slip is None and feedback.expected is None


def test_concept_answers(every_question: list[Question]) -> None:
    question = next(q for q in every_question if q.kind == "choice")
    right = question.answer
    other = next(letter for letter in "abcd" if letter != right)
    assert grade(question, f"({right.upper()})").status == "right"
    assert grade(question, str("abcd".index(right) + 1)).status == "right"
    wrong = grade(question, other)
    assert wrong.status == "wrong" and wrong.slip is None
    assert wrong.expected.startswith(f"{right}) ")
    assert grade(question, "e").status == "unreadable"


def test_an_options_text_counts_as_its_letter(every_question: list[Question]) -> None:
    """In either language, in any case, with spaces or the letter in front."""
    choices = [q for q in every_question if q.kind == "choice"]
    for question in choices[::7]:
        index = "abcd".index(question.answer)
        en, ko = question.choices[index]
        for typed in (en.upper(), f"  {ko} ", f"{question.answer}) {en.lower()}", en + "."):
            assert grade(question, typed).status == "right", (question.id, typed)
        other_ko = question.choices[(index + 1) % 4][1]
        assert grade(question, other_ko).status == "wrong", (question.id, other_ko)


def test_a_number_that_is_an_options_text_is_that_option() -> None:
    """'How many units?' answered 3 means the option 3, not the third option."""
    for seed in range(300):
        (question,) = generate("concept-activation", seed, "medium")
        right = question.choices["abcd".index(question.answer)][0]
        if len(right) == 1 and right in "1234" and "abcd"[int(right) - 1] != question.answer:
            break
    else:
        pytest.fail("no question whose right option is a number 1-4 in another place")
    assert grade(question, right).status == "right"


def test_every_applicable_slip_is_recognised_on_generated_questions(
    every_question: list[Question],
) -> None:
    """Typing a slip's answer always names a slip with exactly that answer (the first one
    in SLIPS when two slips agree)."""
    named = set()
    for question in every_question[::3]:
        for slip in SLIPS:
            wrong = mistaken_answer(question, slip)
            if wrong is None or matches(question, wrong, question.answer):
                continue
            typed = format_grid(wrong) if question.kind == "grid" else str(wrong)
            feedback = grade(question, typed)
            assert feedback.status == "wrong", (question.id, slip.id)
            assert feedback.slip is not None, (question.id, slip.id)
            assert matches(question, mistaken_answer(question, feedback.slip), wrong)
            named.add(feedback.slip.id)
    assert named == {slip.id for slip in SLIPS}
