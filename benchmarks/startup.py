"""Measure `dltutor`'s first paint and idle memory, and check TensorFlow stays out.

Runs the real console script in a pseudo-terminal of 80x24, several times, and prints:
- first paint: seconds from spawn until the home screen's text has been written;
- idle RSS: resident memory two seconds after the first paint;
- whether any TensorFlow library is mapped into the process.
For scale it also times `import tensorflow` alone in the same environment, if installed.

Targets (issue 2): first paint under 1 s on 2 cores, idle memory under 150 MB.
Usage: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import fcntl
import importlib.util
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

MARKER = "Deep learning in your terminal"
ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>]")


def dltutor_command() -> list[str]:
    script = Path(sys.executable).with_name("dltutor")
    return [str(script)] if script.exists() else [shutil.which("dltutor") or "dltutor"]


def one_run(home: str) -> tuple[float, float, bool]:
    """Spawn dltutor in a pty; return (first paint s, idle RSS MB, TensorFlow mapped)."""
    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "DLTUTOR_HOME": home, "LANG": "C.UTF-8"}
    started = time.perf_counter()
    process = subprocess.Popen(
        dltutor_command(),
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env=env,
        start_new_session=True,
    )
    os.close(child_fd)
    seen = b""
    painted = None
    try:
        while painted is None:
            if time.perf_counter() - started > 30:
                raise RuntimeError("no first paint within 30 s")
            ready, _, _ = select.select([main_fd], [], [], 0.5)
            if ready:
                seen += os.read(main_fd, 65536)
                if MARKER.encode() in ANSI.sub(b"", seen):
                    painted = time.perf_counter() - started
        deadline = time.perf_counter() + 2.0
        while time.perf_counter() < deadline:  # keep draining so the app never blocks
            if select.select([main_fd], [], [], 0.1)[0]:
                os.read(main_fd, 65536)
        rss_mb = rss_kib(process.pid) / 1024
        tensorflow = "tensorflow" in Path(f"/proc/{process.pid}/maps").read_text()
    finally:
        os.write(main_fd, b"q")
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        os.close(main_fd)
    return painted, rss_mb, tensorflow


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def tensorflow_import_seconds() -> float | None:
    if importlib.util.find_spec("tensorflow") is None:
        return None
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import tensorflow"], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        one_run(home)  # warm the file cache and compile bytecode, as a second launch would
        results = [one_run(home) for _ in range(args.runs)]
    paints = [paint for paint, _, _ in results]
    memory = [rss for _, rss, _ in results]
    print(f"cores: {os.cpu_count()}  runs: {args.runs}  command: {' '.join(dltutor_command())}")
    print(
        f"first paint: median {statistics.median(paints):.3f} s, max {max(paints):.3f} s"
        f"  (target < 1 s)"
    )
    print(
        f"idle RSS:    median {statistics.median(memory):.1f} MB, max {max(memory):.1f} MB"
        f"  (target < 150 MB)"
    )
    print(f"TensorFlow mapped into the app: {'YES' if any(t for *_, t in results) else 'no'}")
    reference = tensorflow_import_seconds()
    if reference is not None:
        print(
            f"for scale, `import tensorflow` alone: {reference:.2f} s "
            f"({reference / statistics.median(paints):.1f}x the app's first paint)"
        )


if __name__ == "__main__":
    main()
