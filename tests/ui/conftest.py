"""Fixtures shared by the screen tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def no_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    """No $VISUAL or $EDITOR: `e` opens the built-in editor."""
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
