"""Image data (lessons 4.1 and 4.8): the shape of a batch of images in Keras' default
format and where that default is set, and what `keras.utils.image_dataset_from_directory`
gives with its defaults (integer labels, three colour channels even for grey drawings)."""

from __future__ import annotations

from random import Random

from tutor.quiz.concepts.draft import ConceptDraft, Item, fact, same
from tutor.quiz.question import text

IMAGE_DATA_FORMAT = "channels_last"
"""Keras' default `image_data_format` (tests/quiz/test_concepts.py reads it from the
keras.json Keras writes)."""
DEFAULT_LABEL_MODE = "int"
DEFAULT_COLOR_MODE = "rgb"
"""`image_dataset_from_directory`'s defaults, checked against Keras' source by the tests."""
CHANNELS = {"grayscale": 1, "rgb": 3, "rgba": 4}

_HINT = (
    "Keras' default image format is channels_last: (batch, rows, columns, channels), set "
    "by image_data_format in ~/.keras/keras.json. image_dataset_from_directory reads RGB "
    "and gives integer labels unless told otherwise.",
    "Keras의 기본 이미지 형식은 channels_last, 즉 (배치, 행, 열, 채널)이고 "
    "~/.keras/keras.json의 image_data_format이 정합니다. image_dataset_from_directory는 "
    "따로 말하지 않으면 RGB로 읽고 정수 레이블을 줍니다.",
)
HINT = text(*_HINT)


def _shape(*axes: int) -> str:
    """A shape as Python writes the tuple: (24, 24, 3), (576,)."""
    return str(tuple(axes))


def batch_shape(rng: Random) -> ConceptDraft:
    """Lesson 4.1: 32 RGB images of 24x24 are (32, 24, 24, 3)."""
    batch = rng.choice((16, 32, 64, 128))
    rows = rng.choice((24, 28, 32, 64))
    cols = rows if rng.random() < 0.6 else rng.choice((24, 28, 32, 64))
    assert IMAGE_DATA_FORMAT == "channels_last"
    right = _shape(batch, rows, cols, 3)
    wrong = [
        _shape(batch, 3, rows, cols),
        _shape(rows, cols, 3, batch),
        _shape(batch, rows * cols * 3),
    ]
    if rows != cols:
        wrong.append(_shape(batch, cols, rows, 3))
    return ConceptDraft(
        text(
            f"A batch of {batch} RGB images, {rows} rows by {cols} columns each, goes into a "
            "Keras model in Keras' default image format. What is its shape?",
            f"행 {rows}개, 열 {cols}개인 RGB 이미지 {batch}장의 배치를 Keras의 기본 이미지 "
            "형식으로 모델에 넣습니다. 형태는?",
        ),
        same(right),
        tuple(same(shape) for shape in wrong),
        text(
            f"Keras' default is {IMAGE_DATA_FORMAT}: (batch, rows, columns, channels) = "
            f"{right}. It is the image_data_format entry of ~/.keras/keras.json; "
            f"\"channels_first\" there would give {wrong[0]}.",
            f"Keras의 기본은 {IMAGE_DATA_FORMAT}, 즉 (배치, 행, 열, 채널) = {right}입니다. "
            f"~/.keras/keras.json의 image_data_format 항목이 정하며, 그곳을 "
            f"\"channels_first\"로 바꾸면 형태는 {wrong[0]}입니다.",
        ),
        HINT,
        uses=frozenset({"Conv2D"}),
    )


FORMAT_SETTING = fact(
    (
        "Where is Keras' default image format (channels_last or channels_first) set?",
        "Keras의 기본 이미지 형식(channels_last 또는 channels_first)은 어디에서 정하나요?",
    ),
    (
        "In image_data_format in ~/.keras/keras.json",
        "~/.keras/keras.json의 image_data_format에서",
    ),
    (
        ("In model.compile(), with data_format=", "model.compile()의 data_format=에서"),
        ("In the shape given to keras.Input", "keras.Input에 준 shape에서"),
        ("By the number of channels of the first image", "첫 이미지의 채널 수로"),
    ),
    (
        'Keras writes ~/.keras/keras.json on its first import with "image_data_format": '
        f'"{IMAGE_DATA_FORMAT}"; keras.config.image_data_format() reads it and '
        "keras.config.set_image_data_format() changes it for the session.",
        'Keras는 처음 import될 때 ~/.keras/keras.json에 "image_data_format": '
        f'"{IMAGE_DATA_FORMAT}"를 씁니다. keras.config.image_data_format()이 읽고 '
        "keras.config.set_image_data_format()이 그 세션 동안 바꿉니다.",
    ),
    _HINT,
    uses=("Conv2D",),
)


def dataset_labels(rng: Random) -> ConceptDraft:
    """Lesson 4.8: integer labels by default, so the sparse loss."""
    folders = rng.choice((3, 4, 5, 10))
    assert DEFAULT_LABEL_MODE == "int"
    return ConceptDraft(
        text(
            f"keras.utils.image_dataset_from_directory reads images from {folders} class "
            "folders with its default labels. Which labels and which loss go together?",
            f"keras.utils.image_dataset_from_directory가 클래스 폴더 {folders}개에서 기본 "
            "레이블로 이미지를 읽습니다. 레이블과 손실 함수의 올바른 짝은?",
        ),
        (
            f"Integers 0..{folders - 1}, with sparse_categorical_crossentropy",
            f"정수 0..{folders - 1}, sparse_categorical_crossentropy",
        ),
        (
            (
                f"One-hot vectors of {folders}, with categorical_crossentropy",
                f"길이 {folders}의 원-핫 벡터, categorical_crossentropy",
            ),
            (
                f"Integers 0..{folders - 1}, with categorical_crossentropy",
                f"정수 0..{folders - 1}, categorical_crossentropy",
            ),
            (
                "The folder names as strings, with sparse_categorical_crossentropy",
                "문자열 폴더 이름, sparse_categorical_crossentropy",
            ),
        ),
        text(
            f'label_mode defaults to "{DEFAULT_LABEL_MODE}": one integer per image, in the '
            "alphabetical order of the folders, which is what sparse_categorical_crossentropy "
            'takes. label_mode="categorical" gives one-hot vectors for '
            "categorical_crossentropy.",
            f'label_mode의 기본값은 "{DEFAULT_LABEL_MODE}"입니다. 이미지마다 폴더 이름의 '
            "알파벳 순서대로 정수 하나가 붙고, sparse_categorical_crossentropy가 이것을 "
            '받습니다. label_mode="categorical"이면 categorical_crossentropy용 원-핫 '
            "벡터가 됩니다.",
        ),
        HINT,
        uses=frozenset({"label_mode"}),
    )


def grey_drawings(rng: Random) -> ConceptDraft:
    """Lesson 4.8: grey drawings read with the defaults have 3 channels."""
    size = rng.choice((24, 28, 32, 64))
    channels = CHANNELS[DEFAULT_COLOR_MODE]
    right = _shape(size, size, channels)
    wrong = [_shape(size, size, n) for n in sorted(set(CHANNELS.values()) - {channels})]
    return ConceptDraft(
        text(
            f"Grey {size}x{size} drawings saved as PNG files are read with "
            f"keras.utils.image_dataset_from_directory(..., image_size=({size}, {size})) "
            "and its other defaults. What shape does each image have?",
            f"PNG로 저장한 {size}x{size} 회색 그림을 "
            f"keras.utils.image_dataset_from_directory(..., image_size=({size}, {size}))와 "
            "나머지 기본값으로 읽습니다. 이미지 하나의 형태는?",
        ),
        same(right),
        (*(same(shape) for shape in wrong), same(_shape(size * size))),
        text(
            f'color_mode defaults to "{DEFAULT_COLOR_MODE}", so every image is read with '
            f"{channels} channels, grey or not: {right}. color_mode=\"grayscale\" gives "
            f"{wrong[0]}, and the first Conv2D then has a third of the weights.",
            f'color_mode의 기본값은 "{DEFAULT_COLOR_MODE}"이라 회색이든 아니든 모든 '
            f'이미지를 채널 {channels}개로 읽습니다: {right}. color_mode="grayscale"이면 '
            f"형태는 {wrong[0]}입니다. 그러면 첫 Conv2D의 가중치는 3분의 1이 됩니다.",
        ),
        HINT,
        uses=frozenset({"label_mode", "Conv2D"}),
    )


ITEMS: dict[str, tuple[Item, ...]] = {
    "easy": (batch_shape,),
    "medium": (FORMAT_SETTING, dataset_labels),
    "hard": (grey_drawings, dataset_labels),
}
