"""Versioned curated data: merge by key, atomic writes, kept versions, load log, rollback."""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import yaml

from hnparks.catalog import catalog_path, read_catalog
from hnparks.ingest import REPORTABLE, CheckResult
from hnparks.loading import dataset_path
from hnparks.paths import data_dir

BEIJING = timezone(timedelta(hours=8))
LOG_FILE = "ingest_log.csv"
LOG_COLUMNS = ["version_id", "time", "action", "user", "dataset", "files", "rows_added",
               "rows_replaced", "rows_total", "provenance_before", "source_before",
               "as_of_before", "rolls_back"]


@dataclass(frozen=True)
class LoadRecord:
    version_id: str
    dataset: str
    rows_added: int
    rows_replaced: int
    rows_total: int


def beijing_time(iso: str) -> str:
    """A logged UTC time as officials read it: 'YYYY-MM-DD HH:MM' Beijing time."""
    try:
        return datetime.fromisoformat(iso).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def _root(root: Path | None) -> Path:
    return Path(root) if root is not None else data_dir()


def versions_dir(dataset: str, root: Path | None = None) -> Path:
    return _root(root) / "versions" / dataset


def log_path(root: Path | None = None) -> Path:
    return _root(root) / LOG_FILE


# ---- atomic writes -------------------------------------------------------------------------

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
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def write_parquet_atomic(frame: pd.DataFrame, path: Path) -> None:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    write_bytes_atomic(path, buffer.getvalue())


# ---- merge ---------------------------------------------------------------------------------

def merge_by_key(existing: pd.DataFrame, incoming: pd.DataFrame,
                 keys: list[str]) -> tuple[pd.DataFrame, int, int]:
    """Incoming rows replace existing rows with the same key; returns (merged, added, replaced)."""
    incoming = incoming[list(existing.columns)].copy()
    for col in existing.columns:  # keep the stored dtypes so the curated file stays uniform
        incoming[col] = incoming[col].astype(existing[col].dtype)
    key_in = pd.MultiIndex.from_frame(incoming[keys])
    key_old = pd.MultiIndex.from_frame(existing[keys])
    replaced_mask = key_old.isin(key_in)
    replaced = int(replaced_mask.sum())
    # replaced rows keep their place, new rows go at the end: the file's order stays as it was
    position = pd.Series(range(len(key_old)), index=key_old)
    order = key_in.map(lambda k: position.get(k, len(key_old) + 0.5))
    merged = pd.concat([existing[~replaced_mask].assign(_pos=position[~replaced_mask].values),
                        incoming.assign(_pos=list(order))], ignore_index=True)
    merged = merged.sort_values("_pos", kind="stable").drop(columns="_pos")
    return merged.reset_index(drop=True), len(incoming) - replaced, replaced


# ---- catalog provenance --------------------------------------------------------------------

def _scalar(value: str, quote: bool) -> str:
    """A YAML scalar for `value`: plain when that reads back unchanged and not asked to quote."""
    if not quote:
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _set_catalog_fields(text: str, dataset: str, values: dict[str, str]) -> str:
    """Edit `source`, `provenance`, `as_of` of one dataset block in place, keeping comments."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == f"  {dataset}:"), None)
    if start is None:
        raise KeyError(f"catalog.yaml 中没有数据集「{dataset}」")
    end = next((i for i in range(start + 1, len(lines))
                if re.match(r"^ {0,2}\S", lines[i])), len(lines))
    for key, value in values.items():
        for i in range(start + 1, end):
            if re.match(rf"^    {key}:", lines[i]):
                was_quoted = lines[i].split(":", 1)[1].strip().startswith('"')
                lines[i] = f"    {key}: {_scalar(str(value), was_quoted)}\n"
                break
        else:
            lines.insert(start + 1, f"    {key}: {_scalar(str(value), True)}\n")
            end += 1
    return "".join(lines)


def set_provenance(dataset: str, provenance: str, source: str, as_of: str,
                   root: Path | None = None) -> None:
    """Record a dataset's provenance in data/catalog.yaml, written atomically."""
    path = catalog_path(_root(root))
    text = _set_catalog_fields(path.read_text(encoding="utf-8"), dataset,
                               {"source": source, "provenance": provenance, "as_of": as_of})
    entry = yaml.safe_load(text)["datasets"][dataset]  # the edit must still parse, and say so
    assert (entry["provenance"], str(entry["as_of"])) == (provenance, as_of)
    write_bytes_atomic(path, text.encode("utf-8"))


def _as_of(frame: pd.DataFrame, fallback: str) -> str:
    if "period" in frame.columns and len(frame):
        return str(frame["period"].max())
    return fallback


# ---- load log ------------------------------------------------------------------------------

def history(root: Path | None = None, dataset: str | None = None) -> pd.DataFrame:
    """The load log, newest first (optionally for one dataset)."""
    path = log_path(root)
    if not path.exists():
        return pd.DataFrame(columns=LOG_COLUMNS)
    log = pd.read_csv(path, dtype=str, keep_default_na=False)
    if dataset:
        log = log[log["dataset"] == dataset]
    return log.iloc[::-1].reset_index(drop=True)


def _append_log(root: Path, record: dict[str, object]) -> None:
    path = log_path(root)
    old = path.read_bytes() if path.exists() else b""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=LOG_COLUMNS)
    if not old:
        writer.writeheader()
    writer.writerow({k: record.get(k, "") for k in LOG_COLUMNS})
    write_bytes_atomic(path, old + buffer.getvalue().encode("utf-8"))


def _new_version_id(dataset: str, root: Path) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    while (versions_dir(dataset, root) / f"{stamp}.parquet").exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return stamp


def _keep_current(dataset: str, root: Path, version_id: str) -> None:
    """Copy the current curated file to versions/<dataset>/<version_id>.parquet (atomically)."""
    current = dataset_path(dataset, root)
    write_bytes_atomic(versions_dir(dataset, root) / f"{version_id}.parquet", current.read_bytes())


# ---- load and rollback ---------------------------------------------------------------------

@contextlib.contextmanager
def _transaction(dataset: str, root: Path) -> Iterator[None]:
    """One writer at a time; if any step fails, put back the curated file, catalog and log.

    Each file is replaced atomically on its own; this makes the three agree: a load that fails
    after the parquet was replaced (say, while writing the catalog) leaves no trace.
    """
    files = [dataset_path(dataset, root), catalog_path(root), log_path(root)]
    with open(root / ".ingest.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        saved = {f: (f.read_bytes() if f.exists() else None) for f in files}
        try:
            yield
        except BaseException:
            for f, data in saved.items():
                now = f.read_bytes() if f.exists() else None
                if now != data:
                    if data is None:
                        f.unlink()
                    else:
                        write_bytes_atomic(f, data)
            raise
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def commit(result: CheckResult, user: str, source: str, root: Path | None = None) -> LoadRecord:
    """Merge an accepted check result into the curated parquet and mark the dataset official.

    The previous file is kept as versions/<dataset>/<version_id>.parquet before the new one
    replaces it, so `rollback(version_id)` restores exactly what was there before this load.
    """
    if not result.ok:
        raise ValueError("校验未通过的数据不能导入")
    root = _root(root)
    name = result.dataset
    path = dataset_path(name, root)
    with _transaction(name, root):  # read, merge and write under one lock
        existing = pd.read_parquet(path)
        merged, added, replaced = merge_by_key(existing, result.frame, REPORTABLE[name])
        info = read_catalog(root)[name]
        version_id = _new_version_id(name, root)
        _keep_current(name, root, version_id)
        write_parquet_atomic(merged, path)
        set_provenance(name, "official", source, _as_of(merged, info.as_of), root)
        _append_log(root, {
            "version_id": version_id, "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "action": "导入", "user": user, "dataset": name, "files": "、".join(result.files),
            "rows_added": added, "rows_replaced": replaced, "rows_total": len(merged),
            "provenance_before": info.provenance, "source_before": info.source,
            "as_of_before": info.as_of})
    return LoadRecord(version_id, name, added, replaced, len(merged))


def _undo_stacks(log: pd.DataFrame) -> dict[str, list[str]]:
    """Per dataset, the loads still in effect, oldest first (a rollback pops the newest)."""
    stacks: dict[str, list[str]] = {}
    for entry in log.iloc[::-1].itertuples():  # chronological
        stack = stacks.setdefault(entry.dataset, [])
        if entry.action == "导入":
            stack.append(entry.version_id)
        elif stack and entry.rolls_back == stack[-1]:
            stack.pop()
    return stacks


def rollback_candidates(root: Path | None = None, dataset: str | None = None) -> pd.DataFrame:
    """The load each dataset can undo now: its newest load not yet rolled back."""
    log = history(root, dataset)
    tops = {stack[-1] for stack in _undo_stacks(log).values() if stack}
    return log[log["version_id"].isin(tops)].reset_index(drop=True)


def rollback(dataset: str, user: str, version_id: str | None = None,
             root: Path | None = None) -> LoadRecord:
    """Undo the newest load of a dataset still in effect: restore the file kept before it and
    the catalog provenance it replaced. Loads are undone newest first, one at a time (calling
    again undoes the one before); `version_id`, if given, must be that newest load.
    """
    root = _root(root)
    with _transaction(dataset, root):
        log = history(root, dataset)
        stack = _undo_stacks(log).get(dataset, [])
        if not stack:
            raise ValueError(f"数据集「{dataset}」没有可回退的导入")
        if version_id is not None and version_id != stack[-1]:
            raise ValueError(f"只能回退「{dataset}」最近一次未回退的导入（版本 {stack[-1]}），"
                             f"不能直接回退版本 {version_id}")
        entry = log[log["version_id"] == stack[-1]].iloc[0]
        kept = versions_dir(dataset, root) / f"{entry['version_id']}.parquet"
        if not kept.exists():
            raise ValueError(f"版本文件缺失：{kept}")
        restored = pd.read_parquet(kept)
        info = read_catalog(root)[dataset]
        new_id = _new_version_id(dataset, root)
        _keep_current(dataset, root, new_id)
        write_bytes_atomic(dataset_path(dataset, root), kept.read_bytes())
        set_provenance(dataset, entry["provenance_before"], entry["source_before"],
                       entry["as_of_before"], root)
        _append_log(root, {
            "version_id": new_id, "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "action": "回退", "user": user, "dataset": dataset, "files": "",
            "rows_added": 0, "rows_replaced": 0, "rows_total": len(restored),
            "provenance_before": info.provenance, "source_before": info.source,
            "as_of_before": info.as_of, "rolls_back": entry["version_id"]})
    return LoadRecord(new_id, dataset, 0, 0, len(restored))


def status(root: Path | None = None) -> pd.DataFrame:
    """One row per reportable dataset: provenance, source, as-of, rows, last load."""
    import pyarrow.parquet as pq

    root = _root(root)
    info = read_catalog(root)
    log = history(root)
    rows = []
    for name in REPORTABLE:
        entry = info[name]
        path = dataset_path(name, root)
        loads = log[log["dataset"] == name]
        last = loads.iloc[0] if len(loads) else None
        rows.append({
            "dataset": name, "title": entry.title,
            "provenance": "官方报表" if entry.provenance == "official" else "示意数据",
            "source": entry.source, "as_of": entry.as_of, "owner": entry.owner,
            "rows": pq.ParquetFile(path).metadata.num_rows if path.exists() else 0,
            "last_load": (f"{beijing_time(last['time'])} {last['action']}"
                          f"（{last['user']}）") if last is not None else "—",
        })
    return pd.DataFrame(rows)
