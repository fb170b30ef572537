"""三级评价 (三(五)1 "建立企业、产业、园区三级高质量评价体系，定期发布优质企业名录、有竞争力产业
集群名单、先进园区名单") and 劣汰扶强 (三(一)2): the three lists and the warnings, from the 亩均效益
evaluation (`views.efficiency`), the clusters (`views.clusters`) and the enterprises dataset.

The document sets no weights or thresholds: those here are illustrative (示意) until the office
publishes its evaluation method, and every list says so.
"""

from __future__ import annotations

import math

import pandas as pd

from hnparks.core.formats import fmt
from hnparks.core.periods import period_label, previous_period, year_of
from hnparks.core.scope import Scope
from hnparks.data.catalog import is_official
from hnparks.views.clusters import cluster_table
from hnparks.views.document import Document, Paragraph, Table, heading, items
from hnparks.views.efficiency import (
    METRIC_NAMES,
    WEIGHTS,
    Data,
    evaluation,
    tier_list,
)

# Illustrative: the document asks for the lists but sets no method.
CLUSTER_WEIGHTS = {"output": 0.4, "yoy": 0.3, "enterprises": 0.15, "project_investment": 0.15}
CLUSTER_NAMES = {"output": "集群产值", "yoy": "产值同比", "enterprises": "企业数",
                 "project_investment": "重点项目总投资"}
CLUSTER_SHARE = 0.5  # the top half of the eight clusters
GOOD_TIERS = ("A类", "B类")
DATASETS = ("park_indicators", "efficiency_inputs", "cluster_output", "enterprises")


def cluster_score(table: pd.DataFrame) -> pd.Series:
    """集群综合得分(0–100)=四项指标在八大集群中的百分位加权：集群产值40%，产值同比30%，企业数15%，重点项目总投资15%。

    The weights are illustrative (the document sets none); a cluster without output is not
    scored."""
    pct = pd.DataFrame({k: table[k].rank(pct=True) * 100 for k in CLUSTER_WEIGHTS})
    score = sum(pct[k] * w for k, w in CLUSTER_WEIGHTS.items())
    return score.where(pct.notna().all(axis=1) & (table["output"] > 0)).round(1)


def competitive_clusters(data: Data, period: str) -> pd.DataFrame:
    """有竞争力产业集群：综合得分居八大集群前50%（向上取整）的集群（全省口径，当年1月至报告期末累计）。"""
    table = cluster_table(data, Scope(period))
    table["score"] = cluster_score(table)
    table["rank"] = table["score"].rank(ascending=False, method="min")
    cut = math.ceil(int(table["score"].notna().sum()) * CLUSTER_SHARE)
    table["listed"] = table["rank"] <= cut
    return table.sort_values(["rank", "cluster_id"], na_position="last").reset_index(drop=True)


def quality_enterprises(data: Data, parks: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """优质企业：集群龙头企业中，所在集群入选有竞争力产业集群名单、且所在园区亩均效益评价为A类或B类的企业。

    `parks` is the evaluation (`efficiency.evaluation`), `clusters` `competitive_clusters`.
    Every enterprise of the dataset is returned, with `listed` marking the 名录."""
    firms = data["enterprises"][["enterprise_name", "cluster_id", "park_id"]]
    out = firms.merge(clusters[["cluster_id", "cluster_name", "rank", "listed"]].rename(
        columns={"rank": "cluster_rank", "listed": "cluster_listed"}), on="cluster_id", how="left")
    out = out.merge(parks[["park_id", "park_name", "city_code", "tier", "rank"]], on="park_id",
                    how="left")
    out = out.merge(data["cities"][["city_code", "city_name"]], on="city_code", how="left")
    out["listed"] = out["cluster_listed"].fillna(False).astype(bool) & out["tier"].isin(GOOD_TIERS)
    return out.sort_values(["listed", "cluster_rank", "rank"], ascending=[False, True, True])\
        .reset_index(drop=True)


def c_warnings(data: Data, period: str, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """劣汰扶强预警：本报告期与上一报告期亩均效益评价均为C类（连续两期C类）的园区。"""
    now = table if table is not None else evaluation(data, period)
    before = evaluation(data, previous_period(period))[["park_id", "tier", "rank"]]
    out = now.merge(before.rename(columns={"tier": "tier_prev", "rank": "rank_prev"}),
                    on="park_id", how="left")
    return out[(out["tier"] == "C类") & (out["tier_prev"] == "C类")].sort_values("rank")\
        .reset_index(drop=True)


def method_lines(period: str) -> list[str]:
    """How the lists are drawn up, in words (shown on the page and in the files)."""
    weights = "，".join(f"{METRIC_NAMES[k]}{w:.0%}" for k, w in WEIGHTS.items())
    cluster = "，".join(f"{CLUSTER_NAMES[k]}{w:.0%}" for k, w in CLUSTER_WEIGHTS.items())
    return [
        f"先进园区名单：按亩均效益综合评价（{weights}，各项为全省参评园区中的百分位，"
        f"指标为1月至{period_label(period)}末累计），综合得分居前20%的A类园区。",
        f"有竞争力产业集群名单：八大集群按{cluster}的百分位加权得分排序，居前50%的集群。",
        "优质企业名录：集群龙头企业（企业数据集）中，所在集群入选有竞争力产业集群名单、"
        "且所在园区亩均效益评价为A类或B类的企业；企业层级尚无企业指标报送，待企业数据报送后按企业指标评价。",
        "劣汰扶强预警：本报告期与上一报告期亩均效益评价均为C类（连续两期C类）的园区。",
        "权重和入选比例为示意：文件要求建立三级评价体系，未规定权重，省级评价办法发布后按其执行。",
    ]


def _park_rows(parks: pd.DataFrame, cities: pd.DataFrame) -> tuple[tuple[str, ...], ...]:
    names = dict(zip(cities["city_code"], cities["city_name"], strict=True))
    return tuple((str(int(r.rank)), r.park_name, names.get(r.city_code, ""), r.level,
                  fmt(r.score, "", 1), fmt(r.tax_per_mu, "", 2)) for r in parks.itertuples())


PARK_COLUMNS = ("全省排名", "园区", "市州", "级别", "综合得分", "亩均税收（万元/亩）")


def lists_document(data: Data, scope: Scope) -> Document:
    """The three lists and the warnings for the scope (parks and enterprises in scope, ranks
    province-wide; the clusters province-wide) as a document for DOCX and XLSX."""
    table = evaluation(data, scope.period)
    shown = scope.park_rows(table, data["parks"])
    clusters = competitive_clusters(data, scope.period)
    firms = quality_enterprises(data, table, clusters)
    firms = firms[firms["listed"] & firms["park_id"].isin(shown["park_id"])]
    warned = scope.park_rows(c_warnings(data, scope.period, table), data["parks"])
    cities = data["cities"]
    label = scope.label(cities, data["parks"])
    good = tier_list(shown, "A类")
    blocks = [heading(0, "评价方法"), *items(method_lines(scope.period)),
              heading(1, f"先进园区名单（A类，{len(good)}家）"),
              Table("先进园区名单", PARK_COLUMNS, _park_rows(good, cities)),
              heading(2, f"有竞争力产业集群名单（{int(clusters['listed'].sum())}个）"),
              Table("有竞争力产业集群名单",
                    ("排名", "集群", "类别", "产值（亿元，累计）", "产值同比", "企业数（家）",
                     "重点项目总投资（亿元）", "综合得分"),
                    tuple((str(int(r.rank)), r.cluster_name, r.tier, fmt(r.output, "", 1),
                           fmt(r.yoy * 100, "%", 1), f"{int(r.enterprises)}",
                           fmt(r.project_investment, "", 1), fmt(r.score, "", 1))
                          for r in clusters[clusters["listed"]].itertuples())),
              heading(3, f"优质企业名录（{len(firms)}家）"),
              Table("优质企业名录", ("企业", "集群", "所在园区", "市州", "园区分档"),
                    tuple((r.enterprise_name, r.cluster_name, r.park_name, r.city_name, r.tier)
                          for r in firms.itertuples())) if len(firms)
              else Paragraph("范围内没有入选的企业。"),
              heading(4, f"劣汰扶强预警（连续两期C类，{len(warned)}家）")]
    if len(warned):
        blocks.append(Table("劣汰扶强预警", (*PARK_COLUMNS, "上期排名"), tuple(
            (*row, str(int(r.rank_prev))) for row, r in
            zip(_park_rows(warned, cities), warned.itertuples(), strict=True))))
    else:
        blocks.append(Paragraph("没有连续两期评为C类的园区。"))
    shown_illustrative = [n for n in DATASETS if not is_official(data, n, year_of(scope.period))]
    notes = ["权重和入选比例为示意，省级评价办法发布后按其执行。"]
    if shown_illustrative:
        notes.insert(0, "园区经济指标、能耗与研发投入、集群产值和龙头企业名单为示意数据（按固定随机种子"
                        "生成或公开资料整理，待核），不代表真实统计。")
    return Document(
        title=f"{period_label(scope.period)}{label}园区三级评价名单", recipients="",
        blocks=tuple(blocks), sign_off=(), file_stem=f"三级评价名单_{label}_{scope.period}",
        notes=tuple(notes), illustrative=True)
