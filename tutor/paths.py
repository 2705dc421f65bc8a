"""Where dltutor keeps the learner's files.

Everything the tutor writes lives under one data directory (platformdirs' user data dir),
never inside the installed package. `DLTUTOR_HOME` overrides it, which the tests and the
end-to-end runs use to keep a learner's real progress untouched.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

HOME_ENV = "DLTUTOR_HOME"


def data_dir() -> Path:
    """The directory for progress, workspaces and run outputs (not created here)."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    return Path(user_data_dir("dltutor", appauthor=False))
