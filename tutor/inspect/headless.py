"""`dltutor inspect RUN --json` and `dltutor predict RUN --input FILE`: the same child and
the same numbers as the Inspect screen, as one JSON object for scripts and tests."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Any

import numpy as np

from tutor.inspect.client import InferenceChild
from tutor.inspect.drawing import as_model_input, read_png
from tutor.inspect.protocol import class_probabilities
from tutor.inspect.saved import InspectError, Inspection, load_inspection
from tutor.safeio import read_bytes

MAX_NPY_BYTES = 64 << 20


def inspect_record(run_dir: Path, sample: int) -> dict[str, Any]:
    """One saved sample through the model: its label, probabilities and every layer's
    output shape with the min, max and mean of its output."""
    saved = load_inspection(run_dir)
    if not 0 <= sample < len(saved.inputs):
        raise InspectError(f"no sample {sample}: {run_dir.name} keeps 0 to {len(saved.inputs) - 1}")

    async def ask(child: InferenceChild) -> tuple[np.ndarray, list[list[float | None]]]:
        outputs = await child.outputs(sample=sample)
        stats, _ = await child.layer_outputs([], sample=sample)
        return outputs, stats

    ready, (outputs, stats) = _with_child(run_dir, ask)
    probabilities, predicted = class_probabilities(outputs[0], saved.task)
    label = saved.labels[sample]
    return {
        **_about(saved),
        "sample": sample,
        "label": int(label) if saved.task == "classification" else float(label),
        "classes": _classes(saved),
        "probabilities": probabilities or None,
        "predicted": predicted,
        "layers": [
            {
                "name": layer["name"],
                "class": layer["class"],
                "output_shape": layer["output_shape"],
                "min": low,
                "max": high,
                "mean": mean,
            }
            for layer, (low, high, mean) in zip(ready, stats, strict=True)
        ],
    }


def predict_record(run_dir: Path, file: Path) -> dict[str, Any]:
    """The model's answer for the input in `file` (.npy, or a PNG for the pad's models)."""
    saved = load_inspection(run_dir)
    given = model_input(saved, file)

    async def ask(child: InferenceChild) -> np.ndarray:
        return await child.outputs(input=given)

    _, outputs = _with_child(run_dir, ask)
    probabilities, predicted = class_probabilities(outputs[0], saved.task)
    return {
        **_about(saved),
        "classes": _classes(saved),
        "probabilities": probabilities or None,
        "predicted": predicted,
    }


def model_input(saved: Inspection, file: Path) -> np.ndarray:
    """The input in `file`, checked against the model's input shape."""
    wanted = saved.input_shape
    if file.suffix.lower() == ".png":
        if not saved.can_draw:
            raise InspectError(
                f"a PNG is read only for models of 28x28 digits or clothes; "
                f"give a .npy of shape {wanted}"
            )
        return as_model_input(read_png(file), saved.drawing_box).reshape(wanted)
    try:
        array = np.load(io.BytesIO(read_bytes(file, MAX_NPY_BYTES)), allow_pickle=False)
    except (ValueError, OSError, EOFError) as error:
        raise InspectError(f"{file} is not a .npy array ({error})") from None
    if not isinstance(array, np.ndarray) or array.dtype.kind not in "biuf":
        raise InspectError(f"{file} must hold one numeric array")
    if tuple(array.shape) != wanted:
        raise InspectError(
            f"input of the wrong shape: {tuple(array.shape)} given, {wanted} wanted"
        )
    return array.astype(saved.inputs.dtype)


def _about(saved: Inspection) -> dict[str, Any]:
    return {
        "run": str(saved.run_dir),
        "exercise": saved.exercise,
        "dataset": saved.dataset_text or saved.dataset,
        "stand_in": saved.stand_in,
    }


def _classes(saved: Inspection) -> list[str] | None:
    return list(saved.classes) if saved.task == "classification" and saved.classes else None


def _with_child(run_dir: Path, ask: Any) -> tuple[Any, Any]:
    """(Keras' layers, what `ask` returned) from a child started for this one question."""

    async def run() -> tuple[Any, Any]:
        child = InferenceChild(run_dir)
        try:
            ready = await child.start()
            return ready.layers, await ask(child)
        finally:
            await child.wait_closed()

    return asyncio.run(run())
