"""`dltutor quiz`: topics, seeded JSON questions, and a console drill that records answers."""

from __future__ import annotations

import json

from tests.conftest import dltutor
from tutor.quiz import TOPICS

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
