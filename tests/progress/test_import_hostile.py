"""`progress import` trusts nothing in the file: every field is checked against what the
app itself writes, and anything else refuses the whole file in one line, quickly, with
the learner's progress untouched. A fuzz test throws arbitrary JSON at every field."""

from __future__ import annotations

import copy
import json
import os
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from fsrs import Scheduler
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.progress.conftest import FakeClock
from tutor.errors import TutorError
from tutor.progress import ProgressStore
from tutor.progress.fields import MAX_SECONDS
from tutor.progress.history import read_history

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)


def valid_document() -> dict[str, Any]:
    """An export as the app writes it, built by the app."""
    with tempfile.TemporaryDirectory() as folder:
        clock = FakeClock(NOW)
        store = ProgressStore(
            Path(folder) / "p.sqlite3", clock=clock, scheduler=Scheduler(enable_fuzzing=False)
        )
        store.record_lesson_opened("neuron")
        for i, topic in enumerate(("dense-params", "conv-output", "dense-params")):
            clock.advance(minutes=3)
            store.record_attempt(
                topic, difficulty="medium", question_id=f"q{i}", answer="1", correct=True, seconds=9
            )
        run = store.start_run("mnist-dnn", history_path="runs/r1/history.json")
        assert run is not None
        store.finish_run(run, "passed", metrics={"accuracy": 0.98, "loss": 0.07})
        store.record_lesson_finished("neuron")
        store.set_setting("language", "ko")
        document = store.export_data()
        store.close()
    return document


VALID = valid_document()


@pytest.fixture
def target(open_store: Callable[..., ProgressStore], clock: FakeClock) -> ProgressStore:
    store = open_store()
    store.record_lesson_opened("mine")
    store.record_attempt(
        "mine", difficulty="easy", question_id="m", answer="1", correct=True, seconds=3
    )
    return store


def changed(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    document = copy.deepcopy(VALID)
    change(document)
    return document


def set_field(section: str, index: int, field: str, value: object) -> dict[str, Any]:
    return changed(lambda d: d[section][index].__setitem__(field, value))


def set_card(field: str, value: object) -> dict[str, Any]:
    return changed(lambda d: d["review_cards"][0]["card"].__setitem__(field, value))


HOSTILE: list[tuple[str, Any, str]] = [
    (
        "history path to a device",
        set_field("exercise_runs", 0, "history_path", "/dev/zero"),
        "exercise_runs[0].history_path must be a file inside the tutor's data directory",
    ),
    (
        "history path climbing out",
        set_field("exercise_runs", 0, "history_path", "../../../../etc/passwd"),
        "exercise_runs[0].history_path must be a file inside the tutor's data directory",
    ),
    (
        "model path into /etc",
        set_field("exercise_runs", 0, "model_path", "/etc/passwd"),
        "exercise_runs[0].model_path must be a file inside",
    ),
    (
        "metric of 10**400 written as a float",
        None,  # the JSON text is written below: json.dumps cannot spell it
        "exercise_runs[0].metrics 'accuracy' must be a finite number",
    ),
    (
        "nested metrics",
        set_field("exercise_runs", 0, "metrics", {"a": {"b": 1}}),
        "exercise_runs[0].metrics 'a' must be a number",
    ),
    ("stability -1", set_card("stability", -1.0), "is not a valid FSRS card (stability -1.0)"),
    ("stability 0", set_card("stability", 0), "is not a valid FSRS card (stability 0)"),
    ("difficulty 11", set_card("difficulty", 11.0), "is not a valid FSRS card (difficulty 11.0)"),
    ("state 9", set_card("state", 9), "is not a valid FSRS card (state 9)"),
    ("step as text", set_card("step", "1"), "is not a valid FSRS card (step '1')"),
    ("card id as text", set_card("card_id", "x"), "is not a valid FSRS card (card_id 'x')"),
    (
        "card without due",
        changed(lambda d: d["review_cards"][0]["card"].pop("due")),
        "due is missing",
    ),
    (
        "card due in year 9999",
        set_card("due", "9999-12-31T00:00:00+00:00"),
        "between the years 2000 and 2100",
    ),
    (
        "year 1",
        set_field("lesson_events", 0, "at", "0001-01-01T00:00:00+00:00"),
        "lesson_events[0].at must be a time between the years 2000 and 2100",
    ),
    (
        "year 9999",
        set_field("quiz_attempts", 1, "at", "9999-01-01T00:00:00+00:00"),
        "quiz_attempts[1].at must be a time between the years 2000 and 2100",
    ),
    (
        "seconds beyond a year",
        set_field("quiz_attempts", 0, "seconds", MAX_SECONDS * 2),
        "quiz_attempts[0].seconds must be a number of seconds",
    ),
    (
        "terminal title escape in a lesson id",
        set_field("lesson_events", 0, "lesson_id", "\x1b]0;owned\x07"),
        "lesson_events[0].lesson_id must not hold control characters",
    ),
    (
        "clear-screen escape in a topic",
        set_field("quiz_attempts", 0, "topic", "\x1b[2Jtopic"),
        "quiz_attempts[0].topic must not hold control characters",
    ),
    (
        "C1 control in an exercise id",
        set_field("exercise_runs", 0, "exercise", "mnist\x9b2J"),
        "exercise_runs[0].exercise must not hold control characters",
    ),
    (
        "lone surrogate in a topic",
        set_field("quiz_attempts", 0, "topic", "\ud800"),
        "quiz_attempts[0].topic holds an unpaired surrogate",
    ),
    (
        "lone surrogate in an answer",
        set_field("quiz_attempts", 0, "answer", "x\udfff"),
        "quiz_attempts[0].answer holds an unpaired surrogate",
    ),
    (
        "lone surrogate in a setting",
        changed(lambda d: d["settings"].update(language="\ud83d")),
        "settings['language'] holds an unpaired surrogate",
    ),
    (
        "a very long topic",
        set_field("quiz_attempts", 0, "topic", "t" * 5000),
        "quiz_attempts[0].topic must be at most 200 characters",
    ),
    (
        "a very long answer",
        set_field("quiz_attempts", 0, "answer", "1" * 20_000),
        "quiz_attempts[0].answer must be at most 10,000 characters",
    ),
    (
        "too many settings",
        changed(lambda d: d["settings"].update({f"k{i}": "v" for i in range(500)})),
        "'settings' must map at most 100 names to strings",
    ),
]


def write_hostile(path: Path, document: Any) -> Path:
    if document is None:  # 1e400: a float JSON allows, but no finite number
        text = json.dumps(VALID).replace('"accuracy": 0.98', '"accuracy": 1e400')
        assert "1e400" in text
        path.write_text(text, encoding="utf-8")
    else:
        path.write_text(json.dumps(document), encoding="utf-8")
    return path


def assert_refused(store: ProgressStore, path: Path, message: str, seconds: float = 5) -> str:
    before = store.export_data()
    started = time.monotonic()
    with pytest.raises(TutorError) as raised:
        store.import_from(path)
    assert time.monotonic() - started < seconds
    text = str(raised.value)
    assert "\n" not in text and len(text) < 400
    assert message in text, text
    assert store.export_data() == before
    return text


@pytest.mark.parametrize(
    ("document", "message"),
    [pytest.param(document, message, id=name) for name, document, message in HOSTILE],
)
def test_a_hostile_field_refuses_the_whole_file(
    target: ProgressStore, tmp_path: Path, document: Any, message: str
) -> None:
    path = write_hostile(tmp_path / "hostile.json", document)
    text = assert_refused(target, path, message)
    assert text.startswith(f"{path}: ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "dltutor-progress", "version": 1' + "0" * 5000 + "}", "more than 19 digits"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format": "dltutor-progress", "version": 1, "x": NaN}', "holds NaN"),
        ('{"format": "dltutor-progress", "version": -Infinity}', "holds -Infinity"),
    ],
    ids=["5000-digit integer", "100000-deep nesting", "NaN", "-Infinity"],
)
def test_hostile_json_is_refused_in_one_line(
    target: ProgressStore, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    assert_refused(target, path, message)


def test_a_file_too_large_is_refused_before_it_is_read(
    target: ProgressStore, tmp_path: Path
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as sparse:
        sparse.truncate(3 << 30)  # 3 GB, no disk used
    assert_refused(target, path, "is too large (3.2 GB; the limit is 16.8 MB)")


def test_devices_fifos_and_folders_are_refused_without_waiting(
    target: ProgressStore, tmp_path: Path
) -> None:
    fifo = tmp_path / "progress.fifo"
    os.mkfifo(fifo)
    assert_refused(target, fifo, "is a FIFO (named pipe), not a regular file")
    assert_refused(target, Path("/dev/zero"), "/dev/zero is a device, not a regular file")
    assert_refused(target, tmp_path, "is a directory, not a regular file")


def test_a_run_file_from_another_machine_lands_in_this_data_directory(
    open_store: Callable[..., ProgressStore], tmp_path: Path, isolated_home: Path
) -> None:
    elsewhere = "/home/someone-else/.local/share/dltutor/runs/mnist-dnn-20250301-090000"
    document = changed(
        lambda d: d["exercise_runs"][0].update(
            history_path=f"{elsewhere}/history.json", model_path="runs/r1/model.keras"
        )
    )
    path = write_hostile(tmp_path / "from-laptop.json", document)
    store = open_store()
    store.import_from(path)
    [run] = store.runs()
    assert run.history_path == str(
        isolated_home / "runs" / "mnist-dnn-20250301-090000" / "history.json"
    )
    assert run.model_path == "runs/r1/model.keras"  # relative: from the data directory


# --- the saved history the Progress screen draws ------------------------------------------


def test_read_history_reads_only_regular_files_inside_the_data_directory(
    isolated_home: Path, tmp_path: Path
) -> None:
    run = isolated_home / "runs" / "r1"
    run.mkdir(parents=True)
    (run / "history.json").write_text('{"loss": [1.0, null, 0.5, 1e999, "x", true]}')
    assert read_history(str(run / "history.json")) == {"loss": [1.0, 0.5]}
    assert read_history("runs/r1/history.json") == {"loss": [1.0, 0.5]}

    outside = tmp_path / "outside"
    outside.mkdir()
    decoy = outside / "history.json"
    decoy.write_text(json.dumps({"loss": [9.0]}))
    (run / "link.json").symlink_to(decoy)
    os.mkfifo(run / "fifo.json")
    with (run / "huge.json").open("wb") as sparse:
        sparse.truncate(1 << 30)
    started = time.monotonic()
    for hostile in (
        str(decoy),
        "../../outside/history.json",
        str(run / "link.json"),
        str(run / "fifo.json"),
        str(run / "huge.json"),
        str(run),
        "/dev/zero",
        "/etc/passwd",
        "runs/r1/missing.json",
        None,
        "",
    ):
        assert read_history(hostile) == {}, hostile
    assert time.monotonic() - started < 5


# --- fuzzing ------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["2025-03-01T09:00:00+00:00", "0001-01-01T00:00:00Z", "\x1b[2J", "\ud800"]),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=8,
)


@st.composite
def mutated_exports(draw: st.DrawFn) -> str:
    """A valid export with a few fields, rows, sections or raw bytes changed at random."""
    document = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(["field", "card", "row", "section", "top"]))
        sections = ["lesson_events", "quiz_attempts", "exercise_runs", "review_cards"]
        section = draw(st.sampled_from(sections))
        rows = document.get(section)
        if where in ("field", "card") and isinstance(rows, list) and rows:
            row = rows[draw(st.integers(0, len(rows) - 1))]
            if where == "card" and isinstance(row, dict) and isinstance(row.get("card"), dict):
                row = row["card"]
            if isinstance(row, dict) and row:
                key = draw(st.sampled_from(sorted(row)))
                if draw(st.booleans()):
                    row[key] = draw(JSON_VALUES)
                else:
                    del row[key]
        elif where == "row" and isinstance(rows, list):
            rows.append(draw(JSON_VALUES))
        elif where == "section":
            document[section] = draw(JSON_VALUES)
        else:
            key = draw(st.sampled_from(["format", "version", "settings", "exported"]))
            document[key] = draw(JSON_VALUES)
    text = json.dumps(document)
    if draw(st.integers(0, 9)) == 0:  # now and then, damage the text itself
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.text(max_size=4)) + text[cut + 1 :]
    return text


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=mutated_exports())
def test_any_import_is_clean_or_one_line_and_never_partial(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.json"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        db = Path(folder) / "progress.sqlite3"
        store = ProgressStore(db, scheduler=Scheduler(enable_fuzzing=False))
        store.record_lesson_opened("mine")
        before = store.export_data(NOW)
        try:
            imported = store.import_from(path)
        except TutorError as error:
            assert "\n" not in str(error)
            assert store.export_data(NOW) == before  # nothing half-imported
            store.close()
            return
        # a clean import: everything reads, the scheduler takes every card, and the next
        # start finds nothing to set aside (the import rules and the row check agree)
        assert imported.summary()
        store.report(NOW + timedelta(days=1))
        for topic in store.topics():
            assert store.record_attempt(
                topic.topic, difficulty="easy", question_id="f", answer="", correct=True, seconds=1
            )
        store.close()
        reopened = ProgressStore(db)
        assert reopened.notice is None, reopened.notice
        reopened.report()
        reopened.close()
