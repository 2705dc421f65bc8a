"""The doctor's report as a person reads it, in English or Korean: one line a check, a
mark for its verdict, the fix under each problem, and the count of problems."""

from __future__ import annotations

from tutor.doctor.verdicts import Check
from tutor.i18n import counted, translate

MARKS = {"ok": "+", "note": "-", "problem": "!"}
"""Plain ASCII: the report must read right in the broken locale it may be diagnosing."""


def report_lines(checks: list[Check], lang: str = "en") -> list[str]:
    lines = []
    for check in checks:
        lines.append(f"{MARKS[check.verdict]} {_text(check.text, check, lang)}")
        if check.fix:
            lines.append(f"    {translate('fix', lang)}: {_text(check.fix, check, lang)}")
    problems = sum(check.verdict == "problem" for check in checks)
    if problems:
        lines.append(counted(problems, "{n} problem.", "{n} problems.", lang))
    else:
        lines.append(translate("No problems.", lang))
    return lines


def _text(template: str, check: Check, lang: str) -> str:
    values = {
        name: translate(value, lang) if isinstance(value, str) else value
        for name, value in check.values.items()
    }
    return translate(template, lang).format(**values)
