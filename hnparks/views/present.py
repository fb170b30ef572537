"""The meeting-room briefing: one slide per theme, each a headline sentence and one chart's data.

Slides are ordered by the data: red (behind time-elapsed progress, overdue problems, late tasks)
first, then amber, then green, keeping the story order within each colour.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from hnparks.core import metrics as m
from hnparks.core.formats import fmt, fmt_amount, fmt_pct
from hnparks.core.periods import period_label
from hnparks.core.scope import Scope
from hnparks.core.status import SEASONAL, due, rule_text
from hnparks.derived.aggregate import by_park
from hnparks.derived.attainment import headline_targets, target_status, target_text
from hnparks.plans.registry import of_plan_year

Data = Mapping[str, pd.DataFrame]
SEVERITY = {"red": 0, "amber": 1, "grey": 2, "green": 3}


@dataclass(frozen=True)
class Slide:
    """One slide: what it says, how bad it is, and the data of its one chart."""

    key: str
    title: str
    headline: str  # one sentence generated from the data
    light: str  # red / amber / green / grey
    chart: str  # which chart builder draws `table`
    table: pd.DataFrame = field(repr=False)
    definition: str = ""  # 口径
    source: str = ""  # source department
    datasets: tuple[str, ...] = ()  # to say whether the figures are illustrative
    big_number: str = ""  # the headline number, shown large
    big_label: str = ""  # what the headline number is
    year_end_label: str = ""  # the chart's year-end target line, '<year>年底目标' (from the plan)
    big_light: str = ""  # the light of the big number itself ('' when the number has none)


def worst_label(light: str) -> str:
    """The slide's light in words: it is the worst on the slide, never the big number's own
    ('本页最差：滞后'); the big number carries its own light (`Slide.big_light`)."""
    return f"本页最差：{m.STATUS_LABELS[light]}"


COUNT_TARGETS = {"parks_over_1000", "specialty_over_100"}  # judged on the projected year end


def _shortfall(status) -> float:
    """How far behind a target is (more negative = further behind), comparable across kinds."""
    if status.metric_key in COUNT_TARGETS:
        return m.completion_rate(status.projection, status.target) - 1
    return status.completion - status.elapsed


def headline_slide(data: Data, scope: Scope) -> Slide:
    """四项主要目标: completion against 序时进度 for the headline targets."""
    statuses = headline_targets(data, scope)
    # Count targets are judged on the projected year end, so they are drawn that way too.
    rows = pd.DataFrame([{
        "指标": f"{s.indicator}（预计全年）" if s.metric_key in COUNT_TARGETS else s.indicator,
        "完成率": m.completion_rate(s.projection, s.target) if s.metric_key in COUNT_TARGETS
        else s.completion,
        "序时进度": 1.0 if s.metric_key in COUNT_TARGETS else s.elapsed, "状态": s.light,
        "当前值": s.value, "目标": s.target, "单位": s.unit} for s in statuses])
    scored = [s for s in statuses if s.light != "grey"]
    worst = min(scored, key=lambda s: (SEVERITY[s.light], _shortfall(s)), default=statuses[0])
    revenue = statuses[0]
    if worst.light in ("red", "amber") and worst.metric_key in COUNT_TARGETS:
        sentence = (f"{worst.indicator}已达{fmt_amount(worst.value, worst.unit)}，按当前进度预计全年"
                    f"{fmt_amount(worst.projection, worst.unit)}，低于目标{fmt_amount(worst.target, worst.unit)}，"
                    "是当前最需关注的目标。")
    elif worst.light == "red" and due(scope.period, worst.deadline):
        sentence = (f"{worst.indicator}完成{fmt_amount(worst.value, worst.unit)}"
                    f"，完成率{fmt_pct(worst.completion)}，已到期限仍未完成目标"
                    f"{target_text(worst)}（滞后），是当前最需关注的目标。")
    elif worst.light in ("red", "amber"):
        sentence = (f"{worst.indicator}完成{fmt_amount(worst.value, worst.unit)}"
                    f"，完成率{fmt_pct(worst.completion)}，低于序时进度"
                    f"{fmt_pct(worst.elapsed)}，是当前最需关注的目标。")
    else:
        sentence = "四项主要目标均达到序时进度。"
    light = min((s.light for s in scored), key=SEVERITY.get, default="grey")
    return Slide(
        key="targets", title="四项主要目标", headline=sentence, light=light, chart="targets",
        # Each target is paced by its own rule: say which, so the dashed line reads right.
        table=rows, definition=m.definition(m.completion_rate) + "序时进度：" + "；".join(
            f"{s.indicator}{rule_text(s.rule)}" for s in statuses) + "。",
        source="省园区办、省统计局",
        # Below the province the 技工贸总收入 target is the city split (or a park's share of it).
        datasets=("park_indicators", "specialty_output") if scope.level == "province"
        else ("park_indicators", "specialty_output", "city_target_allocation"),
        big_number=fmt(revenue.value, revenue.unit, 2 if revenue.unit == "万亿元" else 0),
        big_label="技工贸总收入（累计）", big_light=revenue.light)


def cities_slide(data: Data, scope: Scope) -> Slide:
    """Cities (or, in a city briefing, its parks) against the 技工贸总收入 target."""
    from hnparks.views.targets import city_revenue, split_basis

    facts, parks = data["park_indicators"], data["parks"]
    if scope.city is None:
        table = city_revenue(data, scope.period)  # lights and gaps from the indicator store
        table["name"] = table["city_short"]
        unit_of = "市州"
    else:
        table = by_park(facts, parks, Scope(scope.period, city=scope.city), ["revenue_ytd"])
        table["target"] = math.nan
        table["name"] = table["park_name"]
        table["completion"] = math.nan
        table["gap"] = math.nan
        table["light"] = "grey"
        table["yoy"] = [m.yoy_growth(v, ly) for v, ly in
                        zip(table["revenue_ytd"], table["revenue_ytd_ly"], strict=True)]
        unit_of = "园区"
    if scope.city is None:
        behind = table[table["light"] == "red"].sort_values("gap", ascending=False)
        table = table.sort_values("completion", ascending=False)
        if len(behind):
            names = "、".join(f"{r.name}（差{fmt(r.gap, '亿元', 0)}）" for r in behind.head(3).itertuples())
            sentence = (f"{len(behind)}个市州技工贸总收入落后序时进度5个百分点以上，"
                        f"按差距金额最大的是{names}。")
        else:
            sentence = "各市州技工贸总收入均未明显落后序时进度。"
        light = "red" if len(behind) else "green"
        definition = ("完成率 = 市州园区累计技工贸总收入 ÷ 市州分解目标"
                      f"（{split_basis(data)}）；"
                      f"序时进度{rule_text(SEASONAL)}；差距 = 目标 × 序时进度 − 累计。")
    else:
        table = table.sort_values("yoy", ascending=False)
        falling = table[table["yoy"] < 0]
        sentence = (f"{len(table)}家园区中{len(falling)}家技工贸总收入同比下降。" if len(falling)
                    else f"{len(table)}家园区技工贸总收入均同比增长。")
        light = "amber" if len(falling) else "green"
        definition = m.definition(m.yoy_growth)
    return Slide(key="cities", title=f"各{unit_of}技工贸总收入", headline=sentence, light=light,
                 chart="cities" if scope.city is None else "parks_yoy",
                 table=table[["name", "revenue_ytd", "target", "completion", "yoy", "light",
                              "gap"]],
                 definition=definition, source="省统计局、省园区办",
                 datasets=("park_indicators", "city_target_allocation"),
                 big_number=f"{int((table['light'] == 'red').sum())}个" if scope.city is None
                 else f"{len(falling)}家",
                 big_label="落后序时进度的市州" if scope.city is None else "同比下降的园区",
                 big_light=light)


def clusters_slide(data: Data, scope: Scope) -> Slide:
    """产业集群: output of the eight clusters in scope, this year against last."""
    from hnparks.core.periods import same_period_last_year

    out = scope.park_rows(data["cluster_output"], data["parks"])

    def total(period: str) -> pd.Series:
        return out[out["period"] == period].groupby("cluster_id")["output_ytd"].sum()

    table = data["clusters"][["cluster_id", "cluster_name", "tier"]].copy()
    table["output"] = table["cluster_id"].map(total(scope.period))
    table["output_ly"] = table["cluster_id"].map(total(same_period_last_year(scope.period)))
    table["yoy"] = [m.yoy_growth(a, b) for a, b in zip(table["output"], table["output_ly"],
                                                        strict=True)]
    present = table.dropna(subset=["output"])
    falling = present[present["yoy"] < 0]
    if not len(present):
        sentence, light = "当前范围内没有产业集群产值数据。", "grey"
    else:
        top = present.sort_values("output", ascending=False).iloc[0]
        sentence = (f"{top['cluster_name']}产值{fmt_amount(top['output'], '亿元')}，居八大集群之首；"
                    + (f"{len(falling)}个集群同比下降。" if len(falling)
                       else "八大集群产值均同比增长。" if len(present) == 8
                       else f"涉及的{len(present)}个集群产值均同比增长。"))
        light = "amber" if len(falling) else "green"
    return Slide(key="clusters", title="产业集群", headline=sentence, light=light,
                 chart="clusters", table=table,
                 definition="集群产值 = 范围内园区该集群各产业链环节工业总产值之和（1月至报告期末累计，亿元）。",
                 source="省工业和信息化厅", datasets=("cluster_output",),
                 big_number=fmt(present["output"].sum(), "亿元", 0) if len(present) else "—",
                 big_label="八大集群产值（累计）")


def environment_slide(data: Data, scope: Scope) -> Slide:
    """生态环境整治: the three coverage duties and overdue prominent problems."""
    from hnparks.views.environment import OVERDUE, problem_counts

    duties = {"env_sewage": "工业污水集中处理", "env_discharge": "达标排放",
              "env_monitoring": "在线监测"}
    statuses = {key: target_status(data, scope, key) for key in duties}
    table = pd.DataFrame([{"duty": label, "coverage": statuses[key].value / 100,
                           "expected": statuses[key].elapsed, "light": statuses[key].light}
                          for key, label in duties.items()])
    overdue = problem_counts(data, scope)[OVERDUE]
    lowest = table.sort_values("coverage").iloc[0]
    sentence = (f"{overdue}个突出环境问题逾期未整改；{lowest['duty']}覆盖率{fmt_pct(lowest['coverage'])}，"
                "距年底全覆盖仍有差距。" if lowest["coverage"] < 1
                else f"{overdue}个突出环境问题逾期未整改；三项设施已全覆盖。")
    worst = min(table["light"], key=SEVERITY.get)
    light = "red" if overdue else worst
    from hnparks.plans.registry import plan_of_period

    return Slide(key="environment", title="生态环境整治", headline=sentence, light=light,
                 year_end_label=plan_of_period(scope.period).target_label,
                 chart="environment", table=table,
                 definition="覆盖率 = 报告期末已实现该项的园区数 ÷ 园区数；逾期 = 报告期末未整改且已过整改期限。",
                 source="省生态环境厅", datasets=("env_status", "env_problems"),
                 big_number=f"{overdue}个", big_label="逾期未整改的突出环境问题",
                 big_light="red" if overdue else "green")


def assessment_slide(data: Data, scope: Scope) -> Slide:
    """区域评估: completion of the twelve items against their deadline (the plan's)."""
    from hnparks.core.periods import date_label, period_end

    end = pd.Timestamp(period_end(scope.period))
    rows = scope.park_rows(of_plan_year(data["assessments"], scope.period), data["parks"])
    rows = rows[rows["applicable"]]
    done = (rows["completion_date"] <= end).groupby(rows["item_id"]).mean()
    table = data["assessment_items"][["item_id", "item_name", "deadline"]].copy()
    table["completion"] = table["item_id"].map(done)
    deadline = pd.Timestamp(table["deadline"].iloc[0])
    status = target_status(data, scope, "assessment_completion")
    overall, light = status.value / 100, status.light
    days = (deadline - end).days
    due = date_label(deadline)
    when = (f"距{due}期限还有{days}天" if days > 0 else f"已到{due}期限" if days == 0
            else f"已超过{due}期限{-days}天")
    sentence = f"12项区域评估完成率{fmt_pct(overall)}，{when}。"
    return Slide(key="assessments", title="区域评估事项", headline=sentence, light=light,
                 chart="assessments", table=table,
                 definition="完成率 = 报告期末已完成的（园区×适用事项）数 ÷ 适用的（园区×事项）数。",
                 source="省发展改革委", datasets=("assessments",), big_number=fmt_pct(overall),
                 big_label="区域评估完成率", big_light=light)


def task_short_name(text: str, limit: int = 18) -> str:
    """A task named by the first clause of its text as the document writes it (建立园区周转用地
    管理数据库), cut at `limit` characters with '…'; the full text goes in hovers and notes."""
    first = re.split(r"[，。；：,;]", str(text).strip(), maxsplit=1)[0].strip()
    return first if len(first) <= limit else first[: limit - 1] + "…"


def tasks_slide(data: Data, scope: Scope) -> Slide:
    """重点任务: the tasks the ledger marks 滞后 or 逾期 (same rule as the 重点任务台账 page)."""
    from hnparks.core.tasks import measured_status, task_status
    from hnparks.views.tasks import behind, ledger_for

    table = ledger_for(data, scope.period)
    late = behind(table).sort_values("progress_pct")
    # Named, not only numbered: a code such as 三(五)2 means nothing to a room.
    late = late.assign(name=[f"{code} {task_short_name(text)}" for code, text
                             in zip(late["task_id"], late["text"], strict=True)])
    sentence = (f"{len(late)}项重点任务落后序时进度或逾期，最慢的是{late['task_id'].iloc[0]}"
                f"（{late['departments_text'].iloc[0]}按职责分工负责，"
                f"进度{late['progress_pct'].iloc[0]:.0f}%）。"
                if len(late) else f"{len(table)}项重点任务均按序时推进。")
    return Slide(key="tasks", title="滞后或逾期的重点任务", headline=sentence,
                 light="red" if len(late) else "green", chart="tasks", table=late,
                 definition=f"{m.definition(task_status)}{m.definition(measured_status)}",
                 source="各责任单位报送、省园区办汇总", datasets=("task_progress",),
                 big_number=f"{len(late)}项", big_label="滞后或逾期的重点任务",
                 big_light="red" if len(late) else "green")


def build_slides(data: Data, scope: Scope) -> list[Slide]:
    """Every slide for the scope, in presentation order (problems first)."""
    return order_slides([headline_slide(data, scope), cities_slide(data, scope),
                         clusters_slide(data, scope), environment_slide(data, scope),
                         assessment_slide(data, scope), tasks_slide(data, scope)])


def order_slides(slides: list[Slide]) -> list[Slide]:
    """Red first, then amber, grey, green; the story order is kept within a colour."""
    return sorted(slides, key=lambda s: SEVERITY[s.light])


def cutoff_label(scope: Scope) -> str:
    return f"统计截止：{period_label(scope.period)}末"
