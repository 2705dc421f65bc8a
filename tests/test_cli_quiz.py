"""`dltutor quiz`: topics, seeded JSON questions, and a console drill that records answers."""

from __future__ import annotations

import dataclasses
import json
import sys

from tests.conftest import dltutor
from tutor.cli import app
from tutor.quiz import MAX_QUESTIONS, TOPICS

QUESTION_KEYS = {"id", "topic", "difficulty", "prompt", "model", "ask", "answer", "explanation"}


def test_topics_are_listed() -> None:
    result = dltutor("quiz", "--topics", "--json")
    assert result.returncode == 0, result.stderr
    listed = [json.loads(line)["topic"] for line in result.stdout.splitlines()]
    assert listed == list(TOPICS)
    assert {"dense-params", "conv2d-output-shape", "rnn-params", "pooling-by-hand"} <= set(listed)


def test_json_questions_are_seeded_and_complete() -> None:
    args = ("quiz", "--json", "--seed", "11", "--count", "6")
    first, again = dltutor(*args), dltutor(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout
    questions = [json.loads(line) for line in first.stdout.splitlines()]
    assert len(questions) == 6
    for question in questions:
        assert set(question) >= QUESTION_KEYS
        if question["model"] is not None:
            assert question["ask"]["what"] in {"output_shape", "params", "total_params"}
            explained = dltutor("explain", "--json", "-", stdin=question["model"])
            assert "error" not in json.loads(explained.stdout)
    other = dltutor("quiz", "--json", "--seed", "12", "--count", "6")
    assert other.stdout != first.stdout


def test_an_unknown_topic_is_one_line() -> None:
    result = dltutor("quiz", "--json", "--topic", "conv3d-magic")
    assert result.returncode == 1
    assert result.stderr.startswith("dltutor: error:") and "conv3d-magic" in result.stderr
    assert result.stderr.count("\n") == 1


def test_console_drill_grades_and_records_the_answer() -> None:
    args = ("quiz", "--seed", "5", "--count", "1", "--topic", "conv2d-params")
    [question] = [json.loads(dltutor(*args, "--json").stdout)]
    answer = f"{question['answer']:,}"
    result = dltutor(*args, stdin=f"not a number\n?\n{answer}\n")
    assert result.returncode == 0, result.stderr
    assert "Type a whole number" in result.stdout  # unreadable: told the form, not marked
    assert "Right!" in result.stdout and "Score: 1/1" in result.stdout
    report = json.loads(dltutor("progress", "--json").stdout)
    assert [t["topic"] for t in report["topics"]] == ["conv2d-params"]


def test_console_drill_names_a_slip() -> None:
    args = ("quiz", "--seed", "5", "--count", "1", "--topic", "dense-params", "-d", "easy")
    [question] = [json.loads(dltutor(*args, "--json").stdout)]
    explained = json.loads(dltutor("explain", "--json", "-", stdin=question["model"]).stdout)
    layer = explained["layers"][question["ask"]["layer"]]
    units = layer["output_shape"][-1]
    without_bias = question["answer"] - units
    result = dltutor(*args, stdin=f"{without_bias}\n")
    assert "Not quite" in result.stdout and "bias" in result.stdout.lower()
    assert "Score: 0/1" in result.stdout


def test_too_many_questions_is_one_line_before_any_is_printed() -> None:
    result = dltutor("quiz", "--json", "--count", "5000")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == "dltutor: error: at most 1,000 questions at a time (got 5,000)\n"


def test_the_most_questions_allowed_all_come() -> None:
    result = dltutor("quiz", "--json", "--count", str(MAX_QUESTIONS), "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == MAX_QUESTIONS


def test_json_questions_are_printed_as_they_are_built(monkeypatch, capsys) -> None:
    """Each line is out before the next question is built, not after building them all."""
    printed_before: list[int] = []
    original = TOPICS["concept-data"]

    def noting(rng, slot):  # type: ignore[no-untyped-def]
        printed_before.append(sys.stdout.getvalue().count("\n"))
        return original.generator(rng, slot)

    monkeypatch.setitem(TOPICS, "concept-data", dataclasses.replace(original, generator=noting))
    args = ["quiz", "--json", "--topic", "concept-data", "--count", "4", "--seed", "1"]
    app(args, prog_name="dltutor", standalone_mode=False)
    assert printed_before == [0, 1, 2, 3]
    assert len(capsys.readouterr().out.splitlines()) == 4


def test_console_drill_in_korean_ends_with_each_topics_score() -> None:
    args = ("--lang", "ko", "quiz", "--seed", "2", "--count", "2", "--topic", "concept-loss")
    questions = [json.loads(line) for line in dltutor(*args, "--json").stdout.splitlines()]
    first = "abcd"[(("abcd".index(questions[0]["answer"])) + 1) % 4]
    result = dltutor(*args, stdin=f"{first}\n{questions[1]['answer']}\n")
    assert result.returncode == 0, result.stderr
    assert "답 (?: 힌트)>" in result.stdout and "answer (" not in result.stdout
    assert "점수: 1/2" in result.stdout and "  어떤 손실 함수: 1/2" in result.stdout
    assert "(쉬움)" in result.stdout or "(보통)" in result.stdout or "(어려움)" in result.stdout
