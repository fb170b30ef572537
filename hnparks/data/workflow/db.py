"""Where the workflow's state lives: SQLite beside the data by default, PostgreSQL by setting.

`engine()` gives one engine per database URL per process, with the schema migrated to the
newest revision (Alembic, `migrations/` inside the package) on first use. SQLite runs in WAL
mode with a busy timeout, so readers never block the writer and a second writer waits instead
of failing at once; several app machines share one PostgreSQL through `HNPARKS_DATABASE_URL`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session

from hnparks.core.paths import data_dir

DATABASE_URL_ENV = "HNPARKS_DATABASE_URL"
DB_FILE = "workflow.sqlite"
BUSY_TIMEOUT_MS = 10_000
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Serialises the first migration of several PostgreSQL processes starting at once.
_ADVISORY_KEY = 72_025_0025

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def database_url(url: str | None = None) -> str:
    """The workflow database: `url`, else $HNPARKS_DATABASE_URL, else SQLite at
    data_dir()/workflow.sqlite."""
    return url or os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{data_dir() / DB_FILE}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 (DB-API objects)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _create(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        eng = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(eng, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling defers BEGIN; emit it ourselves so a transaction
        # that writes takes the write lock when it starts (BEGIN IMMEDIATE) and waits for it.
        event.listen(eng, "connect", lambda conn, _r: setattr(conn, "isolation_level", None))
        event.listen(eng, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    else:
        eng = create_engine(url, pool_pre_ping=True)
    migrate(eng)
    return eng


def migrate(eng: Engine) -> None:
    """Bring the schema to the newest revision (idempotent; safe from several processes)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with eng.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_KEY})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def engine(url: str | None = None) -> Engine:
    """The engine for the workflow database (see `database_url`), migrated to head."""
    resolved = database_url(url)
    with _lock:
        if resolved not in _engines:
            _engines[resolved] = _create(resolved)
        return _engines[resolved]


def dispose(url: str | None = None) -> None:
    """Forget the engine of `url` (tests switching databases; a new engine migrates again)."""
    with _lock:
        eng = _engines.pop(database_url(url), None)
    if eng is not None:
        eng.dispose()


@contextmanager
def transaction(url: str | None = None) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back (nothing changed) if it
    raises."""
    with Session(engine(url), expire_on_commit=False) as session, session.begin():
        yield session
