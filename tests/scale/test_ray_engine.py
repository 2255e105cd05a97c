"""The Ray engine gives the same stored events as the single-process ingest, through the real CLI:
`sitrep ingest --engine ray`, and `sitrep ray-extract` then `sitrep load`."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.cli_common import EXIT_SKIPPED
from sitrep.store import Store

runner = CliRunner()


def stored(db: Path) -> tuple[dict[str, int], list[dict]]:
    """How many documents the store holds per status, and every stored event record, in a stable order."""
    with Store(str(db)) as store:
        documents = store.stats().documents
        events = sorted((s.event.model_dump(mode="json") for s in store.iter_events()),
                        key=lambda e: (e["doc_id"], e["event_id"]))
    return documents, events


@pytest.fixture(scope="module")
def single_process(docs_file: Path, tmp_path_factory) -> tuple[dict[str, str], list[dict]]:
    db = tmp_path_factory.mktemp("local") / "local.db"
    result = runner.invoke(app, ["ingest", str(docs_file), "--db", str(db)])
    assert result.exit_code == EXIT_SKIPPED, result.output  # the lines that cannot be extracted
    return stored(db)


def test_ingest_on_ray_stores_the_same_events(local_ray, docs_file, single_process, tmp_path):
    db = tmp_path / "ray.db"
    result = runner.invoke(app, ["ingest", str(docs_file), "--db", str(db), "--engine", "ray", "--workers", "2"])
    assert result.exit_code == EXIT_SKIPPED, result.output
    assert stored(db) == single_process
    assert single_process[0] == {"ok": 4, "skipped": 2}
    assert single_process[1], "the example articles report events"


def test_parquet_partitions_load_into_the_same_store(local_ray, docs_file, single_process, tmp_path):
    partitions = tmp_path / "partitions"
    result = runner.invoke(app, ["ray-extract", str(docs_file), "--out", str(partitions), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert list(partitions.glob("*.parquet"))
    db = tmp_path / "loaded.db"
    result = runner.invoke(app, ["load", str(partitions), "--db", str(db)])
    assert result.exit_code == EXIT_SKIPPED, result.output
    assert "4 ok, 2 skipped" in result.output
    assert stored(db) == single_process
    again = runner.invoke(app, ["load", str(partitions), "--db", str(db)])
    assert "6 already in the store" in again.output
