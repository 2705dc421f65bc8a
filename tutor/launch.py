"""The `dltutor` script's entry point.

`dltutor` alone, by far the most common call, opens the app without importing the
command-line layer: typer and click cost about a tenth of a second of the one-second
start-up budget. Anything else (`--lang`, `--help`, a sub-command) goes to `tutor.cli`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from tutor.errors import TutorError
from tutor.i18n import translate

NO_TERMINAL = (
    "dltutor: the tutor needs a terminal; without one, use its commands"
    " (dltutor --help lists them)"
)


def main() -> None:
    if sys.argv[1:]:
        from tutor.cli import main as command_line

        command_line()
        return
    try:
        open_tutor(None)
    except TutorError as error:  # a malformed lesson file: one line, as the CLI does
        print(f"dltutor: error: {error}", file=sys.stderr)
        raise SystemExit(1) from None


def open_tutor(lang: str | None, start_screen: Callable[[], Any] | None = None) -> None:
    """Run the app in `lang` (None: the language remembered from last time, else the
    locale's) until the learner quits; `start_screen` opens over the home screen
    (`dltutor inspect RUN`).

    Without a terminal on every end (`dltutor < /dev/null > out`, a cron job, or `2> log`:
    Textual draws on stderr) the app would write escape codes into a file and wait for keys
    that never come: say so and stop.
    """
    from tutor.config import choose_language

    language = choose_language(lang)
    streams = (sys.stdin, sys.stdout, sys.stderr)
    if not all(stream is not None and stream.isatty() for stream in streams):
        print(translate(NO_TERMINAL, language), file=sys.stderr)
        raise SystemExit(1)
    from tutor.ui.app import make_app

    app = make_app(lang=language, start_screen=start_screen)
    app.run()
    if app.return_code:  # an unhandled error: Textual printed it; the shell must see it too
        raise SystemExit(app.return_code)
