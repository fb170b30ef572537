"""Where the workflow's state lives: SQLite beside the data by default, PostgreSQL by setting.

`engine()` gives one engine per database URL per process, with the schema migrated to the
newest revision (Alembic, `migrations/` inside the package) on first use. SQLite runs in WAL
mode with a busy timeout, so readers never block the writer and a second writer waits instead
of failing at once; several app machines share one PostgreSQL through `HNPARKS_DATABASE_URL`.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from hnparks.core.paths import data_dir

DATABASE_URL_ENV = "HNPARKS_DATABASE_URL"
DB_FILE = "workflow.sqlite"
BUSY_TIMEOUT_MS = 10_000
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Serialises the first migration of several PostgreSQL processes starting at once.
_ADVISORY_KEY = 72_025_0025



class WorkflowBusy(RuntimeError):
    """Another step holds the rows (or the SQLite file) for longer than the wait; for people."""


class WorkflowUnavailable(RuntimeError):
    """The workflow database cannot be reached or opened; the message is for people."""


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
        # a row another step holds is waited for as long as SQLite's busy timeout, then refused
        eng = create_engine(url, pool_pre_ping=True,
                            connect_args={"options": f"-c lock_timeout={BUSY_TIMEOUT_MS}"})
    try:
        migrate(eng)
    except OperationalError as error:
        eng.dispose()
        raise _people(error) from error
    return eng


def _people(error: OperationalError) -> RuntimeError:
    """A database error as the person acting reads it (details go to the log)."""
    text = str(error.orig or error).lower()
    if "locked" in text or "lock timeout" in text or "could not obtain lock" in text \
            or "deadlock" in text:
        return WorkflowBusy("填报数据库正忙（另一项填报或审核操作正在进行），本次操作未执行，"
                            "已有数据未改动。请稍后再试。")
    logging.getLogger(__name__).error("填报数据库不可用：%s", error)
    return WorkflowUnavailable("无法连接填报数据库，本次操作未执行。请联系系统管理员"
                               "（检查 HNPARKS_DATABASE_URL 与数据库服务）。")


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
    try:
        with Session(engine(url), expire_on_commit=False) as session, session.begin():
            yield session
    except OperationalError as error:
        raise _people(error) from error
