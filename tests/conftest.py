"""Fixtures shared by the whole suite."""
from __future__ import annotations

from pathlib import Path

import pytest
from clitools import SEED


@pytest.fixture
def seed_dir() -> Path:
    if not (SEED / "article.txt").exists():
        pytest.skip(f"SKIPPED LOUDLY: the seed article is absent ({SEED}); development checks need ../shared")
    return SEED
