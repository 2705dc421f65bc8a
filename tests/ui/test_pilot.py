"""The UI as a learner drives it: keys in, screens and text out (Textual's pilot)."""

from __future__ import annotations

import gc
import weakref

from textual.widgets import DataTable, Header, Markdown, OptionList, Static
from textual.widgets._footer import FooterKey

from tests.conftest import FIXTURE_LESSONS, freed
from tests.ui.screen_text import footer_text, help_text
from tutor.ui.app import make_app
from tutor.ui.screens.glossary import GlossaryScreen
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen

SIZE = (80, 24)


def markdown_source(app) -> str:
    return app.screen.query_one("#text", Markdown).source


async def test_open_a_lesson_with_enter(fixture_course) -> None:
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.title == "1.1  The neuron"
        assert "A neuron multiplies each input by a **weight**" in markdown_source(app)


async def test_arrows_and_jk_skip_chapter_headings(fixture_course) -> None:
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        menu = app.screen.query_one("#lessons", OptionList)
        assert menu.highlighted_option.id == "neuron"
        await pilot.press("j", "j")  # past the "2 Shapes" heading
        assert menu.highlighted_option.id == "padding"
        await pilot.press("k", "up")
        assert menu.highlighted_option.id == "neuron"
        await pilot.press("down", "enter")
        assert app.screen.lesson_id == "activations"


async def test_next_and_previous_cross_chapters(fixture_course) -> None:
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "n")
        assert app.screen.title == "1.2  Activations"
        await pilot.press("right")
        assert app.screen.title == "2.1  Padding (English only)"
        assert app.screen.sub_title == "Shapes"
        await pilot.press("n")  # already the last lesson: stays, says so
        assert app.screen.lesson_id == "padding"
        assert any("Last lesson" in str(n.message) for n in app._notifications)
        await pilot.press("p", "left")
        assert app.screen.lesson_id == "neuron"
        assert "Σ + b" in markdown_source(app)


async def test_back_returns_home_with_the_cursor_on_the_last_lesson(fixture_course) -> None:
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "n", "n", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#lessons", OptionList).highlighted_option.id == "padding"
        await pilot.press("enter", "b")
        assert isinstance(app.screen, HomeScreen)


async def test_help_lists_every_key_of_the_screen_and_closes(fixture_course) -> None:
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen._sections("en")
        listed = {description: key for _, rows in keys for key, description in rows}
        assert listed["Next lesson"] == "n / →"
        assert listed["Back"] == "esc / b / q"
        assert listed["Scroll down"] == "↓ / j"
        assert listed["Quit"] == "^q"
        assert listed["Language"] == "l"
        assert "Focus Next" not in listed  # Textual's own keys stay out of the way
        await pilot.press("escape")
        assert isinstance(app.screen, LessonScreen)


async def test_help_on_home_lists_home_keys(fixture_course) -> None:
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        (screen_title, screen_rows), (global_title, global_rows) = app.screen._sections("en")
        assert (screen_title, global_title) == ("This screen", "Global")
        assert ("⏎", "Open") in screen_rows
        assert ("↓ / j", "Down") in screen_rows
        assert ("q", "Quit") in screen_rows
        assert ("^q", "Quit") in global_rows
        await pilot.press("question_mark")
        assert isinstance(app.screen, HomeScreen)


async def test_help_lists_the_keys_of_whichever_screen_it_is_opened_over(fixture_course) -> None:
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert "Open" in help_text(app) and "Next lesson" not in help_text(app)
        await pilot.press("escape", "enter", "question_mark")
        assert "Next lesson" in help_text(app)
        await pilot.press("escape", "l", "question_mark")
        assert "다음 강의" in help_text(app) and "Next lesson" not in help_text(app)
        await pilot.press("escape", "escape", "question_mark")
        assert "열기" in help_text(app) and "다음 강의" not in help_text(app)


async def test_screens_closed_during_a_long_session_are_freed(fixture_course) -> None:
    """Nothing may keep a closed lesson, its header or a footer key alive: each one left
    behind made every later garbage-collection pass, and so the next key, slower."""
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        closed = []
        for _ in range(3):
            await pilot.press("enter", "question_mark", "escape")
            closed.append(weakref.ref(app.screen))
            await pilot.press("escape")
        await pilot.press("question_mark", "escape")  # see HelpScreen: the last one it covered
        await freed(pilot, closed)
        assert [screen() for screen in closed] == [None, None, None]
        kept = [node for node in gc.get_objects() if isinstance(node, (Header, FooterKey))]
        assert kept and all(node.is_attached for node in kept)  # only the home screen's


async def test_language_toggle_switches_lesson_footer_and_home(fixture_course) -> None:
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert "Next" in footer_text(app) and "한국어" in footer_text(app)
        await pilot.press("l")
        assert app.lang == "ko"
        assert app.screen.title == "1.1  뉴런"
        assert "가중합" in markdown_source(app)
        assert "다음" in footer_text(app) and "English" in footer_text(app)
        await pilot.press("escape")
        menu = app.screen.query_one("#lessons", OptionList)
        assert "뉴런" in str(menu.highlighted_option.prompt)
        await pilot.press("l")
        assert "The neuron" in str(menu.highlighted_option.prompt)


async def test_korean_view_of_an_untranslated_lesson_says_so(fixture_course) -> None:
    app = make_app(fixture_course, "ko")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "enter")
        notice = app.screen.query_one("#notice", Static)
        assert notice.display
        assert "영어" in str(notice.render())
        assert "only in English" in markdown_source(app)
        await pilot.press("p")
        assert not notice.display


async def test_q_quits_from_home(fixture_course) -> None:
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_q_in_a_lesson_goes_back_and_ctrl_q_quits_anywhere(fixture_course) -> None:
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "q")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter", "question_mark", "ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_glossary_opens_from_a_lesson_and_filters(fixture_course, monkeypatch) -> None:
    monkeypatch.setenv("DLTUTOR_LESSONS", str(FIXTURE_LESSONS))
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "g")
        assert isinstance(app.screen, GlossaryScreen)
        table = app.screen.query_one("#terms", DataTable)
        assert table.row_count == 2
        await pilot.press(*"패딩")
        assert table.row_count == 1 and table.get_row_at(0)[0] == "padding"
        await pilot.press("escape")
        assert isinstance(app.screen, LessonScreen)


async def test_the_language_chosen_with_l_is_remembered_for_the_next_launch(
    fixture_course,
) -> None:
    from tutor.config import choose_language, remembered_language

    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await app.workers.wait_for_complete()
    assert remembered_language() == "ko" and choose_language(None) == "ko"
    assert choose_language("en") == "en"  # --lang still wins
