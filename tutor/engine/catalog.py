"""What the tutor knows about each supported Keras 3 layer class, copied from Keras 3.15's
signatures: so the parser maps positional arguments and rejects typos the way Keras does."""

from __future__ import annotations

import re

_CONV = (
    "filters kernel_size strides padding data_format dilation_rate groups activation "
    "use_bias kernel_initializer bias_initializer kernel_regularizer bias_regularizer "
    "activity_regularizer kernel_constraint bias_constraint"
)
_POOL = "pool_size strides padding data_format name"
_GLOBAL_POOL = "data_format keepdims"
_RNN_TAIL = "return_sequences return_state go_backwards stateful unroll"
_FILL = "fill_mode interpolation seed fill_value data_format"

# Positional-or-keyword parameters of each class, in Keras' order.
POSITIONAL: dict[str, tuple[str, ...]] = {
    name: tuple(params.split())
    for name, params in {
        "Dense": "units activation use_bias kernel_initializer bias_initializer "
        "kernel_regularizer bias_regularizer activity_regularizer kernel_constraint "
        "bias_constraint lora_rank lora_alpha quantization_config",
        "Conv1D": _CONV,
        "Conv2D": _CONV,
        "MaxPooling1D": _POOL,
        "MaxPooling2D": _POOL,
        "AveragePooling1D": _POOL,
        "AveragePooling2D": _POOL,
        "GlobalAveragePooling1D": _GLOBAL_POOL,
        "GlobalAveragePooling2D": _GLOBAL_POOL,
        "GlobalMaxPooling1D": _GLOBAL_POOL,
        "GlobalMaxPooling2D": _GLOBAL_POOL,
        "Flatten": "data_format",
        "Dropout": "rate noise_shape seed",
        "BatchNormalization": "axis momentum epsilon center scale beta_initializer "
        "gamma_initializer moving_mean_initializer moving_variance_initializer "
        "beta_regularizer gamma_regularizer beta_constraint gamma_constraint renorm "
        "renorm_clipping renorm_momentum synchronized",
        "Activation": "activation",
        "Reshape": "target_shape",
        "Embedding": "input_dim output_dim embeddings_initializer embeddings_regularizer "
        "embeddings_constraint mask_zero weights lora_rank lora_alpha quantization_config",
        "SimpleRNN": "units activation use_bias kernel_initializer recurrent_initializer "
        "bias_initializer kernel_regularizer recurrent_regularizer bias_regularizer "
        "activity_regularizer kernel_constraint recurrent_constraint bias_constraint "
        f"dropout recurrent_dropout {_RNN_TAIL} seed",
        "LSTM": "units activation recurrent_activation use_bias kernel_initializer "
        "recurrent_initializer bias_initializer unit_forget_bias kernel_regularizer "
        "recurrent_regularizer bias_regularizer activity_regularizer kernel_constraint "
        f"recurrent_constraint bias_constraint dropout recurrent_dropout seed {_RNN_TAIL} "
        "use_cudnn",
        "GRU": "units activation recurrent_activation use_bias kernel_initializer "
        "recurrent_initializer bias_initializer kernel_regularizer recurrent_regularizer "
        "bias_regularizer activity_regularizer kernel_constraint recurrent_constraint "
        f"bias_constraint dropout recurrent_dropout seed {_RNN_TAIL} reset_after use_cudnn",
        "Bidirectional": "layer merge_mode weights backward_layer",
        "Rescaling": "scale offset",
        "RandomFlip": "mode seed data_format",
        "RandomRotation": f"factor {_FILL}",
        "RandomZoom": f"height_factor width_factor {_FILL}",
        "RandomTranslation": f"height_factor width_factor {_FILL}",
        "RandomContrast": "factor value_range seed",
        **dict.fromkeys(("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"), ""),
        "Concatenate": "axis",
        "Dot": "axes normalize",
    }.items()
}

INPUT_POSITIONAL = ("shape", "batch_size", "dtype", "sparse", "ragged", "batch_shape", "name")
"""`keras.Input` and `InputLayer` (whose legacy `input_shape=` the parser also accepts)."""

# Keyword arguments every layer takes through `keras.layers.Layer.__init__`.
_BASE_KEYWORDS = ("activity_regularizer", "trainable", "dtype", "autocast", "name")
_RNN_KEYWORDS = ("zero_output_for_mask",)
RECURRENT = ("SimpleRNN", "LSTM", "GRU")

ALIASES = {
    "MaxPool1D": "MaxPooling1D",
    "MaxPool2D": "MaxPooling2D",
    "AvgPool1D": "AveragePooling1D",
    "AvgPool2D": "AveragePooling2D",
    "GlobalAvgPool1D": "GlobalAveragePooling1D",
    "GlobalAvgPool2D": "GlobalAveragePooling2D",
    "GlobalMaxPool1D": "GlobalMaxPooling1D",
    "GlobalMaxPool2D": "GlobalMaxPooling2D",
    "Convolution1D": "Conv1D",
    "Convolution2D": "Conv2D",
}
INPUT_CLASSES = ("Input", "InputLayer")

# How many leading arguments modern Keras code writes positionally (`Conv2D(32, 3)`).
USUALLY_POSITIONAL = {
    "Dense": 1,
    "Conv1D": 2,
    "Conv2D": 2,
    "Dropout": 1,
    "Activation": 1,
    "Reshape": 1,
    "Embedding": 2,
    "Bidirectional": 1,
    "Rescaling": 1,
    "RandomRotation": 1,
    "RandomZoom": 1,
    "RandomTranslation": 2,
    "RandomContrast": 1,
    **dict.fromkeys(RECURRENT, 1),
    **{name: 1 for name in POSITIONAL if "Pooling" in name and "Global" not in name},
}

SHAPE_ARGUMENTS = frozenset(
    "units filters kernel_size strides padding data_format dilation_rate groups use_bias "  # noqa: SIM905
    "pool_size keepdims rate axis center scale target_shape input_dim output_dim "
    "return_sequences return_state reset_after merge_mode name trainable lora_rank "
    "quantization_config renorm stateful shape batch_shape input_shape input_length "
    "batch_input_shape".split()
)
"""Arguments that change a shape, a parameter count or a name: their values must be
literals the parser can read without running anything."""

UNSUPPORTED_UNLESS = {
    "lora_rank": (None,),
    "quantization_config": (None,),
    "renorm": (False,),
    "return_state": (False,),
    "stateful": (False,),
    "backward_layer": (None,),
    "data_format": (None, "channels_last"),
}
"""Arguments the tutor does not model, with the values under which they change nothing."""


MERGES = ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot")
MERGE_FUNCTIONS = {name.lower(): name for name in MERGES}
"""`layers.add([x, y])` and the like: a merge layer made and called in one go."""

WRAPPERS = ("Bidirectional",)
"""Layers that take another layer as their first argument."""

REFUSED = {
    "Lambda": "refused_lambda",
    "Normalization": "refused_adapt",
    "TextVectorization": "refused_adapt",
    "StringLookup": "refused_adapt",
    "IntegerLookup": "refused_adapt",
    "Discretization": "refused_adapt",
}
"""Layers the tutor refuses by name, with the phrase that says why."""

_CHANGE_NOTHING = frozenset(
    ("activation", "recurrent_activation", "seed", "dtype", "autocast", "weights")
)


_AUGMENTATION_VALUES = frozenset(
    "factor height_factor width_factor value_range fill_mode interpolation fill_value mode "  # noqa: SIM905
    "scale offset".split()
)
"""How strongly the augmentation and rescaling layers change values: never a shape."""


def changes_nothing(key: str, cls: str) -> bool:
    """Arguments that change neither a shape nor a count (activations, initializers,
    regularizers, constraints, how strongly an image is augmented): they may be any
    expression, even one known only at run time. Every other argument must be a literal
    the reader can know."""
    if key in _AUGMENTATION_VALUES and (cls.startswith("Random") or cls == "Rescaling"):
        return True
    return key in _CHANGE_NOTHING or key.endswith(("_initializer", "_regularizer", "_constraint"))


def canonical(cls: str) -> str | None:
    """The Keras class an alias stands for (`MaxPool2D` -> `MaxPooling2D`), None if unknown."""
    name = ALIASES.get(cls, cls)
    return name if name in POSITIONAL else None


def accepted_keywords(cls: str) -> frozenset[str]:
    """Every keyword Keras 3 accepts for a canonical class (Keras refuses the rest)."""
    extra = _RNN_KEYWORDS if cls in RECURRENT else ()
    return frozenset((*POSITIONAL[cls], *_BASE_KEYWORDS, *extra))


def supported_summary() -> str:
    """The supported classes, short enough for a one-line error message."""
    names = [n for n in POSITIONAL if not n.endswith("1D")]
    return ", ".join(n.replace("2D", "1D/2D") for n in names)


def snake_case(cls: str) -> str:
    """Keras' automatic layer-name prefix (`keras.src.utils.naming.to_snake_case`)."""
    name = re.sub(r"\W+", "", cls)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()
