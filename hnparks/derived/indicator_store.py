"""The indicator store: every target of the register, for every month of its year and every scope
(the province, each city, each park), computed once per data version.

One row per (metric_key, period, level, scope_id) with the value, last year's value, the target
(or the city's allocated target, or a park's reference target), the expected share and value
under the target's pacing rule (`hnparks.core.status`), the year-end projection, the gap, the rank
within the level and the status. Views read it; they do not recompute lights.

The store is derived data: `build_store(data)` computes it from the curated datasets;
`load_or_build(root)` reads `derived/indicator_store.parquet` when its fingerprint matches the
curated files and rebuilds (and rewrites) it otherwise, so a load or a rollback shows up at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from hnparks.core import status as st
from hnparks.core.digest import frames_digest
from hnparks.core.periods import (
    december_of,
    january_of,
    months_of,
    period_end,
    same_period_last_year,
    year_of,
)
from hnparks.core.scope import Scope
from hnparks.core.tasks import DONE, OVERDUE
from hnparks.derived.milestones import milestone_status

Data = Mapping[str, pd.DataFrame]
STORE = "indicator_store"  # the name under which a `data` mapping may carry a built store
PROVINCE = "430000"
LEVELS = ("province", "city", "park")
THOUSAND_YI = 1000.0  # 千亿园区 threshold (亿元)
HUNDRED_YI = 100.0  # 百亿级特色产业园区 threshold (亿元)
INPUTS = ["targets", "tasks", "parks", "cities", "city_target_allocation", "park_indicators",
          "specialty_parks", "specialty_output", "env_status", "assessments", "task_progress",
          "task_milestones"]
COLUMNS = ["metric_key", "target_id", "period", "level", "scope_id", "value", "last_year",
           "target", "elapsed", "expected_share", "expected", "projection", "completion",
           "gap", "required_monthly", "rank", "status", "rule"]
FILE = Path("derived") / "indicator_store.parquet"
_FINGERPRINT = b"hnparks.inputs"


# ---- scopes --------------------------------------------------------------------------------

def _members(parks: pd.DataFrame) -> pd.DataFrame:
    """Each park three times: in the province, in its city, and as itself."""
    ids = parks["park_id"].astype(str)
    return pd.concat([
        pd.DataFrame({"park_id": ids, "level": "province", "scope_id": PROVINCE}),
        pd.DataFrame({"park_id": ids, "level": "city", "scope_id": parks["city_code"].astype(str)}),
        pd.DataFrame({"park_id": ids, "level": "park", "scope_id": ids}),
    ], ignore_index=True)


def _all_scopes(parks: pd.DataFrame, periods: list[str]) -> pd.DataFrame:
    scopes = _members(parks)[["level", "scope_id"]].drop_duplicates()
    return scopes.merge(pd.DataFrame({"period": periods}), how="cross")


def _by_scope(facts: pd.DataFrame, members: pd.DataFrame, columns: list[str],
              how: str = "sum") -> pd.DataFrame:
    """Park-month facts summed (or averaged) over every scope: level, scope_id, period, columns."""
    rows = facts[["park_id", "period", *columns]].merge(members, on="park_id")
    grouped = rows.groupby(["level", "scope_id", "period"])[columns]
    # Rounded so that a sum does not depend on the order of addition (137.70000000000002 and
    # 137.7 would print as different percentages).
    out = (grouped.sum(min_count=1) if how == "sum" else grouped.mean()).round(9)
    return out.reset_index()


def _per_period(periods: pd.Series, rule: Callable[[str], object]) -> pd.Series:
    """`rule` applied to each row's period, computed once per distinct month (a store has
    tens of thousands of rows but a few dozen months)."""
    return periods.map({period: rule(period) for period in periods.unique()})


def _with_last_year(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Add `last_year` (same month a year earlier) and `ly_total` (last year's December)."""
    key = ["level", "scope_id", "period"]
    lookup = frame.set_index(key)[column]

    def at(periods: pd.Series) -> pd.Series:
        index = pd.MultiIndex.from_arrays([frame["level"], frame["scope_id"], periods])
        return pd.Series(lookup.reindex(index).to_numpy(), index=frame.index)

    frame = frame.copy()
    frame["last_year"] = at(_per_period(frame["period"], same_period_last_year))
    frame["ly_total"] = at(_per_period(frame["period"],
                                       lambda p: december_of(same_period_last_year(p))))
    return frame


# ---- values per target ---------------------------------------------------------------------

def _projection(value: pd.Series, last_year: pd.Series, ly_total: pd.Series) -> pd.Series:
    """按上年季节性预计全年 = 本年累计 ÷ (上年同期累计 ÷ 上年全年)（vectorised
    `metrics.project_year_end`)."""
    share = last_year / ly_total.where(ly_total != 0)
    return value / share.where(share != 0)


def _revenue(data: Data, members: pd.DataFrame, target: pd.Series) -> pd.DataFrame:
    out = _with_last_year(_by_scope(data["park_indicators"], members, ["revenue_ytd"]),
                          "revenue_ytd").rename(columns={"revenue_ytd": "value"})
    out["projection"] = _projection(out["value"], out["last_year"], out["ly_total"])
    # Targets: the province's (万亿元 → 亿元), each city's allocation, and for a park a reference
    # split of its city's allocation by last year's revenue (illustrative, labelled so).
    alloc = data["city_target_allocation"]
    alloc = alloc[alloc["target_id"] == target["target_id"]].set_index("city_code")["value"]
    out["target"] = np.nan
    out.loc[out["level"] == "province", "target"] = float(target["value"]) * 10_000
    is_city = out["level"] == "city"
    out.loc[is_city, "target"] = out.loc[is_city, "scope_id"].map(alloc)
    parks = data["parks"].set_index("park_id")["city_code"].astype(str)
    is_park = out["level"] == "park"
    city_of = out.loc[is_park, "scope_id"].map(parks)
    city_rows = out[is_city].set_index(["scope_id", "period"])
    keys = pd.MultiIndex.from_arrays([city_of, out.loc[is_park, "period"]])
    city_target = city_rows["target"].reindex(keys).to_numpy()
    city_ly_total = city_rows["ly_total"].reindex(keys).to_numpy()
    out.loc[is_park, "target"] = city_target * out.loc[is_park, "ly_total"] / city_ly_total
    return out


def _tax_per_mu(data: Data, members: pd.DataFrame, target: pd.Series) -> pd.DataFrame:
    sums = _by_scope(data["park_indicators"], members, ["tax_ytd", "industrial_land_mu"])
    land = sums["industrial_land_mu"].where(sums["industrial_land_mu"] > 0)
    sums["value"] = sums["tax_ytd"] * 10_000 / land  # metrics.tax_per_mu, vectorised
    out = _with_last_year(sums[["level", "scope_id", "period", "value"]], "value")
    out["projection"] = _projection(out["value"], out["last_year"], out["ly_total"])
    out["target"] = float(target["value"])
    return out


def _park_projection(data: Data) -> pd.DataFrame:
    facts = data["park_indicators"][["park_id", "period", "revenue_ytd"]]
    one = pd.DataFrame({"park_id": facts["park_id"], "level": "park", "scope_id": facts["park_id"]})
    out = _with_last_year(_by_scope(facts, one.drop_duplicates(), ["revenue_ytd"]), "revenue_ytd")
    out["projection"] = _projection(out["revenue_ytd"], out["last_year"], out["ly_total"])
    return out.rename(columns={"scope_id": "park_id"})[
        ["park_id", "period", "revenue_ytd", "last_year", "projection"]]


def _count_over(per_unit: pd.DataFrame, members: pd.DataFrame, threshold: float,
                value: str) -> pd.DataFrame:
    """Counts per scope of units (parks, specialty parks) at or over a threshold: now, a year
    earlier and projected for the year end."""
    flags = per_unit.assign(
        value=(per_unit[value] >= threshold).astype(float),
        last_year=(per_unit["last_year"] >= threshold).astype(float),
        projection=(per_unit["projection"].fillna(per_unit[value]) >= threshold).astype(float))
    return _by_scope(flags, members, ["value", "last_year", "projection"])


def _parks_over_1000(data: Data, members: pd.DataFrame, target: pd.Series) -> pd.DataFrame:
    out = _count_over(_park_projection(data), members, THOUSAND_YI, "revenue_ytd")
    return _province_only_target(out, target)


def _specialty_over_100(data: Data, members: pd.DataFrame, target: pd.Series) -> pd.DataFrame:
    hosts = data["specialty_parks"][["specialty_id", "park_id"]]
    output = data["specialty_output"].merge(hosts, on="specialty_id")
    one = pd.DataFrame({"park_id": output["specialty_id"], "level": "park",
                        "scope_id": output["specialty_id"]}).drop_duplicates()
    per = _with_last_year(_by_scope(output.assign(park_id=output["specialty_id"]), one,
                                    ["output_ytd"]), "output_ytd")
    per["projection"] = _projection(per["output_ytd"], per["last_year"], per["ly_total"])
    per = per.rename(columns={"scope_id": "specialty_id"}).merge(hosts, on="specialty_id")
    out = _count_over(per, members, HUNDRED_YI, "output_ytd")
    return _province_only_target(out, target)


def _province_only_target(out: pd.DataFrame, target: pd.Series) -> pd.DataFrame:
    """Targets the document sets for the province only (not split to cities or parks)."""
    out["target"] = np.where(out["level"] == "province", float(target["value"]), np.nan)
    return out


def _coverage(column: str, level: str | None = None) -> Callable:
    def compute(data: Data, members: pd.DataFrame, target: pd.Series) -> pd.DataFrame:
        rows = data["env_status"][["park_id", "period", column]]
        if level:
            ids = data["parks"].loc[data["parks"]["level"] == level, "park_id"]
            rows = rows[rows["park_id"].isin(ids)]
        rows = rows.assign(**{column: rows[column].astype(float) * 100})
        out = _by_scope(rows, members, [column], how="mean").rename(columns={column: "value"})
        out = _with_last_year(out, "value")
        out["target"] = float(target["value"])
        return out.drop(columns="ly_total")
    return compute


def _green_parks(data: Data, members: pd.DataFrame, target: pd.Series) -> pd.DataFrame:
    rows = data["env_status"][["park_id", "period", "green_park_status"]]
    rows = rows.assign(value=(rows["green_park_status"] == "已创建").astype(float))
    out = _with_last_year(_by_scope(rows, members, ["value"]), "value")
    return _province_only_target(out, target)


def _new_specialty_parks(data: Data, members: pd.DataFrame, target: pd.Series,
                         periods: list[str]) -> pd.DataFrame:
    approved = data["specialty_parks"][["park_id", "approved_date"]]
    rows = []
    for period in periods:
        start = pd.Timestamp(f"{year_of(period)}-01-01")
        end = pd.Timestamp(period_end(period))
        new = approved["approved_date"].between(start, end).astype(float)
        rows.append(pd.DataFrame({"park_id": approved["park_id"], "period": period,
                                  "value": new}))
    facts = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(
        columns=["park_id", "period", "value"])
    out = _by_scope(facts, members, ["value"])
    out["last_year"] = np.nan
    return _province_only_target(out, target)


def _assessments(data: Data, members: pd.DataFrame, target: pd.Series,
                 periods: list[str]) -> pd.DataFrame:
    rows = data["assessments"]  # the items of the target's plan year
    rows = rows[rows["applicable"] & (rows["year"] == int(target["year"]))]
    frames = [pd.DataFrame({
        "park_id": rows["park_id"], "period": period,
        "value": (rows["completion_date"] <= pd.Timestamp(period_end(period))).astype(float) * 100,
    }) for period in periods]
    facts = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["park_id", "period", "value"])
    out = _by_scope(facts, members, ["value"], how="mean")
    out["last_year"] = np.nan
    out["target"] = float(target["value"])
    return out


def _milestones_done(data: Data, members: pd.DataFrame, target: pd.Series,
                     periods: list[str]) -> pd.DataFrame:
    """Milestones counting towards the target (their `target_id`: 岳阳、娄底 national high-tech
    zones, the four incubators) at the end of each month, the province only: `value` those
    done (`milestone_status` 已完成, so from the month of their dated evidence), `due_count`
    those whose deadline month has come and `overdue` whether any is 逾期 — the target's light
    is read from its milestones, so the two views of the same work agree."""
    rows = data["task_milestones"]
    rows = rows[(rows["target_id"] == target["target_id"]) & (rows["year"] == int(target["year"]))]
    done, due_count, overdue = [], [], []
    for period in periods:
        states = [milestone_status(s, c, d, period) for s, c, d in
                  zip(rows["started_date"], rows["completed_date"], rows["deadline"], strict=True)]
        done.append(float(states.count(DONE)))
        due_count.append(float(sum(st.due(period, d) for d in rows["deadline"])))
        overdue.append(OVERDUE in states)
    out = pd.DataFrame({"level": "province", "scope_id": PROVINCE, "period": periods,
                        "value": done if len(rows) else np.nan, "last_year": np.nan,
                        "due_count": due_count, "overdue": overdue})
    return _province_only_target(out, target)


CALCULATORS: dict[str, Callable] = {
    "revenue_total": _revenue,
    "parks_over_1000": _parks_over_1000,
    "tax_per_mu": _tax_per_mu,
    "specialty_over_100": _specialty_over_100,
    "env_sewage": _coverage("sewage_treatment"),
    "env_discharge": _coverage("compliant_discharge"),
    "env_monitoring": _coverage("online_monitoring"),
    "circular_national": _coverage("circular_transformation", "国家级"),
    "circular_provincial": _coverage("circular_transformation", "省级"),
    "green_parks": _green_parks,
}
NEEDS = {  # the datasets each calculation reads
    "revenue_total": ("park_indicators", "city_target_allocation"),
    "parks_over_1000": ("park_indicators",), "tax_per_mu": ("park_indicators",),
    "specialty_over_100": ("specialty_parks", "specialty_output"),
    "env_sewage": ("env_status",), "env_discharge": ("env_status",),
    "env_monitoring": ("env_status",), "circular_national": ("env_status",),
    "circular_provincial": ("env_status",), "green_parks": ("env_status",),
    "new_specialty_parks": ("specialty_parks",), "assessment_completion": ("assessments",),
    "new_national_hitech": ("task_milestones",), "overseas_incubators": ("task_milestones",),
}
BY_PERIOD: dict[str, Callable] = {  # computed from dated events, month by month
    "new_specialty_parks": _new_specialty_parks,
    "assessment_completion": _assessments,
    "new_national_hitech": _milestones_done,
    "overseas_incubators": _milestones_done,
}


# ---- the pacing rules applied --------------------------------------------------------------

def _paced(out: pd.DataFrame, target: pd.Series, issued: str) -> pd.DataFrame:
    """Expected share, expected value, completion, gap, status for one target's rows
    (`hnparks.core.status`: the pacing rule before the deadline month, `due` from it on)."""
    rule = target["pacing"]
    deadline = str(target["deadline"])
    out["elapsed"] = _per_period(out["period"],
                                 lambda p: st.linear_elapsed(p, deadline, january_of(p)))
    out["completion"] = out["value"] / out["target"].where(out["target"] != 0)
    final = _per_period(out["period"], lambda p: st.due(p, deadline)).astype(bool)
    judged = out["completion"]
    if rule == st.SEASONAL:
        share = st.seasonal_share(out["last_year"], out["ly_total"], math.nan)
        out["expected_share"] = share.fillna(out["elapsed"])
    elif rule == st.BASELINE:
        january = out[out["period"].str.endswith("-01")].set_index(["level", "scope_id"])["value"]
        base = pd.Series(january.reindex(pd.MultiIndex.from_arrays(
            [out["level"], out["scope_id"]])).to_numpy(), index=out.index)
        # From the January value: January counts 0, the deadline month 1.
        since = _per_period(out["period"],
                            lambda p: st.linear_elapsed(p, deadline, f"{year_of(p)}-02"))
        out["expected_share"] = st.baseline_share(base, out["target"], since)
    elif rule == st.PROJECTION:  # the year-end projection until the deadline month, then actual
        out["expected_share"] = 1.0
        projected = out["projection"] / out["target"].where(out["target"] != 0)
        judged = projected.where(~final, out["completion"])
    elif rule == st.MILESTONES:  # due milestones, never a straight line
        due_count = out["due_count"] if "due_count" in out else pd.Series(np.nan, out.index)
        out["expected_share"] = due_count / out["target"].where(out["target"] != 0)
        if "overdue" in out:
            final = final | out["overdue"].astype("boolean").fillna(False).astype(bool)
    else:  # DEADLINE: a straight line from the month of issue
        out["expected_share"] = _per_period(out["period"],
                                            lambda p: st.linear_elapsed(p, deadline, issued))
    out["expected"] = out["target"] * out["expected_share"]
    out["gap"] = out["expected"] - out["value"]
    out["status"] = st.lights(judged.where(out["target"].notna()), out["expected_share"],
                              final).to_numpy()
    if rule == st.SEASONAL:
        remaining = 12 - months_of(out["period"])
        out["required_monthly"] = ((out["target"] - out["value"]).clip(lower=0)
                                   / remaining.where(remaining > 0))
        out.loc[out["target"] <= out["value"], "required_monthly"] = 0.0
    else:
        out["required_monthly"] = np.nan
    out["rule"] = rule
    return out


def _has(data: Data, name: str) -> bool:
    """Whether the mapping can give the dataset (lazy mappings load it on first access)."""
    try:
        data[name]
    except KeyError:
        return False
    return True


# Stores built, by the digest of their inputs: a load's check, its commit and the next check on
# the same rows (another session, a copy of the data directory) build the store once.
_BUILT: OrderedDict[str, pd.DataFrame] = OrderedDict()
_BUILT_KEPT = 8
_BUILT_LOCK = threading.Lock()  # the app's sessions check reports in threads of one process


def build_store(data: Data, issue_dates: Mapping[int, str] | None = None) -> pd.DataFrame:
    """Every target × month of its year × scope, with value, target, pacing and status (built
    once per content of the datasets it reads and the plans' issue dates)."""
    from hnparks.plans.registry import issue_date

    years = sorted({int(y) for y in data["targets"]["year"]})
    issued = [(y, (issue_dates or {}).get(y) or issue_date(y)) for y in years]
    key = frames_digest(((n, data[n] if _has(data, n) else None) for n in INPUTS), issued)
    with _BUILT_LOCK:
        if key is not None and (known := _BUILT.get(key)) is not None:
            _BUILT.move_to_end(key)
            return known.copy(deep=False)  # copy-on-write: a caller's change stays its own
    store = _build_store(data, dict(issued))
    if key is not None:
        with _BUILT_LOCK:
            _BUILT[key] = store
            while len(_BUILT) > _BUILT_KEPT:
                _BUILT.popitem(last=False)
    return store.copy(deep=False)


def _build_store(data: Data, issue_dates: Mapping[int, str]) -> pd.DataFrame:
    targets, parks = data["targets"], data["parks"]
    members = _members(parks)
    frames = []
    for year, year_targets in targets.groupby("year"):
        periods = [f"{year}-{month:02d}" for month in range(1, 13)]
        issued = issue_dates[int(year)]
        scopes = _all_scopes(parks, periods)
        for _, target in year_targets.iterrows():
            key = target["metric_key"]
            # A partial data mapping (a test, a plan whose reports are not loaded): no values.
            if not all(_has(data, name) for name in NEEDS.get(key, ())):
                out = scopes.assign(value=np.nan, last_year=np.nan, target=np.nan)
            elif key in CALCULATORS:
                out = CALCULATORS[key](data, members, target)
            elif key in BY_PERIOD:
                out = BY_PERIOD[key](data, members, target, periods)
            else:  # not reported by any dataset (由责任单位报送)
                out = _province_only_target(scopes[scopes["level"] == "province"].assign(
                    value=np.nan, last_year=np.nan), target)
            out = scopes.merge(out, on=["level", "scope_id", "period"], how="left")
            for column in ("last_year", "ly_total", "projection"):
                if column not in out:
                    out[column] = np.nan
            out = _paced(out, target, issued)
            out["metric_key"], out["target_id"] = key, target["target_id"]
            frames.append(out)
    store = pd.concat(frames, ignore_index=True)
    store["rank"] = store.groupby(["metric_key", "period", "level"])["value"].rank(
        ascending=False, method="min").astype("Int64")
    store = store[COLUMNS].sort_values(["metric_key", "period", "level", "scope_id"])
    for column in ("value", "last_year", "target", "elapsed", "expected_share", "expected",
                   "projection", "completion", "gap", "required_monthly"):
        store[column] = store[column].astype(float)
    return store.reset_index(drop=True)


# ---- reading ------------------------------------------------------------------------------

def scope_key(scope: Scope) -> tuple[str, str]:
    """(level, scope_id) of a scope in the store."""
    if scope.park:
        return "park", scope.park
    if scope.city:
        return "city", scope.city
    return "province", PROVINCE


def store_of(data: Data) -> pd.DataFrame:
    """The store for `data`: the one the mapping carries (the app's cached copy), else built
    from the datasets and kept in the mapping when it is a plain dict (tests, scripts)."""
    try:
        return data[STORE]
    except KeyError:
        store = build_store(data)
        if isinstance(data, dict):
            data[STORE] = store
        return store


def _rows(data: Data, metric_key: str, period: str, level: str) -> pd.DataFrame:
    """The shared (cached) row group; callers must not change it."""
    store = store_of(data)
    groups = _index(store)
    found = groups.get((metric_key, period, level))
    return store.iloc[0:0].set_index("scope_id") if found is None else found


def rows_for(data: Data, metric_key: str, period: str, level: str) -> pd.DataFrame:
    """All scopes of one level for one target and month, indexed by scope_id."""
    return _rows(data, metric_key, period, level).copy(deep=False)  # copy-on-write: theirs


def row_for(data: Data, metric_key: str, scope: Scope) -> pd.Series | None:
    """The store's row for one target, month and scope (None when the month is not stored)."""
    level, scope_id = scope_key(scope)
    rows = _rows(data, metric_key, scope.period, level)
    return rows.loc[scope_id] if scope_id in rows.index else None


_INDEXES: dict[int, tuple[pd.DataFrame, dict]] = {}


def _index(store: pd.DataFrame) -> dict:
    """Row groups by (metric_key, period, level), each indexed by scope_id, built once per
    store object."""
    cached = _INDEXES.get(id(store))
    if cached is not None and cached[0] is store:
        return cached[1]
    groups = dict(iter(store.set_index("scope_id").groupby(["metric_key", "period", "level"])))
    if len(_INDEXES) > 8:
        _INDEXES.clear()
    _INDEXES[id(store)] = (store, groups)
    return groups


# ---- persistence --------------------------------------------------------------------------

def fingerprint(root: Path) -> str:
    """SHA-256 over the curated files and plan folders the store is built from (names, bytes)."""
    from hnparks.data.loading import dataset_path
    from hnparks.plans.registry import plan_files

    digest = hashlib.sha256()
    for name in INPUTS:
        digest.update(name.encode())
        digest.update(dataset_path(name, root).read_bytes())
    for path in plan_files(root):  # the plans' targets, tasks and issue dates
        digest.update(f"{path.parent.name}/{path.name}".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def store_path(root: Path) -> Path:
    return Path(root) / FILE


def write_store(store: pd.DataFrame, root: Path, stamp: str) -> Path:
    """Write the store with its input fingerprint, atomically (temp file, then rename)."""
    path = store_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(store, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}),
                                           _FINGERPRINT: stamp.encode()})
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the replicas and the office read it
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def read_store(root: Path) -> tuple[pd.DataFrame, str] | None:
    """The stored store and its fingerprint, or None when there is none (or it is unreadable)."""
    path = store_path(root)
    if not path.exists():
        return None
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException):
        return None
    stamp = (table.schema.metadata or {}).get(_FINGERPRINT, b"").decode()
    return table.to_pandas(), stamp


def stored_stamp(root: Path) -> str:
    """The fingerprint the written store was built for ("" when there is none or it is
    unreadable); reads the file's footer only."""
    try:
        metadata = pq.read_schema(store_path(root)).metadata or {}
    except (OSError, pa.ArrowException):
        return ""
    return metadata.get(_FINGERPRINT, b"").decode()


def rebuild(root: Path, built: pd.DataFrame | None = None) -> Path:
    """Build the store from the curated files under `root` and write it (after build, import
    and rollback). `built`: a store already built from exactly these files (a load's check),
    written as it is instead of building it again."""
    from hnparks.data.loading import load_dataset

    if built is None:
        built = build_store({name: load_dataset(name, root) for name in INPUTS})
    return write_store(built, root, fingerprint(root))


def load_or_build(root: Path) -> pd.DataFrame:
    """The store for the curated files under `root`: the written one when it is current, else
    built now and written back (when the directory is writable)."""
    from hnparks.data.loading import load_dataset

    stamp = fingerprint(root)
    stored = read_store(root)
    if stored is not None and stored[1] == stamp:
        return stored[0]
    data = {name: load_dataset(name, root) for name in INPUTS}
    store = build_store(data)
    with contextlib.suppress(OSError):  # a read-only data directory: serve it from memory
        write_store(store, root, stamp)
    return store
