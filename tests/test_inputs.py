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
