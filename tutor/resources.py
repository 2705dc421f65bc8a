"""Find the content folders (`lessons/`, `assets/`) in a wheel install and in a checkout.

A wheel carries them inside the package as `tutor/_data/...` (hatchling force-include); an
editable install or a plain checkout has them at the repository root. One lookup serves both
so no other module needs to know which layout it runs from.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

_PACKAGE_DIR = Path(str(files("tutor")))


def content_dir(name: str) -> Path:
    """The installed `tutor/_data/<name>` if present, else `<repo>/<name>`."""
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


LESSONS_ENV = "DLTUTOR_LESSONS"


def lessons_dir() -> Path:
    """The course's lessons; `DLTUTOR_LESSONS` points elsewhere to preview a draft course."""
    override = os.environ.get(LESSONS_ENV)
    return Path(override).expanduser() if override else content_dir("lessons")


def assets_dir() -> Path:
    return content_dir("assets")


MAX_CONTENT_BYTES = 1 << 20
"""A lesson, the catalogue, the glossary or an exercise script is a few kilobytes."""


def read_content(path: Path) -> str:
    """A content file as text: only a regular file of at most MAX_CONTENT_BYTES, so a FIFO
    or a device put in a draft course (`DLTUTOR_LESSONS`) or in the learner's workspace
    is one line (`FileRefused`, a TutorError) instead of a hang."""
    from tutor.safeio import read_text

    return read_text(path, MAX_CONTENT_BYTES)
