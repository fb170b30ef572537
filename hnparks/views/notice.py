"""The monthly 通报: what the 省园区办 circulates on the parks' progress, drafted from the figures.

Every sentence is built from the indicator store (through `attainment.target_status` and
`indicator_store.rows_for`), the target views (`targets.city_revenue`, `park_revenue`) and the
one task ledger (`tasks.ledger_for`), with the pages' number formats (`core.formats`,
`attainment.target_text`): the notice says what the pages show. Plain data (`views.document`);
`hnparks.commands.notice_docx` writes the DOCX.
"""

from __future__ import annotations

import math

import pandas as pd

from hnparks.core import metrics as m
from hnparks.core.access import Identity, allowed_scope
from hnparks.core.formats import digits_for, fmt, fmt_amount, pct_labels, target_number
from hnparks.core.metrics import STATUS_LABELS
from hnparks.core.periods import period_label, previous_period, year_of
from hnparks.core.scope import Scope
from hnparks.core.status import NO_TARGET, PROJECTION, SEASONAL, lights, rule_text
from hnparks.data.catalog import is_official
from hnparks.derived.attainment import (
    HEADLINE_KEYS,
    Data,
    TargetStatus,
    headline_targets,
    target_register,
    target_text,
)
from hnparks.derived.indicator_store import PROVINCE, rows_for, scope_key
from hnparks.plans.registry import plan_of_period
from hnparks.views.document import BODY, Document, Paragraph, Table, heading, items, subheading
from hnparks.views.present import task_short_name
from hnparks.views.targets import city_revenue, park_revenue, park_target_basis, split_basis
from hnparks.views.tasks import ledger_for

# The datasets the notice's figures come from: the 示意 statement names those not yet official.
DATASETS = ("park_indicators", "city_target_allocation", "specialty_output", "specialty_parks",
            "task_progress", "task_milestones", "parks")
BETTER = {"red": ("amber", "green"), "amber": ("green",)}
LEVEL_WORD = {"province": "全省", "city": "市州", "park": "园区"}


def status_word(t: TargetStatus) -> str:
    """正常 / 关注 / 滞后 / 无数据, or 不分解 where the document sets no target for the scope."""
    return NO_TARGET if math.isnan(t.target) else STATUS_LABELS[t.light]


def _pcts(*ratios: float) -> list[str]:
    """Percentages side by side, one more decimal where rounding would make them read alike."""
    return pct_labels(list(ratios), 1, list(range(len(ratios))))


def target_sentence(t: TargetStatus, where: str) -> str:
    """One headline target: value, unit, target, completion, 序时进度 and status word."""
    value = fmt_amount(t.value, t.unit)
    if math.isnan(t.target):
        return (f"{t.indicator}：{where}{value}；文件确定全省总量，不分解到{where}，"
                f"状态：{NO_TARGET}。")
    if t.rule == PROJECTION:
        done, due = _pcts(t.completion, m.completion_rate(t.projection, t.target))
        return (f"{t.indicator}：已达{value}，年度目标{target_text(t)}，完成率{done}；"
                f"按上年季节性预计全年{fmt_amount(t.projection, t.unit)}，为目标的{due}"
                f"（此项按年末预计判断，序时进度为100%），状态：{status_word(t)}。")
    done, due = _pcts(t.completion, t.elapsed)
    lead = "累计" if t.rule == SEASONAL and "元" in t.unit and "/" not in t.unit else ""
    text = (f"{t.indicator}：{lead}{value}，年度目标{target_text(t)}，完成率{done}，"
            f"序时进度{due}，状态：{status_word(t)}")
    if t.light in ("red", "amber"):
        text += f"（落后序时进度{(t.elapsed - t.completion) * 100:.1f}个百分点）"
    return text + "。"


def _progress_section(data: Data, scope: Scope, where: str) -> list[Paragraph]:
    statuses = headline_targets(data, scope)
    words = [status_word(t) for t in statuses]
    counts = "，".join(f"{words.count(w)}项{w if w != NO_TARGET else '不分解到' + where}"
                      for w in ("正常", "关注", "滞后", NO_TARGET) if words.count(w))
    lead = Paragraph(f"截至{period_label(scope.period)}末，{where}四项主要目标中{counts}"
                     f"（正常：完成率不低于序时进度；关注：落后不足5个百分点；滞后：落后5个百分点及以上）。")
    return [heading(0, "主要目标完成情况"), lead,
            *items([target_sentence(t, where) for t in statuses])]


def _ranking_section(data: Data, scope: Scope) -> list[Paragraph]:
    """Cities ranked by 技工贸总收入完成率 (cumulative ÷ the city's split target)."""
    cities = city_revenue(data, scope.period)
    cities = cities.assign(rank=m.rank_desc(cities["completion"])).sort_values("rank")
    labels = dict(zip(cities["city_code"], pct_labels(cities["completion"], 1, cities["light"]),
                      strict=True))

    def named(rows: pd.DataFrame) -> str:
        return "、".join(f"{r.city_name}（{labels[r.city_code]}）" for r in rows.itertuples())

    text = (f"按技工贸总收入完成率（1月至报告期末累计 ÷ 市州分解目标）排序，前三位是{named(cities.head(3))}，"
            f"后三位是{named(cities.tail(3).iloc[::-1])}。")
    behind = cities[cities["light"] == "red"]
    text += (f"{len(behind)}个市州落后序时进度5个百分点以上（滞后）：{named(behind)}。" if len(behind)
             else "没有市州落后序时进度5个百分点以上。")
    out = [heading(1, "各市州排名"), Paragraph(text)]
    if scope.city:
        row = cities[cities["city_code"] == scope.city].iloc[0]
        done, due = _pcts(row["completion"], row["elapsed"])
        out.append(Paragraph(f"{row['city_name']}技工贸总收入完成率{done}，序时进度{due}，"
                             f"居全省14个市州第{int(row['rank'])}位，状态：{STATUS_LABELS[row['light']]}。"))
    out.append(Paragraph(f"口径：{split_basis(data)}。"))
    return out


def _park_position(data: Data, scope: Scope) -> list[Paragraph]:
    """A park's place among all parks on the two headline targets split to parks."""
    lines = []
    for key in ("revenue_total", "tax_per_mu"):
        rows = rows_for(data, key, scope.period, "park")
        if scope.park not in rows.index:
            continue
        row, t = rows.loc[scope.park], next(s for s in headline_targets(data, scope)
                                           if s.metric_key == key)
        lines.append(f"{t.indicator}{fmt_amount(t.value, t.unit)}，居全省{len(rows)}家园区"
                     f"第{int(row['rank'])}位。")
    return [heading(1, "本园区在全省园区中的位置"), *items(lines)]


def _behind_section(data: Data, scope: Scope) -> tuple[list[Paragraph], Table | None]:
    """The parks in scope behind (滞后) on 技工贸总收入 against their reference target."""
    parks = park_revenue(data, scope)
    behind = parks[parks["light"] == "red"].assign(
        short=lambda f: f["elapsed"] - f["completion"]).sort_values("short", ascending=False)
    head = [heading(2, "滞后园区")]
    basis = Paragraph(f"口径：按技工贸总收入完成园区参考目标的比例判断；{park_target_basis(data)}。")
    if not len(behind):
        return [*head, Paragraph("技工贸总收入没有落后序时进度5个百分点以上的园区。"), basis], None
    done = pct_labels(behind["completion"], 1, behind["light"])
    due = pct_labels(behind["elapsed"], 1)
    worst = "、".join(f"{r.park_name}（完成{c}，序时进度{e}）" for r, c, e in
                     zip(behind.head(5).itertuples(), done, due, strict=False))
    text = (f"{len(behind)}家园区技工贸总收入落后序时进度5个百分点以上（滞后），落后最多的是{worst}。"
            if scope.level != "park" else f"本园区技工贸总收入完成参考目标{done[0]}，"
            f"序时进度{due[0]}，状态：滞后。")
    table = Table(
        "滞后园区名单（技工贸总收入）",
        ("序号", "园区", "市州", "累计（亿元）", "参考目标（亿元）", "完成率", "序时进度", "落后（百分点）"),
        tuple((str(i), r.park_name, r.city_short, fmt_amount(r.revenue_ytd, ""),
               fmt_amount(r.target, ""), c, e, f"{r.short * 100:.1f}")
              for i, (r, c, e) in enumerate(zip(behind.itertuples(), done, due, strict=True),
                                             start=1)))
    return [*head, Paragraph(text), basis], table


def _task_section(data: Data, period: str) -> list[Paragraph]:
    """Overdue tasks with their 责任单位 exactly as the document writes them; then the late."""
    ledger = ledger_for(data, period)
    overdue = ledger[ledger["overdue"]].sort_values("progress_pct")
    late = ledger[(ledger["status"] == "滞后") & ~ledger["overdue"]]
    out = [heading(3, "逾期重点任务")]
    if len(overdue):
        out.append(Paragraph(f"截至{period_label(period)}末，{len(ledger)}项重点任务中"
                             f"{len(overdue)}项已过期限仍未完成："))
        out += items([f"{r.task_id} {task_short_name(r.text)}（责任单位：{r.departments_text}；"
                      f"期限：{r.deadline_text}；完成进度{r.progress_pct:.0f}%）。"
                      for r in overdue.itertuples()])
    else:
        out.append(Paragraph(f"截至{period_label(period)}末，{len(ledger)}项重点任务中没有逾期未完成的任务。"))
    if len(late):
        out.append(Paragraph(f"另有{len(late)}项任务滞后：" + "；".join(
            f"{r.task_id}（{r.departments_text}，" + (
                "按其量化指标判断" if isinstance(r.indicator_light, str) else
                f"完成进度{r.progress_pct:.0f}%，序时进度{r.elapsed * 100:.0f}%") + "）"
            for r in late.itertuples()) + "。"))
    out.append(Paragraph(f"口径：{m.definition(lights)}有量化指标的任务按指标判断。"))
    return out


def _better(now: str, before: str) -> bool:
    return now in BETTER.get(before, ())


def _improvements(data: Data, scope: Scope, where: str) -> list[Paragraph]:
    """What got better since last month: targets and (below the scope) cities or parks whose
    light improved (滞后 → 关注/正常, 关注 → 正常)."""
    head = heading(4, "较上月改进情况")
    prev = previous_period(scope.period)
    if year_of(prev) != year_of(scope.period):
        return [head, Paragraph("本月为年度首个报告期，无上月可比。")]
    before = {t.metric_key: t for t in target_register(data, Scope(prev, scope.city, scope.park))}
    lines = []
    for t in target_register(data, scope):
        was = before.get(t.metric_key)
        if was is not None and _better(t.light, was.light):
            old, new = _pcts(was.completion, t.completion)
            lines.append(f"{t.indicator}：由{STATUS_LABELS[was.light]}转为{STATUS_LABELS[t.light]}"
                         f"（完成率由{old}升至{new}）。")
    out = [head]
    out += items(lines) if lines else [Paragraph(f"与上月相比，{where}没有状态好转的目标。")]
    if scope.level != "park":
        level = "city" if scope.level == "province" else "park"
        now = rows_for(data, "revenue_total", scope.period, level)
        was = rows_for(data, "revenue_total", prev, level)
        names = _unit_names(data, level)
        ids = [i for i in now.index if i in was.index and (level == "city" or i in
               scope.select_parks(data["parks"])["park_id"].to_numpy())]
        up = [names[i] for i in ids if _better(now.at[i, "status"], was.at[i, "status"])]
        unit, measure = ("市州", "个") if level == "city" else ("园区", "家")
        out.append(Paragraph(f"技工贸总收入状态好转的{unit}有{len(up)}{measure}：{'、'.join(up)}。"
                             if up else f"没有技工贸总收入状态好转的{unit}。"))
    return out


def _unit_names(data: Data, level: str) -> dict[str, str]:
    if level == "city":
        return dict(zip(data["cities"]["city_code"], data["cities"]["city_name"], strict=True))
    return dict(zip(data["parks"]["park_id"], data["parks"]["park_name"], strict=True))


def target_table(data: Data, scope: Scope, key: str) -> Table:
    """One headline target by unit: the cities (province), the city's parks (city), or the park
    with its city and the province (park): value, target, completion, 序时进度, projection, status."""
    t = target_status_of(data, scope, key)
    unit = "亿元" if key == "revenue_total" else t.unit
    if scope.level == "province":
        rows, name_of = rows_for(data, key, scope.period, "city"), _unit_names(data, "city")
        first = "市州"
    elif scope.level == "city":
        rows, name_of = rows_for(data, key, scope.period, "park"), _unit_names(data, "park")
        rows = rows[rows.index.isin(scope.select_parks(data["parks"])["park_id"])]
        first = "园区"
    else:
        frames = [rows_for(data, key, scope.period, lv).loc[[i]] for lv, i in
                  (("park", scope.park), ("city", scope.city), ("province", PROVINCE))]
        rows = pd.concat(frames)
        name_of = {**_unit_names(data, "park"), **_unit_names(data, "city"), PROVINCE: "全省"}
        first = "范围"
    if scope.level != "park":
        rows = rows.sort_values("value", ascending=False, na_position="last")
    digits = digits_for(unit)
    has_target = rows["target"].notna()
    done = pct_labels(rows["completion"].where(has_target), 1, rows["status"])
    due = pct_labels(rows["expected_share"], 1)
    body = []
    for (scope_id, r), c, e in zip(rows.iterrows(), done, due, strict=True):
        split = not math.isnan(r["target"])
        body.append((name_of.get(scope_id, scope_id), fmt(r["value"], "", digits),
                     target_number(r["target"], unit) if split else NO_TARGET,
                     c if split else "—", e if split else "—", fmt(r["projection"], "", digits),
                     STATUS_LABELS[r["status"]] if split else NO_TARGET))
    rule = "按年末预计判断" if t.rule == PROJECTION else f"序时进度{rule_text(t.rule)}"
    return Table(f"{t.indicator}（{unit}）",
                 (first, f"实际（{unit}）", f"目标（{unit}）", "完成率", "序时进度",
                  f"预计全年（{unit}）", "状态"), tuple(body), f"口径：{t.basis}；{rule}。")


def target_status_of(data: Data, scope: Scope, key: str) -> TargetStatus:
    return next(t for t in headline_targets(data, scope) if t.metric_key == key)


def file_stem(label: str, period: str) -> str:
    """The notice's file name without its extension: '月度通报_湘潭市_<period>'."""
    return f"月度通报_{label}_{period}"


def illustrative_datasets(data: Data, period: str) -> list[str]:
    """The notice's datasets still illustrative for the year of `period` (catalog provenance)."""
    return [name for name in DATASETS if not is_official(data, name, year_of(period))]


def monthly_notice(data: Data, scope: Scope) -> Document:
    """The month's 通报 for a scope (全省, a city or a park), every figure from the store."""
    plan = plan_of_period(scope.period)
    label = scope.label(data["cities"], data["parks"])
    level = scope_key(scope)[0]
    where = {"province": "全省", "city": label, "park": label}[level]
    subject = f"{label}产业园区" if level != "park" else label
    blocks: list = [Paragraph(f"为推动{plan.document}落实，现将截至{period_label(scope.period)}末"
                              f"{subject}工作推进情况通报如下。", BODY)]
    blocks += _progress_section(data, scope, where)
    blocks += _ranking_section(data, scope) if level != "park" else _park_position(data, scope)
    behind, behind_table = _behind_section(data, scope)
    blocks += behind
    blocks += _task_section(data, scope.period)
    blocks += _improvements(data, scope, where)
    blocks.append(heading(5, "分项目标情况"))
    for i, key in enumerate(HEADLINE_KEYS):
        table = target_table(data, scope, key)
        blocks += [subheading(i, table.title), table]
    if behind_table is not None and level != "park":
        blocks += [subheading(len(HEADLINE_KEYS), behind_table.title), behind_table]
    shown = illustrative_datasets(data, scope.period)
    notes = [f"序时进度：{'；'.join(f'{t.indicator}{rule_text(t.rule)}' for t in headline_targets(data, scope))}。",
             f"状态：{m.definition(lights)}"]
    if shown:
        notes.insert(0, "本通报中除目标、任务、责任单位和期限（摘自" + plan.document +
                     "）外，园区经济指标、目标分解、任务进展等数字为示意数据（按固定随机种子生成），"
                     "不代表真实统计，正式印发前须以各地各部门报送数据替换。")
    recipients = {"province": "各市州人民政府，省直有关单位：", "city": f"{label}人民政府：",
                  "park": f"{label}管委会："}[level]
    return Document(title=f"关于{period_label(scope.period)}{subject}工作推进情况的通报",
                    recipients=recipients, blocks=tuple(blocks), notes=tuple(notes),
                    illustrative=bool(shown), file_stem=file_stem(label, scope.period))


def notice_for(data: Data, identity: Identity, scope: Scope) -> Document:
    """The notice a person may have: a city user gets its city's, a park user its park's,
    whatever scope was asked for (`core.access.allowed_scope`)."""
    return monthly_notice(data, allowed_scope(identity, scope, data["parks"])[0])

