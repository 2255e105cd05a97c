"""Hostile and careless input through the real `sitrep extract` command (issue 18): every bad
document is one line on standard error with its reason, the others are coded, nothing crashes,
and pathological texts (runs without whitespace, sentences without end, numbers thousands of
digits long) are coded like any other. Times are measured in bench/scaling.py, not asserted here."""
import json

from clitools import jsonl, run_cli

from sitrep.cli_common import EXIT_SKIPPED, EXIT_USAGE
from sitrep.pipeline import MAX_TEXT_CHARS

EVENT_EN = "Government forces shelled the town of Maarat al-Numan on Tuesday, killing 12 civilians."
EVENT_FR = "Les forces du régime ont bombardé mardi la ville de Maarat al-Noomane, tuant 12 civils."


def _line(doc_id, text, **fields) -> bytes:
    return json.dumps({"id": doc_id, "text": text, "published": "2019-05-15", **fields}).encode()


def _skipped(stderr: bytes) -> dict[str, str]:
    """doc id -> reason, from the `sitrep: skipped ID: REASON` lines (every line must be one)."""
    lines = stderr.decode("utf-8").splitlines()
    assert lines and all(line.startswith("sitrep: skipped ") for line in lines), lines
    return dict(line.removeprefix("sitrep: skipped ").split(": ", 1) for line in lines)


def test_a_batch_of_hostile_lines_is_reported_line_by_line_and_the_rest_coded(tmp_path):
    batch = tmp_path / "hostile.jsonl"
    batch.write_bytes(b"\n".join([
        b'{"id": "surrogate", "text": "' + EVENT_EN.encode() + b' \\ud800", "language": "en"}',
        _line("after-surrogate", EVENT_EN, language="en"),
        b'{"id": "digits", "text": "x", "count": ' + b"9" * 5000 + b"}",
        _line("year-one", EVENT_EN, language="en").replace(b"2019-05-15", b"0001-01-01"),
        _line("future", EVENT_EN, language="en").replace(b"2019-05-15", b"9999-12-31"),
        json.dumps({"id": ["a", "list"], "text": EVENT_EN}).encode(),
        _line("nul", EVENT_EN + "\x00", language="en"),
        '{"id": "latin", "text": "L\'armée"}'.encode("latin-1"),
        _line("mixed-words", "the AFP ( 2020 12 il ) http OK and http )"),
        _line("deep-html", None, html="<html><body>" + "<div>" * 3000 + f"<p>{EVENT_EN}</p>" + "</div>" * 3000
              + "</body></html>", language="en"),
        _line("last", EVENT_FR, language="fr"),
    ]))
    out = run_cli("extract", "--input", str(batch))
    assert out.returncode == EXIT_SKIPPED
    reasons = _skipped(out.stderr)
    assert "lone surrogate" in reasons["surrogate"]
    assert "4300 digits" in reasons["hostile.jsonl:3"]
    assert "before 1900" in reasons["year-one"] and "in the future" in reasons["future"]
    assert "string or a whole number" in reasons["hostile.jsonl:6"]
    assert "NUL" in reasons["nul"]
    assert "UTF-8" in reasons["hostile.jsonl:8"]
    assert "language uncertain" in reasons["mixed-words"]
    assert "nested more than 2,048" in reasons["deep-html"]
    coded = {event["doc_id"] for event in jsonl(out.stdout)}
    assert coded == {"after-surrogate", "last"}


def test_pathological_texts_are_coded_and_an_overlong_one_skipped_before_parsing(tmp_path):
    """50 KB runs the tokenizer is slow on, 100,000 words without a sentence end, numbers of
    thousands of digits: each document still gives the event of its real sentence."""
    texts = {
        "parentheses": (EVENT_EN, "(((x)))" * 7_000, "en"),
        "apostrophes": (EVENT_FR, "l'" * 25_000, "fr"),
        "hyphens": (EVENT_EN, "a-" * 25_000, "en"),
        "digits-hyphens": (EVENT_FR, "1-" * 25_000, "fr"),
        "no-sentence-end": (EVENT_FR, "le " * 100_000, "fr"),
        "long-number": (EVENT_EN, "They counted " + "9" * 5_000 + " shells.", "en"),
        "digit-groups": (EVENT_EN, "They counted " + " ".join(["999"] * 1_600) + " shells.", "en"),
    }
    batch = tmp_path / "pathological.jsonl"
    lines = [_line(doc_id, f"{event} {junk}", language=lang) for doc_id, (event, junk, lang) in texts.items()]
    lines.append(_line("too-long", EVENT_EN + " " + "word " * (MAX_TEXT_CHARS // 5), language="en"))
    batch.write_bytes(b"\n".join(lines))
    out = run_cli("extract", "--input", str(batch), timeout=900)
    assert out.returncode == EXIT_SKIPPED
    assert _skipped(out.stderr) == {"too-long": f"text too long: {MAX_TEXT_CHARS + len(EVENT_EN) + 1:,} characters "
                                                f"(limit {MAX_TEXT_CHARS:,})"}
    by_document: dict[str, list[dict]] = {}
    for event in jsonl(out.stdout):
        by_document.setdefault(event["doc_id"], []).append(event)
    assert set(by_document) == set(texts)
    for doc_id, events in by_document.items():
        assert [e["fatalities"] for e in events if e["evidence"]["sentence_span"]["start"] == 0] == [12], doc_id


def test_command_line_mistakes_are_one_line(tmp_path):
    missing = run_cli("extract", str(tmp_path / "missing.txt"))
    assert missing.returncode == EXIT_USAGE
    assert missing.stderr.decode().strip() == f"sitrep: error: no such file or folder: {tmp_path / 'missing.txt'}"
    folder = run_cli("extract", "--input", str(tmp_path))
    assert folder.returncode == EXIT_USAGE and len(folder.stderr.decode().strip().splitlines()) == 1
    future = run_cli("extract", "-", "--published", "2999-01-01", stdin=EVENT_EN.encode())
    assert future.returncode == EXIT_USAGE and b"2999-01-01" in future.stderr
