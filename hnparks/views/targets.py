"""Overview and target views: city/park attainment, gap attribution, alerts and briefing lines.

Functions take `data`, a mapping from dataset name to its DataFrame (as in `attainment`).
Revenue figures are 亿元; the 序时 gap of a scope is `target × 序时进度 − 1月至报告期末累计`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from hnparks.core import metrics as m
from hnparks.core.formats import COUNT_UNITS
from hnparks.core.periods import (
    december_of,
    month_of,
    period_end,
    period_label,
    previous_period,
    same_period_last_year,
    year_of,
)
from hnparks.core.scope import Scope
from hnparks.data.catalog import is_official
from hnparks.derived.aggregate import at_period, by_park
from hnparks.derived.attainment import (
    HUNDRED_YI,
    THOUSAND_YI,
    Data,
    TargetStatus,
    specialty_output_in_scope,
)
from hnparks.derived.indicator_store import row_for, rows_for
from hnparks.plans.registry import of_plan_year, plan_of_period

REVENUE_KEY = "revenue_total"
CANDIDATE_FLOOR = 800.0  # 千亿园区候选：预计全年800–1000亿元
SPECIALTY_NEAR = 80.0  # 接近百亿级：预计全年80–100亿元


def _revenue_row(data: Data, year: int) -> pd.Series:
    targets = data["targets"]
    return targets[(targets["metric_key"] == REVENUE_KEY) & (targets["year"] == year)].iloc[0]


def province_revenue_target(data: Data, period: str) -> float:
    """全省技工贸总收入年度目标（亿元）= 目标台账中的万亿元 × 10000。"""
    return float(_revenue_row(data, year_of(period))["value"]) * 10_000


def _revenue_at(data: Data, period: str) -> pd.DataFrame:
    rows = at_period(data["park_indicators"], period)[["park_id", "revenue_ytd"]]
    return rows.set_index("park_id")["revenue_ytd"]


def _with_gap(out: pd.DataFrame, data: Data, period: str, level: str,
              id_col: str) -> pd.DataFrame:
    """Target, 序时进度 (the seasonal share due by now), completion, gap and light from the
    indicator store; YoY from the facts."""
    stored = rows_for(data, REVENUE_KEY, period, level)
    ids = out[id_col]
    for column, source in (("target", "target"), ("elapsed", "expected_share"),
                           ("completion", "completion"), ("expected", "expected"),
                           ("gap", "gap"), ("light", "status"), ("projection", "projection")):
        out[column] = ids.map(stored[source]).to_numpy() if len(stored) else math.nan
    out["light"] = out["light"].fillna("grey")
    out["yoy"] = out["revenue_ytd"] / out["revenue_ly"] - 1
    return out


def city_revenue(data: Data, period: str) -> pd.DataFrame:
    """各市州技工贸总收入（亿元）：累计、上年同期、分解目标、完成率、序时差距、预计全年。"""
    parks = data["parks"][["park_id", "city_code"]]
    ly_period = same_period_last_year(period)
    frame = parks.assign(
        revenue_ytd=parks["park_id"].map(_revenue_at(data, period)),
        revenue_ly=parks["park_id"].map(_revenue_at(data, ly_period)),
        revenue_ly_total=parks["park_id"].map(_revenue_at(data, december_of(ly_period))),
    )
    summed = frame.groupby("city_code")[["revenue_ytd", "revenue_ly", "revenue_ly_total"]].sum(
        min_count=1)
    out = data["cities"][["city_code", "city_name", "city_short"]].copy()
    out = out.join(summed, on="city_code")
    out = _with_gap(out, data, period, "city", "city_code")
    out["target_share"] = out["target"] / province_revenue_target(data, period)
    out["value_share"] = out["revenue_ytd"] / out["revenue_ytd"].sum()
    out["rank"] = m.rank_desc(out["revenue_ytd"])
    return out.reset_index(drop=True)


def _base_year(data: Data) -> int:
    """The year whose revenue shares split the target: the year before the split's plan year."""
    return int(data["city_target_allocation"]["year"].max()) - 1


def split_basis(data: Data) -> str:
    """How the province's 技工贸总收入 target came to the cities, for captions and slides:
    the office's official split once loaded, else the illustrative one (示意)."""
    if is_official(data, "city_target_allocation"):
        return "市州分解目标为园区办导入的正式分解"
    return f"市州分解目标按{_base_year(data)}年各市州技工贸总收入占比推算（示意，待园区办导入正式分解）"


def park_target_basis(data: Data) -> str:
    """How a park's reference target is set: never official (the document splits nothing to
    parks), and 示意 while the city split itself is."""
    shown = "" if is_official(data, "city_target_allocation") else "，示意"
    return f"园区参考目标由所在市州分解目标按园区{_base_year(data)}年收入占比推算（非正式分解{shown}）"


def park_revenue(data: Data, scope: Scope) -> pd.DataFrame:
    """各园区技工贸总收入（亿元）与参考目标（所在市州分解目标按园区上年全年收入占比再分解，示意）。"""
    parks = data["parks"]
    ly_period = same_period_last_year(scope.period)
    out = parks[["park_id", "park_name", "city_code", "level"]].copy()
    out["revenue_ytd"] = out["park_id"].map(_revenue_at(data, scope.period))
    out["revenue_ly"] = out["park_id"].map(_revenue_at(data, ly_period))
    out["revenue_ly_total"] = out["park_id"].map(_revenue_at(data, december_of(ly_period)))
    out = _with_gap(out, data, scope.period, "park", "park_id")
    out["city_short"] = out["city_code"].map(
        data["cities"].set_index("city_code")["city_short"])
    out = scope.select_parks(out)
    out["share"] = out["revenue_ytd"] / out["revenue_ytd"].sum()
    out["rank"] = m.rank_desc(out["revenue_ytd"])
    return out.sort_values("revenue_ytd", ascending=False).reset_index(drop=True)


def revenue_trend(data: Data, scope: Scope) -> pd.DataFrame:
    """逐月累计技工贸总收入（亿元）：本年至报告期、上年全年，及按上年季节性分摊的目标路径。"""
    year = year_of(scope.period)
    facts = scope.park_rows(data["park_indicators"], data["parks"])
    monthly = facts.groupby("period")["revenue_ytd"].sum()
    if scope.level == "park":
        target = park_revenue(data, scope)["target"].sum()
    elif scope.level == "city":
        cities = city_revenue(data, scope.period).set_index("city_code")
        target = float(cities.loc[scope.city, "target"])
    else:
        target = province_revenue_target(data, scope.period)
    ly_total = monthly.get(f"{year - 1}-12", math.nan)
    rows = []
    for month in range(1, 13):
        now, last = f"{year}-{month:02d}", f"{year - 1}-{month:02d}"
        ly = monthly.get(last, math.nan)
        rows.append({
            "month": month,
            "this_year": (monthly.get(now, math.nan) if month <= month_of(scope.period)
                          else math.nan),
            "last_year": ly,
            "target_path": target * ly / ly_total if ly_total else math.nan,
        })
    return pd.DataFrame(rows)


def _gap_units(data: Data, scope: Scope, period: str) -> pd.DataFrame:
    """Cities (province scope) or the city's parks (city/park scope) with key, name and gap."""
    if scope.city is None:
        rows = city_revenue(data, period)
        return pd.DataFrame({"key": rows["city_code"], "name": rows["city_short"],
                             "gap": rows["gap"]})
    rows = park_revenue(data, Scope(period, scope.city))
    return pd.DataFrame({"key": rows["park_id"], "name": rows["park_name"], "gap": rows["gap"]})


def gap_attribution(data: Data, scope: Scope, top: int = 12) -> tuple[pd.DataFrame, float]:
    """各单元对序时差距的贡献（亿元）= 目标 × 序时进度 − 累计；全省按市州，市州按园区（参考目标）。

    Returns the rows (largest first; small parks folded into 其他园区; at province level a
    last row for the allocation's rounding) and the total gap they add up to.
    """
    rows = _gap_units(data, scope, scope.period).sort_values("gap", ascending=False)
    if scope.city is None:
        province = row_for(data, REVENUE_KEY, Scope(scope.period))
        total = math.nan if province is None else float(province["gap"])
        rest = total - rows["gap"].sum()
        rows = pd.concat([rows, pd.DataFrame([{"key": "", "name": "分解取整及季节差异",
                                                "gap": rest}])], ignore_index=True)
        return rows.reset_index(drop=True), float(total)
    total = float(rows["gap"].sum())
    if len(rows) > top:
        rest = rows.iloc[top:]
        rows = pd.concat([rows.iloc[:top], pd.DataFrame([{
            "key": "", "name": f"其他{len(rest)}家园区", "gap": rest["gap"].sum()}])],
            ignore_index=True)
    return rows.reset_index(drop=True), total


def gap_change(data: Data, scope: Scope) -> pd.DataFrame:
    """序时差距较上月的变化（亿元）：正数为差距扩大，负数为缩小；1月无上月可比。"""
    now = _gap_units(data, scope, scope.period).set_index("key")
    prev_period = previous_period(scope.period)
    if year_of(prev_period) != year_of(scope.period):
        now["gap_prev"] = math.nan
    else:
        now["gap_prev"] = _gap_units(data, scope, prev_period).set_index("key")["gap"]
    now["change"] = now["gap"] - now["gap_prev"]
    return now.reset_index().sort_values("change", ascending=False).reset_index(drop=True)


def thousand_yi_parks(data: Data, scope: Scope) -> pd.DataFrame:
    """千亿园区：累计已达1000亿元、预计全年达到（按上年季节性推算），及预计800–1000亿元的候选。"""
    parks = park_revenue(data, scope)
    parks = parks[(parks["revenue_ytd"] >= THOUSAND_YI) | (parks["projection"] >= CANDIDATE_FLOOR)]
    parks = parks.copy()
    parks["status"] = [
        "已达千亿" if ytd >= THOUSAND_YI else "预计达千亿" if proj >= THOUSAND_YI else "候选"
        for ytd, proj in zip(parks["revenue_ytd"], parks["projection"], strict=True)]
    parks["gap_to_1000"] = (THOUSAND_YI - parks["projection"]).clip(lower=0)
    return parks.sort_values("projection", ascending=False).reset_index(drop=True)


def tax_per_mu_parks(data: Data, scope: Scope) -> pd.DataFrame:
    """各园区亩均税收（万元/亩）：累计税收 ÷ 期末工业用地；全年预计按上年季节性推算。"""
    facts = data["park_indicators"]
    ly_period = same_period_last_year(scope.period)

    def per_mu(period: str) -> pd.Series:
        rows = at_period(facts, period).set_index("park_id")
        return rows["tax_ytd"] * 10_000 / rows["industrial_land_mu"].where(
            rows["industrial_land_mu"] > 0)

    out = scope.select_parks(data["parks"])[["park_id", "park_name", "city_code"]].copy()
    out = out.merge(data["cities"][["city_code", "city_short"]], on="city_code", how="left")
    out["tax_per_mu"] = out["park_id"].map(per_mu(scope.period))
    ly, ly_total = per_mu(ly_period), per_mu(december_of(ly_period))
    out["projection"] = [m.project_year_end(v, ly.get(p), ly_total.get(p))
                         for p, v in zip(out["park_id"], out["tax_per_mu"], strict=True)]
    return out.sort_values("projection", ascending=False).reset_index(drop=True)


def tax_per_mu_cities(data: Data, period: str) -> pd.DataFrame:
    """各市州亩均税收（万元/亩）= 园区累计税收之和 × 10000 ÷ 期末工业用地之和；全年按季节性预计。"""
    def per_mu(month: str) -> pd.Series:
        rows = at_period(data["park_indicators"], month).merge(
            data["parks"][["park_id", "city_code"]], on="park_id")
        summed = rows.groupby("city_code")[["tax_ytd", "industrial_land_mu"]].sum()
        return pd.Series([m.tax_per_mu(t, land) for t, land in
                          zip(summed["tax_ytd"], summed["industrial_land_mu"], strict=True)],
                         index=summed.index, dtype=float)

    ly_period = same_period_last_year(period)
    now, ly, ly_total = per_mu(period), per_mu(ly_period), per_mu(december_of(ly_period))
    out = data["cities"][["city_code", "city_name", "city_short"]].copy()
    out["tax_per_mu"] = out["city_code"].map(now)
    out["projection"] = [m.project_year_end(now.get(c), ly.get(c), ly_total.get(c))
                         for c in out["city_code"]]
    return out.sort_values("tax_per_mu", ascending=False).reset_index(drop=True)


def specialty_parks(data: Data, scope: Scope) -> pd.DataFrame:
    """特色产业园主导产业产值（亿元）：累计、预计全年（按上年季节性），是否已达/预计达百亿级。"""
    now = specialty_output_in_scope(data, scope)
    ly_period = same_period_last_year(scope.period)
    ly = specialty_output_in_scope(data, scope, ly_period).set_index("specialty_id")["output_ytd"]
    ly_total = specialty_output_in_scope(data, scope, december_of(ly_period)).set_index(
        "specialty_id")["output_ytd"]
    out = now.merge(data["parks"][["park_id", "park_name", "city_code"]], on="park_id", how="left")
    out = out.merge(data["cities"][["city_code", "city_short"]], on="city_code", how="left")
    out["projection"] = [m.project_year_end(v, ly.get(s), ly_total.get(s))
                         for s, v in zip(out["specialty_id"], out["output_ytd"], strict=True)]
    out["status"] = [
        "已达百亿" if v >= HUNDRED_YI else "预计达百亿" if p >= HUNDRED_YI
        else "接近百亿" if p >= SPECIALTY_NEAR else ""
        for v, p in zip(out["output_ytd"], out["projection"], strict=True)]
    return out.sort_values("projection", ascending=False).reset_index(drop=True)


# ---- alerts -------------------------------------------------------------------------------

def overdue_tasks(data: Data, period: str) -> pd.DataFrame:
    """逾期任务：重点任务台账中标为逾期的任务（期限已过而未完成；有量化指标的按指标判断）。"""
    from hnparks.views.tasks import ledger_for

    ledger = ledger_for(data, period)
    return ledger[ledger["overdue"]].sort_values("progress_pct").reset_index(drop=True)


def overdue_env_problems(data: Data, scope: Scope) -> pd.DataFrame:
    """逾期环境问题：报告期末已发现、已过整改期限且尚未整改完成（`environment.problem_status`）。"""
    from hnparks.views.environment import overdue_problems

    return overdue_problems(data, scope)


def late_assessments(data: Data, scope: Scope) -> pd.DataFrame:
    """区域评估逾期：报告期末已过期限（计划包的评估事项期限）而适用事项在期限前未完成的园区及事项数。"""
    end = pd.Timestamp(period_end(scope.period))
    deadline = pd.Timestamp(plan_of_period(scope.period).assessment_deadline)
    columns = ["park_id", "park_name", "late_items", "open_items"]
    if end <= deadline:
        return pd.DataFrame(columns=columns)
    rows = of_plan_year(data["assessments"], scope.period)
    rows = rows[rows["applicable"]
                & rows["park_id"].isin(scope.park_ids(data["parks"]))]
    done = rows["completion_date"]
    rows = rows.assign(late=done.isna() | (done > deadline), open=done.isna() | (done > end))
    out = rows.groupby("park_id").agg(late_items=("late", "sum"), open_items=("open", "sum"))
    out = out[out["late_items"] > 0].reset_index()
    out = out.merge(data["parks"][["park_id", "park_name"]], on="park_id", how="left")
    return out.sort_values(["open_items", "late_items"], ascending=False)[columns].reset_index(
        drop=True)


CITY_BEHIND, PARK_BEHIND = "市州落后序时进度", "园区落后序时进度"
TASK_OVERDUE, ENV_OVERDUE, ASSESSMENT_LATE = "重点任务逾期", "环境问题逾期", "区域评估逾期"


@dataclass(frozen=True)
class Alert:
    """One line of the alert list: what is wrong, and which page explains it (with context)."""

    kind: str  # CITY_BEHIND / PARK_BEHIND / TASK_OVERDUE / ENV_OVERDUE / ASSESSMENT_LATE
    text: str  # short, fits one line
    page: str  # page file, e.g. "pages/targets.py"
    params: dict[str, str] = field(default_factory=dict)
    detail: str = ""  # the longer explanation (tooltip)


def _behind(rows: pd.DataFrame) -> pd.DataFrame:
    rows = rows.assign(shortfall=rows["elapsed"] - rows["completion"])
    return rows[rows["shortfall"] > 0].sort_values("shortfall", ascending=False)


def alerts(data: Data, scope: Scope, limit: int = 3) -> list[Alert]:
    """Top alerts: furthest behind 序时进度 (completion short of elapsed), overdue items."""
    out: list[Alert] = []
    period = scope.period
    if scope.level == "province":
        for r in _behind(city_revenue(data, period)).head(limit).itertuples():
            out.append(Alert(
                CITY_BEHIND,
                f"{r.city_name} 完成{r.completion:.1%}，落后序时{r.shortfall * 100:.1f}个百分点",
                "pages/targets.py", {"period": period, "city": r.city_code},
                f"技工贸总收入完成分解目标{r.completion:.1%}，序时进度{r.elapsed:.0%}，"
                f"差{r.gap:,.0f}亿元"))
    if scope.level != "park":
        for r in _behind(park_revenue(data, scope)).head(limit).itertuples():
            out.append(Alert(
                PARK_BEHIND,
                f"{r.park_name} 完成{r.completion:.1%}，落后序时{r.shortfall * 100:.1f}个百分点",
                "pages/park.py", {"period": period, "city": r.city_code, "park": r.park_id},
                f"{r.city_short}；技工贸总收入完成参考目标{r.completion:.1%}"
                f"（{park_target_basis(data)}），差{r.gap:,.1f}亿元"))
    for r in overdue_tasks(data, period).head(limit).itertuples():
        out.append(Alert(
            TASK_OVERDUE, f"任务{r.task_id} 期限{r.deadline_text}，进度{r.progress_pct:.0f}%",
            "pages/tasks.py", {"period": period}, f"{r.text}（{r.departments_text}按职责分工负责）"))
    for r in overdue_env_problems(data, scope).head(limit).itertuples():
        out.append(Alert(
            ENV_OVERDUE, f"{r.park_name} 逾期{r.days_overdue}天", "pages/environment.py",
            _park_params(data, period, r.park_id),
            f"{r.category}：{r.description}；整改期限{r.deadline:%Y-%m-%d}"))
    late = late_assessments(data, scope)
    if len(late):
        worst = late.iloc[0]
        params = {k: v for k, v in (("period", period), ("city", scope.city),
                                    ("park", scope.park)) if v}
        out.append(Alert(
            ASSESSMENT_LATE, f"{len(late)}家园区未按期完成全部事项", "pages/business.py", params,
            f"适用的评估事项未在{plan_of_period(period).assessment_deadline}前完成；报告期末仍未完成最多的为"
            f"{worst['park_name']}（{int(worst['open_items'])}项）"))
    return out


def _park_params(data: Data, period: str, park: str) -> dict[str, str]:
    parks = data["parks"]
    city = str(parks.loc[parks["park_id"] == park, "city_code"].iloc[0])
    return {"period": period, "city": city, "park": park}


# ---- briefing -----------------------------------------------------------------------------

def briefing(data: Data, scope: Scope, headline: list[TargetStatus]) -> list[str]:
    """3–5 rule-based sentences: targets behind and by how much, who drags, what changed."""
    period = scope.period
    lines: list[str] = []
    with_target = [t for t in headline if not math.isnan(t.target)]
    rates = [t for t in with_target if t.unit not in COUNT_UNITS]
    counts = [t for t in with_target if t.unit in COUNT_UNITS]
    behind = [t for t in rates if t.light in ("red", "amber")]
    if rates:
        head = f"截至{period_label(period)}末，"
        if behind:
            head += "、".join(t.indicator for t in behind) + "落后于序时进度："
            head += "；".join(map(behind_phrase, behind))
        else:
            head += "、".join(t.indicator for t in rates) + "均达到序时进度"
        lines.append(head + "。")
    if counts:
        lines.append("；".join(behind_phrase(t) for t in counts) + "。")
    revenue = next((t for t in headline if t.metric_key == REVENUE_KEY), None)
    if revenue and not math.isnan(revenue.target) and revenue.projection < revenue.target:
        unit, digits = revenue.unit, 2 if revenue.unit == "万亿元" else 0
        lead = (f"{revenue.indicator}全年实际" if revenue.year_elapsed >= 1
                else f"按上年季节性推算，{revenue.indicator}全年约")
        text = (f"{lead}{revenue.projection:,.{digits}f}{unit}，"
                f"较目标{revenue.target:,.{digits}f}{unit}尚差"
                f"{revenue.target - revenue.projection:,.{digits}f}{unit}")
        if not math.isnan(revenue.required_monthly):
            text += f"；余下每月需完成{revenue.required_monthly:,.{digits}f}{unit}"
        lines.append(text + "。")
    if scope.level == "province":
        cities = city_revenue(data, period).sort_values("gap", ascending=False)
        drag = cities[cities["gap"] > 0].head(3)
        if len(drag):
            lines.append("按差距金额，拖累最大的市州：" + "、".join(
                f"{r.city_short}（差{r.gap:,.0f}亿元）" for r in drag.itertuples()) + "。")
        change = gap_change(data, scope).dropna(subset=["change"])
        closed, widened = change[change["change"] < 0], change[change["change"] > 0]
        if len(closed):
            best = closed.sort_values("change").iloc[0]
            lines.append(f"较上月，{len(closed)}个市州序时差距收窄，{best['name']}收窄最多"
                         f"（{-best['change']:,.0f}亿元）" + (
                             f"；{len(widened)}个市州差距扩大。" if len(widened) else "。"))
    else:
        if scope.level == "city":
            parks = park_revenue(data, scope)
            drag = parks[parks["gap"] > 0].sort_values("gap", ascending=False).head(3)
            if len(drag):
                lines.append("按差距金额，对本市州影响最大的园区：" + "、".join(
                    f"{r.park_name}（差{r.gap:,.0f}亿元）" for r in drag.itertuples()) + "。")
        prev = previous_period(period)
        now_gap = _completion_gap(data, scope, period)
        prev_gap = _completion_gap(data, scope, prev) if year_of(prev) == year_of(period) else math.nan
        if not (math.isnan(now_gap) or math.isnan(prev_gap)):
            verb = "缩小" if now_gap < prev_gap else "扩大"
            basis = "参考目标" if scope.level == "park" else "分解目标"
            lines.append(f"与上月相比，技工贸总收入（对{basis}）落后序时进度的幅度{verb}"
                         f"{abs(now_gap - prev_gap) * 100:.1f}个百分点"
                         f"（上月{prev_gap * 100:.1f}个百分点，本月{now_gap * 100:.1f}个百分点）。")
    return lines[:5]


def behind_phrase(t: TargetStatus) -> str:
    """How far a target is behind, in words: rates against 序时进度, counts against projection."""
    if t.unit in COUNT_UNITS:
        short = t.target - t.projection
        verdict = f"较目标{t.target:.0f}{t.unit}少{short:.0f}{t.unit}" if short > 0 else "可达目标"
        if t.year_elapsed >= 1:
            return f"{t.indicator}全年{t.value:.0f}{t.unit}，" + verdict.replace("可达", "达到")
        return (f"{t.indicator}已达{t.value:.0f}{t.unit}，"
                f"按当前进度预计全年{t.projection:.0f}{t.unit}，"
                + verdict)
    return (f"{t.indicator}完成{t.completion:.1%}，落后序时进度（{t.elapsed:.1%}）"
            f"{(t.elapsed - t.completion) * 100:.1f}个百分点")


def _completion_gap(data: Data, scope: Scope, period: str) -> float:
    """序时进度 − 完成率 of 技工贸总收入 at another month, for the scope."""
    if scope.level == "park":
        rows = park_revenue(data, Scope(period, scope.city, scope.park))
    else:
        rows = city_revenue(data, period)
        rows = rows[rows["city_code"] == scope.city]
    if not len(rows):
        return math.nan
    r = rows.iloc[0]
    return float(r["elapsed"] - r["completion"])


def park_dots(data: Data, scope: Scope) -> pd.DataFrame:
    """Parks in scope as map dots: park_id, name, position and 技工贸总收入 (value, 亿元)."""
    parks = data["parks"]
    return by_park(data["park_indicators"], parks, scope, ["revenue_ytd"]).merge(
        parks[["park_id", "lon", "lat"]]).rename(columns={"revenue_ytd": "value"})


def map_values(data: Data, period: str, metric_key: str) -> tuple[pd.DataFrame, str, str]:
    """Per city the value the map colours by (city_code, value), with its label and unit.

    技工贸总收入 and 亩均税收 colour by completion of the target (%); the two count targets are
    not split to cities, so the map shows each city's count instead.
    """
    if metric_key == REVENUE_KEY:
        cities = city_revenue(data, period)
        return (cities.assign(value=cities["completion"] * 100)[["city_code", "value"]],
                "技工贸总收入完成率（累计 ÷ 市州分解目标）", "%")
    if metric_key == "tax_per_mu":
        target = data["targets"]
        target = float(target.loc[target["metric_key"] == "tax_per_mu", "value"].iloc[0])
        cities = tax_per_mu_cities(data, period)
        return (cities.assign(value=cities["tax_per_mu"] / target * 100)[["city_code", "value"]],
                f"亩均税收完成率（÷ {target:g}万元/亩）", "%")
    scope = Scope(period)
    if metric_key == "parks_over_1000":
        rows = park_revenue(data, scope)
        counts = rows[rows["revenue_ytd"] >= THOUSAND_YI].groupby("city_code").size()
        label = "累计已达千亿的园区数"
        unit = "家"
    else:
        rows = specialty_parks(data, scope)
        counts = rows[rows["output_ytd"] >= HUNDRED_YI].groupby("city_code").size()
        label = "已达百亿级的特色产业园区数"
        unit = "个"
    out = data["cities"][["city_code"]].copy()
    out["value"] = out["city_code"].map(counts).fillna(0).astype(float)
    return out, label, unit
