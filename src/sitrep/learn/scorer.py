"""``EventScorer``: how likely each sentence reports a conflict event, and which of ACLED's 25
sub-types, from the trained event reader (model.py). The shipped model is loaded once per process;
``SITREP_EVENT_MODEL`` names another model file or the directory ``sitrep train --out`` wrote."""
from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field

from sitrep.learn.linear import softmax
from sitrep.learn.model import HEADS, EventModel
from sitrep.taxonomy import sub_event_types

MODEL_FILE = "event-model.npz"
MODEL_ENV = "SITREP_EVENT_MODEL"
# The value of MODEL_ENV that codes events with the rules alone (to measure what the model adds).
NO_MODEL = "none"


class SentenceScores(BaseModel):
    """The model's reading of one sentence."""

    event_probability: float = Field(ge=0.0, le=1.0, description="that the sentence reports a conflict event")
    sub_event_types: dict[str, float] = Field(description="probability of each of the 25 sub-types, were it an event")
    sub_event_type: str = Field(description="the most probable sub-type")
    event_type: str = Field(description="the most probable event type (its sub-types' probabilities summed)")
    event_type_probability: float = Field(ge=0.0, le=1.0)


def type_matrix(sub_types: list[str]) -> tuple[list[str], np.ndarray]:
    """The event types, and the (sub-types, types) 0/1 matrix that sums each type's sub-type
    probabilities."""
    known = sub_event_types()
    types = sorted({known[s].event_type for s in sub_types})
    matrix = np.zeros((len(sub_types), len(types)), dtype=np.float32)
    for row, sub in enumerate(sub_types):
        matrix[row, types.index(known[sub].event_type)] = 1.0
    return types, matrix


class EventScorer:
    def __init__(self, model: EventModel):
        known = sub_event_types()
        unknown = [s for s in model.sub_event_types if s not in known]
        if unknown:
            raise ValueError(f"event model names sub-types the taxonomy lacks: {unknown}")
        missing = [h for h in HEADS if h not in model.heads]
        if missing:
            raise ValueError(f"event model lacks the {', '.join(missing)} head")
        self.model = model
        self.event_types, self.type_of = type_matrix(model.sub_event_types)

    def probabilities(self, sentences: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(n,) event probabilities and (n, 25) sub-type distributions, in the model's sub-type order."""
        if not sentences:
            return np.zeros(0, dtype=np.float32), np.zeros((0, len(self.model.sub_event_types)), dtype=np.float32)
        logits = self.model.logits(sentences)
        return softmax(logits["event"])[:, 1], softmax(logits["sub_event_type"])

    def score(self, sentences: list[str], lang: str) -> list[SentenceScores]:
        """Scores of each sentence. ``lang`` is the documents' language ("en", "fr"...): the model
        reads every language its vocabulary covers the same way; it is recorded for checks."""
        events, subs = self.probabilities(sentences)
        types = subs @ self.type_of
        names = self.model.sub_event_types
        out = []
        for event, sub_row, type_row in zip(events, subs, types):
            best_type = int(type_row.argmax())
            # the best sub-type within the best type: the two answers never disagree
            within = np.where(self.type_of[:, best_type] > 0, sub_row, -1.0)
            out.append(SentenceScores(
                event_probability=float(event),
                sub_event_types={name: round(float(p), 6) for name, p in zip(names, sub_row)},
                sub_event_type=names[int(within.argmax())], event_type=self.event_types[best_type],
                event_type_probability=float(type_row[best_type])))
        return out


def model_path(location: str | Path | None = None) -> Path:
    """The model file: ``location`` (a file, or a directory holding event-model.npz), else
    $SITREP_EVENT_MODEL, else the one shipped in the package."""
    given = location or os.environ.get(MODEL_ENV)
    if not given:
        return Path(str(resources.files("sitrep.learn").joinpath("data", MODEL_FILE)))
    path = Path(given)
    path = path / MODEL_FILE if path.is_dir() else path
    if not path.is_file():
        raise FileNotFoundError(f"no event model at {path} (given by {'the caller' if location else MODEL_ENV})")
    return path


@cache
def _scorer_at(path: Path) -> EventScorer:
    return EventScorer(EventModel.load(path))


def event_scorer(location: str | Path | None = None) -> EventScorer:
    """The scorer of the model at ``location`` (see :func:`model_path`), loaded once per process."""
    return _scorer_at(model_path(location).resolve())


def model_disabled() -> bool:
    """Whether $SITREP_EVENT_MODEL says to code events with the rules alone."""
    return os.environ.get(MODEL_ENV, "").lower() == NO_MODEL
