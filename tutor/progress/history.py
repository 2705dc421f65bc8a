"""A run's saved training history, read as carefully as any file a learner could swap.

A run's `history_path` comes from the progress file, which an import may have written:
it could name `/dev/zero`, a FIFO, a link out of the data directory or a huge file. So the
Progress screen reads it through `read_history` (from a worker, off the UI thread): only a
regular file inside the data directory, at most `MAX_HISTORY_BYTES`, and only the numbers.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from tutor.paths import data_dir
from tutor.progress.fields import Invalid, load_json
from tutor.safeio import FileRefused, read_text

MAX_HISTORY_BYTES = 8 << 20
"""A thousand epochs of twenty metrics is under 1 MB of JSON; the cap leaves room."""
MAX_EPOCHS = 100_000


def history_file(path: str) -> Path | None:
    """Where a stored `history_path` points, if that is inside the data directory (a
    relative path counts from it); None otherwise. Links are resolved before judging."""
    home = Path(os.path.realpath(data_dir()))
    target = Path(os.path.realpath(home / path))  # an absolute `path` replaces `home`
    return target if target.is_relative_to(home) else None


def read_history(path: str | None) -> dict[str, list[float]]:
    """A saved Keras history (metric name -> per-epoch values); empty when there is none,
    or when the file is missing, outside the data directory, not a regular file, too
    large or not a history (an old run's folder may have been cleaned away)."""
    if not path:
        return {}
    target = history_file(path)
    if target is None:
        return {}
    try:
        data = load_json(read_text(target, MAX_HISTORY_BYTES, follow_links=False))
    except (FileRefused, Invalid, ValueError, RecursionError):
        return {}
    if isinstance(data, dict) and isinstance(data.get("history"), dict):
        data = data["history"]
    if not isinstance(data, dict):
        return {}
    return {
        str(name): [
            float(value)
            for value in values[:MAX_EPOCHS]
            if isinstance(value, (int, float))
            and not isinstance(value, bool)
            and math.isfinite(value)
        ]
        for name, values in data.items()
        if isinstance(values, list)
    }
