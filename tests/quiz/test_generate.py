"""Generation: deterministic from the seed, fresh numbers for new seeds, valid models only,
answers that are the engine's (or by_hand's), and levels that really differ."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest

from tutor.engine import EngineError, analyze, explain, parse_model
from tutor.quiz import (
    DIFFICULTIES,
    TOPICS,
    Question,
    QuizError,
    by_hand,
    generate,
    get_topic,
    grade,
    practice_set,
    topic_ids,
)
from tutor.quiz.build import answer_of
from tutor.quiz.question import answer_json, format_grid

TOPIC_IDS = (
    "dense-params",
    "conv2d-output-shape",
    "conv2d-params",
    "pooling-output-shape",
    "flatten-size",
    "cnn-chain",
    "embedding-params",
    "rnn-params",
    "rnn-output-shape",
    "model-total-params",
    "merge-shape",
    "residual-params",
    "conv-by-hand",
    "pooling-by-hand",
    "concept-loss",
    "concept-activation",
    "concept-data",
    "concept-layers",
    "concept-training",
)
JSON_KEYS = {"id", "topic", "difficulty", "prompt", "model", "ask", "answer", "explanation"}
EVERY_SLOT = [(topic, level) for topic in TOPIC_IDS for level in DIFFICULTIES]


def test_the_registry_has_exactly_the_topics_with_titles_in_both_languages() -> None:
    assert topic_ids() == TOPIC_IDS
    for topic in TOPICS.values():
        assert set(topic.title) == {"en", "ko"} and all(topic.title.values())


@pytest.mark.parametrize(("topic", "level"), EVERY_SLOT)
def test_the_same_seed_gives_the_same_questions(topic: str, level: str) -> None:
    first = generate(topic, 7, level, count=3)
    again = generate(topic, 7, level, count=3)
    assert [q.to_json() for q in first] == [q.to_json() for q in again]
    assert first == again
    assert [q.id for q in first] == [f"{topic}-7-{level}-{n}" for n in range(3)]


@pytest.mark.parametrize(("topic", "level"), EVERY_SLOT)
def test_different_seeds_give_different_numbers(topic: str, level: str) -> None:
    def content(question: Question) -> str:
        data = question.to_json()
        del data["id"]
        return json.dumps(data, sort_keys=True)

    contents = {content(generate(topic, seed, level)[0]) for seed in range(12)}
    # Concept items without numbers repeat with reshuffled options; the rest rarely repeat.
    assert len(contents) >= (4 if topic.startswith("concept-") else 10), contents


def test_generation_never_touches_the_global_random_state() -> None:
    random.seed(1234)
    state = random.getstate()
    for topic in TOPIC_IDS:
        generate(topic, 5, "hard", count=2)
    practice_set(None, 5, 10)
    assert random.getstate() == state


def test_every_question_is_well_formed(every_question: list[Question]) -> None:
    assert len(every_question) == len(TOPIC_IDS) * 3 * 50
    for question in every_question:
        data = question.to_json()
        assert set(data) >= JSON_KEYS and json.loads(json.dumps(data)) == data
        assert data["answer"] == answer_json(question.answer)
        for field in (question.prompt, question.explanation, question.hint):
            assert set(field) == {"en", "ko"} and all(v.strip() for v in field.values())
        assert question.kind in ("shape", "int", "grid", "choice")


def test_model_questions_parse_back_and_the_engine_gives_their_answer(
    every_question: list[Question],
) -> None:
    for question in every_question:
        if not TOPICS[question.topic].uses_model:
            assert question.model is None and question.spec is None
            assert question.ask is None or question.topic == "conv-by-hand"
            continue
        if question.kind == "choice":  # which merges can be built: see the next test
            continue
        spec = parse_model(question.model)
        assert spec == question.spec, question.id
        result = analyze(spec)
        what, layer = question.ask["what"], question.ask["layer"]
        assert answer_of(result, what, layer) == question.answer, question.id
        assert question.kind == ("shape" if what == "output_shape" else "int")
        assert (layer is None) == (what == "total_params")
        if layer is not None:
            assert 0 <= layer < len(result.layers)
        assert f"{question.answer}" in question.explanation["en"] or (
            f"{question.answer:,}" in question.explanation["en"]
        )


def test_by_hand_questions_use_small_grids_and_the_pure_python_answer(
    every_question: list[Question],
) -> None:
    asks = Counter()
    for question in every_question:
        ask = question.ask or {"what": "grid"}
        if question.topic == "conv-by-hand":
            asks[ask["what"]] += 1
            assert question.stride in (1, 2) and question.operation == "conv"
            if ask["what"] == "positions":  # no grid: only the sizes
                assert question.grid is None and question.kernel is None
                side = by_hand.output_length(ask["size"], ask["kernel"], question.stride)
                assert question.kind == "int" and question.answer == side * side
                assert f"{ask['size']}x{ask['size']} input" in question.prompt["en"]
                continue
            assert 4 <= len(question.grid) <= 6 and len(question.kernel) in (2, 3)
            expected = by_hand.convolve(question.grid, question.kernel, question.stride)
            if ask["what"] == "value":
                expected = expected[ask["row"]][ask["col"]]
                assert f"row {ask['row']}, column {ask['col']}" in question.prompt["en"]
        elif question.topic == "pooling-by-hand":
            assert 4 <= len(question.grid) <= 6 and question.kernel is None
            assert question.stride == 2 and question.operation in ("max", "average")
            expected = by_hand.pool(question.grid, 2, 2, question.operation)
        else:
            continue
        assert question.answer == expected
        assert format_grid(question.grid) in question.prompt["en"]
    assert set(asks) == {"grid", "value", "positions"} and asks["grid"] > asks["value"]


def test_concept_questions_have_four_distinct_options_and_a_letter(
    every_question: list[Question],
) -> None:
    letters = Counter()
    for question in every_question:
        if question.kind != "choice":
            assert question.choices == ()
            continue
        assert len(question.choices) == 4
        assert len({en for en, _ in question.choices}) == 4
        assert all(en and ko for en, ko in question.choices)
        assert question.answer in "abcd"
        assert question.to_json()["choices"] == [en for en, _ in question.choices]
        letters[question.answer] += 1
    assert set(letters) == set("abcd") and min(letters.values()) > 60, letters


def test_the_right_answer_typed_as_shown_is_graded_right(
    every_question: list[Question],
) -> None:
    for question in every_question:
        typed = {
            "shape": lambda q: str(q.answer),
            "int": lambda q: f"{q.answer:,}",
            "grid": lambda q: format_grid(q.answer),
            "choice": lambda q: q.answer.upper(),
        }[question.kind](question)
        assert grade(question, typed).status == "right", (question.id, typed)


def _features(topic: str, level: str) -> Counter:
    """Which arguments and layers a level's questions use, over 50 seeds."""
    seen: Counter = Counter()
    for seed in range(50):
        (question,) = generate(topic, seed, level)
        seen["layers", len(question.spec.layers)] += 1
        for spec in question.spec.layers:
            inner = spec.wrapped or spec
            seen[spec.cls] += 1
            seen[inner.cls] += 1
            for key, value in {**spec.args, **inner.args}.items():
                seen[key] += 1
                seen[key, value if not isinstance(value, tuple) else "tuple"] += 1
            if isinstance(inner.args.get("kernel_size"), tuple):
                seen["tuple kernel"] += 1
    return seen


def test_levels_change_the_arguments_not_just_the_numbers() -> None:
    easy = _features("conv2d-output-shape", "easy")
    assert easy["strides"] == easy["padding"] == 0 and easy["layers", 1] == 50
    medium = _features("conv2d-output-shape", "medium")
    assert medium["strides"] and medium["padding", "same"] and medium["tuple kernel"]
    hard = _features("conv2d-output-shape", "hard")
    assert hard["strides", "tuple"] and not hard["layers", 1]

    assert _features("conv2d-params", "medium")["use_bias", False]
    assert _features("pooling-output-shape", "medium")["strides"]
    assert _features("pooling-output-shape", "hard")["pool_size", "tuple"]
    rnn_hard = _features("rnn-params", "hard")
    assert rnn_hard["Bidirectional"] and rnn_hard["GRU"] and rnn_hard["reset_after", False]
    shapes_hard = _features("rnn-output-shape", "hard")
    assert shapes_hard["Bidirectional"] == 50 and shapes_hard["merge_mode"]
    assert _features("rnn-output-shape", "easy")["return_sequences", True]
    assert _features("cnn-chain", "hard")["layers", 1] == 0
    assert _features("model-total-params", "hard")["Dropout"]


def test_unknown_topics_and_levels_are_user_errors() -> None:
    with pytest.raises(QuizError, match="dense-params"):
        generate("dense", 1, "easy")
    with pytest.raises(QuizError, match="easy, medium, hard"):
        generate("dense-params", 1, "expert")
    with pytest.raises(QuizError):
        generate("dense-params", 1, "easy", count=-1)
    with pytest.raises(QuizError):
        practice_set(["nope"], 1, 3)
    assert generate("dense-params", 1, "easy", count=0) == []
    assert get_topic("cnn-chain").id == "cnn-chain"


def test_a_practice_set_is_seeded_even_and_each_question_rebuilds_from_its_id() -> None:
    chosen = ["dense-params", "conv-by-hand", "concept-loss"]
    questions = practice_set(chosen, 42, 9)
    assert questions == practice_set(chosen, 42, 9)
    assert questions != practice_set(chosen, 43, 9)
    assert Counter(q.topic for q in questions) == dict.fromkeys(chosen, 3)
    for question in questions:
        topic, seed, level, n = question.id.rsplit("-", 3)
        assert generate(topic, int(seed), level)[int(n)] == question
    assert {q.topic for q in practice_set(None, 1, len(TOPIC_IDS))} == set(TOPIC_IDS)
    assert {q.difficulty for q in practice_set([], 1, 8, difficulty="hard")} == {"hard"}


def test_which_merge_questions_say_what_the_engine_builds(
    every_question: list[Question],
) -> None:
    """Each option is a merge of the inputs the question shows; exactly the right one is
    buildable (or exactly it is not), as the engine decides, and the explanation gives
    every option's shape or the reason it is refused, in both languages."""
    asked = [q for q in every_question if q.topic == "merge-shape" and q.kind == "choice"]
    assert {q.ask["what"] for q in asked} == {"can_build", "cannot_build"}
    for question in asked:
        built = []
        for code, _ in question.choices:
            source = f"{question.model}merged = {code}\nmodel = keras.Model([a, b, c], merged)"
            try:
                explain(source)
            except EngineError:
                built.append(False)
            else:
                built.append(True)
        right = "abcd".index(question.answer)
        expected = question.ask["what"] == "can_build"
        assert [ok == expected for ok in built] == [i == right for i in range(4)], question.id
        for (code, _), ok in zip(question.choices, built, strict=True):
            for lang in ("en", "ko"):
                lines = question.explanation[lang].splitlines()[1:]
                [why] = [line.removeprefix(f"{code}: ") for line in lines if line.startswith(code)]
                assert why.startswith("(None,") == ok, (question.id, why)


def _graphs(topic: str, level: str) -> list[Question]:
    return [generate(topic, seed, level)[0] for seed in range(40)]


def test_merge_levels_go_from_two_inputs_to_other_axes_and_impossible_merges() -> None:
    easy = _graphs("merge-shape", "easy")
    assert all({layer.cls for layer in q.spec.layers} <= {"Add", "Concatenate"} for q in easy)
    assert {q.spec.layers[-1].cls for q in easy} == {"Add", "Concatenate"}
    medium = _graphs("merge-shape", "medium")
    assert all(len(q.spec.layers) > 1 for q in medium)
    assert {"Conv2D", "MaxPooling2D", "Dense"} <= {y.cls for q in medium for y in q.spec.layers}
    hard = _graphs("merge-shape", "hard")
    kinds = Counter(q.kind for q in hard)
    assert kinds["choice"] and kinds["shape"]
    drawn = [layer for q in hard if q.spec for layer in q.spec.layers]
    assert any(layer.args.get("axis") in (1, 2) for layer in drawn)
    assert {"Average", "Maximum", "Multiply", "Subtract"} & {layer.cls for layer in drawn}


def test_residual_levels_add_the_projection_then_a_second_block() -> None:
    def projections(question: Question) -> int:
        return sum(layer.args.get("kernel_size") == 1 for layer in question.spec.layers)

    easy = _graphs("residual-params", "easy")
    assert not any(projections(q) for q in easy)
    normalized = {any(y.cls == "BatchNormalization" for y in q.spec.layers) for q in easy}
    assert normalized == {True, False}
    medium = _graphs("residual-params", "medium")
    assert all(projections(q) == 1 for q in medium)
    assert {q.ask["what"] for q in medium} == {"params", "total_params"}
    hard = _graphs("residual-params", "hard")
    assert all(sum(y.cls == "Add" for y in q.spec.layers) == 2 for q in hard)
