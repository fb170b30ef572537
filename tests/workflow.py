"""Test support for the reporting workflow (issue 25): Debian's PostgreSQL started in a temporary
directory (unix socket only, run as `nobody` when the tests run as root, since initdb refuses
root), and a snapshot of everything a refused step must leave unchanged."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_BINARIES = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


def _run(args: list[str], owner: str | None) -> None:
    command = ["runuser", "-u", owner, "--", *args] if owner else args
    subprocess.run(command, check=True, capture_output=True, timeout=120)


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL server; yields the directory of its unix socket. Skipped when
    Debian's postgresql is not installed, except in CI (CI=true), where that is a failure."""
    if not PG_BINARIES:
        message = "需要 Debian 的 postgresql（apt-get install postgresql）才能在 PostgreSQL 上测试"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    bin_dir = PG_BINARIES[-1].parent
    owner = "nobody" if os.geteuid() == 0 else None
    base = Path(tempfile.mkdtemp(prefix="hnparks-pg-"))
    if owner:
        shutil.chown(base, owner)
    data = base / "pgdata"
    try:
        _run([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
              "-E", "UTF8", "--no-locale"], owner)
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(base / "server.log"), "-w",
              "-o", f"-k {base} -c listen_addresses='' -F", "start"], owner)
        yield str(base)
    finally:
        with contextlib.suppress(Exception):
            _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                 owner)
        shutil.rmtree(base, ignore_errors=True)


def new_database(socket_dir: str) -> str:
    """A fresh, empty database on the server; its SQLAlchemy URL."""
    import psycopg

    name = f"wf_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(host=socket_dir, user="postgres", dbname="postgres",
                         autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://postgres@/{name}?host={socket_dir}"


def clear_workflow(url: str, root: Path) -> None:
    """Empty every workflow table and the evidence store (between tests sharing a database)."""
    from hnparks.data.workflow import Base, engine

    with engine(url).begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
    shutil.rmtree(root / "evidence", ignore_errors=True)


def snapshot(url: str, root: Path, datasets: tuple[str, ...] = ("park_indicators",)) -> dict:
    """Every workflow row, the evidence files, the load state and each dataset's current file."""
    from hnparks.data.loading import dataset_path
    from hnparks.data.workflow import Base, engine

    with engine(url).connect() as conn:
        tables = {t.name: sorted(map(repr, conn.execute(t.select()).all()))
                  for t in Base.metadata.sorted_tables}
    files = sorted(p.relative_to(root).as_posix() for p in (root / "evidence").rglob("*")) \
        if (root / "evidence").exists() else []
    state = root / "load_state.json"
    return {"tables": tables, "evidence": files,
            "state": state.read_bytes() if state.exists() else b"",
            "data": {name: hashlib.sha256(dataset_path(name, root).read_bytes()).hexdigest()
                     for name in datasets}}
