"""Opening a store that cannot be one (issue 18): one line on standard error saying why and what
to do, exit status 1, and a database that is not a sitrep store left exactly as it was. A
migration that fails leaves the database as it was, so the next open succeeds."""
from __future__ import annotations

import hashlib
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import alembic.op
import pytest
from clitools import run_cli
from sqlalchemy import create_engine, inspect

from sitrep.cli_common import EXIT_FAILED
from sitrep.store import Store
from sitrep.store.opening import TIMEOUT_ENV
from sitrep.store.schema import metadata


def _one_error_line(out) -> str:
    lines = out.stderr.decode("utf-8").strip().splitlines()
    assert out.returncode == EXIT_FAILED and len(lines) == 1 and lines[0].startswith("sitrep: error: "), out.stderr
    return lines[0]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _text_file(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _sqlite_file(path: Path, *statements: str) -> Path:
    with closing(sqlite3.connect(path)) as db, db:
        for statement in statements:
            db.execute(statement)
    return path


def _folder(path: Path) -> dict[str, str]:
    """Every file beside ``path`` (a store's -wal and -shm included), with its content's digest."""
    return {child.name: _digest(child) for child in path.parent.iterdir() if child.is_file()}


@pytest.mark.parametrize(("case", "expected"), [
    ("folder", "is a folder"),
    ("missing-folder", "does not exist"),
    ("not-sqlite", "not a SQLite database"),
    ("other-application", "not a sitrep store"),
    ("half-made", "not a sitrep store"),
    ("newer-sitrep", "newer sitrep"),
])
def test_a_store_that_cannot_be_opened_is_one_line_and_left_untouched(tmp_path, case, expected):
    made = {
        "folder": lambda: tmp_path,
        "missing-folder": lambda: tmp_path / "no" / "such.db",
        "not-sqlite": lambda: _text_file(tmp_path / "notes.db", "meeting notes\n"),
        "other-application": lambda: _sqlite_file(tmp_path / "app.db", "CREATE TABLE contacts (name TEXT)",
                                                  "INSERT INTO contacts VALUES ('x')"),
        "half-made": lambda: _sqlite_file(tmp_path / "half.db", "CREATE TABLE documents (id TEXT)",
                                          "CREATE TABLE incidents (id INTEGER)"),
        "newer-sitrep": lambda: tmp_path / "newer.db",
    }
    path = made[case]()
    if case == "newer-sitrep":
        Store(str(path)).close()
        _sqlite_file(path, "UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = _folder(path) if path.is_file() else None
    line = _one_error_line(run_cli("stats", "--db", str(path)))
    assert expected in line and ("--db" in line or "upgrade sitrep" in line), line
    if before is not None:
        assert _folder(path) == before


def test_an_unreachable_postgresql_server_is_one_line():
    line = _one_error_line(run_cli("stats", "--db", "postgresql://sitrep:secret@127.0.0.1:1/none"))
    assert "cannot connect to postgresql://sitrep:***@127.0.0.1:1/none" in line


def test_a_locked_store_is_one_line_after_the_wait(tmp_path):
    path = tmp_path / "busy.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process writing, for longer than we wait
    try:
        out = run_cli("stats", "--db", str(path), env={TIMEOUT_ENV: "0.5"})
    finally:
        holder.rollback()
        holder.close()
    assert "is locked by another process (waited 0.5 s)" in _one_error_line(out)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_one_line(tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert "writ" in _one_error_line(run_cli("stats", "--db", str(folder / "new.db")))
    finally:
        folder.chmod(0o755)


def test_a_migration_that_fails_partway_leaves_nothing_behind(store_url, monkeypatch):
    def fail(*_args, **_kwargs):
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(alembic.op, "create_index", fail)  # after the first tables are created
    with pytest.raises(RuntimeError, match="disk unplugged"):
        Store(store_url)
    url = store_url if "://" in store_url else f"sqlite:///{store_url}"
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()
    monkeypatch.undo()
    with Store(store_url) as store:
        assert set(metadata.tables) <= set(inspect(store.engine).get_table_names())
