"""The glossary at 80x24: a term's whole meaning, in both languages, by keyboard alone."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tests.ui.screen_text import help_text
from tutor.glossary import load_glossary
from tutor.ui.app import make_app
from tutor.ui.screens.glossary import GlossaryScreen
from tutor.ui.screens.help import HelpScreen

SIZE = (80, 24)


def detail(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#detail", Static).render())


async def test_the_highlighted_terms_meaning_is_shown_whole_in_both_languages(
    fixture_course,
) -> None:
    terms = load_glossary()
    longest = max(terms, key=lambda term: len(term.meaning["en"]))
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        assert isinstance(app.screen, GlossaryScreen)
        first = detail(app)
        assert terms[0].meaning["en"] in first and terms[0].meaning["ko"] in first

        await pilot.press("down")  # moves the list while the filter keeps the typing
        assert terms[1].meaning["en"] in detail(app)

        await pilot.press(*longest.en)
        table = app.screen.query_one("#terms", DataTable)
        rows = [table.get_row_at(row)[0] for row in range(table.row_count)]
        await pilot.press(*["down"] * rows.index(longest.en))
        shown = " ".join(detail(app).split())  # wrapped over lines, but all there
        assert " ".join(longest.meaning["en"].split()) in shown
        assert " ".join(longest.meaning["ko"].split()) in shown
        box = app.screen.query_one("#detail-box")
        assert box.region.bottom <= SIZE[1] and box.region.right <= SIZE[0]


async def test_the_learners_language_comes_first_and_nothing_matches_says_so(
    fixture_course,
) -> None:
    term = load_glossary()[0]
    app = make_app(fixture_course, "ko")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        text = detail(app)
        assert text.index(term.meaning["ko"]) < text.index(term.meaning["en"])
        await pilot.press(*"zzzz")
        assert detail(app) == "맞는 용어가 없습니다."


async def test_help_opens_from_the_filter(fixture_course) -> None:
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "f1")
        assert isinstance(app.screen, HelpScreen)
        keys = help_text(app)
        assert "Next term" in keys and "Close" in keys
