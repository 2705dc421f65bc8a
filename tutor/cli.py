"""The `dltutor` command: a thin typer layer over the core.

`dltutor` alone opens the TUI. Sub-commands parse options, call the core and print; every
`--json` output goes through `print_json_lines` so all commands speak JSON the same way.
Heavy imports (Textual, and later TensorFlow in a child process) happen inside the command
that needs them, so `dltutor lessons` stays quick.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from importlib.metadata import version
from typing import Annotated, Any, Literal, Optional

import typer

from tutor.errors import TutorError
from tutor.i18n import LANGUAGES, detect_language, translate
from tutor.lessons import Course, load_course

app = typer.Typer(
    add_completion=False,
    help="A terminal tutor for deep learning. Run without a command to open the tutor.",
    context_settings={"help_option_names": ["-h", "--help"]},
)

LangOption = Annotated[
    Optional[Literal[LANGUAGES]],  # noqa: UP045 - typer reads this at run time on 3.10
    typer.Option(
        "--lang",
        help="Language of lessons and interface (default: from LANG/LC_ALL, else en).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object per line.")]


def print_json_lines(records: Iterable[dict[str, Any]]) -> None:
    """Print each record as one line of JSON (UTF-8 text kept readable, not escaped)."""
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"dltutor {version('dltutor')}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    lang: LangOption = None,
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Open the tutor, or run one of the commands below."""
    ctx.obj = detect_language(lang)
    if ctx.invoked_subcommand is None:
        from tutor.ui.app import make_app

        make_app(course=load_course(), lang=ctx.obj).run()


@app.command("lessons")
def lessons_command(ctx: typer.Context, json_output: JsonOption = False) -> None:
    """List the lessons, chapter by chapter."""
    course = load_course()
    if json_output:
        print_json_lines(_lesson_records(course))
        return
    _print_lesson_table(course, ctx.obj)


def _lesson_records(course: Course) -> Iterable[dict[str, Any]]:
    for lesson in course.lessons:
        yield {
            "id": lesson.id,
            "chapter": lesson.chapter,
            "order": lesson.order,
            "title": lesson.text("en").title,
            "languages": list(lesson.languages),
            "exercise": lesson.exercise,
            "quiz_topics": list(lesson.quiz_topics),
        }


def _print_lesson_table(course: Course, lang: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=translate("Lessons", lang), show_lines=False)
    for column in ("#", "id", "title", "languages", "exercise", "quiz topics"):
        table.add_column(column, overflow="fold")
    for chapter_number, chapter in enumerate(course.chapters, 1):
        table.add_section()
        table.add_row(str(chapter_number), "", f"[b]{chapter.title(lang)}[/b]", "", "", "")
        for lesson_number, lesson in enumerate(chapter.lessons, 1):
            table.add_row(
                f"{chapter_number}.{lesson_number}",
                lesson.id,
                lesson.text(lang).title,
                " ".join(lesson.languages),
                lesson.exercise or "-",
                ", ".join(lesson.quiz_topics) or "-",
            )
    Console().print(table)


def main() -> None:
    """Entry point of the `dltutor` script: user errors become one line on stderr, exit 1."""
    try:
        app()
    except TutorError as error:
        typer.echo(f"dltutor: error: {error}", err=True)
        raise SystemExit(1) from None
