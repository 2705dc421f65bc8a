"""The engine's working in Korean.

The rules write each derivation once, in English (their tests and `dltutor explain` read
it so); a Korean learner sees the same lines with the words in Korean and every formula,
number, shape and Keras argument untouched. Each pattern below matches a phrase of one
rule's template. `tests/engine/test_korean.py` renders every rule's working and every quiz
topic's in Korean and fails on any English word left over, so a new phrase in a rule
cannot reach a Korean learner untranslated.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Replacement = str | Callable[[re.Match[str]], str]

_AXIS = {"height": "높이", "width": "너비", "length": "길이", "depth": "깊이"}

_PHRASES: tuple[tuple[str, Replacement], ...] = (
    # Dense, Embedding, Flatten, Reshape
    (r"last axis (\d+) -> units (\d+):", r"마지막 축 \1 -> 유닛 \2:"),
    (r"each token id becomes an? (\d+)-vector:", r"토큰 번호 하나가 \1차원 벡터가 됩니다:"),
    (r"mask_zero=True: id 0 is padding, skipped by the layers after",
     "mask_zero=True: 번호 0은 패딩이라 뒤의 층들이 건너뜁니다"),
    (r"axes in the order (\(.*?\)):", r"축 순서 \1:"),
    (r"(\d+) copies of each vector:", r"벡터마다 \1번 복사:"),
    (r"nothing to flatten: length 1", "펼칠 것이 없습니다: 길이 1"),
    (r"(\(.*?\)) has a None axis, so the length is None", r"\1에 None 축이 있어 길이도 None"),
    (r"(\(.*?\)) has a None axis, so -1 stays None:", r"\1에 None 축이 있어 -1도 None:"),
    (r"already flat: ", "이미 펼쳐져 있음: "),
    # layers that keep the shape
    (r"shape unchanged: ", "형태 그대로: "),
    (
        r"Dropout zeroes a fraction (\S+) of values while training",
        r"Dropout은 학습 중에만 값의 \1만큼을 지웁니다",
    ),
    (r"an activation is applied to every value", "활성화 함수가 값마다 적용됩니다"),
    (
        r"random augmentation moves pixels, only while training",
        "무작위 증강은 학습 중에만 픽셀을 옮깁니다",
    ),
    (
        r"every value is multiplied by scale and shifted by offset",
        "값마다 scale을 곱하고 offset을 더합니다",
    ),
    (r"normalises each feature", "특성마다 정규화합니다"),
    (r"normalises each sample over axis (\S+)", r"샘플마다 축 \1을 따라 정규화합니다"),
    (r"normalises (\d+) groups of (\d+) channels", r"채널 \2개씩 \1개 그룹으로 정규화합니다"),
    (r"every sample is scaled to length 1", "샘플마다 길이가 1이 되도록 나눕니다"),
    (r"whole channels dropped \(a fraction (\S+)\) while training",
     r"학습 중에만 채널 전체를 \1만큼 지웁니다"),
    (r"noise with stddev (\S+) is added while training",
     r"학습 중에만 표준편차 \1의 잡음을 더합니다"),
    (r"values are scaled by random noise \(rate (\S+)\) while training",
     r"학습 중에만 값에 무작위 잡음을 곱합니다 (비율 \1)"),
    (r"a learned slope for negative values", "음수 쪽 기울기를 학습합니다"),
    (r"time steps equal to mask_value are skipped by the layers after",
     "mask_value와 같은 시간 스텝은 뒤의 층들이 건너뜁니다"),
    (r"adds a penalty on the values to the loss", "값에 대한 벌점을 손실에 더합니다"),
    (r"the values pass through unchanged", "값이 그대로 지나갑니다"),
    (r"trainable ([a-z, ]+): (\d+); ", r"학습되는 \1: \2; "),
    (r"non-trainable moving mean, variance: (\d+)", r"학습되지 않는 이동 평균과 분산: \1"),
    # recurrent layers
    (r"an? (\d+)-vector per time step", r"시간 스텝마다 \1차원 벡터"),
    (r"a feature map per time step", "시간 스텝마다 특성 맵"),
    (r"only the last step's feature map", "마지막 스텝의 특성 맵만"),
    (r"each of the (\d+) time steps:", r"시간 스텝 \1개 각각:"),
    (r"each time step:", "시간 스텝마다:"),
    (r" \(the same weights at every step\)", " (모든 스텝이 같은 가중치)"),
    (r"only the last step's (\d+)-vector", r"마지막 스텝의 \1차원 벡터만"),
    (r"(\d+) forward \+ (\d+) backward = (\d+) features", r"정방향 \1 + 역방향 \2 = 특성 \3개"),
    (
        r"forward and backward combined value by value, (\d+) features",
        r"정방향과 역방향을 값끼리 합쳐 특성 \1개",
    ),
    (r"\(forward \+ backward, no bias\)", "(정방향 + 역방향, 편향 없음)"),
    (r"\(forward \+ backward\)", "(정방향 + 역방향)"),
    # convolution and pooling
    (r"\(the input (height|width|length) is None\)", lambda m: f"(입력 {_AXIS[m[1]]}가 None)"),
    (r"channels = filters = ", "채널 = 필터 수 = "),
    (r"channels = (.*) \(depth_multiplier\)", r"채널 = \1 (depth_multiplier)"),
    (r"channels stay ", "채널 그대로 "),
    (r"one value per channel:", "채널마다 값 하나:"),
    (r" \(keepdims=True keeps the axes as 1\)", " (keepdims=True: 그 축을 1로 남깁니다)"),
    # functional models and merges
    (r"the model's input: ", "모델의 입력: "),
    (r"value by value, so every axis must match \(or be 1\)",
     "값끼리 계산하므로 모든 축이 같아야 합니다(1은 늘어남)"),
    (r"^(average|maximum|minimum) of ",
     lambda m: {"average": "평균", "maximum": "최댓값", "minimum": "최솟값"}[m[1]] + ": "),
    (r"None \(an input's axis is None\)", "None (입력의 축이 None)"),
    (r"dot product over axis (-?\d+) of (\(.*?\)) and axis (-?\d+) of (\(.*?\))",
     r"\2의 축 \1과 \4의 축 \3을 따라 내적"),
    (r"^axis (-?\d+): ", r"축 \1: "),
    # parameters
    (r"; used (\d+) times: its weights are shared, counted once",
     r"; \1번 쓰임: 가중치를 공유하므로 한 번만 셉니다"),
    (r"; the same layer object as (\S+): its weights are shared, counted once",
     r"; \1와 같은 층 객체: 가중치를 공유하므로 한 번만 셉니다"),
    (r" \(depthwise \+ pointwise \+ bias\)", " (깊이별 + 점별 + 편향)"),
    (r" \(depthwise \+ pointwise, no bias\)", " (깊이별 + 점별, 편향 없음)"),
    (r" \(one alpha per value\)", " (값마다 alpha 하나)"),
    (r" \(alpha has shape (\(.*?\))\)", r" (alpha의 형태 \1)"),
    (r" \(center=False, scale=False\)", " (center=False, scale=False)"),
    (r" \(no bias\)", " (편향 없음)"),
    (r"; trainable=False, so all are non-trainable", "; trainable=False: 모두 학습되지 않습니다"),
)
_COMPILED = tuple((re.compile(pattern), replacement) for pattern, replacement in _PHRASES)


def in_korean(line: str) -> str:
    """One line of the engine's working with its words in Korean."""
    for pattern, replacement in _COMPILED:
        line = pattern.sub(replacement, line)
    return line


def working(text: str, lang: str) -> list[str]:
    """The lines of a derivation in `lang`: English as the engine wrote them, or Korean."""
    lines = text.splitlines()
    return [in_korean(line) for line in lines] if lang == "ko" else lines
