"""Published province figures (data/sources/published_figures.csv) beside the dashboard's own,
so a leader sees how far the illustrative data is from the public record (总览, 目标达成)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from hnparks.core.periods import period_label, year_of
from hnparks.core.scope import Scope
from hnparks.data.sources import read_source
from hnparks.derived.aggregate import at_period, scope_total
from hnparks.derived.indicator_store import THOUSAND_YI

Data = Mapping[str, pd.DataFrame]
# What each confidence in published_figures.csv means, as the page explains it.
CONFIDENCE = {
    "高": "工作要点文件本身所载",
    "中": "有原文标题、发布单位和日期的公开报道",
    "待核": "数值转引自他处，尚未找到公开原文核实其标题与日期，仅供对照，不作正式引用",
}


def published_figures(root: Path | None = None) -> pd.DataFrame:
    """The published figures as recorded: figure, metric_key, value, unit, comparator,
    tolerance (in the figure's unit), period, source_title, source_date, confidence, note."""
    figures = read_source("published_figures", root)
    for column in ("value", "tolerance"):
        figures[column] = pd.to_numeric(figures[column])
    return figures


def own_figure(data: Data, metric_key: str, period: str) -> float:
    """The dashboard's own province figure for a published one, at `period` (口径: revenue_total
    全省园区技工贸总收入 1月至当月累计, 亿元; tax_total 全省园区税收累计, 亿元; parks_over_1000
    累计技工贸总收入达1000亿元的园区数; parks_count 名录中的园区数)."""
    facts, parks = data["park_indicators"], data["parks"]
    province = Scope(period)
    if metric_key == "revenue_total":
        return scope_total(facts, parks, province, "revenue_ytd")
    if metric_key == "tax_total":
        return scope_total(facts, parks, province, "tax_ytd")
    if metric_key == "parks_over_1000":
        return float((at_period(facts, period)["revenue_ytd"] >= THOUSAND_YI).sum())
    if metric_key == "parks_count":
        return float(len(parks))
    raise KeyError(metric_key)


def comparison_period(data: Data, year: int) -> str | None:
    """The month a year's published (full-year) figures are compared at: that year's latest
    reported month (December once it is in)."""
    periods = [p for p in data["park_indicators"]["period"].unique() if p.startswith(f"{year:04d}-")]
    return max(periods) if periods else None


def comparison(data: Data, period: str, root: Path | None = None) -> pd.DataFrame:
    """One row per published figure of `period`'s year: the figure as published (公开报道), the
    dashboard's own (示意) at `comparison_period`, the difference and the source with its date."""
    year = year_of(period)
    figures = published_figures(root)
    figures = figures[figures["period"].astype(str) == str(year)]
    at = comparison_period(data, year)
    rows = []
    for row in figures.itertuples():
        own = own_figure(data, row.metric_key, at) if at else math.nan
        date = row.source_date or "日期待核"
        rows.append({
            "指标": row.figure, "单位": row.unit,
            "公开报道": f"{'突破' if row.comparator == '突破' else ''}{row.value:,.10g}",
            "本系统（示意）": own, "差距": own - row.value,
            "口径时点": period_label(at) if at else "—",
            "来源": f"{row.source_title}（{date}）",
            "可信度": row.confidence, "说明": row.note or "",
        })
    return pd.DataFrame(rows, columns=["指标", "单位", "公开报道", "本系统（示意）", "差距",
                                       "口径时点", "来源", "可信度", "说明"])


def confidence_legend(confidences: pd.Series) -> str:
    """One line explaining each confidence shown (e.g. 待核), in the order of `CONFIDENCE`."""
    shown = set(confidences)
    return "；".join(f"“{level}”：{meaning}" for level, meaning in CONFIDENCE.items()
                    if level in shown)
