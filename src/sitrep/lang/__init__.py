"""Language-specific data, one folder per language code, as in spaCy's own layout.

Each folder holds reviewed YAML files (trigger words, number words, reporting verbs, date words...)
that the stages read through :func:`load`; the stages themselves hold no language-specific words.
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


def supported_languages() -> tuple[str, ...]:
    root = resources.files("sitrep.lang")
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_")))


@cache
def load(lang: str, name: str) -> Any:
    """The parsed content of lang/<lang>/<name>.yaml."""
    if lang not in supported_languages():
        raise ValueError(f"unsupported language {lang!r}; supported: {', '.join(supported_languages())}")
    path = resources.files("sitrep.lang").joinpath(lang, f"{name}.yaml")
    return yaml.safe_load(path.read_text("utf-8"))
