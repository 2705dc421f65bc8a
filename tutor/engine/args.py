"""Reading one layer's arguments with Keras' defaults: every bad value becomes an
EngineError that names the layer, so rules can assume clean numbers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NoReturn

from tutor.engine.catalog import UNSUPPORTED_UNLESS, accepted_keywords
from tutor.engine.errors import EngineError
from tutor.engine.limits import capped_repr

_REQUIRED = object()


class LayerArgs:
    """One layer's name, class and arguments, with typed readers that fail with a message."""

    def __init__(
        self,
        name: str,
        cls: str,
        args: Mapping[str, object],
        line: int | None,
        wrapped: LayerArgs | None = None,
    ) -> None:
        self.name = name
        self.cls = cls
        self.line = line
        self.wrapped = wrapped
        self._args = args
        self.label = f"{name} ({cls})"
        for key, value in args.items():
            if key not in accepted_keywords(cls):
                self.fail(f"{cls} has no argument {key}=")
            if key in UNSUPPORTED_UNLESS and value not in UNSUPPORTED_UNLESS[key]:
                self.fail(f"{key}={capped_repr(value)} is not supported by the tutor")

    def fail(self, message: str) -> NoReturn:
        """Raise an EngineError for this layer, prefixed with the source line if known."""
        where = f"line {self.line}: " if self.line is not None else ""
        raise EngineError(f"{where}{self.label}: {message}")

    def _get(self, key: str, default: object) -> object:
        if key in self._args:
            return self._args[key]
        if default is _REQUIRED:
            self.fail(f"{key} is required")
        return default

    def positive_int(self, key: str, default: object = _REQUIRED) -> int:
        """A strictly positive integer such as `units` or `filters` (bools are refused)."""
        value = self._get(key, default)
        if not _is_int(value) or value <= 0:
            self.fail(f"{key} must be a positive integer (got {capped_repr(value)})")
        return value

    def int_tuple(self, key: str, rank: int, default: object = _REQUIRED) -> tuple[int, ...]:
        """`kernel_size`-style: one positive int for every axis, or a tuple of `rank` of them."""
        value = self._get(key, default)
        values = (value,) * rank if _is_int(value) else value
        if (
            not isinstance(values, tuple)
            or len(values) != rank
            or not all(_is_int(v) and v > 0 for v in values)
        ):
            expected = "a positive integer" + (f" or a tuple of {rank}" if rank > 1 else "")
            self.fail(f"{key} must be {expected} (got {capped_repr(value)})")
        return values

    def flag(self, key: str, default: bool) -> bool:
        """A True/False switch such as `use_bias` or `return_sequences`."""
        value = self._get(key, default)
        if not isinstance(value, bool):
            self.fail(f"{key} must be True or False (got {capped_repr(value)})")
        return value

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        """One of a few strings; case-insensitive like Keras' `padding`."""
        value = self._get(key, default)
        if not isinstance(value, str) or value.lower() not in options:
            listed = ", ".join(repr(option) for option in options)
            self.fail(f"{key} must be one of {listed} (got {capped_repr(value)})")
        return value.lower()

    def fraction(self, key: str) -> float:
        """A rate between 0 and 1 inclusive, as Keras' Dropout checks it."""
        value = self._get(key, _REQUIRED)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
            self.fail(f"{key} must be a number from 0 to 1 (got {capped_repr(value)})")
        return value

    def integer(self, key: str, default: int) -> int:
        """Any integer, such as a BatchNormalization `axis`."""
        value = self._get(key, default)
        if not _is_int(value):
            self.fail(f"{key} must be an integer (got {capped_repr(value)})")
        return value

    def raw(self, key: str, default: object = None) -> object:
        """The value as written, for rules that check it themselves."""
        return self._get(key, default)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
