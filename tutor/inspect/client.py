"""The app's side of the inference child: start it, ask it, and make sure it ends.

`InferenceChild` owns one child process for one run's model. Questions go one at a time
(a lock), each answered before the next is sent; a screen that wants only the latest
answer (the drawing pad) keeps its own "latest wins" slot. `close()` kills the child's
process group at once and is safe to call from `on_unmount` or twice; a child whose app
died without closing it dies by itself (`tutor.training.orphans`).

No TensorFlow or Textual here.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import signal
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

import tutor
from tutor.errors import TutorError
from tutor.inspect.protocol import ProtocolError, decode_array, encode_array, line, parse

ANSWER_LINE_LIMIT = 256 << 20
"""The longest answer read (the outputs of every saved sample, or a big layer's maps)."""


class InferenceError(TutorError):
    """The child could not load the model or answer; the message is one line."""


@dataclass(frozen=True)
class Ready:
    """The child has loaded the model."""

    seconds: float
    layers: list[dict[str, Any]]
    """Keras' view of each layer: `name`, `class`, `output_shape`, `params`."""


class InferenceChild:
    """One run's model in a child process."""

    _spare: ClassVar[InferenceChild | None] = None

    def __init__(self, run_dir: Path | None, env: dict[str, str] | None = None) -> None:
        """`run_dir` None: a spare, waiting to be told its run (`warm`)."""
        self.run_dir = Path(run_dir) if run_dir is not None else None
        self.env = env
        self.ready: Ready | None = None
        self._process: asyncio.subprocess.Process | None = None
        self._answers: asyncio.StreamReader | None = None
        self._transport: asyncio.ReadTransport | None = None
        self._lock = asyncio.Lock()
        self._ids = itertools.count(1)
        self._stderr: deque[str] = deque(maxlen=20)
        self._closed = False
        self._spawning: asyncio.Task[None] | None = None
        self._stderr_task: asyncio.Task[None] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @classmethod
    def warm(cls) -> None:
        """Start a spare child now, from a running event loop: it imports TensorFlow in the
        background (niced) while the learner looks at a finished run, and the next
        `start()` hands it the run, so Inspect opens in about the time the model itself
        takes to load. One spare at most; it dies with the app like any child."""
        spare = cls._spare
        if spare is not None and not spare._closed and spare.returncode is None:
            return
        spare = cls(None)
        spare._spawning = asyncio.get_running_loop().create_task(spare._spawn())
        cls._spare = spare

    @property
    def returncode(self) -> int | None:
        return self._process.returncode if self._process is not None else None

    async def start(self) -> Ready:
        """Start the child (or adopt the spare) and wait until its model is loaded."""
        if self.ready is not None:
            return self.ready
        spare, type(self)._spare = type(self)._spare, None
        adopted = spare is not None and await spare._alive()
        if adopted:
            assert spare is not None
            self._adopt(spare)
            await self._send({"op": "load", "run_dir": str(self.run_dir)})
        else:
            await self._spawn()
        first = await self._read()
        if first.get("event") != "ready":
            self.close()
            raise InferenceError(str(first.get("message") or "the model could not be loaded"))
        self.ready = Ready(float(first.get("seconds") or 0), list(first.get("layers") or []))
        return self.ready

    async def _alive(self) -> bool:
        """Whether this spare started and still runs (its stdin still takes a line)."""
        assert self._spawning is not None
        try:
            await self._spawning
        except InferenceError:
            return False
        return not self._closed and self.returncode is None

    def _adopt(self, spare: InferenceChild) -> None:
        self._process, self._answers = spare._process, spare._answers
        self._transport, self._stderr = spare._transport, spare._stderr
        self._stderr_task = spare._stderr_task

    async def _spawn(self) -> None:
        read_fd, write_fd = os.pipe()
        run = ["--run-dir", str(self.run_dir)] if self.run_dir is not None else []
        command = [
            sys.executable, "-m", "tutor.inspect.child", *run,
            "--events-fd", str(write_fd), "--parent-pid", str(os.getpid()),
        ]  # fmt: skip
        try:
            self._process = await asyncio.create_subprocess_exec(
                *command,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE,
                pass_fds=(write_fd,),
                start_new_session=True,  # Ctrl+C in the terminal is the app's alone
                env=self._child_env(),
            )
        except OSError as error:
            os.close(read_fd)
            raise InferenceError(f"cannot start the inference process: {error}") from None
        finally:
            os.close(write_fd)
        loop = asyncio.get_running_loop()
        self._answers = asyncio.StreamReader(limit=ANSWER_LINE_LIMIT)
        answers = self._answers
        self._transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(answers), os.fdopen(read_fd, "rb", 0)
        )
        assert self._process.stderr is not None
        self._stderr_task = asyncio.create_task(self._keep_stderr(self._process.stderr))

    async def _send(self, record: dict[str, Any]) -> None:
        assert self._process is not None and self._process.stdin is not None
        try:
            self._process.stdin.write(line(record).encode())
            await self._process.stdin.drain()
        except (BrokenPipeError, ConnectionResetError):
            raise InferenceError(await self._death()) from None

    async def ask(self, op: str, **fields: Any) -> dict[str, Any]:
        """One question and its answer; InferenceError when the child says it cannot."""
        if self._process is None or self._process.stdin is None or self._closed:
            raise InferenceError("the inference process is not running")
        async with self._lock:
            number = next(self._ids)
            await self._send({"id": number, "op": op, **fields})
            while True:
                answer = await self._read()
                if answer.get("id") == number:
                    break
        if "error" in answer:
            raise InferenceError(str(answer["error"]))
        return answer

    async def outputs(self, **which: Any) -> np.ndarray:
        """Raw model outputs: `sample=i`, `input=array` (one input) or `all=True`."""
        answer = await self.ask("predict", **_which(which))
        return self._array(answer.get("outputs"))

    async def layer_outputs(
        self, maps: list[int], **which: Any
    ) -> tuple[list[list[float | None]], dict[int, np.ndarray]]:
        """(min, max, mean of every layer's output, {layer: its whole output}) for one input."""
        answer = await self.ask("layers", maps=maps, **_which(which))
        shown = answer.get("maps") or {}
        return list(answer.get("stats") or []), {
            int(key): self._array(value) for key, value in shown.items()
        }

    async def kernel(self, layer: int) -> np.ndarray:
        return self._array((await self.ask("weights", layer=layer)).get("kernel"))

    def close(self) -> None:
        """Kill the child and everything it started, at once (idempotent)."""
        if self._closed:
            return
        self._closed = True
        if self._process is not None and self._process.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._process.pid, signal.SIGKILL)  # it leads its own session
        if self._transport is not None:
            self._transport.close()
        if self._process is not None and self._process.stdin is not None:
            with contextlib.suppress(Exception):
                self._process.stdin.close()

    async def wait_closed(self) -> None:
        """Close, and return once the child has been reaped."""
        self.close()
        if self._process is not None:
            with contextlib.suppress(ProcessLookupError):
                while self._process.returncode is None:
                    await asyncio.sleep(0.02)

    async def _read(self) -> dict[str, Any]:
        assert self._answers is not None
        while True:
            try:
                text = await self._answers.readline()
            except ValueError:  # longer than any answer: garbage
                continue
            if not text:
                raise InferenceError(await self._death())
            record = parse(text)
            if record is not None:
                return record

    async def _death(self) -> str:
        """Why the child stopped answering, in one line."""
        assert self._process is not None
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._process.wait(), 2.0)
        code = self._process.returncode
        last = next((text for text in reversed(self._stderr) if text.strip()), "")
        said = f": {last.strip()}" if last else ""
        return f"the inference process stopped (status {code}){said}"

    async def _keep_stderr(self, stream: asyncio.StreamReader) -> None:
        with contextlib.suppress(ValueError, OSError):
            async for text in stream:
                self._stderr.append(text.decode("utf-8", "replace")[:500])

    def _array(self, record: Any) -> np.ndarray:
        try:
            return decode_array(record)
        except ProtocolError as error:
            raise InferenceError(f"the inference process sent {error}") from None

    def _child_env(self) -> dict[str, str]:
        env = {**os.environ, **(self.env or {})}
        package_root = str(Path(tutor.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        env.setdefault("PYTHONIOENCODING", "utf-8")
        return env


def _which(which: dict[str, Any]) -> dict[str, Any]:
    """`input` as a protocol array; `sample` and `all` as they are."""
    if "input" in which:
        return {"input": encode_array(np.asarray(which["input"]))}
    return which
