"""Regenerate the README's SVG screenshots from the real course: python .ci/screenshot.py"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from tutor.progress import ProgressStore
from tutor.ui.app import make_app

ASSETS = Path(__file__).resolve().parents[1] / "assets"


async def capture(name: str, keys: list[str], lang: str = "en") -> None:
    with tempfile.TemporaryDirectory() as home:  # a new learner, not whoever runs this
        app = make_app(lang=lang, progress=ProgressStore(Path(home) / "progress.sqlite3"))
        await _save(app, name, keys)


async def _save(app, name: str, keys: list[str]) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*keys)
        await pilot.pause(0.5)
        app.save_screenshot(filename=f"{name}.svg", path=str(ASSETS))
    print(f"wrote {ASSETS / name}.svg")


async def main() -> None:
    await capture("screenshot", [])
    await capture("screenshot-lesson", ["enter"])
    await capture("screenshot-lesson-ko", ["enter"], lang="ko")


if __name__ == "__main__":
    asyncio.run(main())
