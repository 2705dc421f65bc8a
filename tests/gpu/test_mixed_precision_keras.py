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

    hidden_layers = [keras.layers.Dense(16, activation="relu"), keras.layers.Dense(4)]
    sequential = keras.Sequential(
        [keras.Input((8,)), hidden_layers[0], keras.layers.Dense(3, activation="softmax")]
    )
    inputs = keras.Input((8,))
    hidden = hidden_layers[1](inputs)
    functional = keras.Model(
        inputs, [keras.layers.Dense(2, activation="softmax")(hidden), keras.layers.Dense(1)(hidden)]
    )
    x = np.random.default_rng(0).random((32, 8), dtype="float32")
    for model, hidden_layer in zip((sequential, functional), hidden_layers, strict=True):
        outputs = gpu_devices.output_layers(model)
        assert len(outputs) == len(model.outputs)
        assert {layer.compute_dtype for layer in outputs} == {"float16"}  # built mixed
        model.compile(optimizer="adam", loss="mse")
        assert {layer.compute_dtype for layer in outputs} == {"float32"}
        assert hidden_layer.compute_dtype == "float16"  # the rest stays fast
        results = model(x)
        for result in results if isinstance(results, list) else [results]:
            assert result.dtype == "float32"
    sequential.fit(x, np.zeros((32, 3), "float32"), epochs=1, verbose=0)  # and it trains
