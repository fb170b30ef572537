"""The dashboard's stated rules written again, independently, for tests to compare with."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hnparks.data.loading import load_dataset

ISSUED_MONTH = 3  # 湘园区〔2020〕1号 was issued on 2020-03-03
AMBER = 0.05
DATASETS = ["targets", "tasks", "parks", "park_indicators", "specialty_parks", "specialty_output",
            "env_status", "assessments", "task_progress", "task_milestones"]


# ---- the status oracle: every province light and task status from the parquet alone ---------
# Written from the README's "Status rules" table, without the indicator store or
# hnparks.core.status: a light or status the dashboard shows must equal what this recomputes.

def _month(day) -> int:
    text = str(day)
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def _end(period: str) -> pd.Timestamp:
    return pd.Timestamp(period) + pd.offsets.MonthEnd(0)


def oracle_light(completion: float, expected: float, final: bool) -> str:
    """At or after the deadline month: 正常 at 100%, else 滞后 (no 关注). Before it: ≥ expected
    正常, short by < 5 points 关注, else 滞后. No value: 无数据."""
    if completion != completion:
        return "grey"
    if final:
        return "green" if completion >= 1 else "red"
    if expected != expected:
        return "grey"
    return ("green" if completion >= expected else "amber" if completion >= expected - AMBER
            else "red")


def _ytd(facts: pd.DataFrame, period: str, column: str) -> pd.Series:
    return facts[facts["period"] == period].set_index(facts.columns[0])[column]


def _seasonal(now: float, ly: float, ly_total: float, target: float, month: int) -> tuple:
    share = ly / ly_total if ly_total and ly_total == ly_total else month / 12
    return now, target, now / target, min(max(share, 0), 1)


def _projected_count(facts: pd.DataFrame, key: str, column: str, period: str,
                     threshold: float) -> tuple[float, float]:
    ly_period, ly_dec = f"{int(period[:4]) - 1}{period[4:]}", f"{int(period[:4]) - 1}-12"
    now = facts[facts["period"] == period].set_index(key)[column]
    ly = facts[facts["period"] == ly_period].set_index(key)[column].reindex(now.index)
    dec = facts[facts["period"] == ly_dec].set_index(key)[column].reindex(now.index)
    projection = (now / (ly / dec)).fillna(now)
    return float((now >= threshold).sum()), float((projection >= threshold).sum())


def _baseline(value: float, january: float, target: float, period: str, deadline: str) -> float:
    """Expected share on the straight path from January's level to the target at the deadline."""
    span = _month(deadline) - _month(period[:4] + "-01")
    since = 1.0 if span <= 0 else min(max((_month(period) - _month(period[:4] + "-01")) / span,
                                          0), 1)
    base = min(january / target, 1) if january == january else 0.0
    return base + (1 - base) * since


def province_targets(data: dict, period: str) -> dict[str, dict]:
    """target_id → value, target, light at the province for the month, from the parquet."""
    targets = data["targets"][data["targets"]["year"] == int(period[:4])]
    parks, ind, env = data["parks"], data["park_indicators"], data["env_status"]
    month = int(period[5:7])
    ly, ly_dec = f"{int(period[:4]) - 1}{period[4:]}", f"{int(period[:4]) - 1}-12"
    out = {}
    for t in targets.itertuples():
        final = _month(period) >= _month(t.deadline)
        expected = float("nan")
        if t.metric_key == "revenue_total":
            rev = lambda p: ind.loc[ind["period"] == p, "revenue_ytd"].sum()  # noqa: E731
            value, target = rev(period), t.value * 10_000
            expected = min(rev(ly) / rev(ly_dec), 1) if rev(ly_dec) else month / 12
            judged = value / target
        elif t.metric_key == "tax_per_mu":
            def per_mu(p):
                rows = ind[ind["period"] == p]
                return rows["tax_ytd"].sum() * 10_000 / rows["industrial_land_mu"].sum()
            value, target = per_mu(period), t.value
            expected, judged = min(per_mu(ly) / per_mu(ly_dec), 1), value / target
        elif t.metric_key in ("parks_over_1000", "specialty_over_100"):
            if t.metric_key == "parks_over_1000":
                value, projected = _projected_count(ind, "park_id", "revenue_ytd", period, 1000)
            else:
                value, projected = _projected_count(data["specialty_output"], "specialty_id",
                                                    "output_ytd", period, 100)
            target, expected = t.value, 1.0
            judged = (value if final else projected) / target
        elif t.metric_key in ("env_sewage", "env_discharge", "env_monitoring",
                              "circular_national", "circular_provincial"):
            column = {"env_sewage": "sewage_treatment", "env_discharge": "compliant_discharge",
                      "env_monitoring": "online_monitoring"}.get(t.metric_key,
                                                                "circular_transformation")
            ids = parks["park_id"]
            if t.metric_key.startswith("circular"):
                level = "国家级" if t.metric_key == "circular_national" else "省级"
                ids = parks.loc[parks["level"] == level, "park_id"]
            rows = env[env["park_id"].isin(ids)]
            share = lambda p, r=rows, c=column: r.loc[r["period"] == p, c].astype(float).mean() * 100  # noqa: E731
            value, target = share(period), t.value
            expected = _baseline(value, share(period[:4] + "-01"), target, period, t.deadline)
            judged = value / target
        elif t.metric_key == "green_parks":
            count = lambda p: float((env.loc[env["period"] == p, "green_park_status"]  # noqa: E731
                                     == "已创建").sum())
            value, target = count(period), t.value
            expected = _baseline(value, count(period[:4] + "-01"), target, period, t.deadline)
            judged = value / target
        elif t.metric_key == "assessment_completion":
            rows = data["assessments"]
            rows = rows[rows["applicable"] & (rows["year"] == int(period[:4]))]
            done = lambda p, r=rows: float((r["completion_date"] <= _end(p)).mean() * 100)  # noqa: E731
            value, target = done(period), t.value
            expected = _baseline(value, done(period[:4] + "-01"), target, period, t.deadline)
            judged = value / target
        elif t.metric_key == "new_specialty_parks":
            approved = data["specialty_parks"]["approved_date"]
            value = float(approved.between(pd.Timestamp(period[:4] + "-01-01"),
                                           _end(period)).sum())
            target = t.value
            span = _month(t.deadline) - (int(period[:4]) * 12 + ISSUED_MONTH - 1) + 1
            expected = min(max((month - ISSUED_MONTH + 1) / span, 0), 1)
            judged = value / target
        elif t.metric_key in ("new_national_hitech", "overseas_incubators"):
            rows = data["task_milestones"]
            rows = rows[rows["target_id"] == t.target_id]
            done = rows["completed_date"] <= _end(period)
            due_now = rows["deadline"].map(lambda d: _month(period) >= _month(d))
            value, target = float(done.sum()), t.value
            final = final or bool((due_now & ~done).any())  # a milestone overdue
            expected, judged = float(due_now.sum()) / target, value / target
        else:
            continue
        out[t.target_id] = {"value": value, "target": target, "section": t.section,
                            "light": oracle_light(judged, expected, final)}
    return out


def _reported_status(progress_pct: float, deadline: str, period: str) -> str:
    month, due = int(period[5:7]), int(deadline[5:7])
    elapsed = min(max((month - ISSUED_MONTH + 1) / (due - ISSUED_MONTH + 1), 0), 1)
    if progress_pct >= 100:
        return "已完成"
    if _month(period) >= _month(deadline):
        return "逾期"
    if progress_pct / 100 < elapsed - AMBER:
        return "滞后"
    return "未启动" if progress_pct == 0 else "推进中"


def load(data_dir: Path) -> dict[str, pd.DataFrame]:
    """The parquet the oracle reads (no store)."""
    return {name: load_dataset(name, data_dir) for name in DATASETS}


def expected_task_statuses(data_dir: Path | dict, period: str) -> dict[str, str]:
    """Each task's status as the 台账 states its rule: tasks the register measures by their
    targets at the province (all met → 已完成; at or after the deadline month unmet → 逾期; any
    target 滞后 → 滞后; else 推进中); the others by reported progress against time since the
    month of issue (100% 已完成; not done by the deadline month's report 逾期; 5 points behind
    滞后; 0 未启动; else 推进中)."""
    data = data_dir if isinstance(data_dir, dict) else load(data_dir)
    measured = pd.DataFrame(province_targets(data, period).values())
    measured = measured[measured["light"] != "grey"]
    progress = data["task_progress"][data["task_progress"]["period"] == period]
    progress = progress.set_index("task_id")["progress_pct"]
    out = {}
    for task in data["tasks"][data["tasks"]["year"] == int(period[:4])].itertuples():
        mine = measured[measured["section"] == task.task_id]
        if len(mine):
            met = bool((mine["value"] >= mine["target"]).all())
            due = _month(period) >= _month(task.deadline)
            red = (mine["light"] == "red").any()
            out[task.task_id] = ("已完成" if met else "逾期" if due else "滞后" if red
                                 else "推进中")
        else:
            out[task.task_id] = _reported_status(float(progress.get(task.task_id, 0.0)),
                                                 str(task.deadline), period)
    return out


PENDING = "（待核）"


def shown_park_names(parks: pd.DataFrame) -> pd.Series:
    """park_id → the name a page shows: a public-record name no official roster confirmed
    (name_provenance official, name_verified false) carries （待核）."""
    pending = (parks["name_provenance"] == "official") & ~parks["name_verified"]
    names = parks["park_name"].where(~pending, parks["park_name"] + PENDING)
    return pd.Series(names.to_numpy(), index=parks["park_id"].to_numpy())


def departments_as_document(tasks: pd.DataFrame) -> dict[str, str]:
    """task_id → the departments as the document writes them: the words of the task's note
    before "按职责分工负责" (or "负责"), so "等" and "等相关部门" stay."""
    out = {}
    for task_id, note in zip(tasks["task_id"], tasks["lead_note"], strict=True):
        text = str(note)
        for end in ("按职责分工负责", "负责"):
            if end in text:
                text = text.split(end)[0]
                break
        out[task_id] = text
    return out


def shown_names(parks: pd.DataFrame) -> pd.DataFrame:
    """The roster with each park_name as pages show it (`shown_park_names`)."""
    return parks.assign(park_name=shown_park_names(parks).to_numpy())


# ---- 亩均效益 evaluation and land (issue 17), from the page's stated 口径 -------------------

EFFICIENCY_WEIGHTS = {"tax": 0.4, "rev": 0.2, "energy": 0.2, "rd": 0.2}


def expected_efficiency(data_dir: Path, period: str) -> pd.DataFrame:
    """Per park: 亩均税收 = 税收 × 10000 ÷ 工业用地, 亩均营收 likewise, 单位能耗营收 = 收入 ÷ 能耗,
    研发强度 = 研发 ÷ 收入 × 100; score = Σ weight × percentile among the parks (average rank
    ÷ n × 100); A类 the top ceil(20%) by rank (ties share the better rank), C类 the bottom."""
    ind = load_dataset("park_indicators", data_dir)
    extra = load_dataset("efficiency_inputs", data_dir)
    parks = load_dataset("parks", data_dir)[["park_id", "city_code"]]
    rows = ind[ind["period"] == period].merge(extra[extra["period"] == period],
                                             on=["park_id", "period"]).merge(parks, on="park_id")
    metrics = pd.DataFrame({
        "tax": rows["tax_ytd"] * 10000 / rows["industrial_land_mu"],
        "rev": rows["revenue_ytd"] * 10000 / rows["industrial_land_mu"],
        "energy": rows["revenue_ytd"] / rows["energy_tce_ytd"],
        "rd": rows["rd_expense_ytd"] / rows["revenue_ytd"] * 100,
    })
    n = len(rows)
    score = sum(metrics[k].rank(method="average") / n * 100 * w
                for k, w in EFFICIENCY_WEIGHTS.items()).round(1)
    place = score.rank(ascending=False, method="min")
    cut = -(-n // 5)
    tier = ["A类" if p <= cut else "C类" if p > n - cut else "B类" for p in place]
    return pd.concat([rows[["park_id", "city_code", "tax_ytd", "revenue_ytd",
                            "industrial_land_mu", "energy_tce_ytd", "rd_expense_ytd"]],
                      metrics, pd.DataFrame({"score": score, "rank": place, "tier": tier})],
                     axis=1)


def expected_land(data_dir: Path, period: str) -> pd.DataFrame:
    """Per park: 年初低效用地 (previous December's stock), 本年再开发, 期末尚存, 周转用地, 标准地."""
    land = load_dataset("land_use", data_dir)
    parks = load_dataset("parks", data_dir)[["park_id", "city_code"]]
    start = land[land["period"] == f"{int(period[:4]) - 1}-12"][["park_id", "inefficient_land_mu"]]
    now = land[land["period"] == period]
    return now.merge(start.rename(columns={"inefficient_land_mu": "start"}), on="park_id") \
        .merge(parks, on="park_id")


def expected_export_share(data_dir: Path, period: str, parks: list[str] | None = None) -> float:
    """外向度 (%) = Σ出口额 ÷ Σ技工贸总收入 × 100 over the parks (all when None) at the month."""
    ind = load_dataset("park_indicators", data_dir)
    rows = ind[ind["period"] == period]
    if parks is not None:
        rows = rows[rows["park_id"].isin(parks)]
    return float(rows["export_ytd"].sum() / rows["revenue_ytd"].sum() * 100)
