"""The learned event reader: per sentence, the probability that it reports a conflict event and a
distribution over ACLED's 25 sub-types, trained on ACLED notes (English) and read in French through
a multilingual encoder's word vectors. See docs/event-model.md.

    from sitrep.learn import event_scorer
    event_scorer().score(["Des hommes armés ont tué trois civils."], "fr")
"""
from sitrep.learn.scorer import EventScorer, SentenceScores, event_scorer

__all__ = ["EventScorer", "SentenceScores", "event_scorer"]
