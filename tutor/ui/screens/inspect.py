"""The Inspect screen: look inside a trained network, one test sample at a time.

Four views (1-4, or v): the sample with the model's probability for every class and each
layer's output shape, parameters and range for it; the feature maps of every layer for
that sample; the most confident mistakes with per-class accuracy and the confusion
matrix; the first layer's weights (a CNN's filters, a Dense layer's weights per unit).
`d` opens the drawing pad (digits and clothes), `t` a box to type a text (IMDB, Reuters).

The model lives in an inference child (`tutor.inspect.client`), started when the screen
opens and killed when it closes: TensorFlow never enters the app. The saved samples are
read in a thread, so the first picture is on screen before the model has even loaded;
questions to the child are asked from async workers, and an answer that comes after the
learner has moved on is dropped (`exclusive` workers, answers matched by id).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, Static
from textual.worker import get_current_worker

from tutor.errors import TutorError
from tutor.i18n import translate
from tutor.inspect.client import InferenceChild
from tutor.inspect.files import inspect_problem
from tutor.inspect.layers import LayerRow, layer_rows
from tutor.inspect.protocol import class_probabilities
from tutor.inspect.saved import Inspection, load_inspection
from tutor.inspect.text import decode
from tutor.training.report import data_text
from tutor.ui.screens import inspect_views as views
from tutor.ui.screens.base import TutorScreen
from tutor.ui.widgets.feature_maps import FeatureMaps
from tutor.ui.widgets.footer import KeyFooter
from tutor.ui.widgets.picture import Picture, plain
from tutor.ui.widgets.probability_bars import ProbabilityBars

ChildFactory = Callable[[Path], Any]
VIEWS = ("sample", "layers", "mistakes", "weights")
VIEW_NAMES = {"sample": "Sample", "layers": "Layers", "mistakes": "Mistakes", "weights": "Weights"}


def _pages_caption(lang: str) -> Callable[[int, int, int], str]:
    """The line above a page of maps, mistakes or weights: which are shown, and how to
    see the others."""
    line = translate("{first}-{last} of {count} (PgUp PgDn)", lang)
    return lambda first, last, count: line.format(first=first, last=last, count=count)


class Scroll(VerticalScroll, can_focus=False):
    """A scrolling pane that never takes the focus: the arrows belong to the screen
    (samples and layers), and PageUp/PageDown scroll it from there."""


class InspectScreen(TutorScreen, Screen[None]):
    CSS_PATH = "inspect.tcss"
    BINDINGS = [
        Binding("escape,b", "back", "Back"),
        Binding("right,n", "sample(1)", "Next", tooltip="Next sample (in Mistakes: next mistake)"),
        Binding("left,p", "sample(-1)", "Previous sample", show=False),
        Binding("down,j", "layer(1)", "Layer", tooltip="Next layer"),
        Binding("up,k", "layer(-1)", "Previous layer", show=False),
        Binding("v", "next_view", "View", tooltip="Next view: sample, layers, mistakes, weights"),
        Binding("1", "view('sample')", "Sample and probabilities", show=False),
        Binding("2", "view('layers')", "Feature maps of each layer", show=False),
        Binding("3", "view('mistakes')", "Most confident mistakes", show=False),
        Binding("4", "view('weights')", "First layer's weights", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("d", "draw", "Draw", tooltip="Draw a digit or a piece of clothing"),
        Binding("t", "type_text", "Type", tooltip="Type your own text"),
    ]

    def __init__(
        self, run_dir: Path, *, sample: int = 0, child_factory: ChildFactory | None = None
    ) -> None:
        super().__init__()
        self.run_dir = Path(run_dir)
        self.sample = sample
        self.view = "sample"
        self.chosen_layer = 0
        self.saved: Inspection | None = None
        self.rows: list[LayerRow] = []
        self.outputs: np.ndarray | None = None
        """The model's outputs for every saved sample, once it has loaded."""
        self.stats: list[list[float | None]] | None = None
        self.problem: str | None = None
        self.child_factory: ChildFactory = child_factory or InferenceChild
        self.child: Any = None
        self._layer_maps: dict[int, np.ndarray] = {}
        self._kernel: tuple[int, np.ndarray] | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(id="about")
        yield Static(id="views")
        with ContentSwitcher(id="panes", initial="sample"):
            with Vertical(id="sample"):
                with Horizontal(id="sample-row"):
                    yield Picture(id="picture")
                    with Scroll(id="sample-text"):
                        yield Static(id="words")
                    yield ProbabilityBars(id="bars")
                with Scroll(id="layer-list"):
                    yield Static(id="layer-table")
            with Vertical(id="layers"):
                yield Static(id="layer-title")
                yield FeatureMaps(id="maps")
            with Vertical(id="mistakes"):
                yield FeatureMaps(id="gallery")
                with Scroll(id="mistake-text"):
                    yield Static(id="mistake-lines")
                with Scroll(id="accuracy"):
                    yield Static(id="accuracy-table")
            with Vertical(id="weights"):
                yield Static(id="weights-title")
                yield FeatureMaps(id="weight-maps")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._read_saved()

    def on_unmount(self) -> None:
        if self.child is not None:
            self.child.close()  # at once: nothing of the model outlives the screen

    # --- loading ---------------------------------------------------------------------------

    @work(thread=True, group="inspect-read")
    def _read_saved(self) -> None:
        """The saved samples and the engine's layer labels, off the UI thread."""
        try:
            saved = load_inspection(self.run_dir)
        except TutorError as error:
            self.app.call_from_thread(self._cannot, str(error))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._have_saved, saved)

    def _cannot(self, problem: str) -> None:
        if not self.is_attached:
            return
        self.problem = problem
        self.add_class("cannot")
        self.refresh_bindings()
        self.show_language(self.tutor.lang)

    def _have_saved(self, saved: Inspection) -> None:
        if not self.is_attached:
            return  # closed before its samples were read: no child to start
        self.saved = saved
        self.sample = min(self.sample, len(saved.inputs) - 1)
        self.set_class(saved.kind == "image", "image")
        self.set_class(saved.kind == "text", "text")
        self.set_class(saved.kind == "table", "table")
        self.refresh_bindings()
        self.show_language(self.tutor.lang)  # the first picture, before the model loads
        self._start_child()

    @work(group="inspect-child")
    async def _start_child(self) -> None:
        assert self.saved is not None
        self.child = self.child_factory(self.run_dir)
        try:
            ready = await self.child.start()
            self.rows = layer_rows(ready.layers, self.saved.source)
            self.outputs = await self.child.outputs(all=True)
        except TutorError as error:
            if not self.is_attached:
                return  # closed meanwhile (which is why the child stopped)
            self.problem = str(error)
            self.add_class("cannot")
            self.refresh_bindings()
            self.show_language(self.tutor.lang)
            return
        if self.is_attached:  # the learner may have left while the model loaded
            self.show_language(self.tutor.lang)
            self._ask_layers()

    @work(exclusive=True, group="inspect-layers")
    async def _ask_layers(self) -> None:
        """This sample's range through every layer, and the maps of the chosen layer."""
        if self.child is None or self.outputs is None:
            return
        wanted = [self.chosen_layer] if self.view == "layers" else []
        try:
            stats, maps = await self.child.layer_outputs(wanted, sample=self.sample)
        except TutorError as error:
            if self.is_attached:
                self.notify(str(error), severity="error", timeout=8)
            return
        if not self.is_attached:
            return
        self.stats = stats
        self._layer_maps = maps
        self._show_layers(self.tutor.lang)

    @work(exclusive=True, group="inspect-weights")
    async def _ask_weights(self) -> None:
        index = self.weights_layer()
        if self.child is None or index is None or (self._kernel and self._kernel[0] == index):
            return
        try:
            self._kernel = (index, await self.child.kernel(index))
        except TutorError as error:
            if self.is_attached:
                self.notify(str(error), severity="error", timeout=8)
            return
        if self.is_attached:
            self._show_weights(self.tutor.lang)

    # --- drawing -------------------------------------------------------------------------

    def show_language(self, lang: str) -> None:
        self.title = translate("Inspect", lang) + (f": {self.saved.exercise}" if self.saved else "")
        self.sub_title = self.run_dir.name
        about = self.query_one("#about", Static)
        if self.problem is not None:
            about.update(Text(self._problem_text(lang)))
            return
        if self.saved is None:
            about.update(Text(translate("Reading the run...", lang)))
            return
        about.update(self._about(lang))
        self._show_views(lang)
        self._show_sample(lang)
        self._show_layers(lang)
        self._show_mistakes(lang)
        self._show_weights(lang)

    def _problem_text(self, lang: str) -> str:
        """Why there is nothing to see, in `lang`: a run from before Inspect, a missing
        model, or a model the child could not load (its error as TensorFlow said it)."""
        missing = inspect_problem(self.run_dir, lang)
        if missing is not None:
            return missing
        if self.saved is None:
            return str(self.problem)
        line = translate("The model could not be loaded: {error}", lang)
        return line.format(error=self.problem)

    def _about(self, lang: str) -> Text:
        saved = self.saved
        assert saved is not None
        text = Text()
        count = len(saved.inputs)
        text.append(f"{translate('Sample', lang)} {self.sample + 1}/{count}", style="bold")
        label = saved.labels[self.sample]
        if saved.task == "classification":
            text.append(f" · {translate('true', lang)}: {saved.class_name(int(label))}")
        else:
            text.append(f" · {translate('true', lang)}: {float(label):.4g}")
        if self.outputs is None:
            text.append(" · " + translate("loading the model...", lang), style="dim")
        else:
            probabilities, predicted = class_probabilities(self.outputs[self.sample], saved.task)
            if probabilities:
                right = predicted == int(label)
                name = saved.class_name(int(predicted))
                text.append(f" · {translate('predicted', lang)}: {name}")
                text.append(f" ({probabilities[int(predicted)]:.1%}) ")
                text.append("✓" if right else "✗", style="bold green" if right else "bold red")
            else:
                text.append(f" · {translate('predicted', lang)}: {float(predicted):.4g}")
        data = data_text(saved.dataset_text or "", saved.stand_in, saved.dataset, lang)
        text.append(f"\n{translate('Data', lang)}: {data}", style="dim")
        return text

    def _show_views(self, lang: str) -> None:
        text = Text()
        for number, name in enumerate(VIEWS, 1):
            if not self._has_view(name):
                continue
            label = f" {number} {translate(VIEW_NAMES[name], lang)} "
            text.append(label, style="reverse" if name == self.view else "")
        self.query_one("#views", Static).update(text)
        self.query_one("#panes", ContentSwitcher).current = self.view

    def _has_view(self, name: str) -> bool:
        saved = self.saved
        if saved is None:
            return name == "sample"
        if name == "mistakes":
            return saved.task == "classification"
        if name == "weights":
            return saved.kind != "text"
        return True

    def _show_sample(self, lang: str) -> None:
        saved = self.saved
        assert saved is not None
        picture = self.query_one("#picture", Picture)
        words = self.query_one("#words", Static)
        if saved.kind == "image":
            picture.show(views.scaled(saved.image(self.sample)) if saved.image_shape else None)
        elif saved.kind == "text":
            tokens = decode(saved.inputs[self.sample], saved.vocabulary)
            hint = "" if saved.vocabulary else translate(
                "(generated stand-in: word ids, no words)", lang
            )
            words.update(views.tokens_text(tokens).append(f"\n{hint}" if hint else "", style="dim"))
        else:
            words.update(views.features_text(saved.inputs[self.sample]))
        bars = self.query_one("#bars", ProbabilityBars)
        if self.outputs is None or saved.task != "classification":
            bars.clear()
        else:
            probabilities, _ = class_probabilities(self.outputs[self.sample], saved.task)
            names = [saved.class_name(index) for index in range(len(probabilities))]
            bars.show(names, probabilities, true=int(saved.labels[self.sample]))

    def _show_layers(self, lang: str) -> None:
        if self.saved is None:
            return
        table = self.query_one("#layer-table", Static)
        if not self.rows:
            table.update(translate("loading the model...", lang))
        else:
            chosen = self.chosen_layer if self.view == "layers" else None
            table.update(views.layer_table(self.rows, self.stats, chosen, lang))
        title = self.query_one("#layer-title", Static)
        maps = self.query_one("#maps", FeatureMaps)
        if not self.rows:
            title.update(translate("loading the model...", lang))
            return
        row = self.rows[self.chosen_layer]
        number = f"{self.chosen_layer + 1}/{len(self.rows)}"
        line = Text(f"{translate('Layer', lang)} {number}: ", style="bold")
        params = f"{row.params:,} {translate('params', lang)}"
        line.append(f"{row.name} ({row.cls})  {row.shape_text()}  {params}")
        output = self._layer_maps.get(self.chosen_layer)
        if output is not None:
            maps.caption = _pages_caption(lang)
            maps.show(views.map_items(output, plain=plain(self)), keep_page=True)
        title.update(line)

    def _show_mistakes(self, lang: str) -> None:
        saved = self.saved
        if saved is None or saved.task != "classification":
            return
        self.query_one("#accuracy-table", Static).update(views.accuracy_table(saved, lang))
        if self.outputs is None:
            return
        if saved.kind == "image":
            gallery = self.query_one("#gallery", FeatureMaps)
            items = views.mistake_items(saved, self.outputs, plain=plain(self))
            gallery.caption = _pages_caption(lang)
            gallery.show(items, keep_page=True)
        else:
            lines = views.mistake_lines(saved, self.outputs, lang)
            self.query_one("#mistake-lines", Static).update(lines)

    def weights_layer(self) -> int | None:
        """The layer whose weights are shown: the first convolution, else the first Dense."""
        for kinds in (("Conv",), ("Dense",)):
            for index, row in enumerate(self.rows):
                if row.cls.startswith(kinds) and row.params:
                    return index
        return None

    def _show_weights(self, lang: str) -> None:
        saved = self.saved
        title = self.query_one("#weights-title", Static)
        index = self.weights_layer()
        if saved is None or index is None:
            title.update(translate("loading the model...", lang) if not self.rows else "")
            return
        row = self.rows[index]
        params = f"{row.params:,} {translate('params', lang)}"
        line = Text(f"{row.name} ({row.cls})  {params}", style="bold")
        line.append("\n" + translate("blue: negative weight, orange: positive", lang), style="dim")
        title.update(line)
        if self._kernel is None or self._kernel[0] != index:
            return
        kernel = self._kernel[1]
        grid = self.query_one("#weight-maps", FeatureMaps)
        if kernel.ndim == 4:
            items = views.filter_items(kernel, plain=plain(self))
        elif kernel.ndim == 2 and saved.kind == "image" and saved.image_shape is not None:
            items = views.unit_items(kernel, saved.image_shape, plain=plain(self))
        else:
            items = views.matrix_item(kernel, plain=plain(self))
        grid.caption = _pages_caption(lang)
        grid.show(items, keep_page=True)

    # --- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that do something for this run and view are shown."""
        saved = self.saved
        if action == "back":
            return True
        if saved is None or self.problem is not None:
            return False
        if action == "draw":
            return saved.can_draw
        if action == "type_text":
            return saved.kind == "text"
        if action == "layer":
            return self.view in ("sample", "layers")
        if action == "view":
            return self._has_view(str(parameters[0]))
        return True

    def action_back(self) -> None:
        self.dismiss()

    def action_sample(self, step: int) -> None:
        saved = self.saved
        if saved is None:
            return
        if self.view == "mistakes" and saved.mistakes:
            order = list(saved.mistakes)
            place = order.index(self.sample) + step if self.sample in order else 0
            self.sample = order[place % len(order)]
            if saved.kind == "image":
                self.query_one("#gallery", FeatureMaps).show_item(place % len(order))
        else:
            self.sample = (self.sample + step) % len(saved.inputs)
        self._layer_maps = {}
        self.show_language(self.tutor.lang)
        self._ask_layers()

    def action_layer(self, step: int) -> None:
        if not self.rows:
            return
        self.chosen_layer = (self.chosen_layer + step) % len(self.rows)
        self.query_one("#maps", FeatureMaps).show([])  # a new layer starts at its first page
        self._show_layers(self.tutor.lang)
        self._ask_layers()

    def action_view(self, name: str) -> None:
        self.view = name
        self._show_views(self.tutor.lang)
        self.refresh_bindings()
        if name == "layers":
            self._ask_layers()
        if name == "weights":
            self._ask_weights()
        if name == "mistakes" and self.saved is not None and self.saved.mistakes:
            self.action_sample(0)

    def action_next_view(self) -> None:
        shown = [name for name in VIEWS if self._has_view(name)]
        self.action_view(shown[(shown.index(self.view) + 1) % len(shown)])

    def action_page(self, pages: int) -> None:
        grid = {"layers": "#maps", "mistakes": "#gallery", "weights": "#weight-maps"}.get(self.view)
        if grid is not None:
            self.query_one(grid, FeatureMaps).turn(pages)
            self._show_layers(self.tutor.lang)
        else:
            scroll = self.query_one("#layer-list", Scroll)
            scroll.scroll_relative(y=pages * max(1, scroll.size.height - 1), animate=False)

    def action_draw(self) -> None:
        from tutor.ui.screens.inspect_pad import InspectPadScreen

        if self.saved is not None:
            self.app.push_screen(InspectPadScreen(self))

    def action_type_text(self) -> None:
        from tutor.ui.screens.inspect_text import InspectTextScreen

        if self.saved is not None:
            self.app.push_screen(InspectTextScreen(self))
