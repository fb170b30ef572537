"""Load curated parquet datasets, validated against their schema, with a readable failure."""

from __future__ import annotations

import hashlib
import io
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from hnparks.core.paths import curated_dir
from hnparks.core.schemas import SCHEMAS
from hnparks.core.text import printable_frame
from hnparks.data.state import current_file


class DatasetError(ValueError):
    """A curated dataset is missing or breaks its schema; the message is meant for people
    (the office), `dataset` names it for a viewer's notice."""

    def __init__(self, message: str, dataset: str | None = None) -> None:
        super().__init__(message)
        self.dataset = dataset


def dataset_path(name: str, root: Path | None = None) -> Path:
    """The file with a dataset's current rows: the newest load in effect, else the build's
    curated/<name>.parquet. Always find a dataset's file through here (see hnparks.data.state)."""
    return current_file(name, root)


def baseline_path(name: str, root: Path | None = None) -> Path:
    """Where `python -m hnparks build` writes a dataset (before any report is loaded)."""
    return curated_dir(root) / f"{name}.parquet"


def dataset_version(name: str, root: Path | None = None,
                    plans: tuple | None = None) -> tuple[int, int, int]:
    """A cache key that changes when the dataset's current file changes (inode, mtime, size);
    for a plan's tables, when any plan folder changes (`plans`: `plans_version(root)` if the
    caller looked it up already)."""
    from hnparks.plans.registry import PLAN_DATASETS, plans_version

    if name in PLAN_DATASETS and (plans := plans_version(root) if plans is None else plans):
        return (zlib.crc32(repr(plans).encode()), len(plans), 0)
    path = dataset_path(name, root)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (0, 0, 0)
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def describe_failures(name: str, error: pa.errors.SchemaErrors, limit: int = 10) -> str:
    """A Chinese summary of a pandera failure: dataset, column, check and offending rows."""
    cases = error.failure_cases
    lines = [f"数据集「{name}」未通过校验，共 {len(cases)} 处问题："]
    grouped = cases.groupby(["column", "check"], dropna=False, sort=False)
    for (column, check), group in list(grouped)[:limit]:
        rows = [int(i) + 1 for i in group["index"].dropna().tolist()[:8]]
        values = ", ".join(map(str, group["failure_case"].tolist()[:5]))
        where = f"第 {', '.join(map(str, rows))} 行" if rows else "整列"
        lines.append(f"- 列「{column if isinstance(column, str) else '（表结构）'}」{where}："
                     f"检查 {check} 不通过（值：{values}）")
    return "\n".join(lines)


def validate(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Validate (and coerce) a frame against its dataset schema, collecting every error."""
    try:
        return SCHEMAS[name].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        raise DatasetError(describe_failures(name, error), name) from error


def load_dataset(name: str, root: Path | None = None) -> pd.DataFrame:
    """Read and validate one curated dataset by name; a plan's tables (targets, tasks, …) from
    every plan folder under data/plans/ when there is one. Text comes without control
    characters (hnparks.core.text.printable): a file written before intake refused them is
    shown and exported with them removed."""
    from hnparks.plans.registry import PLAN_DATASETS, available_plans, plan_tables, plans_digest

    if name in PLAN_DATASETS and (plans := available_plans(root)):
        return _kept((name, "plans", plans_digest(plans)),
                     lambda: plan_tables(name, root, plans), name)
    path = dataset_path(name, root)
    if not path.exists():
        raise DatasetError(f"数据集「{name}」缺少文件：{path}", name)
    content = path.read_bytes()

    def read() -> pd.DataFrame:
        try:
            return pd.read_parquet(io.BytesIO(content))
        except Exception as error:  # a corrupt or foreign file: say which dataset
            raise DatasetError(f"数据集「{name}」无法读取（{path.name}）：{error}",
                               name) from error

    return _kept((name, hashlib.sha256(content).hexdigest()), read, name)


def _kept(key: tuple[str, ...], read: Callable[[], pd.DataFrame], name: str) -> pd.DataFrame:
    """The validated frame of `read()` (text made printable), read and validated once per key."""
    with _READ_LOCK:
        if (known := _READ.get(key)) is not None:
            _READ.move_to_end(key)
    if known is None:
        known = printable_frame(validate(name, read()))
        with _READ_LOCK:
            _READ[key] = known
            while len(_READ) > _READ_KEPT:
                _READ.popitem(last=False)
    return known.copy(deep=False)  # copy-on-write (pandas 3): a caller's change stays its own


# Validated frames by dataset and the SHA-256 of the file's bytes (a plan's tables: of its
# folders' bytes): the same bytes validate to the same frame, so a load's check, its commit and
# the next load (or a copy of the data directory) read and validate each file once. Errors are
# never kept.
_READ: OrderedDict[tuple[str, str], pd.DataFrame] = OrderedDict()
_READ_KEPT = 64
_READ_LOCK = threading.Lock()  # the app's sessions read in threads of one process


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
