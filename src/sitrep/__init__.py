"""sitrep: turn conflict news (French and English) into a verifiable event dataset.

    >>> import sitrep
    >>> events = sitrep.extract(text, published="2016-09-24", lang="fr")
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["extract", "__version__"]


def __getattr__(name: str):
    # The pipeline imports spaCy; load it only when extraction is asked for, so that commands
    # that do not extract (actors, gazetteer, events) start fast.
    if name == "extract":
        from sitrep.pipeline import extract

        return extract
    raise AttributeError(f"module 'sitrep' has no attribute {name!r}")
