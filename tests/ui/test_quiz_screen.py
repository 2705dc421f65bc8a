"""The quiz screen as a learner uses it: answer, get feedback, a hint, the score, and
the review flow from home."""

from __future__ import annotations

import io
import time
from datetime import datetime, timedelta, timezone

from rich.console import Console
from textual import events
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from tests.ui.screen_text import footer_text, help_text
from tutor.progress import ProgressStore
from tutor.quiz import format_answer, generate
from tutor.quiz.answers import MAX_CHARS
from tutor.ui.app import make_app
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.quiz import QuizScreen

SIZE = (80, 24)


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def type_answer(pilot, text: str) -> None:
    pilot.app.screen.query_one("#answer", Input).value = text
    await pilot.press("enter")


async def test_answer_hint_feedback_and_score(fixture_course, tmp_path) -> None:
    store = ProgressStore(tmp_path / "p.sqlite3")
    questions = generate("conv2d-params", seed=3, difficulty="easy", count=2)
    app = make_app(fixture_course, "en", progress=store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(QuizScreen(questions, "Quiz"))
        await pilot.pause()
        assert "layers.Conv2D(" in app.screen.query_one("#model", Static).content.code
        await pilot.press("h")
        assert "+ 1" in shown(app, "#hint") or "bias" in shown(app, "#hint")

        await type_answer(pilot, "twelve")  # unreadable: told the form, not marked
        assert "Type a whole number" in shown(app, "#feedback")
        assert store.attempts() == []

        await type_answer(pilot, str(questions[0].answer))
        assert "Right!" in shown(app, "#feedback")
        await pilot.press("enter")  # next question
        assert "2/2" in shown(app, "#counter") and "Score 1" in shown(app, "#counter")

        await type_answer(pilot, "1")
        feedback = shown(app, "#feedback")
        assert "Not quite" in feedback and format_answer(questions[1]) in feedback
        assert "params = (" in feedback  # the worked derivation
        await pilot.press("enter")
        assert "Score: 1/2" in shown(app, "#prompt")
    attempts = ProgressStore(tmp_path / "p.sqlite3").attempts("conv2d-params")
    assert sorted(a.correct for a in attempts) == [False, True]


async def test_a_known_slip_is_named(fixture_course, tmp_path) -> None:
    [question] = generate("dense-params", seed=8, difficulty="easy")
    units = question.spec.layers[question.ask["layer"]].args["units"]
    app = make_app(fixture_course, "en", progress=ProgressStore(tmp_path / "p.sqlite3"))
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(QuizScreen([question], "Quiz"))
        await pilot.pause()
        await type_answer(pilot, f"{question.answer - units:,}")
        assert "bias" in shown(app, "#feedback").lower()


async def test_a_lesson_quizzes_its_own_topics_in_korean(fixture_course) -> None:
    app = make_app(fixture_course, "ko")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "t")  # lesson 1.1 has quiz topic dense-params
        assert isinstance(app.screen, QuizScreen)
        assert all(q.topic == "dense-params" for q in app.screen.questions)
        assert app.screen.sub_title == "Dense 층의 파라미터 수" or app.screen.sub_title
        assert "매개변수" in shown(app, "#prompt") or "파라미터" in shown(app, "#prompt")
        await pilot.press("escape")
        assert isinstance(app.screen, LessonScreen)


async def test_review_asks_the_due_topics_from_home(fixture_course, tmp_path) -> None:
    store = ProgressStore(tmp_path / "p.sqlite3")
    long_ago = datetime.now(timezone.utc) - timedelta(days=30)
    for topic in ("pooling-output-shape", "embedding-params"):
        store.record_attempt(
            topic,
            difficulty="easy",
            question_id="q",
            answer="0",
            correct=False,
            seconds=9.0,
            now=long_ago,
        )
    app = make_app(fixture_course, "en", progress=store)
    async with app.run_test(size=SIZE) as pilot:
        assert "2 reviews due" in shown(app, "#status")
        await pilot.press("r")
        assert isinstance(app.screen, QuizScreen)
        assert {q.topic for q in app.screen.questions} == {
            "pooling-output-shape",
            "embedding-params",
        }
        for question in list(app.screen.questions):
            await type_answer(pilot, format_answer(question).split(") ")[0])
            await pilot.press("enter")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert "0 reviews due" in shown(app, "#status")


async def test_nothing_due_says_so(fixture_course) -> None:
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, HomeScreen)
        assert any("Nothing is due" in str(n.message) for n in app._notifications)


def on_screen(app, selector: str, line: int = -1) -> bool:
    """Whether a line of a widget (the last by default) lies in the visible part of the
    question area, by the widget's place on screen after scrolling."""
    widget = app.screen.query_one(selector)
    box = app.screen.query_one("#question-box", VerticalScroll).content_region
    y = widget.content_region.y + (line if line >= 0 else widget.content_region.height + line)
    return box.y <= y < box.bottom


def long_wrong_answer_question():
    """A hard CNN chain: its worked solution is over 30 lines, longer than the screen."""
    (question,) = generate("cnn-chain", 8, "hard")
    assert len(question.explanation["en"].splitlines()) > SIZE[1]
    return question


async def test_a_long_worked_solution_can_be_read_to_its_end_by_keys_at_80x24(
    fixture_course,
) -> None:
    question = long_wrong_answer_question()
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(QuizScreen([question, question], "Quiz"))
        await pilot.pause()
        await type_answer(pilot, "1")
        await pilot.pause()
        assert on_screen(app, "#feedback", line=0)  # 'Not quite' is brought into view
        assert not on_screen(app, "#feedback")  # the end is further down...
        going_on = app.screen.query_one("#next", Static)
        assert going_on.display and "Press Enter for the next question" in str(going_on.render())
        assert going_on.region.bottom <= SIZE[1]  # ...but how to go on is always shown
        assert "pgdn Page down" in footer_text(app) and "pgup Page up" in footer_text(app)
        for _ in range(4):
            await pilot.press("pagedown")  # the focus stays in the answer box
        assert isinstance(app.focused, Input)
        last_line = str(app.screen.query_one("#feedback", Static).render()).splitlines()[-1]
        assert on_screen(app, "#feedback")
        assert last_line == question.explanation["en"].splitlines()[-1] == "Answer: (None, 3072)"
        await pilot.press("pageup", "up", "down")
        await pilot.press("enter")
        assert "2/2" in shown(app, "#counter")
        assert on_screen(app, "#counter", line=0)  # the next question starts at the top


async def test_enter_goes_on_whatever_has_the_focus(fixture_course) -> None:
    questions = generate("dense-params", seed=2, difficulty="easy", count=2)
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(QuizScreen(questions, "Quiz"))
        await pilot.pause()
        await pilot.press("tab", "tab")  # nothing else takes the focus away for good
        app.screen.query_one("#answer", Input).value = str(questions[0].answer)
        app.screen.set_focus(None)
        await pilot.press("enter")
        assert "Right!" in shown(app, "#feedback")
        await pilot.press("tab", "enter")
        assert "2/2" in shown(app, "#counter")


async def test_the_answer_box_takes_no_more_than_an_answer_and_stays_quick(
    fixture_course,
) -> None:
    """100,000 characters typed or pasted: capped, and the screen still answers keys."""
    question = generate("dense-params", seed=2, difficulty="easy")[0]
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(QuizScreen([question], "Quiz"))
        await pilot.pause()
        answer = app.screen.query_one("#answer", Input)
        started = time.monotonic()
        answer.post_message(events.Paste("7" * 100_000))
        await pilot.pause()
        assert answer.value == ""  # refused whole, with the terminal's bell
        for _ in range(100_000):
            answer.insert_text_at_cursor("8")  # what each typed key does
        await pilot.press("9")
        assert answer.value == "8" * MAX_CHARS
        await pilot.press("enter")
        assert "Type a whole number" in shown(app, "#feedback")
        assert time.monotonic() - started < 30  # a hang, not a speed target


async def test_a_grid_says_how_to_type_it_and_a_wrong_size_is_not_marked(
    fixture_course, tmp_path
) -> None:
    store = ProgressStore(tmp_path / "p.sqlite3")
    (question,) = generate("pooling-by-hand", seed=4, difficulty="easy")
    app = make_app(fixture_course, "ko", progress=store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(QuizScreen([question], "퀴즈"))
        await pilot.pause()
        assert "숫자 2개씩 2행을 ;로 나눠" in shown(app, "#prompt")
        assert "행은 ;로 나눕니다" in app.screen.query_one("#answer", Input).placeholder
        answer = app.screen.query_one("#answer", Input)
        answer.post_message(events.Paste("1 2\n3 4\n"))  # a pasted grid keeps its rows
        await pilot.pause()
        assert answer.value == "1 2; 3 4"
        await type_answer(pilot, "1 2 3")
        assert "정답은 2x2" in shown(app, "#feedback") and store.attempts() == []
        await type_answer(pilot, "; ".join(" ".join(map(str, row)) for row in question.answer))
        assert "정답입니다" in shown(app, "#feedback")


async def test_an_option_can_be_answered_by_its_text(fixture_course) -> None:
    (question,) = generate("concept-data", seed=1, difficulty="easy")
    right = question.choices["abcd".index(question.answer)]
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(QuizScreen([question], "Quiz"))
        await pilot.pause()
        await type_answer(pilot, right[0].upper())
        assert "Right!" in shown(app, "#feedback")


async def test_letter_keys_act_on_an_empty_answer_box_and_type_otherwise(
    fixture_course,
) -> None:
    (question,) = generate("concept-layers", seed=1, difficulty="easy")
    app = make_app(fixture_course, "en")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(QuizScreen([question], lambda lang: "Practice" if lang == "en" else "연습"))
        await pilot.pause()
        answer = app.screen.query_one("#answer", Input)
        await pilot.press("h")
        assert app.screen.query_one("#hint", Static).display and answer.value == ""
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "pgdn" in help_text(app) and "Page down" in help_text(app)
        await pilot.press("escape", "l")
        assert app.lang == "ko" and app.screen.title == "연습"  # retitled, not left English
        assert "힌트" in footer_text(app) and answer.value == ""
        await pilot.press("a", "h", "l")
        assert answer.value == "ahl"  # inside an answer they are letters


async def test_the_end_shows_each_topics_score_and_what_next(fixture_course, tmp_path) -> None:
    questions = [
        *generate("dense-params", seed=1, difficulty="easy", count=2),
        *generate("concept-loss", seed=1, difficulty="easy"),
    ]
    store = ProgressStore(tmp_path / "p.sqlite3")
    long_ago = datetime.now(timezone.utc) - timedelta(days=30)
    store.record_attempt(
        "pooling-output-shape", difficulty="easy", question_id="q", answer="0", correct=False,
        seconds=9.0, now=long_ago,
    )  # fmt: skip
    app = make_app(fixture_course, "ko", progress=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "t")  # lesson 1.1's quiz
        assert isinstance(app.screen, QuizScreen) and app.screen.lesson_id == "neuron"
        app.screen.questions = questions
        app.screen.show_language("ko")
        await type_answer(pilot, str(questions[0].answer))
        await pilot.press("enter")
        await type_answer(pilot, "1")
        assert "Enter를 누르면 다음 문제로" in shown(app, "#next")
        await pilot.press("enter")
        await type_answer(pilot, questions[2].answer)
        assert "Enter를 누르면 점수를 봅니다" in shown(app, "#next")
        await pilot.press("enter")
        console = Console(width=SIZE[0], file=io.StringIO(), record=True)
        console.print(app.screen.query_one("#summary", Static).content)
        summary = console.export_text()
        assert "점수: 2/3" in shown(app, "#prompt")
        assert "Dense 층의 파라미터 수" in summary and "1/2" in summary
        assert "어떤 손실 함수" in summary and "1/1" in summary
        assert "다시 연습할 주제: Dense 층의 파라미터 수" in summary
        assert "복습할 주제: 1개 (홈 화면에서 r)" in summary
        assert "다음 강의: 1.2 활성화 함수" in summary
        assert "힌트" not in footer_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, LessonScreen)
