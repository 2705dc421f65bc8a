"""The quiz screen as a learner uses it: answer, get feedback, a hint, the score, and
the review flow from home."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from textual.widgets import Input, Static

from tutor.progress import ProgressStore
from tutor.quiz import format_answer, generate
from tutor.ui.app import make_app
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
