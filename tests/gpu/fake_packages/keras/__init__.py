"""A stand-in for Keras beside the stand-in TensorFlow: only what the training child's
hooks patch (`Model.fit`, `Model.evaluate`, `callbacks.Callback`) and the mixed-precision
policy; no model here ever trains."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

__version__ = "3.15.1"
_policy = {"name": "float32"}


class Callback:
    def __init__(self) -> None:
        self.params: dict[str, Any] = {}
        self.model: Any = None


class Model:
    def fit(self, x: Any = None, y: Any = None, batch_size: Any = None, epochs: int = 1,
            verbose: Any = "auto", callbacks: Any = None, validation_split: float = 0.0,
            validation_data: Any = None) -> Any:  # fmt: skip
        return None

    def evaluate(self, x: Any = None, y: Any = None, batch_size: Any = None,
                 verbose: Any = "auto", callbacks: Any = None) -> Any:  # fmt: skip
        return None

    def compile(self, *args: Any, **kwargs: Any) -> None:
        return None


callbacks = SimpleNamespace(Callback=Callback)
mixed_precision = SimpleNamespace(
    set_global_policy=lambda name: _policy.__setitem__("name", name),
    global_policy=lambda: _policy["name"],
)
