"""What changed between two runs: the unified diff of the scripts they ran (the copies kept
in their folders) and of the options they were given."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tutor.errors import TutorError
from tutor.progress.history import history_file
from tutor.resources import MAX_CONTENT_BYTES
from tutor.runs.records import RunRecord
from tutor.safeio import read_text

CONTEXT_LINES = 2


@dataclass(frozen=True)
class OptionChange:
    option: str
    before: str | None
    """The value before (`""` for a flag that was given), None when it was not given."""
    after: str | None


@dataclass(frozen=True)
class RunDiff:
    before: RunRecord
    after: RunRecord
    script: tuple[str, ...]
    """Unified diff lines (`---`, `+++`, `@@`, then ` `, `-` and `+` lines); empty when
    the scripts are the same."""
    missing: tuple[int, ...] = ()
    """Runs whose script copy is missing (recorded before copies were kept, or deleted):
    their scripts cannot be compared."""
    options: tuple[OptionChange, ...] = ()

    @property
    def same_script(self) -> bool:
        return not self.missing and not self.script

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.before.id,
            "to": self.after.id,
            "script": None if self.missing else "".join(line + "\n" for line in self.script),
            "missing_script": list(self.missing),
            "options": [
                {"option": change.option, "from": change.before, "to": change.after}
                for change in self.options
            ],
        }


def diff_runs(before: RunRecord, after: RunRecord) -> RunDiff:
    texts = {run.id: _script_text(run) for run in (before, after)}
    missing = tuple(run_id for run_id, text in texts.items() if text is None)
    lines: tuple[str, ...] = ()
    if not missing:
        lines = tuple(
            difflib.unified_diff(
                (texts[before.id] or "").splitlines(),
                (texts[after.id] or "").splitlines(),
                fromfile=_label(before),
                tofile=_label(after),
                n=CONTEXT_LINES,
                lineterm="",
            )
        )
    return RunDiff(before, after, lines, missing, option_changes(before.options, after.options))


def _label(run: RunRecord) -> str:
    return f"run {run.id}"


def _script_text(run: RunRecord) -> str | None:
    """The run's copy of its script: only inside the data directory (a run's folder may
    come from an imported progress file), a regular file, at most a script's size."""
    copy = history_file(str(run.script_copy)) if run.script_copy is not None else None
    if copy is None:
        return None
    try:
        return read_text(copy, MAX_CONTENT_BYTES, follow_links=False)
    except TutorError:
        return None


def parse_options(options: Sequence[str]) -> dict[str, str]:
    """`--epochs 3 --offline` as {"--epochs": "3", "--offline": ""}: each `--name` with the
    words after it up to the next one; words before any option under ""."""
    parsed: dict[str, list[str]] = {}
    current = ""
    for word in options:
        if word.startswith("--"):
            name, _, value = word.partition("=")
            current = name
            parsed[current] = [value] if value else []
        else:
            parsed.setdefault(current, []).append(word)
    return {name: " ".join(values) for name, values in parsed.items()}


def option_changes(
    before: Sequence[str] | None, after: Sequence[str] | None
) -> tuple[OptionChange, ...]:
    """Each option given differently (or only once) in the two runs, in order of first
    appearance; none when either run's options are unknown."""
    if before is None or after is None:
        return ()
    old, new = parse_options(before), parse_options(after)
    names = [*old, *(name for name in new if name not in old)]
    return tuple(
        OptionChange(name, old.get(name), new.get(name))
        for name in names
        if old.get(name) != new.get(name)
    )
