"""The learner's settings that outlive a session: for now, the language last chosen.

They live in one small JSON file under the platform's user config directory
(`~/.config/dltutor/config.json` on Linux, honouring `XDG_CONFIG_HOME`), apart from the
progress data. `DLTUTOR_CONFIG_HOME` moves the directory, as `DLTUTOR_HOME` moves the data.
A setting is a convenience: a file that cannot be read is as good as none, and one that
cannot be written costs the learner nothing but the setting, never the session.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from tutor.errors import TutorError
from tutor.i18n import LANGUAGES, detect_language
from tutor.safeio import read_text, write_atomic

CONFIG_ENV = "DLTUTOR_CONFIG_HOME"


def config_path() -> Path:
    """The settings file (neither it nor its directory is created here)."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser() / "config.json"
    return Path(user_config_dir("dltutor", appauthor=False)) / "config.json"


def remembered_language() -> str | None:
    """The language the learner last chose, or None when none was saved or it is unreadable."""
    language = _read_settings().get("language")
    return language if language in LANGUAGES else None


def choose_language(explicit: str | None = None) -> str:
    """`--lang` first, then the language remembered from last time, then the locale."""
    return explicit or remembered_language() or detect_language()


def remember_language(lang: str) -> bool:
    """Save `lang` for the next launch (called by `--lang` and the app's `l` key).

    Returns False when it could not be saved (a read-only or full disk): the caller may say
    so once, but must carry on; nothing is raised.
    """
    settings = _read_settings()
    if settings.get("language") == lang:
        return True
    return _write_settings({**settings, "language": lang})


MAX_SETTINGS_BYTES = 64 << 10


def _read_settings() -> dict[str, Any]:
    """The settings, or none: a missing, huge, odd (a FIFO, a device) or malformed file is
    as good as no file, and is never waited on."""
    try:
        settings = json.loads(read_text(config_path(), MAX_SETTINGS_BYTES))
    except (TutorError, ValueError, RecursionError):
        return {}
    return settings if isinstance(settings, dict) else {}


def _write_settings(settings: dict[str, Any]) -> bool:
    """Write whole or not at all, through a random temporary that never follows a link,
    never over anything but a regular file (`tutor.safeio.write_atomic`)."""
    path = config_path()
    data = (json.dumps(settings, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except (OSError, TutorError):
        return False
    return True
