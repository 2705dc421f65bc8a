"""Measure what opening the progress store costs as a learner's history grows.

Every start checks each stored row against what the app writes (`tutor.progress.damage`),
so the check must stay small next to the app's start-up. For stores of N quiz answers
(N = 1,000, 5,000 and 20,000; a learner answering 20 questions a day for a year has about
7,000), this prints the median time of the row check alone and of a whole read-write open,
and the time to open a store holding one bad row (kept aside once, then quiet).

Target: the row check under 50 ms for 5,000 answers on 2 cores.
Usage: python benchmarks/progress_open.py [--runs N]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tutor.progress import ProgressStore
from tutor.progress.damage import find_bad_rows

START = datetime(2025, 1, 1, tzinfo=timezone.utc)


def make_store(path: Path, answers: int) -> None:
    """A store of `answers` answers over 40 topics, written as the app writes them."""
    with ProgressStore(path) as store:
        store.record_lesson_opened("neuron", now=START)
        for topic in range(40):
            store.record_attempt(
                f"topic-{topic}", difficulty="easy", question_id="q", answer="1",
                correct=True, seconds=3, now=START,
            )  # fmt: skip
    rows = [
        (f"topic-{i % 40}", "medium", f"q{i}", "42", i % 3 != 0, 12.5, 3,
         (START + timedelta(minutes=i)).isoformat())
        for i in range(answers - 40)
    ]  # fmt: skip
    with sqlite3.connect(path) as conn:
        conn.executemany(
            """INSERT INTO quiz_attempts
               (topic, difficulty, question_id, answer, correct, seconds, rating, at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )
    conn.close()


def median_ms(work: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        for answers in (1_000, 5_000, 20_000):
            path = Path(folder) / f"progress-{answers}.sqlite3"
            make_store(path, answers)
            conn = sqlite3.connect(path)
            check = median_ms(lambda conn=conn: find_bad_rows(conn), runs)
            conn.close()
            opened = median_ms(lambda path=path: ProgressStore(path).close(), runs)
            print(f"{answers:>6,} answers: row check {check:6.1f} ms, whole open {opened:6.1f} ms")
        path = Path(folder) / "progress-5000.sqlite3"
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE quiz_attempts SET difficulty = 'weird' WHERE rowid = 77")
        conn.close()
        started = time.perf_counter()
        store = ProgressStore(path)
        repaired = (time.perf_counter() - started) * 1000
        print(f"one bad row in 5,000: set aside in {repaired:.1f} ms; notice: {store.notice}")
        store.close()


if __name__ == "__main__":
    main()
