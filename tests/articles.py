"""The real articles tests read: the project's examples, its dev articles, and the shared seed
article where ../shared is present (importable: pytest puts tests/ on the path)."""
from __future__ import annotations

import json

from clitools import ROOT, SEED


def real_articles() -> list[tuple[str, str, str]]:
    """(name, text, language) of each article."""
    found = [(path.name, path.read_text(encoding="utf-8"), path.stem.split("-")[1])
             for path in sorted((ROOT / "examples").glob("article-*.txt"))]
    for line in (ROOT / "bench" / "articles" / "dev" / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        document = json.loads(line)
        found.append((document["id"], document["text"], document["language"]))
    if (SEED / "article.txt").exists():
        found.append(("seed", (SEED / "article.txt").read_text(encoding="utf-8"), "fr"))
    return found
