"""Real processes: a writer killed with SIGKILL mid-stream, and two writers at once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from fsrs import Card

from tutor.progress import ProgressStore

REPO_ROOT = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent(
    """
    import itertools, sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from fsrs import Scheduler
    from tutor.progress import ProgressStore

    path, prefix, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    start = datetime(2025, 3, 1, tzinfo=timezone.utc) + timedelta(days=int(sys.argv[4]))
    ticks = itertools.count()  # one second per write: every record's time is distinct
    store = ProgressStore(path, clock=lambda: start + timedelta(seconds=next(ticks)),
                          scheduler=Scheduler(enable_fuzzing=False))
    print("ready", store.notice, flush=True)
    sys.stdin.readline()  # wait for the go, so writers really overlap
    saved = 0
    for i in range(count) if count else itertools.count():
        ok = store.record_attempt(
            f"topic-{i % 3}", difficulty="medium", question_id=f"{prefix}-{i}",
            answer=f"{prefix}-{i}:" + "x" * 700, correct=i % 4 != 0, seconds=15)
        ok = ok and store.record_lesson_opened(f"{prefix}-lesson-{i}")
        saved += ok
        print(i if ok else f"failed {store.notice}", flush=True)
    print("done", saved, store.notice, flush=True)
    """
)


def start_writer(path: Path, prefix: str, count: int, day: int) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), prefix, str(count), str(day)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    )
    assert process.stdout is not None
    ready = process.stdout.readline()
    assert ready == "ready None\n", ready + process.stderr.read()  # type: ignore[union-attr]
    return process


def go(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.write("go\n")
    process.stdin.flush()


def assert_consistent(path: Path) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Integrity holds, every record is whole, and each transaction's parts agree.

    Returns, per writer prefix, the numbers of its attempts and of its lessons, in the
    order they were committed."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        attempts: dict[str, list[int]] = {}
        rows = conn.execute("SELECT question_id, answer, topic FROM quiz_attempts ORDER BY id")
        for question_id, answer, topic in rows:
            prefix, number = question_id.rsplit("-", 1)
            assert answer == f"{question_id}:" + "x" * 700  # never half a record
            assert topic == f"topic-{int(number) % 3}"
            attempts.setdefault(prefix, []).append(int(number))
        # an answer and its card change commit together: the card's last review is the
        # newest answer's time
        for topic, card_json in conn.execute("SELECT topic, card FROM review_cards"):
            (newest,) = conn.execute(
                "SELECT max(at) FROM quiz_attempts WHERE topic = ?", (topic,)
            ).fetchone()
            card = Card.from_json(card_json)
            assert card.last_review is not None and card.last_review.isoformat() == newest
        lessons: dict[str, list[int]] = {}
        for (lesson_id,) in conn.execute("SELECT lesson_id FROM lesson_events ORDER BY id"):
            prefix, number = lesson_id.rsplit("-lesson-", 1)
            lessons.setdefault(prefix, []).append(int(number))
        # an opened lesson and the resume setting commit together
        (last_opened,) = conn.execute(
            "SELECT lesson_id FROM lesson_events ORDER BY id DESC LIMIT 1"
        ).fetchone()
        assert conn.execute("SELECT value FROM settings WHERE key = 'last_lesson'").fetchone() == (
            last_opened,
        )
    finally:
        conn.close()
    return attempts, lessons


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_mid_write_leaves_every_committed_record_whole(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    # the pauses move the kill to different points of the write that follows
    for round_, (kill_after, pause) in enumerate(((40, 0.0), (97, 0.0004), (151, 0.0015))):
        writer = start_writer(path, f"round{round_}", 0, day=round_)
        go(writer)
        assert writer.stdout is not None
        confirmed = -1
        while confirmed < kill_after:
            line = writer.stdout.readline()
            assert line.strip().isdigit(), line + writer.stderr.read()  # type: ignore[union-attr]
            confirmed = int(line)
        time.sleep(pause)
        os.kill(writer.pid, signal.SIGKILL)
        writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL
        attempts, lessons = assert_consistent(path)
        numbers = attempts[f"round{round_}"]
        # everything confirmed is there, in order, with nothing missing in between; the
        # kill may have come between an iteration's two transactions
        assert numbers == list(range(len(numbers)))
        assert len(numbers) > confirmed
        opened = lessons[f"round{round_}"]
        assert opened == list(range(len(opened)))
        assert len(opened) in (len(numbers) - 1, len(numbers))
    with ProgressStore(path) as store:
        assert store.notice is None
        assert store.last_lesson() is not None and store.last_lesson().startswith("round2")


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    """Both start on a file that does not exist yet (so they also race to create and
    migrate it), then write interleaved transactions on the same topics."""
    path = tmp_path / "home" / "progress.sqlite3"
    count = 150
    writers = [start_writer(path, name, count, day=0) for name in ("alpha", "beta")]
    for writer in writers:
        go(writer)
    for writer in writers:
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        assert "failed" not in out and "locked" not in out + err
        assert out.splitlines()[-1] == f"done {count} None"
    attempts, lessons = assert_consistent(path)
    expected = {"alpha": list(range(count)), "beta": list(range(count))}
    assert {prefix: sorted(numbers) for prefix, numbers in attempts.items()} == expected
    assert {prefix: sorted(numbers) for prefix, numbers in lessons.items()} == expected
    with ProgressStore(path) as store:
        report = store.report()
    assert [topic["topic"] for topic in report["topics"]] == ["topic-0", "topic-1", "topic-2"]
    assert len(report["lessons"]) == 2 * count
    assert json.dumps(report)
