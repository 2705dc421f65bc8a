"""Whether a run folder can be inspected, judged by its files alone: cheap enough for the
exercise screen to decide whether to offer the Inspect key (no NumPy imported)."""

from __future__ import annotations

from pathlib import Path

from tutor.i18n import translate

INSPECT_FILE = "inspect.npz"
MODEL_FILE = "model.keras"
NO_MODEL = "{run} has no saved model (model.keras)"
NOT_SAVED = "{run} cannot be inspected: it was trained before runs kept what Inspect needs"


def inspect_problem(run_dir: Path, lang: str = "en") -> str | None:
    """Why `run_dir` cannot be inspected, in `lang`; None when it can be."""
    if not (run_dir / MODEL_FILE).is_file():
        return translate(NO_MODEL, lang).format(run=run_dir.name)
    if not (run_dir / INSPECT_FILE).is_file():
        return translate(NOT_SAVED, lang).format(run=run_dir.name)
    return None
