"""Mixed precision with the real Keras: the learner's plain script builds its model under
mixed_float16, and the child's hook on `compile` keeps the output layers in float32 (as
Keras advises: a float16 softmax can round a probability to 0) while the rest computes in
float16. The policy itself needs no GPU, so this runs here; the GPU's speed-up does not."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from tutor.training import gpu_devices

pytestmark = pytest.mark.tensorflow


@pytest.fixture
def mixed_precision() -> Iterator[None]:
    import keras

    original = keras.Model.compile
    h200 = SimpleNamespace(
        config=SimpleNamespace(
            experimental=SimpleNamespace(
                get_device_details=lambda gpu: {"device_name": "H200", "compute_capability": (9, 0)}
            )
        )
    )
    gpu_devices.use_mixed_precision(h200, ["GPU:0"])
    try:
        yield
    finally:
        keras.Model.compile = original
        keras.mixed_precision.set_global_policy("float32")


def test_compile_keeps_the_output_layers_in_float32(mixed_precision: None) -> None:
    import keras
    import numpy as np

    sequential = keras.Sequential(
        [keras.Input((8,)), keras.layers.Dense(16, activation="relu"),
         keras.layers.Dense(3, activation="softmax")]
    )  # fmt: skip
    inputs = keras.Input((8,))
    hidden = keras.layers.Dense(4, activation="relu")(inputs)
    functional = keras.Model(
        inputs, [keras.layers.Dense(2, activation="softmax")(hidden), keras.layers.Dense(1)(hidden)]
    )
    x = np.random.default_rng(0).random((32, 8), dtype="float32")
    for model in (sequential, functional):
        assert model.layers[1].compute_dtype == "float16"  # built under mixed_float16
        model.compile(optimizer="adam", loss="mse")
        assert [layer.compute_dtype for layer in gpu_devices.output_layers(model)] == [
            "float32"
        ] * len(model.outputs)
        assert model.layers[1].compute_dtype == "float16"  # the rest stays fast
        outputs = model(x)
        for output in outputs if isinstance(outputs, list) else [outputs]:
            assert output.dtype == "float32"
    sequential.fit(x, np.zeros((32, 3), "float32"), epochs=1, verbose=0)  # and it trains
