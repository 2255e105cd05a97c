"""Fixtures for the watch tests: a local news site (tests/newssite.py) started per test."""
from __future__ import annotations

import pytest

from newssite import NewsSite


@pytest.fixture
def site():
    served = NewsSite()
    yield served
    served.close()
