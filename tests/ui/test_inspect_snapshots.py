"""The Inspect screen's views, the drawing pad and a text model at 120x40 in both
languages, against SVG snapshots (at 80x24 they are among every screen's snapshots,
tests/ui/test_every_screen_snapshots.py). The model is the NumPy stand-in of
tests/inspect/fakes.py, the digits real MNIST ones. Review the report before
`--snapshot-update`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui import every_screen
from tests.ui.conftest import fixed_home_at
from tests.ui.every_screen import tutor_app
from tutor.i18n import LANGUAGES

SNAPSHOT_HOME = Path("/tmp/dltutor-inspect-snapshot-home")
VIEWS = ("inspect", "inspect-layers", "inspect-mistakes", "inspect-pad", "inspect-text")


@pytest.fixture
def fixed_home(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield from fixed_home_at(SNAPSHOT_HOME, monkeypatch)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", VIEWS)
def test_inspect_at_120x40(snap_compare, fixed_home, name, lang) -> None:  # type: ignore[no-untyped-def]
    app = tutor_app(fixed_home, lang, name)
    assert snap_compare(app, run_before=every_screen.SCREENS[name], terminal_size=(120, 40))
