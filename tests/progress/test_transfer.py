"""Export to a JSON file and import it elsewhere: a faithful round trip, and a bad file
refused with one line while the existing progress stays exactly as it was."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.progress.conftest import FakeClock
from tutor.errors import TutorError
from tutor.progress import EXPORT_FORMAT, EXPORT_VERSION, ProgressStore, read_export


def populate(store: ProgressStore, clock: FakeClock) -> None:
    store.record_lesson_opened("neuron")
    for i, (correct, seconds) in enumerate([(False, 9), (True, 50), (True, 4)]):
        clock.advance(minutes=2)
        store.record_attempt(
            "dense-params",
            difficulty="medium",
            question_id=f"q{i}",
            answer=f"{i}",
            correct=correct,
            seconds=seconds,
        )
    store.record_attempt(
        "conv-output", difficulty="hard", question_id="c1", answer="28", correct=True, seconds=30
    )
    run = store.start_run("mnist-dense", history_path="runs/1/history.json")
    assert run is not None
    clock.advance(minutes=5)
    store.finish_run(run, "passed", metrics={"accuracy": 0.98}, model_path="runs/1/m.keras")
    store.record_lesson_finished("neuron")
    store.set_setting("language", "ko")


@pytest.fixture
def exported(
    open_store: Callable[..., ProgressStore], clock: FakeClock, tmp_path: Path
) -> tuple[ProgressStore, Path]:
    source = open_store(tmp_path / "source.sqlite3")
    populate(source, clock)
    target = tmp_path / "export" / "progress.json"
    target.parent.mkdir()
    source.export_to(target)
    return source, target


def test_round_trip_to_another_machine(
    exported: tuple[ProgressStore, Path], open_store: Callable[..., ProgressStore], tmp_path
) -> None:
    source, path = exported
    document = json.loads(path.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == (EXPORT_FORMAT, EXPORT_VERSION)
    assert [p.name for p in path.parent.iterdir()] == ["progress.json"]  # no temporary left

    other = open_store(tmp_path / "other.sqlite3")
    other.record_lesson_opened("something-else")  # replaced, not merged
    imported = other.import_from(path)
    assert imported.summary() == ("1 lessons, 4 quiz attempts, 1 exercise runs, 2 review topics")
    assert other.export_data() == source.export_data()
    assert other.report() == source.report()
    assert other.card("dense-params") == source.card("dense-params")
    assert other.last_lesson() == "neuron"
    assert other.get_setting("language") == "ko"
    # the scheduler carries on from the imported card
    assert other.record_attempt(
        "dense-params", difficulty="easy", question_id="q9", answer="", correct=True, seconds=1
    )


def test_import_into_the_same_store_changes_nothing(exported: tuple[ProgressStore, Path]) -> None:
    source, path = exported
    before = source.export_data()
    source.import_from(path)
    assert source.export_data() == before


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def broken(document: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> Any:
    document = copy.deepcopy(document)
    change(document)
    return document


BAD_DOCUMENTS: list[tuple[str, Callable[[dict[str, Any]], Any], str]] = [
    ("list", lambda d: [d], "not a dltutor progress export"),
    ("other format", lambda d: broken(d, lambda x: x.update(format="anki")), "not a dltutor"),
    (
        "newer version",
        lambda d: broken(d, lambda x: x.update(version=EXPORT_VERSION + 1)),
        "made by a newer dltutor (format version 2)",
    ),
    ("version text", lambda d: broken(d, lambda x: x.update(version="1")), "'version' must be"),
    (
        "section not a list",
        lambda d: broken(d, lambda x: x.update(quiz_attempts={})),
        "'quiz_attempts' must be a list",
    ),
    (
        "missing field",
        lambda d: broken(d, lambda x: x["quiz_attempts"][2].pop("correct")),
        "quiz_attempts[2].correct is missing",
    ),
    (
        "wrong type",
        lambda d: broken(d, lambda x: x["quiz_attempts"][3].update(seconds="fast")),
        "quiz_attempts[3].seconds must be a number",
    ),
    (
        "negative seconds",
        lambda d: broken(d, lambda x: x["quiz_attempts"][0].update(seconds=-1)),
        "quiz_attempts[0].seconds must be a number of seconds from 0 to",
    ),
    (
        "naive time",
        lambda d: broken(d, lambda x: x["lesson_events"][0].update(at="2025-03-01T09:00:00")),
        "lesson_events[0].at must be an ISO 8601 time with a time zone",
    ),
    (
        "unknown difficulty",
        lambda d: broken(d, lambda x: x["quiz_attempts"][1].update(difficulty="extreme")),
        "quiz_attempts[1].difficulty must be one of easy, medium, hard",
    ),
    (
        "unknown status",
        lambda d: broken(d, lambda x: x["exercise_runs"][0].update(status="won")),
        "exercise_runs[0].status must be one of",
    ),
    (
        "broken card",
        lambda d: broken(d, lambda x: x["review_cards"][1]["card"].update(state=9)),
        "review_cards[1].card is not a valid FSRS card",
    ),
    (
        "same topic twice",
        lambda d: broken(d, lambda x: x["review_cards"].append(x["review_cards"][0])),
        "review_cards[2].topic 'conv-output' appears twice",
    ),
    (
        "settings",
        lambda d: broken(d, lambda x: x.update(settings={"language": 1})),
        "settings['language'] must be a string",
    ),
]


@pytest.mark.parametrize(
    ("change", "message"),
    [pytest.param(change, message, id=name) for name, change, message in BAD_DOCUMENTS],
)
def test_a_bad_file_is_refused_and_nothing_changes(
    exported: tuple[ProgressStore, Path],
    change: Callable[[dict[str, Any]], Any],
    message: str,
) -> None:
    store, path = exported
    document = json.loads(path.read_text(encoding="utf-8"))
    bad = write_json(path.with_name("bad.json"), change(document))
    before = store.export_data()
    with pytest.raises(TutorError) as raised:
        store.import_from(bad)
    text = str(raised.value)
    assert message in text
    assert text.startswith(str(bad))
    assert "\n" not in text
    assert store.export_data() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "dltutor-progress", ', "not valid JSON (Expecting"),
        (b"\xff\xfe", "not UTF-8 text"),
        (None, "No such file or directory"),
    ],
)
def test_an_unreadable_file_is_refused(
    exported: tuple[ProgressStore, Path], content: bytes | None, message: str
) -> None:
    store, path = exported
    bad = path.with_name("bad.json")
    if content is not None:
        bad.write_bytes(content)
    before = store.export_data()
    with pytest.raises(TutorError, match=r"bad\.json") as raised:
        store.import_from(bad)
    assert message in str(raised.value)
    assert store.export_data() == before


def test_an_import_that_cannot_be_written_leaves_the_file_as_it_was(
    exported: tuple[ProgressStore, Path], open_store: Callable[..., ProgressStore], tmp_path
) -> None:
    """A valid file, but SQLite refuses the write: the transaction rolls back whole."""
    _source, path = exported
    target = tmp_path / "target.sqlite3"
    writer = open_store(target)
    writer.record_lesson_opened("keep-me")
    writer.close()
    reader = open_store(target, read_only=True)
    with pytest.raises(TutorError, match="cannot import progress: attempt to write a readonly"):
        reader.import_from(path)
    assert list(open_store(target).lessons()) == ["keep-me"]


def test_read_export_gives_a_summary_for_the_confirmation(
    exported: tuple[ProgressStore, Path],
) -> None:
    _source, path = exported
    assert read_export(path).summary() == (
        "1 lessons, 4 quiz attempts, 1 exercise runs, 2 review topics"
    )


def test_export_to_an_unwritable_place_is_one_line(
    exported: tuple[ProgressStore, Path], tmp_path: Path
) -> None:
    store, _path = exported
    with pytest.raises(TutorError, match=r"^cannot write .*: No such file or directory"):
        store.export_to(tmp_path / "missing-dir" / "progress.json")
