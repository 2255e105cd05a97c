"""Fixtures for the scale tests: a local Ray instance (2 CPUs, as on CI) and a small batch of the
project's own example articles."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = {"article-fr.txt": "2024-03-08", "article-en.txt": "2020-03-25"}


@pytest.fixture(scope="session")
def local_ray():
    """A local Ray instance with 2 CPUs for the session; the engine reuses the connection."""
    try:
        import ray
    except ImportError:
        pytest.skip("SKIPPED LOUDLY: ray is not installed (optional extra sitrep[ray]; "
                    "scripts/setup.d/70-ray.sh installs it): the Ray engine is untested here")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="session")
def docs_file(tmp_path_factory) -> Path:
    """The example articles in both languages, each twice under another id (so a worker gets
    each language), and two lines without an id that cannot be extracted (each skipped with its
    reason, and stored as its own record, on every engine)."""
    path = tmp_path_factory.mktemp("scale") / "docs.jsonl"
    lines = []
    for copy in ("a", "b"):
        for article in sorted((ROOT / "examples").glob("article-*.txt")):
            text = article.read_text("utf-8")
            if copy == "b":  # another document (another content hash) telling the same story
                text = f"Updated report.\n\n{text}"
            lines.append(json.dumps({"id": f"{article.stem}-{copy}", "text": text,
                                     "published": PUBLISHED[article.name]}, ensure_ascii=False))
    lines += ["{not json", '{"id": null, "text": ""}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
