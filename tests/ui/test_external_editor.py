"""The learner's own editor: every way it can fail is one line, and the app is never left
suspended. The real terminal hand-over is driven in tmux (tests/e2e); here the suspension
is a stand-in that records whether the app was handed back."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.test_exercise_screen import SIZE, Runs, app_with
from tutor.exercises import workspace_path
from tutor.ui.external_editor import run_editor
from tutor.ui.screens.editor import EditorScreen
from tutor.ui.screens.exercise import ExerciseScreen


class SuspendingApp:
    """Just enough of an App: `suspend()` records that it was entered and left."""

    def __init__(self) -> None:
        self.suspended = 0
        self.resumed = 0

    @contextlib.contextmanager
    def suspend(self) -> Iterator[None]:
        self.suspended += 1
        yield  # like Textual's: an exception here would skip the resume below
        self.resumed += 1


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "exercise.py"
    path.write_text("print('hello')\n")
    return path


def test_an_editor_that_is_not_installed_never_suspends_the_app(script: Path) -> None:
    app = SuspendingApp()
    problem = run_editor(app, "nonexistent-editor --wait", script)  # type: ignore[arg-type]
    assert problem is not None and not problem.started
    assert problem.message.format(**problem.values) == "nonexistent-editor was not found"
    assert app.suspended == 0


def test_a_quoting_mistake_in_editor_is_one_line(script: Path) -> None:
    problem = run_editor(SuspendingApp(), "vim '-u", script)  # type: ignore[arg-type]
    assert problem is not None and not problem.started
    assert problem.message.format(**problem.values) == (
        "$EDITOR cannot be read (No closing quotation)"
    )


def test_an_editor_that_cannot_execute_is_reported_and_the_app_resumes(
    script: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken-editor"
    broken.write_bytes(b"\x7fELF not really a program")
    broken.chmod(0o755)
    app = SuspendingApp()
    problem = run_editor(app, str(broken), script)  # type: ignore[arg-type]
    assert problem is not None and not problem.started
    assert problem.message.format(**problem.values).startswith(f"{broken} could not start: ")
    assert (app.suspended, app.resumed) == (1, 1)


@pytest.mark.parametrize(
    ("command", "said"),
    [
        ("sh -c 'exit 3'", "sh exited with status 3"),
        ("sh -c 'kill -9 $$'", "sh was stopped by SIGKILL"),
    ],
)
def test_an_editor_that_fails_after_starting_is_reported_and_the_app_resumes(
    script: Path, command: str, said: str
) -> None:
    app = SuspendingApp()
    problem = run_editor(app, command, script)  # type: ignore[arg-type]
    assert problem is not None and problem.started
    assert problem.message.format(**problem.values) == said
    assert (app.suspended, app.resumed) == (1, 1)


def test_an_editor_that_works_edits_the_file(script: Path) -> None:
    app = SuspendingApp()
    assert run_editor(app, "sh -c 'echo \"# edited\" >> \"$0\"'", script) is None  # type: ignore[arg-type]
    assert script.read_text() == "print('hello')\n# edited\n"
    assert (app.suspended, app.resumed) == (1, 1)


async def test_a_missing_editor_says_so_and_opens_the_built_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "nonexistent-editor")
    monkeypatch.delenv("VISUAL", raising=False)
    app = app_with(Runs(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExerciseScreen("iris-dnn"))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        notices = [notification.message for notification in app._notifications]
        assert notices == [
            "nonexistent-editor was not found; the built-in editor opens instead."
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        assert workspace_path("iris-dnn").exists()  # the copy to edit is there all the same


async def test_the_notice_is_in_korean_in_korean_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "nonexistent-editor")
    app = app_with(Runs(), tmp_path, lang="ko")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExerciseScreen("iris-dnn"))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        notices = [notification.message for notification in app._notifications]
        assert notices == [
            "편집기를 찾을 수 없습니다: nonexistent-editor. 대신 내장 편집기를 엽니다."
        ]


async def test_a_fifo_where_the_learners_copy_should_be_is_one_notice(
    tmp_path: Path, no_editor: None
) -> None:
    """Nothing in the workspace can hang the app: a named pipe is never opened."""
    import os

    copy = workspace_path("iris-dnn")
    copy.parent.mkdir(parents=True)
    os.mkfifo(copy)
    app = app_with(Runs(), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExerciseScreen("iris-dnn"))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        notices = [str(notification.message) for notification in app._notifications]
        assert len(notices) == 1 and str(copy) in notices[0] and "pipe" in notices[0]
        await pilot.press("s")  # the original still opens
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
