"""Versioned curated data: merge by key, one commit point per load or rollback, load log.

Each load writes its merged rows to a new file versions/<dataset>/<version_id>.parquet, then
switches the dataset to it — file, provenance (with the years it is official for) and log row
together — in one atomic rename of the state file (hnparks.data.state). Checks and commit run under one writer lock (hnparks.core.locking).
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from hnparks.commands.ingest import REPORTABLE, CheckResult, check_files
from hnparks.core.access import AccessDenied, Identity, require_admin
from hnparks.core.locking import DEFAULT_WAIT, StoreBusy, writer_lock
from hnparks.core.paths import data_dir
from hnparks.core.text import one_line
from hnparks.data.catalog import read_catalog
from hnparks.data.loading import dataset_path, merge_by_key
from hnparks.data.state import (
    entry_years,
    fault_point,
    frame_years,
    read_state,
    sweep,
    write_bytes_atomic,
    write_state,
)
from hnparks.derived.indicator_store import fingerprint, rebuild, stored_stamp

__all__ = ["AccessDenied", "StoreBusy", "StoreConflict", "commit", "history", "load", "rollback", "status",
           "rollback_candidates", "beijing_time", "write_bytes_atomic"]

BEIJING = timezone(timedelta(hours=8))
LOG_COLUMNS = ["version_id", "time", "action", "user", "dataset", "files", "years", "rows_added",
               "rows_replaced", "rows_total", "provenance_before", "source_before",
               "as_of_before", "rolls_back", "identity", "digest"]
ALL_YEARS = "全部年度"


class StoreConflict(RuntimeError):
    """The dataset changed between a check and its commit; the message is for people."""


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



def _as_of(frame: pd.DataFrame, fallback: str) -> str:
    if "period" in frame.columns and len(frame):
        return str(frame["period"].max())
    return fallback


# ---- load log ------------------------------------------------------------------------------

def years_text(years: list[int] | None) -> str:
    """Years as the log and the status table show them: '<年>年、<年>年', or 全部年度."""
    return ALL_YEARS if years is None else "、".join(f"{y}年" for y in years)


def history(root: Path | None = None, dataset: str | None = None) -> pd.DataFrame:
    """The load log, newest first (optionally for one dataset). `years`: the years a load's
    rows covered (blank for loads logged before years were recorded, and for rollbacks)."""
    rows = [{k: (years_text(row[k]) if k == "years" and k in row else str(row.get(k, "")))
             for k in LOG_COLUMNS} for row in read_state(_root(root))["log"]]
    log = pd.DataFrame(rows, columns=LOG_COLUMNS)
    if dataset:
        log = log[log["dataset"] == dataset]
    return log.iloc[::-1].reset_index(drop=True)


def version_file(dataset: str, version_id: str, root: Path | None = None) -> Path:
    """The rows a load produced. The `load-` prefix keeps them apart from anything else in
    versions/ (such as files kept by the earlier design), which the sweep never touches."""
    return versions_dir(dataset, root) / f"load-{version_id}.parquet"


def _new_version_id(dataset: str, root: Path) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    while version_file(dataset, stamp, root).exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return stamp


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _after_change(root: Path, built: pd.DataFrame | None = None) -> None:
    """Called once after every committed load or rollback, still under the writer lock.
    The place to rebuild anything derived from the curated data (e.g. an indicator store);
    a crash here leaves the commit in effect, so whatever runs here must be re-runnable.
    `built`: the indicator store the load's check built from the data now committed."""
    fault_point("after commit")
    # The indicator store follows the data at once (built once per load: the check's store when
    # it has one; nothing to do when the load changed none of its inputs); if this fails or is
    # interrupted, the app sees a stale fingerprint and rebuilds it on the next read.
    try:
        if stored_stamp(root) != fingerprint(root):
            rebuild(root, built)
    except Exception:  # the load itself has committed; the store is derived data
        logging.getLogger(__name__).exception("指标库重建失败，将在下次读取时重建")


def _switch(root: Path, state: dict, dataset: str, entry: dict, log_row: dict) -> None:
    """The single commit point: the dataset's current file, provenance and the log row change
    together, in one atomic rename of the state file."""
    new = {**state, "datasets": {**state["datasets"], dataset: entry},
           "log": [*state["log"], log_row]}
    write_state(new, root)


def _entry_now(dataset: str, root: Path) -> dict:
    info = read_catalog(root)[dataset]
    years = info.official_years
    return {"file": _relative(dataset_path(dataset, root), root), "provenance": info.provenance,
            "source": info.source, "as_of": info.as_of,
            "official_years": (None if years is None else list(years))
            if info.provenance == "official" else []}


def _official_after(before: dict, loaded: list[int] | None) -> list[int] | None:
    """The years official after a load: those before plus those the load's rows cover (None,
    every year, if either side covers every year)."""
    held = before["official_years"]
    if loaded is None or held is None:
        return None
    return sorted(set(held) | set(loaded))


# ---- load and rollback ---------------------------------------------------------------------

def files_digest(files: list[tuple[str, bytes]]) -> str:
    """What was loaded, verifiably: each file's name and the first 16 hex digits of its SHA-256."""
    return "；".join(f"{one_line(name, 80)} sha256:{hashlib.sha256(data).hexdigest()[:16]}"
                    for name, data in files)


def _who(user: Identity) -> dict[str, str]:
    """The log's record of the person acting: their name and how they were identified."""
    return {"user": one_line(user.name, 50), "identity": one_line(user.audit_label(), 120)}


def _commit_locked(result: CheckResult, user: Identity, source: str, root: Path,
                   digest: str = "") -> LoadRecord:
    name = result.dataset
    current = dataset_path(name, root)
    if result.base is not None and result.base != _relative(current, root):
        raise StoreConflict(f"数据集「{name}」在校验之后已被另一次导入或回退改变，本次未导入，"
                            "已有数据未改动。请重新校验后再导入。")
    # The check's store holds for what this commit leaves only if no other input changed since
    built = result.store if result.store is not None and result.inputs == fingerprint(root) else None
    sweep(root)
    existing = pd.read_parquet(current)
    merged, added, replaced = merge_by_key(existing, result.frame, REPORTABLE[name])
    before = _entry_now(name, root)
    version_id = _new_version_id(name, root)
    target = version_file(name, version_id, root)
    buffer = io.BytesIO()
    merged.to_parquet(buffer, index=False)
    write_bytes_atomic(target, buffer.getvalue())  # a new file; nothing points to it yet
    source = one_line(source)
    loaded = frame_years(result.frame)
    entry = {"file": _relative(target, root), "provenance": "official", "source": source,
             "as_of": _as_of(merged, before["as_of"]),
             "official_years": _official_after(before, loaded)}
    _switch(root, read_state(root), name, entry, {
        "version_id": version_id, "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "action": "导入", **_who(user), "digest": digest, "dataset": name,
        "files": one_line("、".join(result.files)), "years": loaded, "rows_added": added,
        "rows_replaced": replaced, "rows_total": len(merged),
        "provenance_before": before["provenance"], "source_before": before["source"],
        "as_of_before": before["as_of"], "official_years_before": before["official_years"],
        "rolls_back": "", "file_before": before["file"],
        "file_after": entry["file"], "source": source})
    _after_change(root, built)
    return LoadRecord(version_id, name, added, replaced, len(merged))


def commit(result: CheckResult, user: Identity, source: str, root: Path | None = None,
           wait: float = DEFAULT_WAIT) -> LoadRecord:
    """Merge an accepted check result into the dataset and mark it official, as one commit.

    Refused (`StoreConflict`) if the dataset changed since `result` was checked: rules such as
    "year-to-date never goes down" hold only against the data they were checked on. Prefer
    `load`, which checks and commits under one lock. `AccessDenied` unless `user` is admin.
    """
    require_admin(user)
    if not result.ok:
        raise ValueError("校验未通过的数据不能导入")
    root = _root(root)
    with writer_lock(root, one_line(user.name, 50), wait):
        return _commit_locked(result, user, source, root)


def load(name: str, files: list[tuple[str, bytes]], user: Identity, source: str | None,
         root: Path | None = None, wait: float = DEFAULT_WAIT,
         ) -> tuple[CheckResult, LoadRecord | None]:
    """Check report files and, if every row passes, commit them — both under the writer lock,
    so two loads that each pass alone can never together break a rule. `source` None: a
    default naming the files. Returns the check result and the load record (None if rejected).
    `StoreBusy` if another load holds the lock for longer than `wait` seconds; `AccessDenied`
    (before anything is read) unless `user` is the park office's authenticated admin."""
    require_admin(user)
    root = _root(root)
    with writer_lock(root, one_line(user.name, 50), wait):
        result = check_files(name, files, root)
        if not result.ok:
            return result, None
        if not source:
            source = f"{read_catalog(root)[name].owner}报表（{'、'.join(result.files)}）"
        return result, _commit_locked(result, user, source, root, files_digest(files))


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


def rollback(dataset: str, user: Identity, version_id: str | None = None,
             root: Path | None = None, wait: float = DEFAULT_WAIT) -> LoadRecord:
    """Undo the newest load of a dataset still in effect: point the dataset back at the file
    and provenance it had before that load. Loads are undone newest first, one at a time
    (calling again undoes the one before); `version_id`, if given, must be that newest load.
    `AccessDenied` unless `user` is the park office's authenticated admin.
    """
    require_admin(user, "回退数据")
    root = _root(root)
    with writer_lock(root, one_line(user.name, 50), wait):
        state = read_state(root)
        log = history(root, dataset)
        stack = _undo_stacks(log).get(dataset, [])
        if not stack:
            raise ValueError(f"数据集「{dataset}」没有可回退的导入")
        if version_id is not None and version_id != stack[-1]:
            raise ValueError(f"只能回退「{dataset}」最近一次未回退的导入（版本 {stack[-1]}），"
                             f"不能直接回退版本 {version_id}")
        entry = next(r for r in state["log"] if r["version_id"] == stack[-1])
        restored = root / entry["file_before"]
        if not restored.exists():
            raise ValueError(f"版本文件缺失：{entry['file_before']}，无法回退；请联系系统管理员")
        before = _entry_now(dataset, root)
        rows = pq.ParquetFile(restored).metadata.num_rows
        new_id = _new_version_id(dataset, root)
        restored_entry = {"file": entry["file_before"], "provenance": entry["provenance_before"],
                          "source": entry["source_before"], "as_of": entry["as_of_before"]}
        if "official_years_before" in entry:
            restored_entry["official_years"] = entry["official_years_before"]
        restored_entry["official_years"] = entry_years(restored_entry, root)
        _switch(root, state, dataset, restored_entry, {
            "version_id": new_id, "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "action": "回退", **_who(user), "digest": "", "dataset": dataset, "files": "",
            "rows_added": 0, "rows_replaced": 0, "rows_total": rows,
            "provenance_before": before["provenance"], "source_before": before["source"],
            "as_of_before": before["as_of"], "official_years_before": before["official_years"],
            "rolls_back": entry["version_id"],
            "file_before": before["file"], "file_after": entry["file_before"]})
        _after_change(root)
    return LoadRecord(new_id, dataset, 0, 0, rows)


def provenance_text(provenance: str, official_years: tuple[int, ...] | None) -> str:
    """官方报表 / 示意数据, or which years are official and that the others are still 示意."""
    if provenance != "official":
        return "示意数据"
    if official_years is None:
        return "官方报表"
    return f"官方报表（{years_text(list(official_years))}），其他年度为示意数据"


def status(root: Path | None = None) -> pd.DataFrame:
    """One row per reportable dataset: provenance (by year), source, as-of, rows, last load."""
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
            "provenance": provenance_text(entry.provenance, entry.official_years),
            "source": entry.source, "as_of": entry.as_of, "owner": entry.owner,
            "rows": pq.ParquetFile(path).metadata.num_rows if path.exists() else 0,
            "last_load": (f"{beijing_time(last['time'])} {last['action']}"
                          f"（{last['user']}）") if last is not None else "—",
        })
    return pd.DataFrame(rows)
