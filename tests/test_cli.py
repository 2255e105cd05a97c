"""The real `sitrep extract` command: formats, batches, bad input, the seed development check."""
import csv
import io
import json
import subprocess
import sys

from clitools import ROOT, jsonl, run_cli

from sitrep.cli_common import EXIT_SKIPPED
from sitrep.exports import ACLED_COLUMNS

EXAMPLE = ROOT / "examples" / "article-fr.txt"


def test_extract_example_in_every_format():
    out = run_cli("extract", str(EXAMPLE), "--published", "2024-03-08")
    assert out.returncode == 0, out.stderr
    events = jsonl(out.stdout)
    assert events and all(e["evidence"]["language"] == "fr" for e in events)
    table = run_cli("extract", str(EXAMPLE), "--published", "2024-03-08", "--format", "table")
    assert "event(s)" in table.stdout.decode()
    rows = list(csv.DictReader(io.StringIO(run_cli("extract", str(EXAMPLE), "--published", "2024-03-08",
                                                   "--format", "acled-csv").stdout.decode())))
    assert len(rows) == len(events) and tuple(rows[0]) == ACLED_COLUMNS
    geo = json.loads(run_cli("extract", str(EXAMPLE), "--published", "2024-03-08", "--format", "geojson").stdout)
    assert len(geo["features"]) == len(events)


def test_stdin_and_module_entry_point():
    text = "Des avions ont bombardé la ville de Homs mardi, tuant dix civils.".encode()
    out = run_cli("extract", "-", "--published", "2020-01-10", "--lang", "fr", stdin=text)
    assert out.returncode == 0 and jsonl(out.stdout)


def test_batch_goes_on_past_bad_documents_and_says_so(tmp_path):
    good = {"id": "good", "text": "Taliban fighters attacked a checkpoint in Kunduz on Monday.", "published": "2020-03-25"}
    lines = [
        json.dumps(good),
        "{this is not json",
        json.dumps({"id": "no-text", "published": "2020-03-25"}),
        json.dumps({"id": "empty-html", "html": "<html><head><title>x</title></head></html>", "published": "2020-03-25"}),
        json.dumps({"id": "german", "text": "Die Armee hat die Stadt am Dienstag angegriffen und viele Menschen getötet.",
                    "published": "2020-03-25"}),
        json.dumps({**good, "id": "good-2"}),
    ]
    batch = tmp_path / "docs.jsonl"
    batch.write_text("\n".join(lines), encoding="utf-8")
    out = run_cli("extract", "--input", str(batch))
    assert out.returncode == EXIT_SKIPPED
    events = jsonl(out.stdout)
    assert [e["doc_id"] for e in events if e["doc_id"].startswith("good")][:1] == ["good"]
    assert {e["doc_id"] for e in events} == {"good", "good-2"}
    errors = out.stderr.decode()
    for name in ("docs.jsonl:2", "no-text", "empty-html", "german"):
        assert name in errors, errors
    assert "not JSON" in errors and "unsupported language" in errors


def test_bad_files_are_skipped_with_a_reason(tmp_path):
    cases = {
        "empty.txt": b"",
        "binary.bin": bytes(range(256)) * 64,
        "latin1.txt": "L'armée a bombardé la ville de Homs.".encode("latin-1"),
        "huge.txt": b"word " * (10 * 1024 * 1024),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        out = run_cli("extract", str(path), "--published", "2020-01-10")
        assert out.returncode == EXIT_SKIPPED, (name, out.stderr)
        assert name in out.stderr.decode() and out.stdout == b""


def test_fifty_megabyte_line_in_a_batch_is_skipped(tmp_path):
    batch = tmp_path / "big.jsonl"
    with batch.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "big", "text": "x " * (25 * 1024 * 1024)}) + "\n")
        fh.write(json.dumps({"id": "small", "text": "Taliban fighters attacked a checkpoint in Kunduz on Monday.",
                             "published": "2020-03-25"}) + "\n")
    out = run_cli("extract", "--input", str(batch))
    assert out.returncode == EXIT_SKIPPED and "big" in out.stderr.decode()
    assert {e["doc_id"] for e in jsonl(out.stdout)} == {"small"}


def test_seed_development_check(seed_dir, tmp_path):
    """The seed article (published 2016-09-24) meets issue 2's bar with the shared scorer."""
    out = run_cli("extract", str(seed_dir / "article.txt"), "--published", "2016-09-24", "--lang", "fr")
    assert out.returncode == 0, out.stderr
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps({**e, "doc_id": "seed-handarat"}) + "\n" for e in jsonl(out.stdout)))
    score = subprocess.run([sys.executable, str(seed_dir.parent.parent / "gold" / "score.py"),
                            str(seed_dir / "events.jsonl"), str(pred), "--json"], capture_output=True, check=True)
    result = json.loads(score.stdout)
    assert result["recall_required"] >= 0.8, result
    assert result["precision"] >= 0.7, result
    assert result["date_exact"] >= 0.8, result
    assert result["denied_leaked"] == 0, result


def test_published_schema_is_current():
    out = run_cli("schema")
    assert out.returncode == 0
    assert json.loads(out.stdout) == json.loads((ROOT / "docs" / "event.schema.json").read_text())


def test_the_store_commands_and_the_server_run_without_loading_spacy(tmp_path):
    """`sitrep stats`, `sitrep events` and the web app read the store only: loading spaCy and its
    models would cost them most of their start-up."""
    db = tmp_path / "store.db"
    script = f"""
import sys
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from sitrep.cli import app
from sitrep.web.app import create_app
runner = CliRunner()
for args in (["stats", "--db", {str(db)!r}], ["events", "--db", {str(db)!r}, "--format", "jsonl"]):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
assert TestClient(create_app({str(db)!r})).get("/events").status_code == 200
print(sorted(name for name in sys.modules if name.split(".")[0] in ("spacy", "thinc")))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
