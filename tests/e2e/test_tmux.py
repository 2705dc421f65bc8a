"""The real `dltutor` process in a real terminal (tmux, 80x24), driven by keystrokes."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.training.conftest import gone_within
from tutor.lessons import load_course

pytestmark = pytest.mark.e2e

DLTUTOR = Path(sys.executable).with_name("dltutor")


class Terminal:
    """One tmux server of our own (its own socket), one 80x24 window running a command."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str, check: bool = False) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        assert not check or result.returncode == 0, f"tmux {args[0]} failed: {result.stderr}"
        return result.stdout

    def start(self, command: list[str], env: dict[str, str]) -> None:
        exports = [f"{key}={value}" for key, value in env.items()]
        size = ["-x", "80", "-y", "24"]
        # remain-on-exit is set before the pane exists: an app that dies at once leaves a
        # dead pane and its status to read, not a vanished session and an empty screen.
        self.tmux(
            *("start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";"),
            *("new-session", "-d", "-s", "e2e", *size, "env", *exports, *command),
            check=True,
        )

    def screen(self, *, escapes: bool = False) -> str:
        return self.tmux("capture-pane", "-p", *(["-e"] if escapes else []), "-t", "e2e")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "e2e", *keys)

    def wait_for(self, check: Callable[[str], bool], timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if check(shown):
                return shown
            time.sleep(0.1)
        raise AssertionError(f"timed out; the screen shows:\n{self.screen()}")

    def exit_status(self) -> str:
        """The pane's exit status once its process has exited, else "".

        tmux built with utempter can miss the SIGCHLD of a pane that exits while
        utempter's own handler is installed, leaving the process a zombie and the pane
        "alive" for ever (tmux/tmux#311, #4559); a SIGCHLD of our own makes the server
        reap it, as the maintainers suggest."""
        server = self.tmux("display-message", "-p", "#{pid}").strip()
        if server.isdigit():
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(server), signal.SIGCHLD)
        return self.tmux("display-message", "-p", "-t", "e2e", "#{pane_dead_status}").strip()


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    if not shutil.which("tmux"):
        message = "tmux is not installed (apt-get install tmux): the end-to-end test needs it"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must never pass without driving the real process
        pytest.skip(message)
    # A server of its own for each test: `kill-server` returns before the server has gone,
    # so the next test on the same socket could reach the dying one and lose its session.
    term = Terminal(f"dltutor-test-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    yield term
    term.tmux("kill-server")


def test_open_a_lesson_read_it_and_quit(terminal: Terminal, isolated_home: Path) -> None:
    first = load_course().lessons[0].text("en")
    first_heading = next(
        line.lstrip("# ").strip() for line in first.body.splitlines() if line.startswith("## ")
    )
    env = {"TERM": "xterm-256color", "DLTUTOR_HOME": str(isolated_home), "LANG": "C.UTF-8"}
    terminal.start([str(DLTUTOR)], env)

    home = terminal.wait_for(lambda s: "dltutor" in s and first.title[:30] in s)
    assert "1.1" in home and "? Help" in home  # q and ctrl+q quit; help lists them

    terminal.keys("Enter")
    lesson = terminal.wait_for(lambda s: first_heading in s)
    assert f"1.1  {first.title}"[:40] in lesson
    assert "n Next" in lesson

    terminal.keys("Escape")
    terminal.wait_for(lambda s: "Deep learning in your terminal" in s)
    terminal.keys("q")
    terminal.wait_for(lambda s: terminal.exit_status() != "", timeout=10)
    assert terminal.exit_status() == "0"


def _sets_colour(sgr: str) -> bool:
    """Whether an SGR sequence's parameters set a colour. 39 and 49 restore the terminal's
    own default colours, which tmux writes after every attribute reset, so they do not
    count; 38/48 (256-colour and RGB) and the 16 basic colours do."""
    codes = [int(code) for code in sgr.split(";") if code]
    return any(
        30 <= code <= 38 or 40 <= code <= 48 or 90 <= code <= 97 or 100 <= code <= 107
        for code in codes
    )


def test_no_color_means_no_colour(terminal: Terminal, isolated_home: Path) -> None:
    env = {"TERM": "xterm-256color", "DLTUTOR_HOME": str(isolated_home), "NO_COLOR": "1"}
    terminal.start([str(DLTUTOR)], env)
    terminal.wait_for(lambda s: "Deep learning in your terminal" in s)
    lines = terminal.screen(escapes=True).splitlines()
    cursor_line = next(line for line in lines if "1.1" in line)
    underline = r"\x1b\[(?:\d+;)*4(?:;\d+)*m"
    assert re.search(underline, cursor_line), "the cursor is invisible without colour"
    terminal.keys("Enter")
    terminal.wait_for(lambda s: "n Next" in s)
    painted = terminal.screen(escapes=True)
    colours = [sgr for sgr in re.findall(r"\x1b\[([0-9;]*)m", painted) if _sets_colour(sgr)]
    assert not colours, f"colour escapes under NO_COLOR: {colours[:5]}"
    assert "\x1b[" in painted  # bold and reverse video still mark the cursor and headings
    terminal.keys("C-q")
    terminal.wait_for(lambda s: terminal.exit_status() != "", timeout=10)


def _trainers(home: Path) -> list[int]:
    """Training children whose run folder is under `home` (this test's, no one else's)."""
    found = subprocess.run(
        ["pgrep", "-f", f"tutor.training.child.*{home}"], capture_output=True, text=True
    )
    return [int(pid) for pid in found.stdout.split()]


@pytest.mark.tensorflow
def test_a_dropped_session_mid_training_leaves_no_trainer(
    terminal: Terminal, isolated_home: Path, tmp_path: Path
) -> None:
    """Train for real from the app, then kill the terminal as a dropped SSH session does
    (the app gets SIGHUP): the training child must not outlive it."""
    env = {**tiny_course(tmp_path, isolated_home), "TINY_BATCH_SLEEP": "0.3"}  # about 5 s
    open_tiny_exercise(terminal, env)
    terminal.keys("r")
    shown = terminal.wait_for(lambda s: "epoch 1/2" in s, timeout=60)
    assert "Device: CPU" in shown and "Cancel" in shown
    trainers = _trainers(isolated_home)
    assert trainers, "no training child is running"

    terminal.tmux("kill-server")  # the terminal goes away: SIGHUP to the app
    assert gone_within(trainers, 3.0), "the trainer outlived the dropped session"


def tiny_course(tmp_path: Path, home: Path) -> dict[str, str]:
    """The environment of a learner whose course has one lesson with the tiny exercise."""
    lessons = tmp_path / "lessons" / "01-basics"
    shutil.copytree(REPO_ROOT / "tests" / "fixtures" / "lessons" / "01-basics", lessons)
    for lesson in lessons.glob("01-neuron.*.md"):
        lesson.write_text(lesson.read_text().replace("exercise: null", "exercise: tiny"))
    return {
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "DLTUTOR_HOME": str(home),
        "DLTUTOR_LESSONS": str(tmp_path / "lessons"),
        "DLTUTOR_EXERCISES": str(REPO_ROOT / "tests" / "fixtures" / "exercises"),
    }


def open_tiny_exercise(terminal: Terminal, env: dict[str, str]) -> None:
    terminal.start([str(DLTUTOR)], env)
    terminal.wait_for(lambda s: "The neuron" in s)
    terminal.keys("Enter")
    terminal.wait_for(lambda s: "Exercise" in s)  # the footer offers e on this lesson
    terminal.keys("e")
    terminal.wait_for(lambda s: "Tiny classifier" in s and "r runs 2 epochs" in s)


def test_an_editor_that_is_not_installed_leaves_the_app_usable(
    terminal: Terminal, isolated_home: Path, tmp_path: Path
) -> None:
    env = {**tiny_course(tmp_path, isolated_home), "EDITOR": "nonexistent"}
    open_tiny_exercise(terminal, env)
    terminal.keys("e")
    shown = terminal.wait_for(lambda s: "Your copy: tiny.py" in s and "was not found" in s)
    assert "nonexistent was not" in shown and "built-in editor opens instead." in shown
    terminal.keys("Escape")
    terminal.wait_for(lambda s: "Tiny classifier" in s and "your copy" in s)
    terminal.keys("C-q")
    terminal.wait_for(lambda s: terminal.exit_status() != "", timeout=10)
    assert terminal.exit_status() == "0"


@pytest.mark.parametrize(
    ("editor", "said"),
    [
        ("sh -c 'exit 3'", "sh exited with status 3."),
        ("sh -c 'kill -9 $$'", "sh was stopped by SIGKILL."),
    ],
)
def test_an_editor_that_fails_hands_the_terminal_back(
    terminal: Terminal, isolated_home: Path, tmp_path: Path, editor: str, said: str
) -> None:
    env = {**tiny_course(tmp_path, isolated_home), "EDITOR": editor}
    open_tiny_exercise(terminal, env)
    terminal.keys("e")
    shown = terminal.wait_for(lambda s: said in " ".join(s.split()))
    assert "Tiny classifier" in shown  # redrawn: the app has the terminal again
    terminal.keys("Escape")  # and answers keys: back to the lesson
    terminal.wait_for(lambda s: "The neuron" in s and "n Next" in s)
    terminal.keys("C-q")
    terminal.wait_for(lambda s: terminal.exit_status() != "", timeout=10)
    assert terminal.exit_status() == "0"


def test_an_unhandled_error_exits_with_a_failure_status(
    terminal: Terminal, isolated_home: Path, tmp_path: Path
) -> None:
    """A bug that escapes to Textual must not look like success to the shell."""
    crashing = tmp_path / "crashing_dltutor.py"
    crashing.write_text(
        "import sys\n"
        "from tutor.ui.app import TutorApp\n"
        "def fail(self):\n"
        "    raise RuntimeError('a bug')\n"
        "TutorApp.on_mount = fail\n"
        "from tutor.launch import main\n"
        "sys.argv = ['dltutor']\n"
        "main()\n"
    )
    env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "DLTUTOR_HOME": str(isolated_home)}
    terminal.start([sys.executable, str(crashing)], env)
    terminal.wait_for(lambda s: terminal.exit_status() != "", timeout=20)
    assert terminal.exit_status() == "1"
