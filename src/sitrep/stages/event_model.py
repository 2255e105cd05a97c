"""The learned event reader's reading of each frame's sentence (src/sitrep/learn, docs/event-model.md):
how likely it reports an event, of which type and sub-type. The rules keep finding the events and
their arguments; the reading chooses the sub-type where the trigger word is generic ("attack",
"killed": stages/subtypes.py) and travels with the event as evidence. $SITREP_EVENT_MODEL=none
codes with the rules alone."""
from __future__ import annotations

from sitrep.learn.scorer import event_scorer, model_disabled
from sitrep.models import DocumentContext, EventFrame, ModelReading


def read_sentences(frames: list[EventFrame], context: DocumentContext) -> None:
    """Give each frame the model's reading of its sentence (each sentence read once)."""
    if model_disabled() or not frames:
        return
    sentences: dict[int, str] = {}
    for frame in frames:
        sentence = context.doc[frame.head].sent
        sentences.setdefault(sentence.start, sentence.text.strip())
    scores = event_scorer().score(list(sentences.values()), context.lang)
    readings = {start: ModelReading(event_probability=round(score.event_probability, 4), event_type=score.event_type,
                                    event_type_probability=round(score.event_type_probability, 4),
                                    sub_event_type=score.sub_event_type,
                                    sub_event_type_probability=round(score.sub_event_types[score.sub_event_type], 4))
                for start, score in zip(sentences, scores)}
    for frame in frames:
        frame.reading = readings[context.doc[frame.head].sent.start]
