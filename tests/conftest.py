"""Fixtures shared by the whole suite: the shared development data, and the real CLI."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "gold" / "seed"


@pytest.fixture
def seed_dir() -> Path:
    if not (SEED / "article.txt").exists():
        pytest.skip(f"SKIPPED LOUDLY: the seed article is absent ({SEED}); development checks need ../shared")
    return SEED


def run_cli(*args: str, stdin: bytes | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """The real command line, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "sitrep", *args], input=stdin, capture_output=True,
                          timeout=timeout, cwd=ROOT)


def jsonl(text: str | bytes) -> list[dict]:
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]
