"""The child's output cut into capped lines as it arrives: each byte looked at once."""

from __future__ import annotations

import time

from tutor.training.lines import MAX_LINE_CHARS, LineSplitter, capped


def _split(*chunks: bytes) -> list[str]:
    splitter = LineSplitter()
    lines = [line for chunk in chunks for line in splitter.feed(chunk)]
    return lines + splitter.close()


def test_lines_end_at_newlines_and_carriage_returns_across_chunks() -> None:
    assert _split(b"one\ntw", b"o\r\nthree\rfour") == ["one", "two", "three", "four"]
    assert _split(b"half\r", b"\nnext\n") == ["half", "next"]  # \r\n cut in two: one break
    assert _split(b"a\r\r\nb") == ["a", "", "b"]
    assert _split(b"bar 1\x08\x08done\n") == ["bar 1done"]  # dropped, not applied
    assert _split("한국어".encode()[:4], "한국어".encode()[4:] + b"\n") == ["한국어"]
    assert _split(b"\xff\xfeok\n") == ["\ufffd\ufffdok"]
    assert _split(b"") == []


def test_a_long_line_is_capped_and_says_how_much_was_dropped() -> None:
    text = str(list(range(10**6))).encode()  # 6.9 MB on one line, as print() writes it
    chunks = [text[start : start + 65536] for start in range(0, len(text), 65536)]
    (line,) = _split(*chunks, b"\nafter\n")[:1]
    assert line.startswith("[0, 1, 2, 3")
    assert len(line) < MAX_LINE_CHARS + 60
    assert line.endswith(f"[... {len(text) - MAX_LINE_CHARS:,} more characters dropped]")
    assert _split(b"x" * 10, b"\n") == ["x" * 10]
    assert capped("abcdef", limit=3) == "abc [... 3 more characters dropped]"


def test_output_without_newlines_costs_time_in_proportion_to_its_size() -> None:
    chunk = b"x" * 65536
    splitter = LineSplitter()
    started = time.perf_counter()
    for _ in range(800):  # 50 MB with no newline at all
        assert splitter.feed(chunk) == []
    (line,) = splitter.close()
    assert time.perf_counter() - started < 10  # generous: it takes well under a second
    assert len(line) < MAX_LINE_CHARS + 60 and "52,426,800 more characters" in line
