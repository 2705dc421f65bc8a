"""`dltutor progress` and its reset/export/import, on a learner's real store."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timezone
from pathlib import Path

from tests.conftest import dltutor
from tutor.progress import ProgressStore
from tutor.quiz import get_topic

REPORT_KEYS = {"lessons", "topics", "due_reviews", "streak", "runs", "challenges"}


def _seed_progress() -> None:
    now = datetime.now(timezone.utc)
    with ProgressStore() as store:
        store.record_lesson_opened("five-steps", now=now)
        store.record_lesson_finished("five-steps", now=now)
        for correct in (True, True, False):
            store.record_attempt(
                "conv2d-params",
                difficulty="easy",
                question_id="q",
                answer="320",
                correct=correct,
                seconds=12.0,
                now=now,
            )
        run = store.start_run("mnist-dnn", now=now)
        assert run is not None
        store.finish_run(run, "passed", metrics={"val_accuracy": 0.97}, now=now)


def test_progress_json_reports_lessons_topics_and_runs() -> None:
    _seed_progress()
    result = dltutor("progress", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == REPORT_KEYS
    assert report["lessons"]["five-steps"]["finished"] is not None
    [topic] = report["topics"]
    assert topic["topic"] == "conv2d-params" and 0 < topic["mastery"] < 100
    [run] = report["runs"]
    assert run["exercise"] == "mnist-dnn" and run["status"] == "passed"
    assert run["metrics"] == {"val_accuracy": 0.97}


def test_progress_text_shows_chapters_mastery_and_runs() -> None:
    _seed_progress()
    result = dltutor("progress")
    assert result.returncode == 0, result.stderr
    assert "The deep-learning workflow: 1/" in result.stdout
    title = get_topic("conv2d-params").title["en"]  # the quiz's title, not the topic id
    assert f"{title}  █" in result.stdout and "%" in result.stdout
    assert "mnist-dnn" in result.stdout and "val_accuracy 0.97" in result.stdout


def test_export_then_import_on_another_machine(tmp_path: Path) -> None:
    _seed_progress()
    exported = tmp_path / "progress.json"
    assert dltutor("progress", "export", str(exported)).returncode == 0
    other_home = {"DLTUTOR_HOME": str(tmp_path / "other-machine")}
    refused = dltutor("progress", "import", str(exported), env=other_home)
    assert refused.returncode == 1 and "--yes" in refused.stderr
    result = dltutor("progress", "import", "--yes", str(exported), env=other_home)
    assert result.returncode == 0, result.stderr
    assert "1 lessons, 3 quiz attempts, 1 exercise runs" in result.stdout
    moved = json.loads(dltutor("progress", "--json", env=other_home).stdout)
    assert moved == json.loads(dltutor("progress", "--json").stdout)


def test_a_bad_import_file_is_one_line_and_keeps_progress(tmp_path: Path) -> None:
    _seed_progress()
    before = dltutor("progress", "--json").stdout
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}')
    result = dltutor("progress", "import", "--yes", str(bad))
    assert result.returncode == 1
    assert result.stderr == f"dltutor: error: {bad}: not a dltutor progress export\n"
    assert dltutor("progress", "--json").stdout == before


def test_reset_needs_confirmation_then_forgets() -> None:
    _seed_progress()
    assert dltutor("progress", "reset").returncode == 1
    assert json.loads(dltutor("progress", "--json").stdout)["lessons"]
    assert dltutor("progress", "reset", "--yes").returncode == 0
    report = json.loads(dltutor("progress", "--json").stdout)
    empty = {"lessons": {}, "topics": [], "due_reviews": 0, "streak": 0, "runs": []}
    assert report == {**empty, "challenges": []}


def test_export_to_stdout_and_to_a_private_file(tmp_path: Path) -> None:
    _seed_progress()
    result = dltutor("progress", "export", "-")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)  # the export and nothing else
    assert document["format"] == "dltutor-progress"
    assert document["lesson_events"][0]["lesson_id"] == "five-steps"
    target = tmp_path / "progress.json"
    previous = os.umask(0o022)  # the child inherits it
    try:
        assert dltutor("progress", "export", str(target)).returncode == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text())["lesson_events"] == document["lesson_events"]


def test_escape_sequences_in_stored_names_never_reach_the_terminal() -> None:
    now = datetime.now(timezone.utc)
    with ProgressStore() as store:
        store.record_lesson_opened("\x1b]0;owned\x07lesson", now=now)
        store.record_attempt(
            "\x1b[2Jtopic\x9b31m", difficulty="easy", question_id="q", answer="", correct=True,
            seconds=1.0, now=now,
        )
        run = store.start_run("mnist\x1b[5m-dnn", now=now)
        assert run is not None
        store.finish_run(run, "passed", metrics={"\x1b[1macc": 0.5}, now=now)
    result = dltutor("progress")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\x9b" not in result.stdout
    assert "[2Jtopic31m" in result.stdout and "mnist[5m-dnn" in result.stdout


def test_a_hostile_import_is_one_line_and_keeps_progress(
    tmp_path: Path, isolated_home: Path
) -> None:
    _seed_progress()
    before = dltutor("progress", "--json").stdout
    exported = tmp_path / "progress.json"
    assert dltutor("progress", "export", str(exported)).returncode == 0
    document = json.loads(exported.read_text())
    document["exercise_runs"][0]["history_path"] = "/dev/zero"
    exported.write_text(json.dumps(document))
    result = dltutor("progress", "import", "--yes", str(exported))
    assert result.returncode == 1
    assert result.stderr == (
        f"dltutor: error: {exported}: exercise_runs[0].history_path must be a file inside "
        f"the tutor's data directory ({isolated_home})\n"
    )
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    refused = dltutor("progress", "import", "--yes", str(fifo), timeout=30)
    assert refused.returncode == 1
    assert refused.stderr == f"dltutor: error: {fifo} is a FIFO (named pipe), not a regular file\n"
    assert dltutor("progress", "--json").stdout == before
