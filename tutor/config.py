"""The learner's settings that outlive a session: for now, the language last chosen.

They live in one small JSON file under the platform's user config directory
(`~/.config/dltutor/config.json` on Linux, honouring `XDG_CONFIG_HOME`), apart from the
progress data. `DLTUTOR_CONFIG_HOME` moves the directory, as `DLTUTOR_HOME` moves the data.
A setting is a convenience: a file that cannot be read is as good as none, and one that
cannot be written costs the learner nothing but the setting, never the session.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from tutor.i18n import LANGUAGES, detect_language

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


def _read_settings() -> dict[str, Any]:
    try:
        settings = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    return settings if isinstance(settings, dict) else {}


def _write_settings(settings: dict[str, Any]) -> bool:
    """Write through a temporary file and a rename, so a crash never leaves half a file."""
    path = config_path()
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(settings, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return False
    return True
