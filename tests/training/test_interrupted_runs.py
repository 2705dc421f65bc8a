"""Runs a killed tutor left 'running' are closed as 'interrupted' when the app, `dltutor
run` or `dltutor progress` next starts; a run whose driver still lives is left alone.
(The kill -9 itself, against a real child, is in test_orphans.py.)"""

from __future__ import annotations

import json

from tests.conftest import dltutor
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.training.liveness import close_interrupted_runs, hold_run_lock, release_run_lock
from tutor.ui.app import make_app


def _left_running(exercise_id: str = "mnist-dnn") -> int:
    with ProgressStore() as store:
        run_id = store.start_run(exercise_id)
    assert run_id is not None
    return run_id


def test_dltutor_progress_closes_them_in_both_languages() -> None:
    _left_running()
    korean = dltutor("--lang", "ko", "progress")
    assert korean.returncode == 0, korean.stderr
    assert "중단됨" in korean.stdout
    (run,) = json.loads(dltutor("progress", "--json").stdout)["runs"]
    assert run["status"] == "interrupted" and run["finished"]


async def test_the_app_closes_them_when_it_starts() -> None:
    _left_running()
    with ProgressStore() as store:
        app = make_app(load_course(), "en", store)
        async with app.run_test(size=(80, 24)):
            assert [run.status for run in store.runs()] == ["interrupted"]


def test_a_run_whose_driver_lives_is_left_running() -> None:
    alive, dead = _left_running(), _left_running("iris-dnn")
    lock = hold_run_lock(alive)  # as the process that drives the run holds it
    try:
        with ProgressStore() as store:
            assert close_interrupted_runs(store) == 1
            statuses = {run.run_id: run.status for run in store.runs()}
        assert statuses == {alive: "running", dead: "interrupted"}
    finally:
        release_run_lock(lock, alive)
    with ProgressStore() as store:
        assert close_interrupted_runs(store) == 1  # its driver gone without closing it
