"""What every step of the reporting workflow shares: the error people read, who may do what to
which park (checked here, in the domain), the roster, the audit, and a park's rows as the
database keeps them (JSON records) and as the office's load reads them (a report file)."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from hnparks.commands.ingest import REPORTABLE, schema_columns
from hnparks.core.access import ANONYMOUS, AccessDenied, Identity, allowed_parks
from hnparks.core.cells import column_kind
from hnparks.core.paths import data_dir
from hnparks.core.text import one_line
from hnparks.data.loading import dataset_path
from hnparks.data.workflow import AuditEntry, Round, transaction

BEIJING = timezone(timedelta(hours=8))
# The datasets a monthly round collects: those a park reports once a month, one row per park.
ROUND_DATASETS: tuple[str, ...] = tuple(n for n, keys in REPORTABLE.items()
                                        if keys == ["park_id", "period"])
# Statuses a park's report goes through (未报: nothing saved yet).
NOT_REPORTED, DRAFT, SUBMITTED, RETURNED, APPROVED, PUBLISHED = (
    "未报", "草稿", "已报", "退回", "已审核", "已发布")
OPEN, CLOSED = "开放", "已关闭"
DETAIL_CHARS = 4000  # an audit row's detail (lists of submitters and reviewers)


class ReportingError(ValueError):
    """A workflow step refused for a reason the person can act on; nothing was changed."""


def today() -> date:
    """Today in Beijing: what a due date (e.g. 每月10日) is compared with."""
    return datetime.now(BEIJING).date()


def beijing(moment: datetime | None) -> str:
    """A stored (naive UTC) time as officials read it, or '' when there is none."""
    if moment is None or pd.isna(moment):
        return ""
    return moment.replace(tzinfo=UTC).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def beijing_date(moment: datetime) -> date:
    """The Beijing calendar day of a stored (naive UTC) time: what a due date is compared with."""
    return moment.replace(tzinfo=UTC).astimezone(BEIJING).date()


def root_dir(root: Path | None = None) -> Path:
    return Path(root) if root is not None else data_dir()


# ---- who may do what ------------------------------------------------------------------------

def signed_in(actor: Identity | None, action: str) -> Identity:
    """The actor, if a signed-in person (the anonymous viewer takes no part in the workflow)."""
    if not isinstance(actor, Identity) or actor.via == ANONYMOUS.via:
        raise AccessDenied(f"未登录，不能{action}。请先登录。")
    return actor


def roster(root: Path | None = None) -> pd.DataFrame:
    """The parks (park_id, park_name, city_code) with their city's name."""
    root = root_dir(root)
    parks = pd.read_parquet(dataset_path("parks", root), columns=["park_id", "park_name",
                                                                   "city_code"])
    cities = pd.read_parquet(dataset_path("cities", root), columns=["city_code", "city_name"])
    return parks.merge(cities, on="city_code", how="left")


def visible_parks(actor: Identity, root: Path | None = None) -> pd.DataFrame:
    """Roster rows whose park the actor may see one by one (all, one city's, one park)."""
    return allowed_parks(actor, roster(root)).reset_index(drop=True)


def city_of(park_id: str, root: Path | None = None) -> str:
    parks = roster(root)
    match = parks.loc[parks["park_id"] == park_id, "city_code"]
    if not len(match):
        raise ReportingError(f"园区编号“{one_line(park_id, 20)}”不在园区名录中")
    return str(match.iloc[0])


def require_park_view(actor: Identity, park_id: str, action: str,
                      root: Path | None = None) -> str:
    """The park's city, if the actor may see the park; else `AccessDenied`."""
    signed_in(actor, action)
    city = city_of(park_id, root)
    if park_id not in set(visible_parks(actor, root)["park_id"]):
        raise AccessDenied(f"「{actor.name}」（{actor.role_label}）无权{action}：只能查看"
                           f"{'本园区' if actor.role == 'park' else '本市州园区'}的填报。")
    return city


def _require_own(actor: Identity, action: str, role: str, own: bool, own_refusal: str,
                 others_refusal: str) -> None:
    """Allowed for the office, or for `role` acting on its own (`own`); refused otherwise."""
    signed_in(actor, action)
    if actor.is_admin or (actor.role == role and own):
        return
    raise AccessDenied(own_refusal if actor.role == role else
                       f"「{actor.name}」（{actor.role_label}）{others_refusal}")


def require_filler(actor: Identity, park_id: str, action: str = "填报",
                   root: Path | None = None) -> str:
    """The park's city, if the actor may fill the park's report (its own 园区 account, or the
    office on its behalf); else `AccessDenied`."""
    _require_own(actor, action, "park", actor.park == park_id,
                 f"园区用户只能为本园区（{actor.park}）{action}，"
                 f"不能为园区 {one_line(park_id, 20)} {action}。",
                 f"不能{action}：由园区账号填报，省园区办可代为填报。")
    return city_of(park_id, root)


def require_reviewer(actor: Identity, city_code: str, action: str = "审核") -> Identity:
    """The actor, if it may review the city's parks (that city's 市州 account, or the office)."""
    _require_own(actor, action, "city", actor.city == city_code,
                 f"市州用户只能{action}本市州园区的报送，不能{action}其他市州（{city_code}）的园区。",
                 f"无权{action}：由所属市州审核，省园区办亦可审核。")
    return actor


# ---- rounds and audit -----------------------------------------------------------------------

def get_row(session: Session, model: type, row_id: int, lock: bool, missing: str) -> Any:
    """The row of `model` with id `row_id` (locked for update if `lock`), else ReportingError."""
    query = session.query(model).filter(model.id == int(row_id))
    found = (query.with_for_update() if lock else query).one_or_none()
    if found is None:
        raise ReportingError(missing)
    return found


def get_round(session: Session, round_id: int, lock: bool = False) -> Round:
    return get_row(session, Round, round_id, lock, f"没有第 {round_id} 号填报轮次")


def audit(session: Session, actor: Identity, action: str, detail: str,
          round_id: int | None = None, park_id: str | None = None,
          city_code: str | None = None) -> None:
    """Record one step with the identity that took it (in the step's own transaction)."""
    session.add(AuditEntry(username=one_line(actor.username, 100),
                           identity=one_line(actor.audit_label(), 200), action=action,
                           round_id=round_id, park_id=park_id, city_code=city_code,
                           detail=one_line(detail, DETAIL_CHARS)))


def audit_only(actor: Identity, action: str, detail: str, **where: object) -> None:
    """An audit row in a transaction of its own (a step whose effect lives outside the DB)."""
    with transaction() as session:
        audit(session, actor, action, detail, **where)


# ---- rows: frame ↔ JSON records ↔ report file -----------------------------------------------

def columns_of(dataset: str) -> list[str]:
    """The columns a park reports for `dataset` (the schema's, in order)."""
    return list(schema_columns(dataset))


def _plain(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return _plain(value.item())
    if isinstance(value, pd.Timestamp | datetime | date):
        return value.isoformat()[:10]
    return value


def records(dataset: str, frame: pd.DataFrame) -> list[dict]:
    """The frame's schema columns as JSON-ready records (missing columns are left blank)."""
    cols = columns_of(dataset)
    return [{c: _plain(row.get(c)) for c in cols} for row in frame.to_dict("records")]


def frame_of(dataset: str, rows: list[dict]) -> pd.DataFrame:
    """Records back to a frame with the schema's column types (blank cells stay blank)."""
    specs = schema_columns(dataset)
    frame = pd.DataFrame(rows, columns=list(specs))
    for col, spec in specs.items():
        kind = column_kind(spec)
        if kind == "float":
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
        elif kind == "int":
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
        elif kind == "bool":
            frame[col] = frame[col].astype("boolean")
        elif kind == "date":
            frame[col] = pd.to_datetime(frame[col], errors="coerce")
        else:
            frame[col] = frame[col].astype("string")
    return frame


def report_file(dataset: str, rows: list[dict]) -> bytes:
    """The rows as the office's load reads a report: a UTF-8 CSV with the column codes as
    headers (hnparks.commands.ingest accepts them), so a park's rows pass the very same checks."""
    frame = pd.DataFrame(rows, columns=columns_of(dataset))
    return frame.to_csv(index=False).encode("utf-8")
