"""The training child's GPU set-up: which GPU (`--gpu N`), how much of its memory
(`--gpu-memory MB`, else growth on demand), mixed precision, and the peak memory a run used.

Everything here takes the `tensorflow` module from the child, which imports it; this module
imports neither TensorFlow nor Keras itself until a run asks for mixed precision.

GPUs are numbered as `nvidia-smi` numbers them: the child sets `CUDA_DEVICE_ORDER` to PCI
bus order before TensorFlow starts, so `--gpu 1` is the GPU a shared box's users call 1.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

from tutor.errors import TutorError
from tutor.training.protocol import (
    GPU_OPTION_WITHOUT_GPU,
    MIXED_PRECISION_GAINS_NOTHING,
    NO_SUCH_GPU,
    Error,
)

MIXED_PRECISION_CAPABILITY = (7, 0)
"""Tensor cores (Volta and later): below this, float16 is no faster and Keras warns."""
MIXED_POLICY = "mixed_float16"


class DeviceError(TutorError):
    """A device option the machine cannot honour, as one of the tutor's own messages."""

    def __init__(self, template: str, **values: str | int) -> None:
        self.error = Error.of(template, **values)
        super().__init__(self.error.message)


def choose_gpus(tf: Any, gpus: Sequence[Any], index: int | None) -> list[Any]:
    """The physical GPUs the run uses: GPU `index` alone (hiding the others from
    TensorFlow), or all of them."""
    if index is None:
        return list(gpus)
    if not gpus:
        raise DeviceError(GPU_OPTION_WITHOUT_GPU, option="--gpu")
    if index >= len(gpus):
        raise DeviceError(NO_SUCH_GPU, gpu=index, count=len(gpus))
    chosen = [gpus[index]]
    tf.config.set_visible_devices(chosen, "GPU")
    return chosen


def set_memory(tf: Any, gpus: Sequence[Any], cap_mb: int | None) -> None:
    """Memory on demand (several runs can share a GPU), or at most `cap_mb` on each GPU:
    one logical device with a memory limit. TensorFlow refuses both on one GPU."""
    if cap_mb is not None and not gpus:
        raise DeviceError(GPU_OPTION_WITHOUT_GPU, option="--gpu-memory")
    for gpu in gpus:
        with contextlib.suppress(RuntimeError, ValueError):  # already initialised
            if cap_mb is None:
                tf.config.experimental.set_memory_growth(gpu, True)
            else:
                limit = [tf.config.LogicalDeviceConfiguration(memory_limit=cap_mb)]
                tf.config.set_logical_device_configuration(gpu, limit)


def use_mixed_precision(tf: Any, gpus: Sequence[Any]) -> None:
    """Compute in float16 where the GPU gains from it (every GPU of compute capability 7.0
    or more), keeping each model's output layer in float32 as Keras advises; refused
    with one line on a CPU or an older GPU."""
    if not gpus:
        raise DeviceError(GPU_OPTION_WITHOUT_GPU, option="--mixed-precision")
    for gpu in gpus:
        details = _details(tf, gpu)
        capability = tuple(details.get("compute_capability") or (0, 0))
        if capability < MIXED_PRECISION_CAPABILITY:
            raise DeviceError(
                MIXED_PRECISION_GAINS_NOTHING,
                name=str(details.get("device_name") or "GPU"),
                capability=".".join(str(part) for part in capability),
            )
    import keras

    keras.mixed_precision.set_global_policy(MIXED_POLICY)
    original_compile = keras.Model.compile

    def compile(model: Any, *args: Any, **kwargs: Any) -> Any:
        keep_outputs_float32(model)
        return original_compile(model, *args, **kwargs)

    compile.__doc__ = original_compile.__doc__
    keras.Model.compile = compile


def keep_outputs_float32(model: Any) -> list[str]:
    """Make the layers that produce the model's outputs compute in float32 (a softmax in
    float16 can round a probability to 0 and the loss to infinity); their names.

    The scripts are the learner's plain Keras, which the tutor does not rewrite, so this
    runs as `compile` is called: the output layer's dtype policy changes, and Keras casts
    its float16 input on the way in. Variables stay float32 under mixed_float16 anyway.
    """
    changed = []
    for layer in output_layers(model):
        if getattr(layer, "compute_dtype", "float32") != "float32":
            layer.dtype_policy = "float32"
            changed.append(layer.name)
    return changed


def output_layers(model: Any) -> list[Any]:
    """The layers whose outputs are the model's (a functional model may have several);
    for a subclassed model, its last layer."""
    layers = []
    for tensor in getattr(model, "outputs", None) or []:
        history = getattr(tensor, "_keras_history", None)
        layer = getattr(history, "operation", None)
        if layer is not None and layer not in layers:
            layers.append(layer)
    if not layers and getattr(model, "layers", None):
        layers.append(model.layers[-1])
    return layers


def device_name(tf: Any, gpus: Sequence[Any]) -> str:
    """`CPU`, the GPU's name, or `2 x NAME`."""
    if not gpus:
        return "CPU"
    name = _details(tf, gpus[0]).get("device_name") or "GPU"
    return name if len(gpus) == 1 else f"{len(gpus)} x {name}"


def peak_memory_mb(tf: Any) -> float | None:
    """The most GPU memory TensorFlow held for tensors during the run, summed over its
    GPUs (what `--gpu-memory` must leave room for); None on a CPU."""
    total = None
    for index, _ in enumerate(tf.config.list_logical_devices("GPU")):
        with contextlib.suppress(Exception):
            peak = tf.config.experimental.get_memory_info(f"GPU:{index}")["peak"]
            total = (total or 0.0) + peak / (1024 * 1024)
    return round(total, 1) if total is not None else None


def _details(tf: Any, gpu: Any) -> dict[str, Any]:
    try:
        return dict(tf.config.experimental.get_device_details(gpu))
    except (RuntimeError, ValueError):
        return {}
