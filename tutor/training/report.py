"""A run's numbers as text in the learner's language, for `dltutor run` and the exercise
screen alike: the result, the start line, epoch lines and the tutor's own errors.

Numbers, metric names (Keras' own) and class names stay as they are; every word around
them comes from `tutor.i18n`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tutor.datasets import describe
from tutor.i18n import translate
from tutor.training.protocol import TUTOR_MESSAGES, Error, Result, Start

SAMPLE_LINE = "  #{index}: true {true}, predicted {predicted} ({confidence}) {mark}"


def result_lines(result: Result, lang: str = "en", dataset: str | None = None) -> list[str]:
    """A finished run for people: the verdict, test metrics, data, confusion matrix,
    sample predictions and where the history and model were saved. `dataset` is the
    catalogue's name for the data (`mnist`), which Korean describes in its own words."""
    lines = [
        translate("Result: {status}", lang).format(status=translate(result.status, lang))
        + criterion_text(result.criterion, lang)
    ]
    if result.test:
        lines.append(f"{translate('Test', lang)}: {metrics_text(result.test)}")
    if result.dataset:
        data = data_text(result.dataset, result.stand_in, dataset, lang)
        lines.append(f"{translate('Data', lang)}: {data}")
    if result.gpu_memory_mb is not None:
        peak = f"{result.gpu_memory_mb:,.0f} MB"
        lines.append(translate("Peak GPU memory: {peak}", lang).format(peak=peak))
    if result.confusion_matrix and len(result.confusion_matrix) <= 12:
        lines.append(translate("Confusion matrix (rows: true class, columns: predicted):", lang))
        lines += _matrix_lines(result.confusion_matrix, result.classes or [])
    sample_line = translate(SAMPLE_LINE, lang)
    for sample in result.samples or []:
        mark = "ok" if sample["true"] == sample["predicted"] else "wrong"
        lines.append(
            sample_line.format(
                index=sample["index"],
                true=sample["true"],
                predicted=sample["predicted"],
                confidence=f"{sample['confidence']:.0%}",
                mark=translate(mark, lang),
            )
        )
    if result.history_path:
        lines.append(f"{translate('History', lang)}: {result.history_path}")
    if result.model_path:
        lines.append(f"{translate('Model', lang)}: {result.model_path}")
    return lines


def start_text(event: Start, lang: str = "en") -> str:
    """`mnist-dnn on CPU, data: mnist (offline)`: where and on what a run trains."""
    text = translate("{exercise} on {device}", lang).format(
        exercise=event.exercise, device=event.device
    )
    if event.replicas > 1:
        text += ", " + translate("{strategy} over {replicas} replicas", lang).format(
            strategy=event.strategy or "mirrored", replicas=event.replicas
        )
    if event.mixed_precision:
        text += ", " + translate("mixed precision (float16, output layer float32)", lang)
    if event.gpu_memory_mb is not None:
        cap = translate("at most {cap} MB of GPU memory", lang)
        text += ", " + cap.format(cap=event.gpu_memory_mb)
    if event.dataset:
        text += f", {translate('data', lang)}: {event.dataset}"
        text += f" ({translate('offline', lang)})" if event.offline else ""
    return text


def epoch_text(epoch: int, epochs: int, logs: Mapping[str, Any], seconds: float, lang: str) -> str:
    """`Epoch  3/10  loss 0.1234  accuracy 0.9500  (1.2 s)`."""
    width = len(str(epochs))
    return (
        f"{translate('Epoch', lang)} {epoch:>{width}}/{epochs}  {metrics_text(logs)}  "
        + translate("({seconds:.1f} s)", lang).format(seconds=seconds)
    )


def data_text(described: str, stand_in: bool, dataset: str | None, lang: str) -> str:
    """What the run trained on: the script's own words in English (they say exactly what
    its loader used); in another language, the tutor's description of the dataset, or of
    its offline stand-in."""
    text = described if lang == "en" else dataset_description(dataset, stand_in, lang)
    return text + (f" [{translate('stand-in', lang)}]" if stand_in else "")


def dataset_description(name: str | None, stand_in: bool, lang: str) -> str:
    """The dataset `name` (or what stands in for it offline) in `lang`."""
    if name is None:
        return translate("made by the script", lang)
    return describe(name, lang, stand_in=stand_in)


def error_text(error: Error, lang: str = "en") -> str:
    """An error's message in `lang`: the tutor's own are translated, a script's (Python's
    exception and its message) are shown as they are."""
    if lang == "en" or error.template not in TUTOR_MESSAGES:
        return error.message
    try:
        return translate(error.template, lang).format(**error.values)
    except (KeyError, IndexError, ValueError):  # values that do not fit: the English one
        return error.message


def metrics_text(logs: Mapping[str, Any]) -> str:
    """`loss 0.1234  accuracy 0.9500`; a metric that was not a number shows as `-`."""
    return "  ".join(
        f"{name} {value:.4f}" if isinstance(value, (int, float)) else f"{name} -"
        for name, value in logs.items()
    )


def criterion_text(criterion: Mapping[str, Any] | None, lang: str = "en") -> str:
    if not criterion:
        return ""
    bound = "at_least" if "at_least" in criterion else "at_most"
    sign = ">=" if bound == "at_least" else "<="
    value = criterion.get("value")
    reached = f"{value:.4f}" if isinstance(value, (int, float)) else translate("not logged", lang)
    return translate(" ({metric} {reached}, needed {sign} {bound})", lang).format(
        metric=criterion["metric"], reached=reached, sign=sign, bound=f"{criterion[bound]:g}"
    )


def _matrix_lines(matrix: list[list[int]], classes: list[str]) -> list[str]:
    width = max(len(str(value)) for row in matrix for value in row)
    labels = [name[:12] for name in classes] or [str(index) for index in range(len(matrix))]
    label_width = max(len(label) for label in labels)
    return [
        f"  {label:>{label_width}} " + " ".join(f"{value:>{width}}" for value in row)
        for label, row in zip(labels, matrix, strict=False)
    ]
