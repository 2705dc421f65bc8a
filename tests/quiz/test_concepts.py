"""Concept items whose numbers are drawn: what the learner reads is computed and printed
precisely enough to be true; and the course's own worked examples are among the questions
the quiz asks, with the numbers the lessons give."""

from __future__ import annotations

import itertools
import math
from random import Random

from tests.lesson_text import keras_defaults
from tutor.quiz import generate, grade
from tutor.quiz.concepts import images
from tutor.quiz.concepts.activation import probability_text, softmax_largest
from tutor.quiz.concepts.training import (
    LESSON_LOSSES,
    LESSON_PATIENCE,
    descend,
    early_stopping,
    valley_loss,
)
from tutor.quiz.grid_topics import LESSON_GRID
from tutor.quiz.question import format_answer


class _Drawn(Random):
    """A Random whose `sample` returns given scores, to ask about one case."""

    def __init__(self, scores: list[int]) -> None:
        super().__init__(0)
        self.scores = scores

    def sample(self, population, k, **kwargs):  # type: ignore[no-untyped-def]
        return list(self.scores)


def test_softmax_of_7_1_minus_1_shows_0_997_not_1_00() -> None:
    draft = softmax_largest(_Drawn([7, 1, -1]))
    assert "[7, 1, -1]" in draft.prompt["en"]
    assert "here 0.997," in draft.why["en"] and "1.00" not in draft.why["en"]
    assert "0.997로," in draft.why["ko"]


def test_a_share_below_1_never_prints_as_1() -> None:
    for scores in itertools.permutations(range(-3, 8), 3):
        exps = [math.exp(s) for s in scores]
        share = max(exps) / sum(exps)
        shown = probability_text(share)
        assert float(shown) < 1 and abs(float(shown) - share) < 0.01, (scores, shown)
        assert len(shown.split(".")[1]) >= 2
    assert probability_text(0.6652) == "0.67" and probability_text(1.0) == "1.00"


# The course's own examples (issue 12.8) are among the questions, with their numbers.


def _first(topic: str, level: str, found, seeds: int = 400):  # type: ignore[no-untyped-def]
    """The first generated question for which `found(question)` holds."""
    for seed in range(seeds):
        (question,) = generate(topic, seed, level)
        if found(question):
            return question
    raise AssertionError(f"no {topic} {level} question matches in {seeds} seeds")


def test_dense_on_a_flattened_3x3_image_against_one_2x2_filter() -> None:
    question = _first(
        "concept-layers", "medium", lambda q: "grey 3x3 image" in q.prompt["en"]
        and "Dense(4)" in q.prompt["en"] and "Conv2D(1, 2)" in q.prompt["en"],
    )  # fmt: skip
    assert format_answer(question) == f"{question.answer}) Dense 36 weights, Conv2D 4"
    assert "(+ 4 biases)" in question.explanation["en"]
    assert "(+ 1 bias)" in question.explanation["en"]


def test_the_4_8_6_1_network_has_101_parameters() -> None:
    question = _first("model-total-params", "easy", lambda q: q.spec.input_shape == (4,)
                      and [layer.args["units"] for layer in q.spec.layers] == [8, 6, 1])
    assert question.answer == 101 and "40 + 54 + 7 = 101" in question.explanation["en"]


def test_the_8x8_network_stacked_by_hand() -> None:
    def stacked(what: str):  # type: ignore[no-untyped-def]
        return lambda q: (
            q.spec.input_shape == (8, 8, 1)
            and [layer.args.get("filters") for layer in q.spec.layers][:3] == [2, None, 3]
            and q.ask["what"] == what
        )

    assert _first("cnn-chain", "medium", stacked("output_shape"), 3000).answer == (None, 12)
    assert _first("cnn-chain", "medium", stacked("params"), 3000).answer == 27
    assert _first("cnn-chain", "medium", stacked("total_params"), 3000).answer == 178


def test_the_lessons_5x5_example_value_grid_and_size() -> None:
    def lesson(what: str):  # type: ignore[no-untyped-def]
        return lambda q: q.grid == LESSON_GRID and (q.ask or {"what": "grid"})["what"] == what

    whole = _first("conv-by-hand", "medium", lesson("grid"))
    assert whole.answer == ((12, 12, 17), (10, 17, 19), (9, 6, 14))
    value = _first("conv-by-hand", "medium", lambda q: lesson("value")(q)
                   and q.ask["row"] == q.ask["col"] == 0)  # fmt: skip
    assert value.answer == 12 and "7 + 0 + 5" not in value.explanation["en"]
    assert "out[0][0] = 3*0 + 3*1 + 2*2 + 0*2 + 0*2 + 1*0 + 3*0 + 1*1 + 2*2 = 12" in (
        value.explanation["en"]
    )
    size = _first("conv-by-hand", "easy", lambda q: (q.ask or {}).get("size") == 5)
    assert size.answer == 9 and "floor((5 - 3) / 1) + 1 = 3" in size.explanation["en"]


def test_four_windows_at_stride_2_nine_at_stride_1() -> None:
    question = _first("conv-by-hand", "easy", lambda q: (q.ask or {}).get("size") == 4
                      and q.stride == 2)  # fmt: skip
    assert question.answer == 4
    assert "2 x 2 = 4 (stride 1: 3 x 3 = 9)" in question.explanation["en"]
    assert grade(question, "9").slip.id == "by-hand-stride"


def test_gradient_descent_from_minus_2_ends_in_the_local_minimum() -> None:
    assert round(descend(-2.0), 6) == -1 and valley_loss(-1) == 27
    assert round(descend(3.0), 6) == 2 and valley_loss(2) == 0 and valley_loss(0) == 32
    question = _first("concept-training", "medium", lambda q: "at w = -2 " in q.prompt["en"])
    assert format_answer(question).endswith("w = -1, a local minimum (L = 27)")
    assert "w = 2, the global minimum (L = 0)" in [en for en, _ in question.choices]
    assert "first step goes to w = -1.04" in question.explanation["en"]


def test_a_hidden_layer_learns_its_features() -> None:
    question = _first("concept-training", "easy", lambda q: "SVM" in q.prompt["en"])
    assert "learns its features" in format_answer(question)


def test_a_batch_of_32_rgb_24x24_images() -> None:
    question = _first("concept-data", "easy", lambda q: "32 RGB images, 24 rows by 24"
                      in q.prompt["en"])  # fmt: skip
    assert format_answer(question).endswith("(32, 24, 24, 3)")
    assert "~/.keras/keras.json" in question.explanation["en"]
    setting = _first("concept-data", "medium", lambda q: "Where is" in q.prompt["en"])
    assert "image_data_format in ~/.keras/keras.json" in format_answer(setting)


def test_image_dataset_from_directory_defaults_are_keras_own() -> None:
    defaults = keras_defaults("src/utils/image_dataset_utils.py", "image_dataset_from_directory")
    assert (defaults["label_mode"], defaults["color_mode"]) == (
        images.DEFAULT_LABEL_MODE,
        images.DEFAULT_COLOR_MODE,
    )
    labels = _first("concept-data", "medium", lambda q: "default labels" in q.prompt["en"])
    assert "sparse_categorical_crossentropy" in format_answer(labels)
    grey = _first("concept-data", "hard", lambda q: "Grey 24x24" in q.prompt["en"])
    assert format_answer(grey).endswith("(24, 24, 3)")


def test_early_stopping_on_the_lessons_run() -> None:
    run = early_stopping(LESSON_LOSSES, LESSON_PATIENCE)
    assert (run.stopped, run.best, run.waits) == (8, 5, (0, 0, 0, 0, 0, 1, 2, 3))
    shown = ", ".join(f"{v:.2f}" for v in LESSON_LOSSES)
    stop = _first("concept-training", "medium", lambda q: shown in q.prompt["en"])
    assert format_answer(stop) == f"{stop.answer}) 8"
    restored = _first("concept-training", "hard", lambda q: shown in q.prompt["en"]
                      and "restore_best_weights" in q.prompt["en"])  # fmt: skip
    assert format_answer(restored) == f"{restored.answer}) 5"


def test_the_fashion_cnn_with_the_notes_dense_18() -> None:
    def fashion_b(units: int):  # type: ignore[no-untyped-def]
        return lambda q: f"layers.Dense({units}," in q.model and "layers.Conv2D(128" in q.model

    typo = _first("model-total-params", "hard", fashion_b(18))
    assert typo.answer == 242_578 and "128*18 + 18 = 2322" in typo.explanation["en"]
    assert _first("model-total-params", "hard", fashion_b(10)).answer == 241_546
