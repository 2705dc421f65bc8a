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
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

import typer

from tutor.config import choose_language, remember_language
from tutor.errors import TutorError
from tutor.i18n import LANGUAGES, translate
from tutor.lessons import Course, load_course
from tutor.usage import (
    TutorTyper,
    UsageError,
    hoist_language,
    requested_language,
    usage_error_line,
)

app = TutorTyper(
    add_completion=False,
    help="A terminal tutor for deep learning. Run without a command to open the tutor.",
    context_settings={"help_option_names": ["-h", "--help"]},
)

LangOption = Annotated[
    Optional[Literal[LANGUAGES]],  # noqa: UP045 - typer reads this at run time on 3.10
    typer.Option(
        "--lang",
        help="Language of lessons and interface, remembered for next time (default: the"
        " last one chosen, else from LC_ALL/LC_MESSAGES/LANG, else en).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object per line.")]


def print_json_lines(records: Iterable[dict[str, Any]]) -> None:
    """Print each record as one line of JSON (UTF-8 text kept readable, not escaped), each
    as soon as it is made: a reader of a long stream sees it arrive."""
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        sys.stdout.flush()


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version  # 70 ms: only when asked

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
    ctx.obj = choose_language(lang)
    if lang:
        remember_language(lang)
    if ctx.invoked_subcommand is None:
        from tutor.launch import open_tutor

        open_tutor(ctx.obj)


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
    from tutor.terminal_table import print_table

    chapters = [
        [
            [str(chapter_number), "", chapter.title(lang), "", "", ""],
            *(
                [
                    f"{chapter_number}.{lesson_number}",
                    lesson.id,
                    lesson.text(lang).title,
                    " ".join(lesson.languages),
                    lesson.exercise or "-",
                    ", ".join(lesson.quiz_topics) or "-",
                ]
                for lesson_number, lesson in enumerate(chapter.lessons, 1)
            ),
        ]
        for chapter_number, chapter in enumerate(course.chapters, 1)
    ]
    headers = ("#", "id", "title", "languages", "exercise", "quiz topics")
    print_table(translate("Lessons", lang), [translate(h, lang) for h in headers], chapters, main=2)


@app.command("explain")
def explain_command(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(metavar="FILE", help="Python files defining a Keras model; - reads stdin."),
    ],
    json_output: JsonOption = False,
) -> None:
    """Show each model's output shapes and parameter counts, with the working."""
    from tutor.engine import explain_json, explain_text

    failed = False
    for index, name in enumerate(files):
        try:
            source = _read_source(name)
        except TutorError as error:
            failed = True
            if json_output:
                print_json_lines([{"error": str(error)}])
            else:
                typer.echo(f"dltutor: error: {error}", err=True)
            continue
        if json_output:
            record = explain_json(source)
            failed |= "error" in record
            print_json_lines([record])
            continue
        if len(files) > 1:
            typer.echo(("\n" if index else "") + f"== {name} ==")
        try:
            typer.echo(explain_text(source, ctx.obj or "en"), nl=False)
        except TutorError as error:
            failed = True
            typer.echo(f"dltutor: error: {name}: {error}", err=True)
    if failed:
        raise typer.Exit(1)


def _read_source(name: str) -> str:
    """The text of a model file, or stdin for `-`; a TutorError names the file otherwise.
    Only a regular file is read, and never more than the engine could take (UTF-8 needs at
    most 4 bytes a character): `/dev/zero` or a FIFO is one line, not a hang."""
    from tutor.engine.limits import MAX_SOURCE_CHARS
    from tutor.safeio import decode_text, read_limited, read_text

    limit = 4 * MAX_SOURCE_CHARS
    if name == "-":
        return decode_text(read_limited(sys.stdin.buffer, limit, "stdin"), "stdin")
    return read_text(name, limit)


@app.command("exercises")
def exercises_command(ctx: typer.Context, json_output: JsonOption = False) -> None:
    """List the exercises: the lesson each belongs to, its dataset and default epochs."""
    from tutor.exercises import load_catalogue, script_to_run

    records = [
        {
            "id": item.id,
            "title": item.title("en"),
            "lesson": item.lesson,
            "path": str(script_to_run(item.id)),
            "dataset": item.dataset,
            "epochs": item.epochs,
        }
        for item in load_catalogue()
    ]
    if json_output:
        print_json_lines(records)
        return
    from tutor.terminal_table import print_table

    lang = ctx.obj or "en"
    titles = {item.id: item.title(lang) for item in load_catalogue()}
    rows = [
        [
            record["id"],
            titles[record["id"]],
            record["lesson"],
            record["dataset"] or "-",
            str(record["epochs"] or "-"),
        ]
        for record in records
    ]
    headers = [translate(h, lang) for h in ("id", "title", "lesson", "dataset", "epochs")]
    print_table(translate("Exercises", lang), headers, [rows], main=1)


@app.command(
    "run", context_settings={"allow_extra_args": True, "ignore_unknown_options": True}
)
def run_command(
    ctx: typer.Context,
    exercise_id: Annotated[
        str, typer.Argument(metavar="ID", help="The exercise or challenge, e.g. mnist-dnn.")
    ],
    epochs: Annotated[
        Optional[int],  # noqa: UP045 - typer reads this at run time on 3.10
        typer.Option("--epochs", min=1, help="Train this many epochs (default: the script's)."),
    ] = None,
    batch_size: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--batch-size", min=1, help="Batch size (default: the script's)."),
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Use the offline data, never download.")
    ] = False,
    device: Annotated[
        Optional[Literal["cpu", "gpu"]],  # noqa: UP045
        typer.Option("--device", help="Train on the CPU or the GPU (default: a GPU if any)."),
    ] = None,
    strategy: Annotated[
        Optional[Literal["mirrored"]],  # noqa: UP045
        typer.Option("--strategy", help="mirrored: tf.distribute over all local GPUs."),
    ] = None,
    gpu: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--gpu", min=0, help="Train on this GPU only, numbered as nvidia-smi does."),
    ] = None,
    gpu_memory: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--gpu-memory", min=1, metavar="MB", help="Use at most MB of each GPU's memory."
        ),
    ] = None,
    mixed_precision: Annotated[
        bool,
        typer.Option(
            "--mixed-precision",
            help="Compute in float16 (mixed_float16) on a GPU of compute capability 7.0+.",
        ),
    ] = False,
    script: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--script",
            metavar="FILE",
            help="Run FILE in place of the script (same data, criterion and budget).",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Train an exercise or a challenge without the app (your edited copy if you made one).

    The script's own options pass through to it: dltutor run boston-regression --folds 10.
    Everything after -- goes to the script untouched (dltutor run ID -- --epochs 3 gives
    --epochs to the script, not to dltutor). A challenge's model over its budget is refused
    before TensorFlow starts."""
    from tutor.challenges import find_challenge
    from tutor.challenges.workspace import find, script_to_run

    item = find(exercise_id)
    script = script.absolute() if script is not None else None  # the child runs elsewhere
    challenge = find_challenge(exercise_id)
    if challenge is not None:  # refused before anything else is even imported
        from tutor.challenges.budget import enforce_budget

        enforce_budget(challenge, script or script_to_run(exercise_id), ctx.obj or "en")
    elif script is not None:
        from tutor.resources import read_content

        read_content(script)  # a missing or odd file is one line now, not the run's error
    from tutor.progress import ProgressStore
    from tutor.training.console import run_exercise
    from tutor.training.liveness import close_interrupted_runs

    with ProgressStore() as store:
        close_interrupted_runs(store)
        status = run_exercise(
            item,
            epochs=epochs,
            batch_size=batch_size,
            offline=offline,
            device=device,
            strategy=strategy,
            extra_args=ctx.args,
            json_output=json_output,
            store=store,
            lang=ctx.obj or "en",
            gpu=gpu,
            gpu_memory=gpu_memory,
            mixed_precision=mixed_precision,
            script=script,
        )
    if status:
        raise typer.Exit(status)


@app.command("doctor")
def doctor_command(
    ctx: typer.Context,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print one JSON object with every fact and problem.")
    ] = False,
    wait: Annotated[
        float,
        typer.Option(
            "--wait", min=1, max=600, metavar="SECONDS",
            help="How long TensorFlow may take to start (default: 11).",
        ),
    ] = 11.0,
) -> None:
    """Check this machine before training: versions, GPUs, CUDA, datasets, folders, terminal.

    Each problem comes with its fix; the exit status is 1 when there is one."""
    from tutor.doctor import diagnose
    from tutor.doctor.report import report_lines

    diagnosis = diagnose(wait)
    if json_output:
        print_json_lines([diagnosis.record])
    else:
        typer.echo("\n".join(report_lines(diagnosis.checks, ctx.obj or "en")))
    if diagnosis.problems:
        raise typer.Exit(1)


@app.command("quiz")
def quiz_command(
    ctx: typer.Context,
    topics: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer reads this at run time on 3.10
        typer.Option("--topic", "-t", help="A topic id (repeat for several; default: all)."),
    ] = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1, help="How many questions.")] = 5,
    seed: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(help="The same seed gives the same questions (default: fresh ones)."),
    ] = None,
    difficulty: Annotated[
        Optional[Literal["easy", "medium", "hard"]],  # noqa: UP045
        typer.Option("--difficulty", "-d", help="easy, medium or hard (default: mixed)."),
    ] = None,
    list_topics: Annotated[bool, typer.Option("--topics", help="List the topics.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Practise shapes, parameter counts, convolution by hand and concepts."""
    from tutor.quiz import TOPICS, fresh_seed, practice_stream

    lang = ctx.obj or "en"
    if list_topics:
        if json_output:
            print_json_lines({"topic": t.id, "title": t.title["en"]} for t in TOPICS.values())
        else:
            width = max(len(topic) for topic in TOPICS)
            for topic in TOPICS.values():
                typer.echo(f"{topic.id:<{width}}  {topic.title[lang]}")
        return
    questions = practice_stream(topics, fresh_seed() if seed is None else seed, count, difficulty)
    if json_output:
        print_json_lines(question.to_json() for question in questions)
        return
    from tutor.quiz.console import run_console_quiz

    run_console_quiz(questions, lang, total=count)


@app.command("inspect")
def inspect_command(
    ctx: typer.Context,
    run: Annotated[
        str,
        typer.Argument(
            metavar="RUN", help="A run folder, a run number, or an exercise id (its latest run)."
        ),
    ],
    sample: Annotated[int, typer.Option("--sample", min=0, help="Which saved test sample.")] = 0,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the sample's numbers as one JSON object.")
    ] = False,
) -> None:
    """Look inside a trained network: open the tutor on the run (pictures, feature maps,
    mistakes, the drawing pad), or with --json print one sample's label, probabilities and
    every layer's output shape and range."""
    from tutor.inspect.locate import locate_run

    folder = locate_run(run)
    if json_output:
        from tutor.inspect.headless import inspect_record

        print_json_lines([inspect_record(folder, sample)])
        return
    from tutor.launch import open_tutor

    def inspect_screen() -> Any:
        from tutor.ui.screens.inspect import InspectScreen

        return InspectScreen(folder, sample=sample)

    open_tutor(ctx.obj, start_screen=inspect_screen)


@app.command("predict")
def predict_command(
    ctx: typer.Context,
    run: Annotated[
        str,
        typer.Argument(
            metavar="RUN", help="A run folder, a run number, or an exercise id (its latest run)."
        ),
    ],
    input_file: Annotated[
        Path,
        typer.Option(
            "--input",
            help="A .npy array shaped like one input of the model, or a PNG for models of "
            "28x28 digits or clothes (prepared as the drawing pad prepares a drawing).",
        ),
    ],
    json_output: Annotated[
        bool, typer.Option("--json", help="Print probabilities and prediction as JSON.")
    ] = False,
) -> None:
    """Run a trained model on your own input."""
    from tutor.inspect.headless import predict_record
    from tutor.inspect.locate import locate_run

    record = predict_record(locate_run(run), input_file)
    if json_output:
        print_json_lines([record])
        return
    lang = ctx.obj or "en"
    probabilities, predicted = record["probabilities"], record["predicted"]
    if not probabilities:
        typer.echo(translate("Predicted: {value}", lang).format(value=f"{predicted:.4g}"))
        return
    names = record["classes"] or [str(n) for n in range(len(probabilities))]
    line = translate("Predicted: {value}", lang)
    typer.echo(line.format(value=f"{names[predicted]} ({probabilities[predicted]:.1%})"))
    for index in sorted(range(len(names)), key=lambda n: -probabilities[n])[:5]:
        typer.echo(f"  {names[index]:<14} {probabilities[index]:6.1%}")


progress_app = TutorTyper(help="What you have read, answered and trained, and what is due.")
app.add_typer(progress_app, name="progress")
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


@progress_app.callback(invoke_without_command=True)
def progress_command(ctx: typer.Context, json_output: JsonOption = False) -> None:
    """Show lessons done, mastery per quiz topic, reviews due and recent exercise runs."""
    if ctx.invoked_subcommand is not None:
        return
    from tutor.progress import ProgressStore
    from tutor.training.liveness import close_interrupted_runs_before_reading

    close_interrupted_runs_before_reading()  # runs a killed tutor left 'running'
    with ProgressStore(read_only=True) as store:
        report = store.report()
        notice = store.take_notice()
    if notice:
        typer.echo(f"dltutor: {notice}", err=True)
    if json_output:
        print_json_lines([report])
        return
    from tutor.progress.summary import progress_lines
    from tutor.safeio import printable

    # names and metrics may come from an imported file: no escape sequences reach the terminal
    typer.echo("\n".join(progress_lines(printable(report), load_course(), ctx.obj or "en")))


@progress_app.command("reset")
def progress_reset(ctx: typer.Context, yes: YesOption = False) -> None:
    """Forget all progress on this machine (export it first to keep a copy)."""
    from tutor.progress import ProgressStore

    lang = ctx.obj or "en"
    _confirm(yes, translate("Forget all your progress on this machine?", lang), lang)
    with ProgressStore() as store:
        if not store.reset():
            raise TutorError(store.take_notice() or "could not reset your progress")
    typer.echo(translate("Progress reset.", lang))


@progress_app.command("export")
def progress_export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="JSON file to write; - writes to stdout.")],
) -> None:
    """Write all progress to a JSON file (readable only by you), to carry to another machine."""
    from tutor.progress import ProgressStore

    with ProgressStore(read_only=True) as store:
        if str(file) == "-":
            sys.stdout.write(store.export_text())
            sys.stdout.flush()
            return
        store.export_to(file)
    typer.echo(translate("Progress written to {file}.", ctx.obj or "en").format(file=file))


@progress_app.command("import")
def progress_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A file written by `dltutor progress export`.")],
    yes: YesOption = False,
) -> None:
    """Replace this machine's progress with an exported file (all or nothing)."""
    from tutor.progress import ProgressStore, read_export

    lang = ctx.obj or "en"
    export = read_export(file)
    question = translate("Replace your progress here with {file} ({summary})?", lang)
    _confirm(yes, question.format(file=file, summary=export.summary()), lang)
    with ProgressStore() as store:
        store.replace_with(export)
    typer.echo(translate("Imported {summary}.", lang).format(summary=export.summary()))


def _confirm(yes: bool, question: str, lang: str) -> None:
    """Ask before destroying data; without a terminal to ask on, insist on --yes."""
    if yes:
        return
    if not sys.stdin.isatty():
        refusal = translate("{question} Add --yes to confirm.", lang)
        raise TutorError(refusal.format(question=question))
    if not typer.confirm(question, default=False):
        raise typer.Exit(1)


data_app = TutorTyper(help="The exercises' datasets: what is here, fetch, import.")
app.add_typer(data_app, name="data")


@data_app.callback(invoke_without_command=True)
def data_command(ctx: typer.Context, json_output: JsonOption = False) -> None:
    """Show each dataset: cached, missing or bundled; its size and path; the offline data."""
    if ctx.invoked_subcommand is not None:
        return
    from tutor.datasets import all_statuses

    statuses = all_statuses()
    if json_output:
        print_json_lines(status.to_json() for status in statuses)
        return
    from tutor.datasets import get, keras_home
    from tutor.safeio import describe_size
    from tutor.terminal_table import print_table

    lang = ctx.obj or "en"
    cache = keras_home() / "datasets"
    rows = []
    for status in statuses:
        download = get(status.name).download_size
        if status.size_bytes is not None:
            size = describe_size(status.size_bytes)
        else:
            size = f"({describe_size(download)})" if download else "-"
        path = status.path
        if path is not None and path.is_relative_to(cache):
            path = path.relative_to(cache)
        fallback = status.fallback.text(lang)
        if status.fallback.stand_in:
            fallback = translate("stand-in: {fallback}", lang).format(fallback=fallback)
        state = translate(status.state, lang)
        rows.append([status.name, state, size, _short_path(path), fallback])
    headers = ("name", "state", "size", "path", "offline fallback")
    caption = "(size) = to download; stand-in = what the exercise uses offline instead"
    print_table(
        translate("Datasets (Keras cache: {path})", lang).format(path=_short_path(cache)),
        [translate(header, lang) for header in headers],
        [rows],
        caption=translate(caption, lang),
    )


@data_app.command("fetch")
def data_fetch(
    ctx: typer.Context,
    name: Annotated[
        Optional[str],  # noqa: UP045 - typer reads this at run time on 3.10
        typer.Argument(help="A dataset name; without one, every missing dataset."),
    ] = None,
) -> None:
    """Download a dataset into Keras' cache (~/.keras/datasets), with a progress bar."""
    from tutor.datasets import DATASETS, DatasetError, dataset_status

    lang = ctx.obj or "en"
    names = [name] if name else [n for n in DATASETS if dataset_status(n).state == "missing"]
    if not names:
        typer.echo(translate("Every dataset is already here.", lang))
        return
    failed = False
    for each in names:
        try:
            status = _fetch_with_progress(each)
        except DatasetError as error:
            if name:
                raise
            typer.echo(f"dltutor: error: {error}", err=True)
            failed = True
            continue
        typer.echo(_installed_line(each, status, lang))
    if failed:
        raise typer.Exit(1)


def _installed_line(name: str, status: Any, lang: str) -> str:
    """`mnist: cached at ~/.keras/datasets/mnist.npz`, after a fetch or an import."""
    line = translate("{name}: {state} at {path}", lang)
    return line.format(name=name, state=translate(status.state, lang), path=status.path)


def _fetch_with_progress(name: str) -> Any:
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    from tutor.datasets import fetch

    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn())
    speed = (TransferSpeedColumn(), TimeRemainingColumn())
    with Progress(*columns, *speed, transient=True, disable=not sys.stdout.isatty()) as bar:
        tasks: dict[str, TaskID] = {}

        def report(file_name: str, done: int, total: int | None) -> None:
            if file_name not in tasks:
                tasks[file_name] = bar.add_task(f"{name}: {file_name}", total=total)
            bar.update(tasks[file_name], completed=done, total=total)

        return fetch(name, progress=report)


@data_app.command("import")
def data_import(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The dataset, e.g. mnist.")],
    file: Annotated[
        Path, typer.Argument(help="The file (for fashion_mnist: a file or their folder).")
    ],
) -> None:
    """Check a dataset file brought from another machine and install it in Keras' cache."""
    from tutor.datasets import import_file

    status = import_file(name, file)
    typer.echo(_installed_line(name, status, ctx.obj or "en"))


def _short_path(path: Path | None) -> str:
    """A path with the home folder written as ~, to keep the table narrow."""
    if path is None:
        return "-"
    if path.is_absolute() and path.is_relative_to(Path.home()):
        return str(Path("~") / path.relative_to(Path.home()))
    return str(path)



runs_app = TutorTyper(help="Your runs: list, compare two to four, delete, prune, export.")
app.add_typer(runs_app, name="runs")


@runs_app.callback(invoke_without_command=True)
def runs_command(
    ctx: typer.Context,
    exercise_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--exercise", metavar="ID", help="Only this exercise's or challenge's runs."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """List every run: when, status, epochs, time, device, data, parameters, figures."""
    if ctx.invoked_subcommand is not None:
        return
    from tutor.runs.records import list_runs
    from tutor.runs.text import COLUMNS, run_cells
    from tutor.safeio import printable

    with _runs_store(read_only=True) as store:
        runs = list_runs(store, exercise_id)
    if json_output:
        print_json_lines(run.to_json() for run in runs)
        return
    from tutor.terminal_table import print_table

    lang = ctx.obj or "en"
    rows = [[printable(run_cells(run, lang)[column]) for column in COLUMNS] for run in runs]
    headers = [translate(column, lang) for column in COLUMNS]
    if not rows:
        typer.echo(translate("No runs yet.", lang))
        return
    print_table(translate("Runs", lang), headers, [rows], main=1)


def _runs_store(*, read_only: bool = False) -> Any:
    """The progress store, with runs a killed tutor left 'running' closed first."""
    from tutor.progress import ProgressStore
    from tutor.training.liveness import close_interrupted_runs_before_reading

    close_interrupted_runs_before_reading()
    return ProgressStore(read_only=read_only)


RunIds = Annotated[list[int], typer.Argument(metavar="ID", help="Run ids (dltutor runs).")]


@runs_app.command("compare")
def runs_compare(ctx: typer.Context, run_ids: RunIds, json_output: JsonOption = False) -> None:
    """Two to four runs side by side: figures, the course's, what changed in the script."""
    from tutor.runs.compare import compare_runs
    from tutor.runs.text import comparison_lines
    from tutor.safeio import printable

    with _runs_store(read_only=True) as store:
        comparison = compare_runs(store, run_ids)
    if json_output:
        print_json_lines([comparison.to_json()])
        return
    typer.echo("\n".join(printable(line) for line in comparison_lines(comparison, ctx.obj or "en")))


@runs_app.command("rm")
def runs_rm(ctx: typer.Context, run_ids: RunIds) -> None:
    """Delete runs: their records and their folders (history, model, script copy)."""
    _report_deleted(run_ids, ctx.obj or "en")


@runs_app.command("prune")
def runs_prune(
    ctx: typer.Context,
    keep: Annotated[
        int, typer.Option("--keep", min=0, metavar="N", help="Runs to keep per exercise.")
    ],
    exercise_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--exercise", metavar="ID", help="Only this exercise's runs."),
    ] = None,
) -> None:
    """Delete all but the N newest runs of each exercise."""
    from tutor.runs.manage import runs_to_prune
    from tutor.runs.records import list_runs

    with _runs_store(read_only=True) as store:
        chosen = runs_to_prune(list_runs(store, exercise_id), keep)
    _report_deleted([run.id for run in chosen], ctx.obj or "en")


def _report_deleted(run_ids: list[int], lang: str) -> None:
    from tutor.runs.manage import delete_runs
    from tutor.training.liveness import run_is_alive

    if not run_ids:
        typer.echo(translate("Nothing to delete.", lang))
        return
    with _runs_store() as store:
        deleted = delete_runs(store, run_ids, run_is_alive)
    ids = ", ".join(str(run_id) for run_id in deleted.runs)
    typer.echo(translate("Deleted runs {ids}.", lang).format(ids=ids))
    for folder in deleted.kept_folders:
        message = translate("{folder} could not be removed; delete it yourself.", lang)
        typer.echo(f"dltutor: {message.format(folder=folder)}", err=True)


@runs_app.command("export")
def runs_export(
    ctx: typer.Context,
    csv_file: Annotated[
        Path, typer.Option("--csv", metavar="FILE", help="The CSV file to write.")
    ],
    exercise_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--exercise", metavar="ID", help="Only this exercise's runs."),
    ] = None,
) -> None:
    """Write the runs to a CSV file, one row each, a column per metric."""
    from tutor.runs.manage import export_csv
    from tutor.runs.records import list_runs

    with _runs_store(read_only=True) as store:
        runs = list_runs(store, exercise_id)
    export_csv(runs, csv_file)
    message = translate("{count} runs written to {file}.", ctx.obj or "en")
    typer.echo(message.format(count=len(runs), file=csv_file))


@app.command("challenges")
def challenges_command(ctx: typer.Context, json_output: JsonOption = False) -> None:
    """List the model-design challenges: a goal to reach within a parameter budget."""
    from tutor.challenges import load_challenges
    from tutor.challenges.attempts import rules_text
    from tutor.challenges.workspace import script_to_run

    challenges = load_challenges()
    if json_output:
        print_json_lines(
            {
                "id": item.id,
                "title": item.title("en"),
                "dataset": item.exercise.dataset,
                "metric": item.goal.metric,
                item.goal.bound: item.goal.value,
                f"stand_in_{item.goal.bound}": (
                    item.stand_in_goal.value if item.stand_in_goal else None
                ),
                "max_params": item.max_params,
                "requires": list(item.requires),
                "lesson": item.exercise.lesson,
                "path": str(script_to_run(item.id)),
            }
            for item in challenges
        )
        return
    from tutor.terminal_table import print_table

    lang = ctx.obj or "en"
    rows = [[item.id, item.title(lang), rules_text(item, lang)] for item in challenges]
    headers = [translate(h, lang) for h in ("id", "title", "goal")]
    print_table(translate("Challenges", lang), headers, [rows], main=1)

def main() -> None:
    """Entry point of the `dltutor` script: user errors become one line on stderr, exit 1;
    usage errors too, in the learner's language, exit 2."""
    args = hoist_language(sys.argv[1:])
    try:
        status = app(args, prog_name="dltutor", standalone_mode=False)
    except UsageError as error:
        typer.echo(usage_error_line(error, requested_language(args) or choose_language()), err=True)
        raise SystemExit(2) from None
    except typer.Abort:  # Ctrl+C or end of input at a confirmation
        raise SystemExit(1) from None
    except TutorError as error:
        line = translate("dltutor: error: {problem}", requested_language(args) or choose_language())
        typer.echo(line.format(problem=error), err=True)
        raise SystemExit(1) from None
    raise SystemExit(status if isinstance(status, int) else 0)

