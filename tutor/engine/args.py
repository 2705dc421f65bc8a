"""Reading one layer's arguments with Keras' defaults: every bad value becomes an
EngineError that names the layer, so rules can assume clean numbers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NoReturn

from tutor.engine.catalog import UNSUPPORTED_UNLESS, accepted_keywords
from tutor.engine.errors import EngineError, Phrase, at_line
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
        for key, value in args.items():
            if key not in accepted_keywords(cls):
                self.fail("no_argument", cls=cls, key=key)
            if key in UNSUPPORTED_UNLESS and value not in UNSUPPORTED_UNLESS[key]:
                self.fail("arg_unsupported", key=key, value=capped_repr(value))

    def fail(self, key: str, /, **values: object) -> NoReturn:
        """Raise an EngineError for this layer: the source line if known, the layer, and
        the phrase `key` of the phrasebook."""
        text = Phrase("layer_label", name=self.name, cls=self.cls, text=Phrase(key, **values))
        raise EngineError(at_line(self.line, text))

    def has(self, key: str) -> bool:
        return key in self._args

    def _get(self, key: str, default: object) -> object:
        if key in self._args:
            return self._args[key]
        if default is _REQUIRED:
            self.fail("arg_required", key=key)
        return default

    def positive_int(self, key: str, default: object = _REQUIRED) -> int:
        """A strictly positive integer such as `units` or `filters` (bools are refused)."""
        value = self._get(key, default)
        if not _is_int(value) or value <= 0:
            self.fail("arg_positive_int", key=key, value=capped_repr(value))
        return value

    def int_tuple(
        self, key: str, rank: int, default: object = _REQUIRED, minimum: int = 1
    ) -> tuple[int, ...]:
        """`kernel_size`-style: one int for every axis, or a tuple of `rank` of them, each at
        least `minimum` (0 for paddings and crops)."""
        value = self._get(key, default)
        values = (value,) * rank if _is_int(value) else value
        if (
            not isinstance(values, tuple)
            or len(values) != rank
            or not all(_is_int(v) and v >= minimum for v in values)
        ):
            kind = "positive" if minimum > 0 else "non_negative"
            suffix = "_or_tuple" if rank > 1 else ""
            self.fail(f"arg_{kind}_int{suffix}", key=key, rank=rank, value=capped_repr(value))
        return values

    def pairs(self, key: str, rank: int, default: object) -> tuple[tuple[int, int], ...]:
        """ZeroPadding/Cropping: an int for every side, `rank` ints (the same on both sides of
        each axis), or `rank` pairs (before, after)."""
        value = self._get(key, default)
        if _is_int(value) and value >= 0:
            return ((value, value),) * rank
        if isinstance(value, tuple) and len(value) == rank:
            result = []
            for item in value:
                if _is_int(item) and item >= 0:
                    result.append((item, item))
                elif (
                    isinstance(item, tuple)
                    and len(item) == 2
                    and all(_is_int(v) and v >= 0 for v in item)
                ):
                    result.append(item)
                else:
                    break
            else:
                return tuple(result)
        self.fail("arg_pairs", key=key, rank=rank, value=capped_repr(value))

    def flag(self, key: str, default: bool) -> bool:
        """A True/False switch such as `use_bias` or `return_sequences`."""
        value = self._get(key, default)
        if not isinstance(value, bool):
            self.fail("arg_flag", key=key, value=capped_repr(value))
        return value

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        """One of a few strings; case-insensitive like Keras' `padding`."""
        value = self._get(key, default)
        if not isinstance(value, str) or value.lower() not in options:
            listed = ", ".join(repr(option) for option in options)
            self.fail("arg_choice", key=key, options=listed, value=capped_repr(value))
        return value.lower()

    def fraction(self, key: str, default: object = _REQUIRED) -> float:
        """A rate between 0 and 1 inclusive, as Keras' Dropout checks it."""
        value = self._get(key, default)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
            self.fail("arg_fraction", key=key, value=capped_repr(value))
        return value

    def integer(self, key: str, default: object) -> int:
        """Any integer, such as a BatchNormalization `axis`."""
        value = self._get(key, default)
        if not _is_int(value):
            self.fail("arg_integer", key=key, value=capped_repr(value))
        return value

    def raw(self, key: str, default: object = None) -> object:
        """The value as written, for rules that check it themselves."""
        return self._get(key, default)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
