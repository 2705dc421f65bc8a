"""The `dltutor` script's entry point.

`dltutor` alone, by far the most common call, opens the app without importing the
command-line layer: typer and click cost about a tenth of a second of the one-second
start-up budget. Anything else (`--lang`, `--help`, a sub-command) goes to `tutor.cli`.
"""

from __future__ import annotations

import sys

from tutor.errors import TutorError


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


def open_tutor(lang: str | None) -> None:
    """Run the app in `lang` (None: from the locale) until the learner quits."""
    from tutor.ui.app import make_app

    make_app(lang=lang).run()
