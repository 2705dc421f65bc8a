"""The GPU a run trains on, in one line under the exercise screen's progress bar: its
utilisation, the run's memory and the whole GPU's, about once a second.

NVML is read by a `GpuSampler` thread (`tutor.gpu`), never on the UI thread; the screen's
redraw timer hands the panel the run's GPUs and shows the sampler's latest reading, which
costs nothing. The panel is hidden on a CPU, once the run has ended, and wherever NVML
cannot be read (no `nvidia-ml-py`, no driver): never an error.
"""

from __future__ import annotations

import threading
from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from tutor.gpu import GpuSampler, gpu_line, nvml


class GpuPanel(Static):
    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text(encoding="utf-8")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._sampler: GpuSampler | None = None
        self._following: tuple[tuple[str, ...], int | None] | None = None

    def follow(self, gpus: tuple[str, ...], pid: int | None, active: bool, lang: str) -> None:
        """Show the run on `gpus` (NVML ids; its child is `pid`) while it is `active`."""
        following = (gpus, pid) if active and gpus else None
        if following != self._following:
            self._stop()
            self._following = following
            if following is not None:
                self._sampler = GpuSampler(gpus, pid).start()
        readings = self._sampler.latest if self._sampler is not None else None
        text = gpu_line(readings, lang) if readings else ""
        if str(self.content) != text:
            self.update(Text(text))
        if self.display != bool(text):
            self.display = bool(text)

    def on_mount(self) -> None:
        # Opening NVML can take a second on a GPU whose driver is not kept loaded: done
        # here in a thread, so that the Options dialog's question (is there a GPU?) and
        # the first reading find it open.
        threading.Thread(target=nvml, name="nvml-open", daemon=True).start()

    def on_unmount(self) -> None:
        self._stop()

    def _stop(self) -> None:
        if self._sampler is not None:
            self._sampler.stop()
            self._sampler = None
