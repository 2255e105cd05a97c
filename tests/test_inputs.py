"""Reading documents: every bad input becomes a clear problem naming the document."""
from sitrep.inputs import MAX_DOCUMENT_BYTES, InputProblem, read_file, read_jsonl
from sitrep.models import Document


def _reason(result) -> str:
    assert isinstance(result, InputProblem), result
    return result.reason


def test_text_file_is_a_document(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("L'armée a repris la ville.", encoding="utf-8")
    doc = read_file(str(path))
    assert isinstance(doc, Document) and doc.id == "a.txt" and doc.text.startswith("L'armée")


def test_utf8_bom_is_removed(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHello".encode("utf-8"))
    assert read_file(str(path)).text == "Hello"


def test_empty_binary_invalid_utf8_and_huge_files(tmp_path):
    empty, binary, latin, huge = (tmp_path / n for n in ("empty.txt", "x.bin", "latin.txt", "huge.txt"))
    empty.write_bytes(b"  \n")
    binary.write_bytes(bytes(range(256)) * 10)
    latin.write_bytes("L'armée a pris la ville de Hama.".encode("latin-1"))
    huge.write_bytes(b"a" * (MAX_DOCUMENT_BYTES + 1))
    assert _reason(read_file(str(empty))) == "empty document"
    assert "binary" in _reason(read_file(str(binary)))
    assert "UTF-8" in _reason(read_file(str(latin)))
    assert "too large" in _reason(read_file(str(huge)))
    assert "cannot read" in _reason(read_file(str(tmp_path / "missing.txt")))


def test_jsonl_lines_in_order_with_problems_named(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join([
        '{"id": "a", "text": "one", "published": "2020-03-21"}',
        "{not json",
        '{"id": "c"}',
        '["a list"]',
        '{"id": "e", "html": "<p>x</p>", "published": "yesterday"}',
        "",
        '{"id": "f", "text": "two", "language": "fr", "url": "http://x", "outlet": "AFP"}',
    ]), encoding="utf-8")
    results = list(read_jsonl(str(path)))
    assert [r.id if isinstance(r, Document) else r.doc_id for r in results] == \
        ["a", "docs.jsonl:2", "c", "docs.jsonl:4", "e", "f"]
    assert "not JSON" in results[1].reason
    assert results[2].reason == 'no "text" or "html"'
    assert "published" in results[4].reason
    assert results[5].outlet == "AFP" and str(results[0].published) == "2020-03-21"


def test_every_unusable_value_is_a_problem_that_names_its_line(tmp_path):
    """Lone surrogates, NULs, integers Python will not convert, ids that are no string, invalid
    UTF-8 inside a line, implausible publication dates, fields longer than the store keeps."""
    good = '{"id": "good", "text": "Fighting in Kunduz."}'
    lines = [
        b'{"id": "surrogate", "text": "caf\\ud800 x"}',
        b'{"id": "\\udc00", "text": "x"}',
        b'{"id": "nul", "text": "a\\u0000b"}',
        b'{"id": "digits", "text": "x", "n": ' + b"9" * 5000 + b"}",
        b'{"id": ["a", "b"], "text": "x"}',
        b'{"id": 42, "text": "a number is an id"}',
        '{"id": "latin", "text": "L\'armée"}'.encode("latin-1"),
        b'{"id": "year-one", "text": "x", "published": "0001-01-01"}',
        b'{"id": "far-future", "text": "x", "published": "2099-12-31"}',
        b'{"id": "outlet", "text": "x", "outlet": "' + b"o" * 301 + b'"}',
        b'{"id": "url", "text": "x", "url": "https://example.org/' + b"p" * 2000 + b'"}',
        b"[" * 100_000,
        good.encode(),
    ]
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\n".join(lines))
    results = list(read_jsonl(str(path)))
    reasons = {r.doc_id: r.reason for r in results if isinstance(r, InputProblem)}
    assert "lone surrogate" in reasons["surrogate"] and "lone surrogate" in reasons["bad.jsonl:2"]
    assert "NUL" in reasons["nul"]
    assert "4300 digits" in reasons["bad.jsonl:4"]
    assert "string or a whole number" in reasons["bad.jsonl:5"]
    assert "UTF-8" in reasons["bad.jsonl:7"]
    assert "before 1900-01-01" in reasons["year-one"] and "in the future" in reasons["far-future"]
    assert "'outlet'" in reasons["outlet"] and "'url'" in reasons["url"]
    assert "nested too deeply" in reasons["bad.jsonl:12"]
    documents = [r for r in results if isinstance(r, Document)]
    assert [d.id for d in documents] == ["42", "good"]


def test_a_file_with_a_nul_past_the_binary_sample_is_a_problem(tmp_path):
    path = tmp_path / "late-nul.txt"
    path.write_bytes(b"Fighting in Kunduz. " * 5000 + b"\x00")
    assert "NUL" in _reason(read_file(str(path)))
