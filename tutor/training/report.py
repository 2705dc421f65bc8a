"""A run's numbers as text, for `dltutor run` and the exercise screen alike."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tutor.training.protocol import Result


def result_lines(result: Result) -> list[str]:
    """A finished run for people: the verdict, test metrics, data, confusion matrix,
    sample predictions and where the history and model were saved."""
    lines = [f"Result: {result.status}" + criterion_text(result.criterion)]
    if result.test:
        lines.append(f"Test: {metrics_text(result.test)}")
    if result.dataset:
        lines.append(f"Data: {result.dataset}" + (" [stand-in]" if result.stand_in else ""))
    if result.confusion_matrix and len(result.confusion_matrix) <= 12:
        lines.append("Confusion matrix (rows: true class, columns: predicted):")
        lines += _matrix_lines(result.confusion_matrix, result.classes or [])
    for sample in result.samples or []:
        mark = "ok" if sample["true"] == sample["predicted"] else "wrong"
        lines.append(
            f"  #{sample['index']}: true {sample['true']}, predicted "
            f"{sample['predicted']} ({sample['confidence']:.0%}) {mark}"
        )
    if result.history_path:
        lines.append(f"History: {result.history_path}")
    if result.model_path:
        lines.append(f"Model: {result.model_path}")
    return lines


def metrics_text(logs: Mapping[str, Any]) -> str:
    """`loss 0.1234  accuracy 0.9500`; a metric that was not a number shows as `-`."""
    return "  ".join(
        f"{name} {value:.4f}" if isinstance(value, (int, float)) else f"{name} -"
        for name, value in logs.items()
    )


def criterion_text(criterion: Mapping[str, Any] | None) -> str:
    if not criterion:
        return ""
    bound = "at_least" if "at_least" in criterion else "at_most"
    sign = ">=" if bound == "at_least" else "<="
    value = criterion.get("value")
    reached = f"{value:.4f}" if isinstance(value, (int, float)) else "not logged"
    return f" ({criterion['metric']} {reached}, needed {sign} {criterion[bound]:g})"


def _matrix_lines(matrix: list[list[int]], classes: list[str]) -> list[str]:
    width = max(len(str(value)) for row in matrix for value in row)
    labels = [name[:12] for name in classes] or [str(index) for index in range(len(matrix))]
    label_width = max(len(label) for label in labels)
    return [
        f"  {label:>{label_width}} " + " ".join(f"{value:>{width}}" for value in row)
        for label, row in zip(labels, matrix, strict=False)
    ]
