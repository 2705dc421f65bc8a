"""The topic registry: every quiz topic's id, its title in each language, and the function
that writes one of its questions. Lessons name these ids in `quiz_topics`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from random import Random

from tutor.quiz import (
    cnn_topics,
    dense_topics,
    grid_topics,
    merge_topics,
    residual_topics,
    sequence_topics,
)
from tutor.quiz.build import DraftMaker, model_question
from tutor.quiz.concepts import concept_question
from tutor.quiz.errors import QuizError
from tutor.quiz.question import Question, Slot, Text, text

Generator = Callable[[Random, Slot], Question]
"""Writes one question for the slot; may raise EngineError, and is then asked again."""


@dataclass(frozen=True)
class Topic:
    id: str
    title: Text
    generator: Generator
    uses_model: bool
    """True when questions come with Keras source (the topics checked against Keras)."""


def _model_topic(make: DraftMaker, hint: Text) -> Generator:
    def generate(rng: Random, slot: Slot) -> Question:
        return model_question(slot, make(rng, slot.difficulty), dict(hint))

    return generate


def _topics(*topics: Topic) -> dict[str, Topic]:
    return {topic.id: topic for topic in topics}


TOPICS: dict[str, Topic] = _topics(
    Topic(
        "dense-params",
        text("Dense parameters", "Dense 층의 파라미터 수"),
        _model_topic(dense_topics.dense_params, dense_topics.DENSE_HINT),
        True,
    ),
    Topic(
        "conv2d-output-shape",
        text("Conv2D output shape", "Conv2D 출력 형태"),
        _model_topic(cnn_topics.conv_output_shape, cnn_topics.CONV_SHAPE_HINT),
        True,
    ),
    Topic(
        "conv2d-params",
        text("Conv2D parameters", "Conv2D 파라미터 수"),
        _model_topic(cnn_topics.conv_params, cnn_topics.CONV_PARAMS_HINT),
        True,
    ),
    Topic(
        "pooling-output-shape",
        text("Pooling output shape", "풀링 출력 형태"),
        _model_topic(cnn_topics.pooling_output_shape, cnn_topics.POOL_HINT),
        True,
    ),
    Topic(
        "flatten-size",
        text("Flatten size", "Flatten 크기"),
        _model_topic(cnn_topics.flatten_size, cnn_topics.FLATTEN_HINT),
        True,
    ),
    Topic(
        "cnn-chain",
        text("A CNN chain down to Flatten", "Flatten까지 이어지는 CNN"),
        _model_topic(cnn_topics.cnn_chain, cnn_topics.CHAIN_HINT),
        True,
    ),
    Topic(
        "embedding-params",
        text("Embedding parameters", "Embedding 파라미터 수"),
        _model_topic(sequence_topics.embedding_params, sequence_topics.EMBEDDING_HINT),
        True,
    ),
    Topic(
        "rnn-params",
        text("SimpleRNN, LSTM and GRU parameters", "SimpleRNN, LSTM, GRU 파라미터 수"),
        _model_topic(sequence_topics.rnn_params, sequence_topics.RNN_PARAMS_HINT),
        True,
    ),
    Topic(
        "rnn-output-shape",
        text(
            "Recurrent output shapes (return_sequences, Bidirectional)",
            "순환층 출력 형태(return_sequences, Bidirectional)",
        ),
        _model_topic(sequence_topics.rnn_output_shape, sequence_topics.RNN_SHAPE_HINT),
        True,
    ),
    Topic(
        "model-total-params",
        text("A whole model's total parameters", "모델 전체 파라미터 수"),
        _model_topic(dense_topics.model_total_params, dense_topics.TOTAL_HINT),
        True,
    ),
    Topic(
        "merge-shape",
        text(
            "Merging tensors: Add, Concatenate and what cannot be merged",
            "텐서 병합: Add, Concatenate, 병합할 수 없는 경우",
        ),
        merge_topics.merge_shape,
        True,
    ),
    Topic(
        "residual-params",
        text(
            "Residual block parameters, with and without a projection",
            "잔차 블록의 파라미터(투영이 있을 때와 없을 때)",
        ),
        residual_topics.residual_params,
        True,
    ),
    Topic(
        "conv-by-hand",
        text("Convolution by hand", "손으로 하는 합성곱"),
        grid_topics.conv_by_hand,
        False,
    ),
    Topic(
        "pooling-by-hand",
        text("Max and average pooling by hand", "손으로 하는 최대/평균 풀링"),
        grid_topics.pooling_by_hand,
        False,
    ),
    Topic(
        "concept-loss",
        text("Which loss", "어떤 손실 함수"),
        concept_question,
        False,
    ),
    Topic(
        "concept-activation",
        text("Which activation", "어떤 활성화 함수"),
        concept_question,
        False,
    ),
    Topic(
        "concept-data",
        text("Preparing data: scaling, encoding, splits", "데이터 준비: 스케일링, 인코딩, 분할"),
        concept_question,
        False,
    ),
    Topic(
        "concept-layers",
        text(
            "What dropout, padding, stride and pooling do",
            "드롭아웃, 패딩, 스트라이드, 풀링이 하는 일",
        ),
        concept_question,
        False,
    ),
    Topic(
        "concept-training",
        text(
            "How training goes: gradient descent, local minima, early stopping",
            "학습 과정: 경사 하강법, 지역 최솟값, 조기 종료",
        ),
        concept_question,
        False,
    ),
)


def topic_ids() -> tuple[str, ...]:
    return tuple(TOPICS)


def get_topic(topic_id: str) -> Topic:
    """The topic, or a QuizError listing the valid ids (the CLI shows it in one line)."""
    try:
        return TOPICS[topic_id]
    except KeyError:
        raise QuizError(f"unknown quiz topic {topic_id!r}; topics: {', '.join(TOPICS)}") from None
