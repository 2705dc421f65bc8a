"""Recording and reading progress, the exact report, file permissions, and writes that
fail without taking the app down."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from tests.progress.conftest import START, FakeClock
from tutor.progress import ProgressStore, default_database_path

REPO_ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_path_is_in_the_data_dir(isolated_home: Path) -> None:
    assert default_database_path() == isolated_home / "progress.sqlite3"
    with ProgressStore() as store:
        assert store.record_lesson_opened("neuron")
    assert (isolated_home / "progress.sqlite3").is_file()


def test_lessons_opened_finished_and_resume(store: ProgressStore, clock: FakeClock) -> None:
    assert store.last_lesson() is None
    store.record_lesson_opened("neuron")
    clock.advance(minutes=10)
    store.record_lesson_finished("neuron")
    clock.advance(minutes=1)
    store.record_lesson_opened("activations")
    clock.advance(minutes=1)
    store.record_lesson_opened("neuron")  # reopening keeps the first opening time
    lessons = store.lessons()
    assert list(lessons) == ["neuron", "activations"]
    assert lessons["neuron"].opened == START
    assert lessons["neuron"].finished == START + timedelta(minutes=10)
    assert lessons["activations"].finished is None
    assert store.last_lesson() == "neuron"


def test_settings_round_trip(store: ProgressStore) -> None:
    assert store.get_setting("language") is None
    assert store.get_setting("language", "en") == "en"
    assert store.set_setting("language", "ko")
    assert store.set_setting("language", "en")
    assert store.get_setting("language") == "en"


def test_exercise_runs_keep_status_metrics_and_paths(
    store: ProgressStore, clock: FakeClock
) -> None:
    run = store.start_run("mnist-dense", history_path="runs/1/history.json")
    assert run is not None
    [running] = store.runs()
    assert (running.status, running.finished, running.metrics) == ("running", None, None)
    clock.advance(minutes=3)
    assert store.finish_run(
        run, "passed", metrics={"accuracy": 0.97, "loss": float("nan")}, model_path="m.keras"
    )
    [done] = store.runs("mnist-dense")
    assert done.status == "passed"
    assert done.finished == START + timedelta(minutes=3)
    assert done.metrics == {"accuracy": 0.97, "loss": None}  # NaN is not JSON
    assert (done.history_path, done.model_path) == ("runs/1/history.json", "m.keras")
    assert store.runs("other") == []
    assert not store.finish_run(run + 100, "failed")  # no such run: nothing to close


def test_bad_arguments_are_programming_errors(store: ProgressStore) -> None:
    with pytest.raises(ValueError, match="status"):
        store.finish_run(1, "running")
    with pytest.raises(ValueError, match="difficulty"):
        store.record_attempt(
            "t", difficulty="extreme", question_id="q", answer="", correct=True, seconds=1
        )
    with pytest.raises(ValueError, match="seconds"):
        store.record_attempt(
            "t", difficulty="easy", question_id="q", answer="", correct=True, seconds=-1
        )
    assert store.attempts() == []


def test_report_is_exactly_the_progress_json(store: ProgressStore, clock: FakeClock) -> None:
    store.record_lesson_opened("neuron")
    store.record_attempt(
        "dense-params", difficulty="easy", question_id="q1", answer="7", correct=False, seconds=4
    )
    run = store.start_run("mnist-dense")
    assert run is not None
    clock.advance(minutes=2)
    store.finish_run(run, "failed", metrics={"accuracy": 0.5})
    store.record_lesson_finished("neuron")
    report = store.report()
    assert report == {
        "lessons": {
            "neuron": {
                "opened": "2025-03-01T09:00:00+00:00",
                "finished": "2025-03-01T09:02:00+00:00",
            }
        },
        "topics": [{"topic": "dense-params", "mastery": 0, "due": "2025-03-01T09:01:00+00:00"}],
        "due_reviews": 1,
        "streak": 1,
        "runs": [
            {
                "exercise": "mnist-dense",
                "started": "2025-03-01T09:00:00+00:00",
                "finished": "2025-03-01T09:02:00+00:00",
                "status": "failed",
                "metrics": {"accuracy": 0.5},
            }
        ],
        "challenges": [],
    }
    assert json.loads(json.dumps(report)) == report


def test_reset_forgets_everything(store: ProgressStore) -> None:
    store.record_lesson_opened("neuron")
    store.record_attempt(
        "t", difficulty="easy", question_id="q", answer="1", correct=True, seconds=1
    )
    store.start_run("mnist")
    store.set_setting("language", "ko")
    assert store.reset()
    assert store.report() == {
        "lessons": {},
        "topics": [],
        "due_reviews": 0,
        "streak": 0,
        "runs": [],
        "challenges": [],
    }
    assert store.get_setting("language") is None


def test_files_are_private(store: ProgressStore, db_path: Path) -> None:
    assert store.record_lesson_opened("neuron")  # the WAL now exists
    assert mode(db_path.parent) == 0o700
    for name in ("progress.sqlite3", "progress.sqlite3-wal", "progress.sqlite3-shm"):
        assert mode(db_path.parent / name) == 0o600, name


def test_an_existing_readable_file_is_made_private(
    open_store: Callable[..., ProgressStore], db_path: Path
) -> None:
    open_store().close()
    os.chmod(db_path, 0o644)
    open_store()
    assert mode(db_path) == 0o600


def test_one_store_shared_by_threads(store: ProgressStore) -> None:
    """The UI may record from a worker thread while the main thread reads."""

    def answer_many(worker: int) -> None:
        for i in range(25):
            assert store.record_attempt(
                f"t{worker}",
                difficulty="easy",
                question_id=f"{worker}-{i}",
                answer="",
                correct=True,
                seconds=1,
            )
            store.report()

    threads = [threading.Thread(target=answer_many, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.attempts()) == 100
    assert store.notice is None


# --- failing writes ----------------------------------------------------------------------


def test_write_to_a_read_only_database_reports_and_keeps_data(
    open_store: Callable[..., ProgressStore],
) -> None:
    """SQLite itself refuses the write (the connection is read-only, as when the file or
    its directory is): no exception, False, a notice; reading still works."""
    writer = open_store()
    assert writer.record_lesson_opened("neuron")
    writer.close()
    reader = open_store(read_only=True)
    assert reader.notice is None
    assert reader.record_lesson_opened("activations") is False
    assert reader.start_run("mnist") is None
    assert reader.set_setting("language", "ko") is False
    assert "readonly" in (reader.take_notice() or "")
    assert reader.notice is None
    assert list(reader.lessons()) == ["neuron"]
    assert reader.last_lesson() == "neuron"
    assert list(open_store().lessons()) == ["neuron"]


def test_read_only_without_a_file_creates_nothing(
    open_store: Callable[..., ProgressStore], db_path: Path
) -> None:
    store = open_store(read_only=True)
    assert store.notice is None and store.in_memory
    assert store.report()["lessons"] == {}
    assert not db_path.parent.exists()


def test_write_past_a_full_disk_reports_and_the_app_carries_on(db_path: Path) -> None:
    """A real failing write: the process may not grow any file (RLIMIT_FSIZE, which binds
    root too), as on a full disk. Run in a child so the limit cannot touch pytest."""
    resource = pytest.importorskip("resource")
    assert resource  # the child imports it itself
    child = textwrap.dedent(
        """
        import os, resource, signal, sys
        from pathlib import Path
        from tutor.progress import ProgressStore

        path = Path(sys.argv[1])
        store = ProgressStore(path)
        assert store.record_lesson_opened("neuron")
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a dead process
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        size = max(os.path.getsize(p) for p in (path, f"{path}-wal"))
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
        print(store.record_attempt("t", difficulty="easy", question_id="q", answer="x" * 99999,
                                   correct=True, seconds=1))
        print(store.take_notice())
        print(list(store.lessons()))
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        print(store.record_lesson_opened("activations"))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", child, str(db_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 0, result.stderr
    saved, notice, lessons, recovered = result.stdout.splitlines()
    assert saved == "False"
    assert notice.startswith("Could not save your progress (")
    assert lessons == "['neuron']"
    assert recovered == "True"
    with ProgressStore(db_path) as store:
        assert store.notice is None
        assert store.attempts() == []
        assert list(store.lessons()) == ["neuron", "activations"]


def test_a_data_dir_that_cannot_be_created_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with ProgressStore(blocker / "home" / "progress.sqlite3") as store:
        assert store.in_memory
        assert store.notice and "kept in memory only" in store.notice
        assert store.record_lesson_opened("neuron")
        assert list(store.lessons()) == ["neuron"]


def test_a_database_path_that_is_a_directory_falls_back_to_memory(tmp_path: Path) -> None:
    (tmp_path / "progress.sqlite3").mkdir()
    with ProgressStore(tmp_path / "progress.sqlite3") as store:
        assert store.in_memory
        assert store.notice and "Is a directory" in store.notice
        assert store.record_lesson_opened("neuron")


def test_core_imports_stay_light() -> None:
    code = "import sys, tutor.progress; print(sorted(m.split('.')[0] for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO_ROOT
    )
    loaded = set(json.loads(result.stdout.replace("'", '"')))
    assert not loaded & {"textual", "tensorflow", "keras", "numpy", "torch"}
