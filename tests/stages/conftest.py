"""Fixtures for the stage tests: the spaCy models the pipeline uses, loaded once per session."""
from __future__ import annotations

from functools import cache

import pytest
import spacy
from spacy.tokens import Doc

from sitrep import lang as langdata


@cache
def _model(lang: str) -> spacy.language.Language:
    return spacy.load(langdata.load(lang, "pipeline").spacy_model)


@pytest.fixture(scope="session")
def parsed():
    """parsed(text, lang) -> Doc, with the language's spaCy model alone (no sitrep components)."""

    def run(text: str, lang: str) -> Doc:
        return _model(lang)(text)

    return run
