"""Runs as text in the learner's language, for `dltutor runs` and the Runs and Compare
screens alike: the cells of a run's row, a comparison's table of figures, the course's
reference figures and the changes from run to run.

Numbers, metric names (Keras' own), options and code stay as they are; every word around
them comes from `tutor.i18n`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.cells import cell_len

from tutor.i18n import translate
from tutor.runs.compare import Comparison
from tutor.runs.diff import RunDiff
from tutor.runs.records import RunRecord

COLUMNS = (
    "id", "exercise", "started", "status", "params", "result", "test",
    "epochs", "time", "data", "device", "script",
)  # fmt: skip
"""The columns of a list of runs, in order (`records.SORT_KEYS` sorts by each)."""


def run_cells(run: RunRecord, lang: str) -> dict[str, str]:
    """The run's cell in each of `COLUMNS`."""
    main, test = run.main_metric(), run.test_metric()
    return {
        "id": str(run.id),
        "exercise": run.exercise,
        "started": local_time(run.started),
        "status": translate(run.status, lang),
        "params": _count(run.params),
        "result": f"{main[0]} {main[1]:.4f}" if main else "-",
        "test": f"{test[0]} {test[1]:.4f}" if test else "-",
        "epochs": _count(run.epochs),
        "time": seconds_text(run.seconds),
        "data": data_text(run, lang),
        "device": run.device or "-",
        "script": script_text(run, lang),
    }


def run_detail(run: RunRecord, lang: str) -> list[str]:
    """Every figure of one run, a few lines (the Runs screen, below its table)."""
    cells = run_cells(run, lang)
    how = translate("{epochs} epochs, {time} on {device}", lang).format(
        epochs=cells["epochs"], time=cells["time"], device=cells["device"]
    )
    lines = [
        f"#{run.id} {run.exercise} · {cells['status']} · {cells['started']} · {how}",
        f"{translate('data', lang)}: {cells['data']} · {translate('params', lang)}: "
        f"{cells['params']} · {translate('script', lang)}: {cells['script']}"
        + (f" · {translate('options', lang)}: {' '.join(run.options)}" if run.options else ""),
    ]
    if run.metrics:
        lines.append(metrics_line(run.metrics))
    if run.test:
        lines.append(f"{translate('test', lang)}: {metrics_line(run.test)}")
    if run.path is not None:
        lines.append(f"{translate('folder', lang)}: {run.path}")
    return lines


def metrics_line(metrics: dict[str, float | None] | Any) -> str:
    """`val_accuracy 0.9712  loss 0.0931`."""
    return "  ".join(f"{name} {_figure(value)}" for name, value in metrics.items())


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def figure_rows(comparison: Comparison, lang: str) -> list[tuple[str, list[str]]]:
    """(label, one cell per run) for the table of figures: what ran, how, and every final
    and test metric any of the runs has."""
    runs = comparison.runs

    def cells(show: Any) -> list[str]:
        return [show(run) for run in runs]

    rows = [
        ("", cells(lambda run: f"{comparison.letter(run)}  #{run.id}")),
        (translate("exercise", lang), cells(lambda run: run.exercise)),
        (translate("script", lang), cells(lambda run: script_text(run, lang))),
        (translate("status", lang), cells(lambda run: translate(run.status, lang))),
        (translate("params", lang), cells(lambda run: _count(run.params))),
        (translate("epochs", lang), cells(lambda run: _count(run.epochs))),
        (translate("time", lang), cells(lambda run: seconds_text(run.seconds))),
        (translate("data", lang), cells(lambda run: data_text(run, lang))),
        (translate("options", lang), cells(lambda run: " ".join(run.options or ()) or "-")),
    ]
    for name in _names(run.metrics for run in runs):
        rows.append((name, cells(lambda run, name=name: _figure(run.metrics.get(name)))))
    test = translate("test", lang)
    for name in _names(run.test for run in runs):
        rows.append((f"{test} {name}", cells(lambda run, name=name: _figure(run.test.get(name)))))
    return rows


def _names(dicts: Any) -> list[str]:
    names: list[str] = []
    for metrics in dicts:
        names += [name for name in metrics if name not in names]
    return names


def _figure(value: float | None) -> str:
    return f"{value:.4f}" if value is not None else "-"


def _count(value: int | None) -> str:
    return f"{value:,}" if value is not None else "-"


def seconds_text(seconds: float | None) -> str:
    return f"{seconds:.1f} s" if seconds is not None else "-"


def script_text(run: RunRecord, lang: str) -> str:
    if run.edited is None:
        return "-"
    return translate("edited" if run.edited else "original", lang)


def data_text(run: RunRecord, lang: str) -> str:
    """`mnist [stand-in]`; for a run recorded before the tutor kept its details, '-'."""
    if run.stand_in is None:
        return "-"
    name = run.dataset or translate("made by the script", lang)
    return name + (f" [{translate('stand-in', lang)}]" if run.stand_in else "")


def reference_lines(comparison: Comparison, lang: str) -> list[str]:
    """The course's figures, labelled, and which runs they say nothing about."""
    lines = []
    for exercise, reference in comparison.references():
        about = translate("about ", lang) if reference.about else ""
        line = translate("course, full data", lang) + f" ({exercise}): "
        line += f"{translate('test', lang)} {reference.metric} {about}{reference.value:g}"
        if reference.note:
            line += f" ({translate(reference.note, lang)})"
        lines.append(line)
        stand_ins = comparison.not_comparable(exercise)
        if stand_ins:
            letters = ", ".join(comparison.letter(run) for run in stand_ins)
            lines.append(
                "  " + translate("{runs}: stand-in data, not comparable", lang).format(runs=letters)
            )
    return lines


def diff_lines(diff: RunDiff, comparison: Comparison, lang: str) -> list[str]:
    """What changed from one run to the next: options first, then the script's diff."""
    before, after = comparison.letter(diff.before), comparison.letter(diff.after)
    lines = [
        translate("What changed from {before} (#{a}) to {after} (#{b})", lang).format(
            before=before, a=diff.before.id, after=after, b=diff.after.id
        )
    ]
    for change in diff.options:
        lines.append(
            f"  {change.option}: {_option_value(change.before, lang)} → "
            f"{_option_value(change.after, lang)}"
        )
    if diff.missing:
        for run_id in diff.missing:
            lines.append("  " + translate(NO_SCRIPT, lang).format(id=run_id))
    elif not diff.script:
        lines.append("  " + translate("the same script", lang))
    else:
        lines += diff.script
    return lines


NO_SCRIPT = "no copy of the script was kept for run {id}"


def _option_value(value: str | None, lang: str) -> str:
    if value is None:
        return translate("(not given)", lang)
    return value or translate("(given)", lang)


def comparison_lines(comparison: Comparison, lang: str) -> list[str]:
    """`dltutor runs compare` as text: the figures, the course's, and the changes."""
    rows = figure_rows(comparison, lang)
    label_width = max(cell_len(label) for label, _ in rows) + 2
    columns = zip(*(cells for _, cells in rows), strict=True)
    widths = [max(map(cell_len, column)) + 2 for column in columns]
    lines = [
        (_pad(label, label_width) + "".join(map(_pad, cells, widths))).rstrip()
        for label, cells in rows
    ]
    references = reference_lines(comparison, lang)
    if references:
        lines += ["", *references]
    for diff in comparison.diffs:
        lines += ["", *diff_lines(diff, comparison, lang)]
    return lines


def _pad(text: str, width: int) -> str:
    """`text` and spaces to `width` terminal cells (Hangul takes two)."""
    return text + " " * (width - cell_len(text))
