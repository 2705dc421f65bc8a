"""The real `dltutor inspect` in a real terminal (tmux, 80x24) on a real one-epoch run:
the picture, the model's answer, drawing with the keys, and the inference child gone
after the screen closes, after the app is killed and after the terminal is dropped."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.test_tmux import DLTUTOR, Terminal, terminal  # noqa: F401 - the fixture
from tests.training.conftest import gone_within

pytestmark = [pytest.mark.e2e, pytest.mark.tensorflow]


def _inference_children(run: Path, terminal: Terminal) -> list[int]:  # noqa: F811
    """Inference children of this run started by this test's app (the run is shared with
    other tests, which may be looking inside it at the same time)."""
    found = subprocess.run(
        ["pgrep", "-f", f"tutor.inspect.child.*{run}"], capture_output=True, text=True
    )
    app = int(terminal.tmux("display-message", "-p", "-t", "e2e", "#{pane_pid}").strip())
    return [int(pid) for pid in found.stdout.split() if app in _ancestors(int(pid))]


def _ancestors(pid: int) -> set[int]:
    """The processes `pid` descends from (none once it has gone)."""
    found: set[int] = set()
    while pid > 1:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            break
        pid = int(stat.rsplit(")", 1)[1].split()[1])  # the field after the state: ppid
        found.add(pid)
    return found


@pytest.mark.parametrize("how", ["close the screen", "kill the app", "drop the terminal"])
def test_the_inference_child_never_outlives_the_screen_or_the_app(
    terminal: Terminal,  # noqa: F811
    trained: Callable[[str], Path],
    isolated_home: Path,
    how: str,
) -> None:
    run = trained("mnist-cnn")
    env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "DLTUTOR_HOME": str(isolated_home)}
    terminal.start([str(DLTUTOR), "inspect", str(run)], env)
    shown = terminal.wait_for(
        lambda s: "predicted:" in s and "conv2d (Conv2D)" in s, timeout=120
    )  # the model's answer, and every layer's label (the screen may be caught mid-paint)
    assert "Sample 1/" in shown and "▀" in shown
    children = _inference_children(run, terminal)  # the child, and the guard it forked (orphans.py)
    assert 1 <= len(children) <= 2, children
    if how == "close the screen":
        terminal.keys("d")  # the pad, drawing with the keys on the real model
        terminal.wait_for(lambda s: "The model's answer:" in s or "loading" in s)
        terminal.keys("Space", *["Down"] * 9, "Space")
        terminal.wait_for(lambda s: "%" in s and "pen up" in s)
        terminal.keys("Escape")
        terminal.wait_for(lambda s: "Sample 1/" in s)
        terminal.keys("Escape")  # Inspect closes: back on the home screen
        terminal.wait_for(lambda s: "Deep learning in your terminal" in s)
    elif how == "kill the app":
        app = int(terminal.tmux("display-message", "-p", "-t", "e2e", "#{pane_pid}").strip())
        os.kill(app, signal.SIGKILL)
    else:
        terminal.tmux("kill-server")  # a dropped SSH session: SIGHUP to the app
    assert gone_within(children, 3.0), f"the inference child outlived: {how}"
