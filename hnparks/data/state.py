"""The load state: one JSON manifest that is the single commit point of every load and rollback.

Why: a load changes a dataset's rows, its provenance (official/illustrative, source, as-of) and
the load log. Replacing several files one after another can be cut by a crash halfway, leaving
new rows with old provenance and no log row. Here new rows go to a *new* immutable file under
versions/, and one atomic rename of `load_state.json` then switches the dataset's current file,
its provenance and the log together. A crash before the rename leaves the old state everywhere,
after it the new state everywhere. Files written by a crashed load and never referenced are
swept by the next writer.

A dataset the manifest does not mention is read from curated/<name>.parquet (the build output)
with the provenance written in catalog.yaml; catalog.yaml is never written by a load.

Provenance is per dataset *and year*: a load makes official only the years its rows cover
(`frame_years`: their `year`, else the year of their `period`), recorded as the entry's
`official_years` (None: every year, for a dataset without a year dimension) and as the log row's
`years`. The other years of the same file keep the build's provenance (illustrative). A state
written before this field existed is read by `entry_years`: the years of the rows that differ
from the build's file.
"""

from __future__ import annotations

import json
import os
import signal
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from hnparks.core.paths import curated_dir, data_dir

STATE_FILE = "load_state.json"
FORMAT = 1
FAULT_ENV = "HNPARKS_FAULT_AT"  # test hook: SIGKILL this process at the N-th write step

_cache: dict[str, tuple[tuple[int, int, int], dict[str, Any]]] = {}
_fault_count = 0


class StateError(RuntimeError):
    """The load state file cannot be read; the message says what the office should do."""


def state_path(root: Path | None = None) -> Path:
    return (root or data_dir()) / STATE_FILE


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def state_version(root: Path | None = None) -> tuple[int, int, int]:
    """A cache key that changes whenever a load or rollback commits."""
    return _stamp(state_path(root)) or (0, 0, 0)


def empty_state() -> dict[str, Any]:
    return {"format": FORMAT, "datasets": {}, "log": []}


def read_state(root: Path | None = None) -> dict[str, Any]:
    """The committed state (cached by the file's inode, mtime and size; never mutate it)."""
    path = state_path(root)
    stamp = _stamp(path)
    if stamp is None:
        return empty_state()
    cached = _cache.get(str(path))
    if cached and cached[0] == stamp:
        return cached[1]
    try:
        state = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(state, dict) or state.get("format") != FORMAT:
            raise ValueError("unknown format")
    except (ValueError, UnicodeDecodeError) as error:
        raise StateError(f"导入状态文件 {STATE_FILE} 已损坏，无法确定各数据集的当前版本"
                         f"（{type(error).__name__}）。请联系系统管理员从备份恢复数据目录。"
                         ) from error
    _cache[str(path)] = (stamp, state)
    return state


def current_file(name: str, root: Path | None = None) -> Path:
    """The file holding a dataset's current rows: the last committed load, else the build."""
    root = root or data_dir()
    entry = read_state(root)["datasets"].get(name)
    if entry and entry.get("file"):
        return root / entry["file"]
    return curated_dir(root) / f"{name}.parquet"


def frame_years(frame: pd.DataFrame) -> list[int] | None:
    """The years rows cover: their `year` column, else the years of their `period` column
    ('YYYY-MM'); None for rows without a year dimension (a roster: every year)."""
    if "year" in frame.columns:
        years = pd.to_numeric(frame["year"], errors="coerce").dropna().astype(int)
    elif "period" in frame.columns:
        years = pd.to_numeric(frame["period"].astype(str).str[:4], errors="coerce").dropna()
    else:
        return None
    return sorted({int(y) for y in years})


_legacy: dict[tuple[str, tuple[int, int, int] | None], list[int] | None] = {}


def _legacy_years(file: str, root: Path) -> list[int] | None:
    """The official years of a file committed before loads recorded them: the years of its rows
    that are not in the build's file (curated/<name>.parquet), i.e. the rows loads brought in.
    Not every year the file holds: it still holds the generated rows of the years no load
    covered, and calling those official is the gap the per-year record closes. Without the
    build's file, every year the file holds."""
    path = root / file
    key = (str(path), _stamp(path))
    if key in _legacy:
        return _legacy[key]
    after = pd.read_parquet(path)
    built = curated_dir(root) / f"{Path(file).parent.name}.parquet"
    changed = after
    if built.exists() and built.resolve() != path.resolve():
        before = pd.read_parquet(built)
        if list(before.columns) == list(after.columns):
            old = set(before.astype(str).itertuples(index=False, name=None))
            keep = [row not in old for row in after.astype(str).itertuples(index=False, name=None)]
            changed = after[keep]
    _legacy[key] = years = frame_years(changed)
    return years


def entry_years(entry: dict[str, Any], root: Path | None = None) -> list[int] | None:
    """The years an entry of the state (or a log row's "before" side, keys without `_before`)
    holds official figures for: [] when illustrative, None when every year."""
    if entry.get("provenance") != "official":
        return []
    if "official_years" in entry:
        years = entry["official_years"]
        return None if years is None else [int(y) for y in years]
    return _legacy_years(entry["file"], root or data_dir()) if entry.get("file") else None


def provenance_overlay(name: str, root: Path | None = None) -> dict[str, Any]:
    """provenance / source / as_of / official_years set by loads (empty when the build's
    catalog entry holds)."""
    entry = read_state(root)["datasets"].get(name) or {}
    out: dict[str, Any] = {k: entry[k] for k in ("provenance", "source", "as_of") if k in entry}
    if entry:
        out["official_years"] = entry_years(entry, root)
    return out


# ---- durable writes ------------------------------------------------------------------------

def fault_point(step: str) -> None:
    """Test hook: with HNPARKS_FAULT_AT=N, the N-th step of this process kills it (SIGKILL),
    as a power cut or `kill -9` would, so tests can stop a load before and after every write."""
    global _fault_count
    at = os.environ.get(FAULT_ENV)
    if not at:
        return
    _fault_count += 1
    if _fault_count == int(at):
        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # not possible on every platform
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temp file beside `path`, fsync, then os.replace: readers see old or new, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    fault_point(f"{path.name}: temp created")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data[: len(data) // 2])
            fault_point(f"{path.name}: half written")
            handle.write(data[len(data) // 2:])
            handle.flush()
            os.fsync(handle.fileno())
        fault_point(f"{path.name}: written")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fault_point(f"{path.name}: renamed")
    _fsync_dir(path.parent)
    fault_point(f"{path.name}: directory synced")


def write_state(state: dict[str, Any], root: Path) -> None:
    """The commit point: the whole new state replaces the old in one rename."""
    text = json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True)
    write_bytes_atomic(state_path(root), text.encode("utf-8"))


def referenced_files(state: dict[str, Any]) -> set[str]:
    """Every file (relative to the data root) the state or its log can still point to."""
    files = {e["file"] for e in state["datasets"].values() if e.get("file")}
    for row in state["log"]:
        files.update(f for f in (row.get("file_before"), row.get("file_after")) if f)
    return files


def sweep(root: Path) -> list[Path]:
    """Remove leftovers of crashed writers (temp files, versions no state points to).
    Only call while holding the writer lock."""
    keep = referenced_files(read_state(root))
    removed = []
    versions = root / "versions"
    for path in [*versions.glob("*/load-*.parquet"), *versions.glob("*/.*.tmp"),
                 *root.glob(".*.tmp"), *curated_dir(root).glob(".*.tmp")]:
        if path.is_file() and path.relative_to(root).as_posix() not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
