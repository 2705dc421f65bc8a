"""A child's output cut into lines as it arrives, each line capped.

A script may print without newlines, or one enormous line (`print(list(range(10**6)))` is
6.9 MB): the reader must not re-split what it already holds on every chunk, nor keep a
line of any length. `LineSplitter` looks at each byte once, keeps at most `MAX_LINE_CHARS`
of an unfinished line and counts the rest, which the finished line reports in a marker.
"""

from __future__ import annotations

import codecs
import re

from tutor.i18n import translate
from tutor.training.orphans import INPUT_REFUSED

MAX_LINE_CHARS = 2000
"""Characters of one line a learner is shown; what follows is dropped with a marker."""
_BREAK = re.compile(r"\r\n|\r|\n")


def capped(line: str, limit: int = MAX_LINE_CHARS, dropped: int = 0) -> str:
    """`line` cut to `limit` characters, saying how many were dropped (plus `dropped`
    characters already dropped before it got here)."""
    dropped += max(0, len(line) - limit)
    if not dropped:
        return line
    return f"{line[:limit]} [... {dropped:,} more characters dropped]"


def shown_line(line: str, lang: str) -> str:
    """A line of the child's output as the learner reads it: the one the tutor itself
    writes there (`input()` refused, in the child, which does not know the language) in
    `lang`, the script's own lines as written."""
    return translate(line, lang) if line == INPUT_REFUSED else line


class LineSplitter:
    """Bytes in, finished lines out. `\\r` ends a line too (progress bars); backspaces are
    dropped; undecodable bytes become U+FFFD."""

    def __init__(self, limit: int = MAX_LINE_CHARS) -> None:
        self.limit = limit
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._parts: list[str] = []
        self._kept = 0
        self._dropped = 0
        self._after_cr = False

    def feed(self, chunk: bytes) -> list[str]:
        """The lines that `chunk` finishes."""
        return self._split(self._decoder.decode(chunk))

    def close(self) -> list[str]:
        """The last, unfinished line (if any) once the stream has ended."""
        lines = self._split(self._decoder.decode(b"", final=True))
        if self._parts or self._dropped:
            lines.append(self._finish())
        return lines

    def _split(self, text: str) -> list[str]:
        text = text.replace("\b", "")
        if self._after_cr and text.startswith("\n"):
            text = text[1:]  # the second half of a \r\n cut between two chunks
        if text:
            self._after_cr = text.endswith("\r")
        lines: list[str] = []
        start = 0
        for match in _BREAK.finditer(text):
            self._keep(text[start : match.start()])
            lines.append(self._finish())
            start = match.end()
        self._keep(text[start:])
        return lines

    def _keep(self, text: str) -> None:
        room = self.limit - self._kept
        if room > 0 and text:
            self._parts.append(text[:room])
            self._kept += min(room, len(text))
        self._dropped += max(0, len(text) - max(room, 0))

    def _finish(self) -> str:
        line = capped("".join(self._parts), self.limit, self._dropped)
        self._parts, self._kept, self._dropped = [], 0, 0
        return line
