"""`dltutor progress` and the Progress screen as readable lines: the same report the JSON
prints, grouped the way a learner asks about it (where am I in the course, what should I
practise, what ran), with the quiz's own titles rather than internal topic ids."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.cells import cell_len

from tutor.i18n import counted, translate
from tutor.lessons import Course

BAR_WIDTH = 20
TITLE_CELLS = 34
"""Topic titles are padded to a common width (in terminal cells: Hangul takes two) so the
bars line up, and cut with an ellipsis past this, to keep a line within 80 columns."""
MAIN_METRICS = ("val_accuracy", "val_mae", "accuracy", "mae", "val_loss", "loss")
"""The one figure that sums a run up, in order of preference."""


def mastery_bar(mastery: int, width: int = BAR_WIDTH) -> str:
    """`█████░░░░░` for a 0-100 score, so mastery reads at a glance in any terminal."""
    filled = round(width * max(0, min(100, mastery)) / 100)
    return "█" * filled + "░" * (width - filled)


def topic_title(topic_id: str, lang: str) -> str:
    """The quiz's title for a topic in `lang`; the id itself for a topic this version of
    the tutor no longer has (an imported or older progress file may name one)."""
    from tutor.quiz import TOPICS

    topic = TOPICS.get(topic_id)
    return topic.title[lang] if topic is not None else topic_id


def progress_lines(
    report: dict[str, Any], course: Course, lang: str, *, runs: bool = True
) -> list[str]:
    """The report as text lines in `lang` (lesson and chapter titles from the course);
    `runs=False` leaves the runs out for screens that list them in a table."""
    lessons: dict[str, dict[str, Any]] = report["lessons"]
    lines = [translate("Lessons", lang)]
    for chapter in course.chapters:
        done = sum(
            1 for lesson in chapter.lessons if (lessons.get(lesson.id) or {}).get("finished")
        )
        opened = sum(1 for lesson in chapter.lessons if lesson.id in lessons)
        lines.append(
            f"  {chapter.title(lang)}: {done}/{len(chapter.lessons)} "
            f"{translate('finished', lang)}, {opened} {translate('opened', lang)}"
        )
    lines += ["", f"{translate('Quiz topics', lang)} ({translate('mastery, 0-100%', lang)})"]
    if not report["topics"]:
        lines.append("  " + translate("No answers yet.", lang))
    titles = [_fit(topic_title(topic["topic"], lang)) for topic in report["topics"]]
    width = max((cell_len(title) for title in titles), default=0)
    for title, topic in zip(titles, report["topics"], strict=True):
        padding = " " * (width - cell_len(title))
        lines.append(
            f"  {title}{padding}  {mastery_bar(topic['mastery'])} {topic['mastery']:>3}%"
        )
    lines += [
        "",
        f"{translate('Reviews due', lang)}: {report['due_reviews']}",
        f"{translate('Streak', lang)}: "
        + counted(report["streak"], "{n} day", "{n} days", lang),
    ]
    if not runs:
        return lines
    lines += ["", translate("Exercise runs", lang)]
    if not report["runs"]:
        lines.append("  " + translate("No runs yet.", lang))
    for run in reversed(report["runs"][-10:]):  # newest first
        started = run["started"][:16].replace("T", " ")
        status = translate(run["status"], lang)
        lines.append(
            f"  {started}  {run['exercise']:<20} {status:<9} {main_metric_text(run['metrics'])}"
        )
    return lines


def _fit(title: str) -> str:
    if cell_len(title) <= TITLE_CELLS:
        return title
    while cell_len(title) > TITLE_CELLS - 1:
        title = title[:-1]
    return title + "…"


def main_metric_text(metrics: Mapping[str, Any] | None) -> str:
    """`val_accuracy 0.9712`: the figure that sums a run up (validation first), or '-'."""
    numbers = _numbers(metrics)
    name = next((name for name in MAIN_METRICS if name in numbers), None)
    if name is None:
        name = next(iter(numbers), None)
    return f"{name} {numbers[name]:.4g}" if name is not None else "-"


def metrics_text(metrics: Mapping[str, Any] | None) -> str:
    """`val_accuracy 0.9712, loss 0.0931`: the numeric metrics of a run, compactly."""
    return ", ".join(f"{name} {value:.4g}" for name, value in _numbers(metrics).items())


def _numbers(metrics: Mapping[str, Any] | None) -> dict[str, float]:
    return {
        name: value
        for name, value in (metrics or {}).items()
        if isinstance(value, (int, float)) and not isinstance(value, bool)
    }
