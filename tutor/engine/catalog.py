"""What the tutor knows about each supported Keras 3 layer class, copied from Keras 3.15's
signatures: so the parser maps positional arguments and rejects typos the way Keras does."""

from __future__ import annotations

import functools
import re

_BIAS = (
    "use_bias kernel_initializer bias_initializer kernel_regularizer bias_regularizer "
    "activity_regularizer kernel_constraint bias_constraint"
)
_CONV = f"filters kernel_size strides padding data_format dilation_rate groups activation {_BIAS}"
_CONV_TRANSPOSE = (
    f"filters kernel_size strides padding output_padding data_format dilation_rate activation "
    f"{_BIAS}"
)
_SEPARABLE = (
    "filters kernel_size strides padding data_format dilation_rate depth_multiplier activation "
    "use_bias depthwise_initializer pointwise_initializer bias_initializer "
    "depthwise_regularizer pointwise_regularizer bias_regularizer activity_regularizer "
    "depthwise_constraint pointwise_constraint bias_constraint"
)
_DEPTHWISE = (
    "kernel_size strides padding depth_multiplier data_format dilation_rate activation "
    "use_bias depthwise_initializer bias_initializer depthwise_regularizer bias_regularizer "
    "activity_regularizer depthwise_constraint bias_constraint"
)
_POOL = "pool_size strides padding data_format name"
_GLOBAL_POOL = "data_format keepdims"
_RNN_TAIL = "return_sequences return_state go_backwards stateful unroll"
_CONV_LSTM = (
    "filters kernel_size strides padding data_format dilation_rate activation "
    "recurrent_activation use_bias kernel_initializer recurrent_initializer bias_initializer "
    "unit_forget_bias kernel_regularizer recurrent_regularizer bias_regularizer "
    "activity_regularizer kernel_constraint recurrent_constraint bias_constraint dropout "
    "recurrent_dropout seed return_sequences return_state go_backwards stateful"
)
_NORMALIZATION = (
    "epsilon center scale beta_initializer gamma_initializer beta_regularizer "
    "gamma_regularizer beta_constraint gamma_constraint"
)
_FILL = "fill_mode interpolation seed fill_value data_format"


def _ranks(
    prefix: str, params: str, ranks: tuple[int, ...] = (1, 2, 3), suffix: str = ""
) -> dict[str, str]:
    return {f"{prefix}{rank}D{suffix}": params for rank in ranks}


# Positional-or-keyword parameters of each class, in Keras' order.
POSITIONAL: dict[str, tuple[str, ...]] = {
    name: tuple(params.split())
    for name, params in {
        "Dense": f"units activation {_BIAS} lora_rank lora_alpha quantization_config",
        **_ranks("Conv", _CONV),
        **_ranks("Conv", _CONV_TRANSPOSE, suffix="Transpose"),
        "Conv3DTranspose": (
            "filters kernel_size strides padding data_format output_padding dilation_rate "
            f"activation {_BIAS}"
        ),
        **_ranks("SeparableConv", _SEPARABLE, (1, 2)),
        **_ranks("DepthwiseConv", _DEPTHWISE, (1, 2)),
        **_ranks("MaxPooling", _POOL),
        **_ranks("AveragePooling", _POOL),
        **_ranks("GlobalAveragePooling", _GLOBAL_POOL),
        **_ranks("GlobalMaxPooling", _GLOBAL_POOL),
        "UpSampling1D": "size",
        "UpSampling2D": "size data_format interpolation",
        "UpSampling3D": "size data_format",
        "ZeroPadding1D": "padding data_format",
        **_ranks("ZeroPadding", "padding data_format", (2, 3)),
        "Cropping1D": "cropping",
        **_ranks("Cropping", "cropping data_format", (2, 3)),
        "Flatten": "data_format",
        "Reshape": "target_shape",
        "Permute": "dims",
        "RepeatVector": "n",
        "Dropout": "rate noise_shape seed",
        "SpatialDropout1D": "rate seed name dtype",
        **_ranks("SpatialDropout", "rate data_format seed name dtype", (2, 3)),
        "GaussianNoise": "stddev seed",
        "GaussianDropout": "rate seed",
        "AlphaDropout": "rate noise_shape seed",
        "ActivityRegularization": "l1 l2",
        "BatchNormalization": "axis momentum epsilon center scale beta_initializer "
        "gamma_initializer moving_mean_initializer moving_variance_initializer "
        "beta_regularizer gamma_regularizer beta_constraint gamma_constraint renorm "
        "renorm_clipping renorm_momentum synchronized",
        "LayerNormalization": f"axis {_NORMALIZATION}",
        "GroupNormalization": f"groups axis {_NORMALIZATION}",
        "UnitNormalization": "axis",
        "Activation": "activation",
        "ReLU": "max_value negative_slope threshold",
        "LeakyReLU": "negative_slope",
        "PReLU": "alpha_initializer alpha_regularizer alpha_constraint shared_axes",
        "ELU": "alpha",
        "Softmax": "axis",
        "Identity": "",
        "Masking": "mask_value",
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
        **_ranks("ConvLSTM", _CONV_LSTM),
        "Bidirectional": "layer merge_mode weights backward_layer",
        "TimeDistributed": "layer",
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

# Keyword arguments every layer takes through `keras.layers.Layer.__init__`, and the few
# that particular classes take through **kwargs.
_BASE_KEYWORDS = ("activity_regularizer", "trainable", "dtype", "autocast", "name")
_EXTRA_KEYWORDS = {
    "SimpleRNN": ("zero_output_for_mask",),
    "LSTM": ("zero_output_for_mask",),
    "GRU": ("zero_output_for_mask",),
    "LayerNormalization": ("rms_scaling",),
}
RECURRENT = ("SimpleRNN", "LSTM", "GRU")

ALIASES = {
    **{f"MaxPool{r}D": f"MaxPooling{r}D" for r in (1, 2, 3)},
    **{f"AvgPool{r}D": f"AveragePooling{r}D" for r in (1, 2, 3)},
    **{f"GlobalAvgPool{r}D": f"GlobalAveragePooling{r}D" for r in (1, 2, 3)},
    **{f"GlobalMaxPool{r}D": f"GlobalMaxPooling{r}D" for r in (1, 2, 3)},
    **{f"Convolution{r}D": f"Conv{r}D" for r in (1, 2, 3)},
    **{f"Convolution{r}DTranspose": f"Conv{r}DTranspose" for r in (1, 2, 3)},
    **{f"SeparableConvolution{r}D": f"SeparableConv{r}D" for r in (1, 2)},
}
INPUT_CLASSES = ("Input", "InputLayer")

# How many leading arguments modern Keras code writes positionally (`Conv2D(32, 3)`).
USUALLY_POSITIONAL = {
    "Dense": 1,
    **{name: 2 for name in POSITIONAL if name.startswith(("Conv", "SeparableConv"))},
    **{name: 1 for name in POSITIONAL if name.startswith("DepthwiseConv")},
    "Dropout": 1,
    **{name: 1 for name in POSITIONAL if name.startswith("SpatialDropout")},
    "GaussianNoise": 1,
    "GaussianDropout": 1,
    "AlphaDropout": 1,
    "Activation": 1,
    "Reshape": 1,
    "Permute": 1,
    "RepeatVector": 1,
    "Embedding": 2,
    "Bidirectional": 1,
    "TimeDistributed": 1,
    "Rescaling": 1,
    "RandomRotation": 1,
    "RandomZoom": 1,
    "RandomTranslation": 2,
    "RandomContrast": 1,
    **dict.fromkeys(RECURRENT, 1),
    **{name: 1 for name in POSITIONAL if "Pooling" in name and "Global" not in name},
    **{name: 1 for name in POSITIONAL if name.startswith(("UpSampling", "ZeroPadding"))},
    **{name: 1 for name in POSITIONAL if name.startswith("Cropping")},
}

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

WRAPPERS = ("Bidirectional", "TimeDistributed")
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


@functools.cache
def accepted_keywords(cls: str) -> frozenset[str]:
    """Every keyword Keras 3 accepts for a canonical class (Keras refuses the rest)."""
    return frozenset((*POSITIONAL[cls], *_BASE_KEYWORDS, *_EXTRA_KEYWORDS.get(cls, ())))


def supported_summary() -> str:
    """The supported classes, short enough for a one-line error message: each family of
    1D/2D/3D classes once."""
    families: dict[str, list[str]] = {}
    for name in POSITIONAL:
        match = re.fullmatch(r"(.*?)([123])D(.*)", name)
        stem = f"{match[1]}#D{match[3]}" if match else name
        families.setdefault(stem, []).append(match[2] if match else "")
    return ", ".join(
        stem.replace("#D", "/".join(f"{rank}D" for rank in ranks))
        for stem, ranks in families.items()
    )


@functools.cache
def snake_case(cls: str) -> str:
    """Keras' automatic layer-name prefix (`keras.src.utils.naming.to_snake_case`)."""
    name = re.sub(r"\W+", "", cls)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()
