"""Checks across datasets that no single schema can make: the figures must be believable together.

Each check takes the `data` mapping and returns `Finding`s in Chinese, naming the park (or task),
the month and both values, so the office can correct a report. They run on the committed data
(a test) and on every load (`check_all`), so an official file is held to them too.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from hnparks.core.periods import period_label, previous_period, year_ends, year_of, years_of
from hnparks.derived.indicator_store import INPUTS as _STORE_INPUTS
from hnparks.derived.indicator_store import STORE, load_or_build

Data = Mapping[str, pd.DataFrame]
MU_PER_KM2 = 1500.0
COMPLETED_MIN_SPENT = 0.5  # a project reported 竣工投产 has spent at least half its plan for the year
TAX_GROWTH_MARGIN = 0.05  # tax may outgrow revenue by at most 5 points in a year
THOUSAND_YI, THOUSAND_BASE_GAP = 1000.0, 5  # last year's 千亿园区 within 5 of the target
LAND_ROUNDING_MU = 1.0  # 标准地 may exceed land added + redeveloped by a rounding 亩 at most
# Median across parks of the spread (max − min, percentage points) between the year-on-year
# growth of a park's flows: below NARROW every flow moves together (a copied rate), above WIDE
# the flows are not one park's (a unit or period mix-up). A note, not an error.
FLOWS = {"revenue_ytd": "技工贸总收入", "output_ytd": "工业总产值", "tax_ytd": "税收",
         "investment_ytd": "固定资产投资", "export_ytd": "出口额"}
SPREAD_NARROW, SPREAD_WIDE = 3.0, 60.0
ERROR, NOTE = "error", "note"


@dataclass(frozen=True)
class Finding:
    check: str  # the rule broken, in Chinese
    subject: str  # the park, specialty park, project or task
    period: str  # 'YYYY-MM' ('' when not monthly)
    message: str  # the whole sentence, with both values
    severity: str = ERROR  # NOTE: worth a look, does not stop a load


def _names(data: Data) -> pd.Series:
    return data["parks"].set_index("park_id")["park_name"]


def _specialty_beyond(data: Data, limit: pd.DataFrame, on: list[str], check: str,
                      what: Callable[[tuple], str]) -> list[Finding]:
    """Specialty parks whose output exceeds `limit` (its `on` columns and `limit`, 亿元) in the
    same month; `what(row)` names what was exceeded in the host park."""
    output = data["specialty_output"].merge(data["specialty_parks"][
        ["specialty_id", "specialty_name", "park_id", "cluster_id"]], on="specialty_id")
    rows = output.merge(limit, on=on)
    bad = rows[rows["output_ytd"] > rows["limit"]]
    names = _names(data)
    return [Finding(check, r.specialty_name, r.period,
                    f"{r.specialty_name}{period_label(r.period)}主导产业产值{r.output_ytd:,.1f}亿元，"
                    f"超过所在园区{names.get(r.park_id, r.park_id)}{what(r)}{r.limit:,.1f}亿元")
            for r in bad.itertuples()]


def specialty_within_host(data: Data) -> list[Finding]:
    """特色产业园主导产业产值不超过所在园区工业总产值（同月累计）。"""
    host = data["park_indicators"][["park_id", "period", "output_ytd"]].rename(
        columns={"output_ytd": "limit"})
    return _specialty_beyond(data, host, ["park_id", "period"], "特色产业园产值不超过所在园区",
                             lambda r: "工业总产值")


def land_within_area(data: Data) -> list[Finding]:
    """园区工业用地面积不超过核准面积（1平方公里 = 1500亩）。"""
    rows = data["park_indicators"][["park_id", "period", "industrial_land_mu"]].merge(
        data["parks"][["park_id", "park_name", "approved_area_km2"]], on="park_id")
    bad = rows[rows["industrial_land_mu"] > rows["approved_area_km2"] * MU_PER_KM2]
    return [Finding("工业用地不超过核准面积", r.park_name, r.period,
                    f"{r.park_name}{period_label(r.period)}工业用地{r.industrial_land_mu:,.0f}亩，"
                    f"超过核准面积{r.approved_area_km2:g}平方公里"
                    f"（{r.approved_area_km2 * MU_PER_KM2:,.0f}亩）")
            for r in bad.itertuples()]


def completed_projects_spent(data: Data) -> list[Finding]:
    """报竣工投产的重点项目，当年完成投资不少于年度计划投资的一半。"""
    plans = data["key_projects"][["year", "project_id", "project_name", "plan_investment"]]
    rows = data["project_progress"].assign(year=lambda f: years_of(f["period"]))
    rows = rows.merge(plans, on=["year", "project_id"])  # each year against its annual plan
    bad = rows[(rows["status"] == "竣工投产")
               & (rows["completed_investment_ytd"]
                  < COMPLETED_MIN_SPENT * rows["plan_investment"])]
    return [Finding("竣工投产项目已完成大部分投资", r.project_name, r.period,
                    f"{r.project_name}{period_label(r.period)}报竣工投产，当年完成投资"
                    f"{r.completed_investment_ytd:,.1f}亿元，不足年度计划{r.plan_investment:,.1f}"
                    "亿元的一半")
            for r in bad.itertuples()]


def tax_growth_near_revenue(data: Data) -> list[Finding]:
    """全省园区税收全年增幅不高于技工贸总收入增幅5个百分点以上（减税降费之年）。"""
    facts = data["park_indicators"]
    decembers = year_ends(facts["period"].unique())
    totals = facts[facts["period"].isin(decembers)].groupby("period")[
        ["revenue_ytd", "tax_ytd"]].sum()
    out = []
    for before, now in zip(decembers, decembers[1:], strict=False):
        revenue = totals.loc[now, "revenue_ytd"] / totals.loc[before, "revenue_ytd"] - 1
        tax = totals.loc[now, "tax_ytd"] / totals.loc[before, "tax_ytd"] - 1
        if tax > revenue + TAX_GROWTH_MARGIN:
            out.append(Finding("税收增幅与收入增幅相近", "全省", now,
                               f"{year_of(now)}年全省园区税收增长{tax:.1%}，技工贸总收入增长"
                               f"{revenue:.1%}，税收增幅高出{(tax - revenue) * 100:.1f}个百分点"))
    return out


def thousand_yi_base(data: Data) -> list[Finding]:
    """上年末千亿园区数与当年目标相差不超过5家（目标“达到14家”隐含的起点）。"""
    targets = data["targets"]
    rows = targets[targets["metric_key"] == "parks_over_1000"]
    facts = data["park_indicators"]
    out = []
    for row in rows.itertuples():
        base = f"{row.year - 1}-12"
        count = int((facts.loc[facts["period"] == base, "revenue_ytd"] >= THOUSAND_YI).sum())
        if base in set(facts["period"]) and count < row.value - THOUSAND_BASE_GAP:
            out.append(Finding("千亿园区起点接近目标", "全省", base,
                               f"{period_label(base)}末千亿园区{count}家，与{row.year}年目标"
                               f"{row.value:g}家相差{row.value - count:g}家"))
    return out


def national_parks_lead_tax_per_mu(data: Data) -> list[Finding]:
    """国家级园区亩均税收中位数不低于省级园区（年末）。"""
    facts = data["park_indicators"]
    out = []
    for period in year_ends(facts["period"].unique()):
        rows = facts[facts["period"] == period].merge(data["parks"][["park_id", "level"]])
        rows = rows[rows["industrial_land_mu"] > 0]
        per_mu = rows["tax_ytd"] * 10_000 / rows["industrial_land_mu"]
        medians = per_mu.groupby(rows["level"]).median()
        if {"国家级", "省级"} <= set(medians.index) and medians["国家级"] < medians["省级"]:
            out.append(Finding("国家级园区亩均税收领先", "全省", period,
                               f"{period_label(period)}国家级园区亩均税收中位数"
                               f"{medians['国家级']:.1f}万元/亩，低于省级园区的"
                               f"{medians['省级']:.1f}万元/亩"))
    return out


def tasks_agree_with_indicators(data: Data) -> list[Finding]:
    """有量化指标的重点任务，指标未全部达标时报送进度不得为100%。"""
    from hnparks.derived.indicator_store import store_of

    store = store_of(data)
    rows = store[(store["level"] == "province") & store["value"].notna()]
    rows = rows.merge(data["targets"][["target_id", "section", "indicator", "unit"]],
                      on="target_id")
    short = rows[rows["value"] < rows["target"]]
    reported = data["task_progress"]
    done = reported[reported["progress_pct"] >= 100]
    hits = done.merge(short, left_on=["task_id", "period"], right_on=["section", "period"])
    return [Finding("任务进度与指标一致", r.task_id, r.period,
                    f"任务{r.task_id}{period_label(r.period)}报送进度100%，但{r.indicator}为"
                    f"{r.value:,.1f}{r.unit}，未达目标{r.target:g}{r.unit}")
            for r in hits.itertuples()]


def tasks_agree_with_milestones(data: Data) -> list[Finding]:
    """报送进度为100%的重点任务，其里程碑应在当月末前全部完成；里程碑完成日期不得早于启动日期。"""
    from hnparks.core.periods import period_end

    milestones = data["task_milestones"]
    out = [Finding("里程碑日期", r.milestone_id, "",
                   f"里程碑{r.milestone_id}（任务{r.task_id}）完成日期{r.completed_date:%Y-%m-%d}"
                   f"早于启动日期{r.started_date:%Y-%m-%d}")
           for r in milestones[milestones["completed_date"] < milestones["started_date"]]
           .itertuples()]
    done = data["task_progress"]
    done = done[done["progress_pct"] >= 100].merge(milestones, on="task_id")
    ends = done["period"].map(lambda p: pd.Timestamp(period_end(p)))
    open_ = done[~(done["completed_date"] <= ends)]
    out += [Finding("任务进度与里程碑一致", r.task_id, r.period,
                    f"任务{r.task_id}{period_label(r.period)}报送进度100%，但里程碑“{r.milestone}”"
                    "尚未完成") for r in open_.itertuples()]
    return out


def specialty_within_industry(data: Data) -> list[Finding]:
    """集群内的特色产业园，主导产业产值不超过所在园区该集群产值（同月累计）。"""
    industry = data["cluster_output"].groupby(["park_id", "cluster_id", "period"], as_index=False)[
        "output_ytd"].sum().rename(columns={"output_ytd": "limit"})
    clusters = data["clusters"].set_index("cluster_id")["cluster_name"]
    return _specialty_beyond(data, industry, ["park_id", "cluster_id", "period"],
                             "特色产业园产值不超过所在园区该产业",
                             lambda r: f"{clusters.get(r.cluster_id, r.cluster_id)}产值")


def projects_start_before_finish(data: Data) -> list[Finding]:
    """重点项目计划竣工日期不早于计划开工日期。"""
    projects = data["key_projects"]
    bad = projects[projects["planned_finish"] < projects["planned_start"]]
    return [Finding("项目竣工不早于开工", r.project_name, "",
                    f"{r.project_name}计划竣工日期{r.planned_finish:%Y-%m-%d}早于计划开工日期"
                    f"{r.planned_start:%Y-%m-%d}")
            for r in bad.itertuples()]


def standard_land_within_land_added(data: Data) -> list[Finding]:
    """园区当年标准地出让面积不超过当年新增工业用地与低效用地再开发面积之和（同月累计，
    新增工业用地 = 本月末工业用地 − 上年末工业用地）；每个园区每年报第一个不符的月份。"""
    land = data["park_indicators"][["park_id", "period", "industrial_land_mu"]]
    base = land[land["period"].str.endswith("-12")].assign(
        year=lambda f: (f["period"].str[:4].astype(int) + 1).astype(str))
    rows = data["land_use"][["park_id", "period", "standard_land_mu_ytd",
                             "inefficient_redeveloped_mu_ytd"]].merge(land, on=["park_id", "period"])
    rows = rows.assign(year=rows["period"].str[:4]).merge(
        base[["park_id", "year", "industrial_land_mu"]], on=["park_id", "year"],
        suffixes=("", "_base"))
    rows["added"] = rows["industrial_land_mu"] - rows["industrial_land_mu_base"]
    bad = rows[rows["standard_land_mu_ytd"]
               > rows["added"] + rows["inefficient_redeveloped_mu_ytd"] + LAND_ROUNDING_MU]
    bad = bad.sort_values("period").drop_duplicates(["park_id", "year"])
    names = _names(data)
    return [Finding("标准地不超过新增与再开发用地", names.get(r.park_id, r.park_id), r.period,
                    f"{names.get(r.park_id, r.park_id)}{period_label(r.period)}累计出让标准地"
                    f"{r.standard_land_mu_ytd:,.0f}亩，超过当年新增工业用地{r.added:,.0f}亩与"
                    f"低效用地再开发{r.inefficient_redeveloped_mu_ytd:,.0f}亩之和")
            for r in bad.sort_values(["park_id", "period"]).itertuples()]


def land_grows_with_completed_projects(data: Data) -> list[Finding]:
    """重点项目首次报送竣工投产的月份，所在园区工业用地应比上月增加（项目建成即新增在用工业
    用地）；上月未报送的不核。提示，不阻止导入（用地可能已在此前交付时计入）。"""
    progress = data["project_progress"]
    done = progress[progress["status"] == "竣工投产"].sort_values("period").drop_duplicates(
        "project_id")[["project_id", "period"]]
    done = done.merge(data["key_projects"][["project_id", "project_name", "park_id"]],
                      on="project_id")
    land = data["park_indicators"].set_index(["park_id", "period"])["industrial_land_mu"]
    names = _names(data)
    out = []
    for r in done.sort_values(["park_id", "period"]).itertuples():
        before = previous_period(r.period)
        if (r.park_id, r.period) not in land.index or (r.park_id, before) not in land.index:
            continue
        now, then = land[(r.park_id, r.period)], land[(r.park_id, before)]
        if now <= then:
            park = names.get(r.park_id, r.park_id)
            out.append(Finding("项目竣工时工业用地增加", r.project_name, r.period,
                               f"{r.project_name}{period_label(r.period)}竣工投产，但{park}工业用地"
                               f"{now:,.0f}亩，未比上月（{then:,.0f}亩）增加", NOTE))
    return out


def flow_growth_spread(data: Data) -> list[Finding]:
    """各园区技工贸总收入、工业总产值、税收、固定资产投资、出口额同比增速之差（最高 − 最低，
    百分点）的全省中位数，在每年最新月份应在3至60个百分点之间：过窄像是各项套用同一增速，
    过宽像是单位或期别混用（提示，不阻止导入）。"""
    facts = data["park_indicators"]
    periods = set(facts["period"])
    latest = facts.groupby(facts["period"].str[:4])["period"].max()
    out = []
    for period in sorted(latest):
        before = f"{int(period[:4]) - 1:04d}{period[4:]}"
        if before not in periods:
            continue
        now = facts[facts["period"] == period].set_index("park_id")[list(FLOWS)]
        then = facts[facts["period"] == before].set_index("park_id")[list(FLOWS)]
        growth = (now / then.where(then > 0) - 1).dropna(thresh=2)
        spread = ((growth.max(axis=1) - growth.min(axis=1)) * 100).median()
        if pd.notna(spread) and not SPREAD_NARROW <= spread <= SPREAD_WIDE:
            kind = "过窄，各项像是套用同一增速" if spread < SPREAD_NARROW else "过宽，请核对单位与期别"
            out.append(Finding("各项增速差异合理", "全省", period,
                               f"{period_label(period)}各园区{'、'.join(FLOWS.values())}同比增速"
                               f"之差的中位数为{spread:.1f}个百分点，{kind}", NOTE))
    return out


CHECKS: list[Callable[[Data], list[Finding]]] = [
    specialty_within_host, land_within_area, completed_projects_spent, tax_growth_near_revenue,
    thousand_yi_base, national_parks_lead_tax_per_mu, tasks_agree_with_indicators,
    tasks_agree_with_milestones, specialty_within_industry, projects_start_before_finish,
    standard_land_within_land_added, flow_growth_spread, land_grows_with_completed_projects,
]


# The datasets each check reads, so a load runs only the checks its dataset can break.
READS: dict[Callable[[Data], list[Finding]], set[str]] = {
    specialty_within_host: {"specialty_output", "specialty_parks", "park_indicators", "parks"},
    land_within_area: {"park_indicators", "parks"},
    completed_projects_spent: {"key_projects", "project_progress"},
    tax_growth_near_revenue: {"park_indicators"},
    thousand_yi_base: {"targets", "park_indicators"},
    national_parks_lead_tax_per_mu: {"park_indicators", "parks"},
    tasks_agree_with_indicators: set(_STORE_INPUTS),
    tasks_agree_with_milestones: {"task_milestones", "task_progress"},
    specialty_within_industry: {"specialty_output", "specialty_parks", "cluster_output", "parks",
                                "clusters"},
    projects_start_before_finish: {"key_projects"},
    standard_land_within_land_added: {"land_use", "park_indicators", "parks"},
    flow_growth_spread: {"park_indicators"},
    land_grows_with_completed_projects: {"project_progress", "key_projects",
                                         "park_indicators", "parks"},
}


def check_all(data: Data, touching: str | None = None) -> list[Finding]:
    """Every cross-dataset check on the data (only those reading `touching`, when given);
    an empty list when all hold."""
    return [finding for check in CHECKS if touching is None or touching in READS[check]
            for finding in check(data)]


class _Loaded(dict):
    """Datasets read from a data directory on first use, with some replaced."""

    def __init__(self, root: Path, replaced: Mapping[str, pd.DataFrame],
                 read: Mapping[str, pd.DataFrame] | None = None) -> None:
        super().__init__(replaced)
        self.root = root
        self.as_stored = not replaced
        self.read = read if read is not None else {}  # frames already read from `root`

    def __missing__(self, name: str) -> pd.DataFrame:
        from hnparks.core.schemas import SCHEMAS
        from hnparks.data.loading import load_dataset

        if name == STORE and self.as_stored:  # the data as they are: the written store
            self[name] = load_or_build(self.root)
        elif name not in SCHEMAS:  # the indicator store: built from these data by its user
            raise KeyError(name)
        else:
            if name not in self.read:
                self.read[name] = load_dataset(name, self.root)
            self[name] = self.read[name]
        return self[name]


# What already fails on a directory's data, by the digest of every file the checks can read:
# a load's check and its commit, or many loads onto the same data, check the "before" once.
_FAILING: dict[tuple[str, str], frozenset[str]] = {}
_FAILING_KEPT = 16
_FAILING_LOCK = threading.Lock()  # the app's sessions check reports in threads of one process


def _content_digest(root: Path) -> str:
    """SHA-256 over every curated dataset file and plan file under `root` (names, bytes)."""
    from hnparks.core.schemas import SCHEMAS
    from hnparks.data.loading import dataset_path
    from hnparks.plans.registry import plan_files

    digest = hashlib.sha256()
    for name in sorted(SCHEMAS):
        path = dataset_path(name, root)
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"-")
    for path in plan_files(root):
        digest.update(f"{path.parent.name}/{path.name}".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _failing_now(name: str, current: _Loaded) -> frozenset[str]:
    """The messages of the checks reading `name` that fail on the data as they are."""
    key = (_content_digest(current.root), name)
    with _FAILING_LOCK:
        known = _FAILING.get(key)
    if known is None:
        known = frozenset(f.message for f in check_all(current, touching=name))
        with _FAILING_LOCK:
            if len(_FAILING) >= _FAILING_KEPT:
                _FAILING.pop(next(iter(_FAILING)))
            _FAILING[key] = known
    return known


def findings_of_load(name: str, merged: pd.DataFrame,
                     root: Path) -> tuple[list[Finding], pd.DataFrame | None]:
    """What a load would newly break: the checks reading `name`, run on the data with the
    dataset replaced by `merged` (what the load would commit), less what already failed.
    Also the indicator store the checks built for the data after the load (None if they
    needed none), for the commit to write rather than build again."""
    current = _Loaded(root, {})
    before = _failing_now(name, current)
    after = _Loaded(root, {name: merged}, read=current.read)
    found = [f for f in check_all(after, touching=name) if f.message not in before]
    return found, after.get(STORE)
