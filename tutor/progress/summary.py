"""`dltutor progress` as readable lines: the same report the JSON prints, grouped the way
a learner asks about it (where am I in the course, what should I practise, what ran)."""

from __future__ import annotations

from typing import Any

from tutor.i18n import translate
from tutor.lessons import Course

BAR_WIDTH = 20


def mastery_bar(mastery: int, width: int = BAR_WIDTH) -> str:
    """`█████░░░░░` for a 0-100 score, so mastery reads at a glance in any terminal."""
    filled = round(width * max(0, min(100, mastery)) / 100)
    return "█" * filled + "░" * (width - filled)


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
    lines += ["", translate("Quiz topics", lang)]
    if not report["topics"]:
        lines.append("  " + translate("No answers yet.", lang))
    for topic in report["topics"]:
        lines.append(
            f"  {topic['topic']:<22} {mastery_bar(topic['mastery'])} {topic['mastery']:>3}"
        )
    lines += [
        "",
        f"{translate('Reviews due', lang)}: {report['due_reviews']}",
        f"{translate('Streak', lang)}: {report['streak']} "
        + translate("day" if report["streak"] == 1 else "days", lang),
    ]
    if not runs:
        return lines
    lines += ["", translate("Exercise runs", lang)]
    if not report["runs"]:
        lines.append("  " + translate("No runs yet.", lang))
    for run in reversed(report["runs"][-10:]):  # newest first
        started = run["started"][:16].replace("T", " ")
        lines.append(
            f"  {started}  {run['exercise']:<20} {run['status']:<9} {metrics_text(run['metrics'])}"
        )
    return lines


def metrics_text(metrics: dict[str, Any] | None) -> str:
    """`val_accuracy 0.9712, loss 0.0931`: the numeric metrics of a run, compactly."""
    return ", ".join(
        f"{name} {value:.4g}"
        for name, value in (metrics or {}).items()
        if isinstance(value, (int, float)) and not isinstance(value, bool)
    )
