"""The workflow database itself (issue 25): migrated to the newest revision on first use, SQLite
in WAL mode, and a database that is busy or unreachable answers in Chinese, changing nothing."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import inspect, text

from hnparks.data.workflow import (
    WorkflowBusy,
    WorkflowUnavailable,
    db,
    dispose,
    engine,
    transaction,
)
from hnparks.data.workflow.models import Base, Round


def test_a_new_sqlite_database_is_migrated_to_head_in_wal_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("HNPARKS_DATA_DIR", str(tmp_path))
    monkeypatch.delenv(db.DATABASE_URL_ENV, raising=False)
    assert db.database_url() == f"sqlite:///{tmp_path / 'workflow.sqlite'}"
    eng = engine()
    try:
        tables = set(inspect(eng).get_table_names())
        assert {t.name for t in Base.metadata.sorted_tables} | {"alembic_version"} == tables
        with eng.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        scripts = sorted(p.stem for p in (db.MIGRATIONS / "versions").glob("*.py"))
        assert head == scripts[-1]
        db.migrate(eng)  # again: nothing to do, nothing lost
    finally:
        dispose()


def test_a_busy_sqlite_database_is_refused_in_chinese(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'busy.sqlite'}"
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    engine(url)
    holder = sqlite3.connect(tmp_path / "busy.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the file
    try:
        with pytest.raises(WorkflowBusy, match="填报数据库正忙.*未改动"), transaction(url) as s:
            s.add(Round(dataset="park_indicators", period="x", due=None, opened_by="t"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with transaction(url) as session:
        assert session.query(Round).count() == 0
    dispose(url)


def test_an_unreachable_postgresql_is_said_in_chinese(tmp_path):
    url = f"postgresql+psycopg://nobody@/none?host={tmp_path}"
    with pytest.raises(WorkflowUnavailable, match="无法连接填报数据库.*HNPARKS_DATABASE_URL"):
        engine(url)


@pytest.mark.parametrize("ci, outcome", [("true", pytest.fail.Exception),
                                         ("", pytest.skip.Exception)])
def test_without_postgresql_the_tests_skip_locally_and_fail_in_ci(monkeypatch, ci, outcome):
    from tests import workflow

    monkeypatch.setattr(workflow, "PG_BINARIES", [])
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="postgresql"), workflow.postgres_server():
        pass
