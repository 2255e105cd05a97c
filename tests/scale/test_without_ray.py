"""What a user without the optional Ray extra, or with nothing to load, is told."""
from __future__ import annotations

import sys

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.scale.ray_engine import INSTALL_HINT

runner = CliRunner()


def test_ingest_on_ray_without_ray_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails, as where the extra is missing
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"id": "a", "text": "The army shelled the town on Monday."}\n', encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(docs), "--db", str(tmp_path / "s.db"), "--engine", "ray"])
    assert result.exit_code != 0
    assert isinstance(result.exception, RuntimeError) and str(result.exception) == INSTALL_HINT


def test_load_without_partitions_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2
    assert "no Parquet partitions" in result.output
