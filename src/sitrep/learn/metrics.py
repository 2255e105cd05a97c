"""Measures of the event reader: accuracy and macro-F1 of labels, precision and recall of flags."""
from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return sum(g == p for g, p in zip(gold, predicted)) / len(gold) if gold else 0.0


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Mean F1 over the labels the gold uses (a label only ever predicted counts against precision
    of nothing: its false positives are another label's misses)."""
    labels = sorted(set(gold))
    if not labels:
        return 0.0
    total = 0.0
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted))
        total += 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return total / len(labels)


class Detection(BaseModel):
    threshold: float
    positives: int
    flagged: int
    true_positives: int
    precision: float
    recall: float
    f1: float


def detection(gold: Sequence[bool], scores: Sequence[float], threshold: float) -> Detection:
    """Precision and recall of ``score >= threshold`` as a detector of ``gold``."""
    flagged = [s >= threshold for s in scores]
    tp = sum(g and f for g, f in zip(gold, flagged))
    precision = tp / sum(flagged) if any(flagged) else 0.0
    recall = tp / sum(gold) if any(gold) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Detection(threshold=threshold, positives=sum(gold), flagged=sum(flagged), true_positives=tp,
                     precision=round(precision, 4), recall=round(recall, 4), f1=round(f1, 4))
