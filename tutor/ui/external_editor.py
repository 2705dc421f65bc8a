"""Run the learner's own editor (`$VISUAL`/`$EDITOR`) on a file, with the app suspended.

Anything can be in those variables: a program that is not installed, a quoting mistake, an
editor that exits with an error or is killed. Textual's `App.suspend` gives the terminal
back only when its block ends normally, so every failure is caught inside the block and
reported as one line; a command that cannot start is found before the app is suspended at
all, so the screen never blanks for nothing.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.app import App, SuspendNotSupported


@dataclass(frozen=True)
class EditorProblem:
    """Why the learner's editor did not edit the file: an English message with its
    `{placeholders}` (translated by the caller) and their values."""

    message: str
    values: Mapping[str, str]
    started: bool = False
    """Whether the editor ran (and may have changed the file) before it failed."""


def editor_command(environ: Mapping[str, str] | None = None) -> str | None:
    """The editor the learner chose, or None for the built-in one."""
    env = os.environ if environ is None else environ
    return (env.get("VISUAL") or env.get("EDITOR") or "").strip() or None


def run_editor(app: App[object], command: str, path: Path) -> EditorProblem | None:
    """Edit `path` with `command` while the app is suspended; None when the editor ran
    and exited cleanly, else what went wrong."""
    try:
        argv = shlex.split(command)
    except ValueError as error:
        return EditorProblem("$EDITOR cannot be read ({error})", {"error": str(error)})
    if not argv or shutil.which(argv[0]) is None:
        return EditorProblem("{editor} was not found", {"editor": argv[0] if argv else command})
    outcome: int | str = 0
    try:
        with app.suspend():
            try:
                outcome = subprocess.run([*argv, str(path)], check=False).returncode
            except OSError as error:  # found but not runnable: permissions, a bad binary
                outcome = error.strerror or str(error)
    except SuspendNotSupported:
        return EditorProblem("this terminal cannot hand over to {editor}", {"editor": argv[0]})
    if isinstance(outcome, str):
        values = {"editor": argv[0], "error": outcome}
        return EditorProblem("{editor} could not start: {error}", values)
    if outcome < 0:
        signal_name = _signal_name(-outcome)
        values = {"editor": argv[0], "signal": signal_name}
        return EditorProblem("{editor} was stopped by {signal}", values, started=True)
    if outcome > 0:
        values = {"editor": argv[0], "status": str(outcome)}
        return EditorProblem("{editor} exited with status {status}", values, started=True)
    return None


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
