"""The course's YAML (chapters, lesson front matter, the exercise catalogue, the glossary),
read safely and fast, with a syntax mistake named by file and line."""

from __future__ import annotations

from typing import Any

import yaml

from tutor.errors import TutorError

try:  # The C loader is several times faster; fall back where PyYAML was built without it.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def parse_yaml(source: str, shown: str, error: type[TutorError]) -> Any:
    """The data in `source`. A syntax mistake raises `error` naming `shown` (the file as
    the learner or author knows it) and the line."""
    try:
        return yaml.load(source, Loader=_Loader)  # a safe loader: plain data, never objects
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        # The C loader marks a mistake at the end of the stream one line past a last line
        # that has no newline; name the last line instead.
        line = min(mark.line + 1, source.count("\n") + 1) if mark else None
        where = f" (line {line})" if line else ""
        raise error(f"{shown}: invalid YAML{where}") from None
