"""How `dltutor` answers a command line it cannot run: one line on stderr in its own words,
exit status 2; help with plain placeholders; and no app without a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import dltutor_in_terminal
from tests.conftest import FIXTURE_LESSONS, dltutor

USAGE_ERRORS = {
    "a bad choice": (
        ["run", "mnist-dnn", "--device", "tpu"],
        "--device must be cpu or gpu (got 'tpu')",
    ),
    "three choices": (
        ["quiz", "--difficulty", "tricky"],
        "--difficulty must be easy, medium or hard (got 'tricky')",
    ),
    "an unknown language": (["--lang", "fr", "lessons"], "--lang must be en or ko (got 'fr')"),
    "below the minimum": (
        ["run", "mnist-dnn", "--epochs", "0"],
        "--epochs must be at least 1 (got 0)",
    ),
    "not a number": (["quiz", "--count", "x"], "--count must be a whole number (got 'x')"),
    "a fraction": (["quiz", "--seed", "1.5"], "--seed must be a whole number (got '1.5')"),
    "a missing argument": (["run"], "dltutor run needs ID (usage: dltutor run [OPTIONS] ID)"),
    "missing files": (
        ["explain"],
        "dltutor explain needs FILE... (usage: dltutor explain [OPTIONS] FILE...)",
    ),
    "an unknown option": (
        ["lessons", "--bogus"],
        "dltutor lessons has no option --bogus (dltutor lessons --help lists them)",
    ),
    "a misspelt option": (
        ["lessons", "--jsn"],
        "dltutor lessons has no option --jsn; did you mean --json?",
    ),
    "an option without its value": (
        ["run", "mnist-dnn", "--epochs"],
        "--epochs needs a value: --epochs N",
    ),
    "a flag given a value": (["lessons", "--json=yes"], "--json takes no value"),
    "a language without its value": (
        ["explain", "-", "--lang"],
        "--lang needs a value: --lang en|ko",
    ),
    "an extra argument": (["lessons", "extra"], "dltutor lessons does not take 'extra'"),
    "an unknown command": (["frob"], "dltutor has no command 'frob' (dltutor --help lists them)"),
    "a misspelt command": (["lesons"], "dltutor has no command 'lesons'; did you mean lessons?"),
    "an unknown subcommand": (
        ["progress", "frob"],
        "dltutor progress has no command 'frob' (dltutor progress --help lists them)",
    ),
}


@pytest.mark.parametrize(
    ("args", "message"), USAGE_ERRORS.values(), ids=list(USAGE_ERRORS)
)
def test_a_usage_error_is_one_line_in_the_tutors_words(args: list[str], message: str) -> None:
    result = dltutor(*args)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"dltutor: error: {message}\n"


def test_usage_errors_speak_the_learners_language_wherever_lang_is() -> None:
    before = dltutor("--lang", "ko", "run", "mnist-dnn", "--device", "tpu")
    after = dltutor("run", "mnist-dnn", "--device", "tpu", "--lang", "ko")
    expected = "dltutor: 오류: --device 값은 cpu, gpu 중 하나여야 합니다 (입력: 'tpu')\n"
    assert before.stderr == after.stderr == expected
    assert before.returncode == after.returncode == 2


COMMANDS = [
    [],
    ["lessons"],
    ["explain"],
    ["exercises"],
    ["run"],
    ["quiz"],
    ["progress"],
    ["progress", "reset"],
    ["progress", "export"],
    ["progress", "import"],
    ["data"],
    ["data", "fetch"],
    ["data", "import"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) or "dltutor" for c in COMMANDS])
def test_help_shows_plain_placeholders_within_80_columns(command: list[str]) -> None:
    result = dltutor(*command, "--help", env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith(f"Usage: {' '.join(['dltutor', *command])} [OPTIONS]")
    for python_type in ("<bool>", "<str>", "<int", "<list", "<path>", "{", "x>="):
        assert python_type not in text
    assert not set(text) & set("╭│╰━"), "no boxes"
    assert max(map(len, text.splitlines())) <= 80
    assert "--lang en|ko" in text  # accepted after every command too


@pytest.mark.parametrize(
    ("command", "lines"),
    [
        (["run"], ["Usage: dltutor run [OPTIONS] ID", "--epochs N", "--device cpu|gpu", "--json "]),
        (["explain"], ["Usage: dltutor explain [OPTIONS] FILE...", "  FILE...  Python files"]),
        (["quiz"], ["-t, --topic TOPIC", "-n, --count N", "[default: 5]"]),
        (["data", "fetch"], ["Usage: dltutor data fetch [OPTIONS] [NAME]"]),
        (["progress", "export"], ["Usage: dltutor progress export [OPTIONS] FILE"]),
    ],
)
def test_help_names_what_to_type(command: list[str], lines: list[str]) -> None:
    text = dltutor(*command, "--help").stdout
    for line in lines:
        assert line in text


def test_the_command_list_gives_each_commands_whole_summary() -> None:
    from tutor.cli import exercises_command, explain_command

    commands = " ".join(dltutor("--help").stdout.split("Commands:")[1].split())
    assert "..." not in commands
    for command in (exercises_command, explain_command):
        assert " ".join(str(command.__doc__).split()) in commands


# Without a terminal the app would write escape codes into a file and wait for keys forever.
NO_TERMINAL = (
    "dltutor: the tutor needs a terminal; without one, use its commands"
    " (dltutor --help lists them)\n"
)


def _without_terminal(stdin_tty: bool, stdout_tty: bool, *args: str) -> tuple[int, str, str]:
    """Start the app with stdin and stdout each a terminal or not; stderr is a pipe."""
    main_fd, child_fd = pty.openpty()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "tutor", *args],
            stdin=child_fd if stdin_tty else subprocess.DEVNULL,
            stdout=child_fd if stdout_tty else subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=30,
            env={**os.environ, "TERM": "xterm-256color"},
        )
    finally:
        os.close(child_fd)
        os.close(main_fd)
    stdout = process.stdout.decode() if process.stdout is not None else ""
    return process.returncode, stdout, process.stderr.decode()


@pytest.mark.parametrize(
    ("stdin_tty", "stdout_tty"),
    [(False, False), (True, False), (False, True)],
    ids=["neither", "stdout piped", "stdin from a file"],
)
def test_without_a_terminal_the_app_says_so_and_stops(stdin_tty: bool, stdout_tty: bool) -> None:
    status, stdout, stderr = _without_terminal(stdin_tty, stdout_tty)
    assert status == 1
    assert stderr == NO_TERMINAL
    assert stdout == ""


def test_with_stderr_redirected_the_app_says_so_there_and_stops(tmp_path: Path) -> None:
    """Textual draws on stderr: `dltutor 2> log` would paint into the log, unseen."""
    main_fd, child_fd = pty.openpty()
    log = tmp_path / "log"
    try:
        with log.open("w") as file:
            process = subprocess.run(
                [sys.executable, "-m", "tutor"],
                stdin=child_fd,
                stdout=child_fd,
                stderr=file,
                timeout=30,
                env={**os.environ, "TERM": "xterm-256color"},
            )
    finally:
        os.close(child_fd)
        os.close(main_fd)
    assert process.returncode == 1
    assert log.read_text() == NO_TERMINAL


def test_without_a_terminal_into_a_file_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with out.open("w") as file:
        result = subprocess.run(
            [sys.executable, "-m", "tutor"],
            stdin=subprocess.DEVNULL,
            stdout=file,
            stderr=subprocess.PIPE,
            text=True,
            timeout=30,
        )
    assert (result.returncode, result.stderr) == (1, NO_TERMINAL)
    assert out.read_bytes() == b""


def test_without_a_terminal_in_korean() -> None:
    status, _, stderr = _without_terminal(False, False, "--lang", "ko")
    assert status == 1
    assert stderr.count("\n") == 1 and "터미널" in stderr and "dltutor --help" in stderr


def test_a_broken_lesson_is_one_line_when_opening_the_app(tmp_path: Path) -> None:
    chapter = tmp_path / "lessons" / "01-x"
    chapter.mkdir(parents=True)
    (chapter / "chapter.yaml").write_text("id: x\norder: 1\ntitle: {en: X}\n")
    (chapter / "01-a.en.md").write_text(
        "---\nid: a\norder: one\ntitle: A\nexercise: null\nquiz_topics: []\n---\ntext\n"
    )
    status, output = dltutor_in_terminal(env={"DLTUTOR_LESSONS": str(tmp_path / "lessons")})
    assert status == 1
    assert output == (
        "dltutor: error: lessons/01-x/01-a.en.md: field 'order' must be a whole number\n"
    )


def test_the_app_opens_on_a_terminal() -> None:
    """The check above lets a real terminal through: the home screen paints, q quits."""
    status, output = dltutor_in_terminal(
        env={"DLTUTOR_LESSONS": str(FIXTURE_LESSONS)}, until="The neuron", then=b"q"
    )
    assert "The neuron" in output
    assert status == 0
