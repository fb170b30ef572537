"""Business-environment reform (三(七)、三(一)): regional assessments and the reform checklist.

Functions take `data`, a mapping from dataset name to its DataFrame, and a `Scope`. The overall
completion rate is `hnparks.derived.attainment.assessment_completion`; this module adds the matrix, the
breakdowns by item and by city, the deadline arithmetic and the reform checklist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from hnparks.core.periods import period_end, year_of, years_of
from hnparks.core.scope import Scope
from hnparks.core.tasks import departments_as_written
from hnparks.derived.attainment import assessment_completion
from hnparks.plans.registry import of_plan_year

Data = Mapping[str, pd.DataFrame]

DONE, IN_PROGRESS, NOT_STARTED, NOT_APPLICABLE = "已完成", "进行中", "未启动", "不适用"
ASSESSMENT_STATUSES = [DONE, IN_PROGRESS, NOT_STARTED, NOT_APPLICABLE]

REFORM_NOT_STARTED, REFORM_ONGOING, REFORM_LANDED = "未启动", "推进中", "已落地"
REFORM_STATUSES = [REFORM_NOT_STARTED, REFORM_ONGOING, REFORM_LANDED]
NO_REPORT = "暂无报送"


# ---- one park-item ----------------------------------------------------------------------

def assessment_status(rows: pd.DataFrame, end: date) -> pd.Series:
    """评估状态：不适用；报告期末已有完成日期为已完成；已启动未完成为进行中；否则未启动。"""
    end_ts = pd.Timestamp(end)
    done = rows["completion_date"] <= end_ts
    started = rows["start_date"] <= end_ts
    status = np.select([~rows["applicable"], done, started],
                       [NOT_APPLICABLE, DONE, IN_PROGRESS], default=NOT_STARTED)
    return pd.Series(status, index=rows.index, dtype="object")


def is_published(rows: pd.DataFrame, end: date) -> pd.Series:
    """成果已发布：适用事项的成果公开发布日期不晚于报告期末。"""
    return rows["applicable"] & (rows["published_date"] <= pd.Timestamp(end))


def days_to_deadline(period: str, deadline: str | date) -> int:
    """距期限天数 = 期限日 − 报告期末日；正数为剩余天数，负数为已超过期限的天数。"""
    return (pd.Timestamp(deadline).date() - period_end(period)).days


def deadline_label(days: int, complete: bool, finished_on_time: bool = True) -> str:
    """期限状态：全部完成时为按期/逾期完成；未完成时期限前为剩余N天，期限后为逾期N天。"""
    if complete:
        return "按期完成" if finished_on_time else "逾期完成"
    if days >= 0:
        return f"剩余{days}天"
    return f"逾期{-days}天"


# ---- scope-wide tables ------------------------------------------------------------------

ASSESSMENT_TASK = "三(七)1"  # the task that sets the twelve regional assessments


def assessment_items(data: Data, period: str) -> pd.DataFrame:
    """The work-plan year's assessment items (the document's twelve), in register order, with
    the task's departments as the document writes them ("等相关部门" kept)."""
    items = _items(data, year_of(period)).copy()
    written = _departments_written(data).get(ASSESSMENT_TASK)
    if written:
        items["lead_departments"] = written
    return items


def _departments_written(data: Data) -> pd.Series:
    """task_id → departments as the document writes them ("等" kept); empty for data without
    the task list (hand-made frames in tests keep their bare lists)."""
    try:
        return departments_as_written(data["tasks"])
    except KeyError:
        return pd.Series(dtype=object)


def _items(data: Data, year: int) -> pd.DataFrame:
    items = data["assessment_items"]
    return items[items["year"] == year].reset_index(drop=True)


def status_long(data: Data, scope: Scope) -> pd.DataFrame:
    """One row per park in scope × assessment item, with its status at the period end."""
    end = period_end(scope.period)
    parks = scope.select_parks(data["parks"])[["park_id", "park_name", "city_code", "level"]]
    items = _items(data, year_of(scope.period))[["item_id", "item_name", "deadline"]]
    rows = of_plan_year(data["assessments"], scope.period).drop(columns="year")
    rows = rows.merge(parks, on="park_id").merge(items, on="item_id")
    rows = rows.merge(data["cities"][["city_code", "city_name"]], on="city_code", how="left")
    rows["status"] = assessment_status(rows, end)
    rows["published"] = is_published(rows, end)
    return rows.reset_index(drop=True)


def park_items(data: Data, scope: Scope) -> pd.DataFrame:
    """The scope's park-items with dates as known at the period end (later dates blanked)."""
    rows = status_long(data, scope)
    end = pd.Timestamp(period_end(scope.period))
    for column in ("start_date", "completion_date", "published_date"):
        rows[column] = rows[column].where(rows[column] <= end)
    return rows


# Furthest behind first: lowest completion rate, then most items not started (then park id).
BEHIND, BEHIND_ASCENDING = ["rate", "not_started", "park_id"], [True, False, True]


def furthest_behind(matrix: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The rows of `status_matrix` (in its order) of the `limit` parks furthest behind; the
    matrix itself when it has at most `limit` rows (a heatmap of 3,000 rows is unreadable)."""
    if len(matrix) <= limit:
        return matrix
    behind = matrix.sort_values(BEHIND, ascending=BEHIND_ASCENDING)["park_id"].head(limit)
    return matrix[matrix["park_id"].isin(behind)]


def status_matrix(data: Data, scope: Scope, order: str = "city") -> pd.DataFrame:
    """Parks × items (item names as columns, in document order) with done/applicable counts.

    `order`: 'city' groups by city (document order of cities) with the parks furthest behind
    first inside each city; 'behind' ranks all parks, furthest behind first; 'id' by park id.
    Furthest behind = lowest completion rate, then most items not started.
    """
    rows = status_long(data, scope)
    item_names = _items(data, year_of(scope.period))["item_name"].tolist()
    wide = rows.pivot(index="park_id", columns="item_name", values="status")
    wide = wide.reindex(columns=item_names)
    info = rows.groupby("park_id").agg(
        park_name=("park_name", "first"), city_code=("city_code", "first"),
        city_name=("city_name", "first"), level=("level", "first"),
        applicable=("applicable", "sum"),
        done=("status", lambda s: int((s == DONE).sum())),
        not_started=("status", lambda s: int((s == NOT_STARTED).sum())),
        published=("published", "sum"))
    info["rate"] = info["done"] / info["applicable"].where(info["applicable"] > 0)
    out = info.join(wide).reset_index()
    city_rank = {c: i for i, c in enumerate(data["cities"]["city_code"])}
    out["_city"] = out["city_code"].map(city_rank)
    if order == "city":
        out = out.sort_values(["_city", *BEHIND], ascending=[True, *BEHIND_ASCENDING])
    elif order == "behind":
        out = out.sort_values(BEHIND, ascending=BEHIND_ASCENDING)
    else:
        out = out.sort_values("park_id")
    return out.drop(columns="_city").reset_index(drop=True)


def _summary(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    applicable = rows[rows["applicable"]]
    grouped = applicable.groupby(keys, sort=False)
    out = grouped.agg(
        applicable=("park_id", "size"),
        done=("status", lambda s: int((s == DONE).sum())),
        in_progress=("status", lambda s: int((s == IN_PROGRESS).sum())),
        not_started=("status", lambda s: int((s == NOT_STARTED).sum())),
        published=("published", "sum"),
        last_completion=("completion_date", "max"))
    out["rate"] = out["done"] / out["applicable"]
    out["published_rate"] = out["published"] / out["applicable"]
    return out.reset_index()


def completion_by_item(data: Data, scope: Scope) -> pd.DataFrame:
    """区域评估完成率（分事项）= 报告期末已完成的园区数 ÷ 该事项适用的园区数。

    One row per item in document order: applicable, done, in_progress, not_started, published,
    rate, published_rate, days (to the item's deadline; negative when past) and deadline_label.
    """
    rows = status_long(data, scope)
    items = _items(data, year_of(scope.period))[["item_id", "item_name", "deadline"]]
    out = items.merge(_summary(rows, ["item_id"]), on="item_id", how="left")
    return _with_deadline(out, scope.period)


def completion_by_city(data: Data, scope: Scope) -> pd.DataFrame:
    """区域评估完成率（分市州）= 市州报告期末已完成的（园区×适用事项）数 ÷ 适用的（园区×事项）数。

    One row per city (all 14, whatever the scope's city: for comparison), with parks,
    parks_all_done (every applicable item done), the counts, rates and the deadline columns.
    """
    province = Scope(scope.period)
    rows = status_long(data, province)
    out = data["cities"][["city_code", "city_name"]].merge(
        _summary(rows, ["city_code"]), on="city_code", how="left")
    parks = parks_all_done(data, province)
    counts = parks.groupby("city_code").agg(parks=("park_id", "size"),
                                            parks_all_done=("all_done", "sum"))
    out = out.merge(counts.reset_index(), on="city_code", how="left")
    out["deadline"] = _items(data, year_of(scope.period))["deadline"].max()
    return _with_deadline(out, scope.period)


def parks_all_done(data: Data, scope: Scope) -> pd.DataFrame:
    """12项全部完成：园区所有适用评估事项在报告期末均已完成（不适用事项不计）。"""
    rows = status_long(data, scope)
    rows["open"] = rows["applicable"] & (rows["status"] != DONE)
    out = rows.groupby(["park_id", "park_name", "city_code"], sort=False)["open"].sum()
    return (out == 0).rename("all_done").reset_index()


def _with_deadline(out: pd.DataFrame, period: str) -> pd.DataFrame:
    out["days"] = [days_to_deadline(period, d) for d in out["deadline"]]
    complete = out["done"] == out["applicable"]
    on_time = out["last_completion"] <= pd.to_datetime(out["deadline"])
    out["deadline_label"] = [deadline_label(d, bool(c), bool(t)) for d, c, t in
                             zip(out["days"], complete, on_time, strict=True)]
    return out


@dataclass(frozen=True)
class AssessmentSummary:
    """The scope's regional-assessment position at the period end, for the headline cards."""

    rate: float  # hnparks.derived.attainment.assessment_completion
    applicable: int  # park-items that apply
    done: int
    parks: int
    parks_all_done: int
    published: int  # applicable park-items whose results are published
    deadline: str
    days: int  # to the deadline; negative once past
    deadline_label: str


def assessment_summary(data: Data, scope: Scope) -> AssessmentSummary:
    """Completion, parks with every item done, results published and the deadline position."""
    rows = status_long(data, scope)
    applicable = rows[rows["applicable"]]
    done = applicable[applicable["status"] == DONE]
    deadline = str(_items(data, year_of(scope.period))["deadline"].max())
    days = days_to_deadline(scope.period, deadline)
    complete = len(applicable) > 0 and len(done) == len(applicable)
    on_time = complete and bool(done["completion_date"].max() <= pd.Timestamp(deadline))
    parks = parks_all_done(data, scope)
    return AssessmentSummary(
        rate=assessment_completion(data, scope), applicable=len(applicable), done=len(done),
        parks=len(parks), parks_all_done=int(parks["all_done"].sum()),
        published=int(applicable["published"].sum()), deadline=deadline, days=days,
        deadline_label=deadline_label(days, complete, on_time))


# ---- the reform checklist ---------------------------------------------------------------

def reform_status(progress_pct: float) -> str:
    """推进状态：进度为0为未启动，达到100%为已落地，其间为推进中；无报送按未启动计。"""
    if progress_pct is None or pd.isna(progress_pct) or progress_pct <= 0:
        return REFORM_NOT_STARTED
    return REFORM_LANDED if progress_pct >= 100 else REFORM_ONGOING


def reform_checklist(data: Data, period: str) -> pd.DataFrame:
    """Every reform item of the period's year with its latest report up to the period end.

    Columns: reform_id, section, task_id, reform_name, quote, lead_departments, progress_pct,
    status, evidence_note, reported_period (the month of that report; empty when none).
    """
    items = data["reform_items"]
    items = items[items["year"] == year_of(period)]
    progress = data["reform_progress"]
    progress = progress[(progress["period"] <= period)
                        & (years_of(progress["period"]) == year_of(period))]
    latest = progress.sort_values("period").groupby("reform_id").tail(1)
    latest = latest.rename(columns={"period": "reported_period"})
    out = items.merge(latest, on="reform_id", how="left")
    out["status"] = [reform_status(p) for p in out["progress_pct"]]
    out["evidence_note"] = out["evidence_note"].fillna(NO_REPORT)
    written = _departments_written(data)
    out["lead_departments"] = [written.get(t, d) for t, d in
                               zip(out["task_id"], out["lead_departments"], strict=True)]
    return out[["reform_id", "section", "task_id", "reform_name", "quote", "lead_departments",
                "progress_pct", "status", "evidence_note", "reported_period"]]


def reform_status_counts(checklist: pd.DataFrame) -> dict[str, int]:
    """改革事项按推进状态计数（未启动、推进中、已落地）。"""
    counts = checklist["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in REFORM_STATUSES}
