"""三级评价 lists against an independent computation from the parquet files: 先进园区 (A类),
有竞争力产业集群, 优质企业名录, 连续两期C类 warnings, and the same names in the DOCX and XLSX."""

from __future__ import annotations

import io
import math

import docx
import openpyxl
import pandas as pd
import pytest

from hnparks.commands.exports import document_excel
from hnparks.commands.notice_docx import docx_bytes
from hnparks.core.scope import Scope
from hnparks.views.efficiency import WEIGHTS
from hnparks.views.efficiency_lists import CLUSTER_WEIGHTS, lists_document

PERIODS = ["2020-06", "2020-12"]


@pytest.fixture(scope="module")
def raw(data_dir):
    def read(name: str) -> pd.DataFrame:
        return pd.read_parquet(data_dir / f"curated/{name}.parquet")
    return {n: read(n) for n in ("park_indicators", "efficiency_inputs", "parks", "clusters",
                                 "cluster_output", "key_projects", "enterprises")}


def _tiers(raw, period: str) -> pd.Series:
    """park_id → A类/B类/C类, computed here from the parquet: four ratios, percentile-weighted,
    top and bottom fifth (rounded up)."""
    ind = raw["park_indicators"]
    ind = ind[ind["period"] == period].set_index("park_id")
    inp = raw["efficiency_inputs"]
    inp = inp[inp["period"] == period].set_index("park_id").reindex(ind.index)
    land = ind["industrial_land_mu"].where(ind["industrial_land_mu"] > 0)
    metrics = pd.DataFrame({
        "tax_per_mu": ind["tax_ytd"] * 10_000 / land,
        "revenue_per_mu": ind["revenue_ytd"] * 10_000 / land,
        "revenue_per_energy": ind["revenue_ytd"] / inp["energy_tce_ytd"].where(inp["energy_tce_ytd"] > 0),
        "rd_intensity": inp["rd_expense_ytd"] * 100 / ind["revenue_ytd"].where(ind["revenue_ytd"] > 0),
    })
    score = sum(metrics[k].rank(pct=True) * 100 * w for k, w in WEIGHTS.items()).round(1)
    score = score.dropna()
    rank = score.rank(ascending=False, method="min")
    cut = math.ceil(len(score) * 0.2)
    return pd.Series(["A类" if r <= cut else "C类" if r > len(score) - cut else "B类"
                      for r in rank], index=score.index)


def _competitive(raw, period: str) -> set[str]:
    out = raw["cluster_output"]
    now = out[out["period"] == period].groupby("cluster_id")
    ly = out[out["period"] == f"{int(period[:4]) - 1}{period[4:]}"].groupby("cluster_id")[
        "output_ytd"].sum()
    projects = raw["key_projects"]
    projects = projects[projects["year"] == int(period[:4])]
    table = pd.DataFrame({"output": now["output_ytd"].sum(), "enterprises": now["enterprises"].sum()})
    table = table.reindex(raw["clusters"]["cluster_id"]).fillna(0)
    table["yoy"] = table["output"] / ly.reindex(table.index) - 1
    table["project_investment"] = projects.groupby("cluster_id")["total_investment"].sum()\
        .reindex(table.index).fillna(0)
    score = sum(table[k].rank(pct=True) * 100 * w for k, w in CLUSTER_WEIGHTS.items()).round(1)
    score = score[table["output"] > 0].dropna()
    rank = score.rank(ascending=False, method="min")
    names = dict(zip(raw["clusters"]["cluster_id"], raw["clusters"]["cluster_name"], strict=True))
    return {names[c] for c in rank[rank <= math.ceil(len(score) * 0.5)].index}


def _table(document, title: str) -> list[tuple[str, ...]]:
    table = next((t for t in document.tables if t.title == title), None)
    return list(table.rows) if table else []


@pytest.mark.parametrize("period", PERIODS)
def test_the_lists_match_an_independent_computation(period, data, raw):
    tiers = _tiers(raw, period)
    before = _tiers(raw, f"{period[:5]}{int(period[5:]) - 1:02d}")
    names = dict(zip(raw["parks"]["park_id"], raw["parks"]["park_name"], strict=True))
    document = lists_document(data, Scope(period))
    assert {r[1] for r in _table(document, "先进园区名单")} == \
        {names[p] for p in tiers[tiers == "A类"].index}
    clusters = _competitive(raw, period)
    assert {r[1] for r in _table(document, "有竞争力产业集群名单")} == clusters
    cluster_names = dict(zip(raw["clusters"]["cluster_id"], raw["clusters"]["cluster_name"],
                             strict=True))
    firms = raw["enterprises"]
    good = firms[firms["cluster_id"].map(cluster_names).isin(clusters)
                 & firms["park_id"].map(tiers).isin(["A类", "B类"])]
    assert {r[0] for r in _table(document, "优质企业名录")} == set(good["enterprise_name"])
    warned = {names[p] for p in tiers.index if tiers[p] == "C类" and before.get(p) == "C类"}
    assert {r[1] for r in _table(document, "劣汰扶强预警")} == warned
    assert warned, "the illustrative data has parks in C类 two months running"


def test_a_citys_lists_hold_only_its_parks_and_firms(data, raw):
    tiers = _tiers(raw, "2020-06")
    parks = raw["parks"].set_index("park_id")
    document = lists_document(data, Scope("2020-06", "430100"))
    mine = {parks.at[p, "park_name"] for p in tiers[tiers == "A类"].index
            if parks.at[p, "city_code"] == "430100"}
    assert {r[1] for r in _table(document, "先进园区名单")} == mine
    firms = _table(document, "优质企业名录")
    assert firms and all(r[3] == "长沙市" for r in firms)
    assert not _table(lists_document(data, Scope("2020-06", "430300")), "优质企业名录")


def test_the_files_carry_the_lists_and_the_method_with_illustrative_weights(data):
    document = lists_document(data, Scope("2020-06"))
    book = openpyxl.load_workbook(io.BytesIO(document_excel(document)))
    assert book.sheetnames[:4] == ["说明", "先进园区名单", "有竞争力产业集群名单", "优质企业名录"]
    sheet = book["先进园区名单"]
    assert [c.value for c in sheet[1]][:2] == ["全省排名", "园区"]
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == \
        [r[1] for r in _table(document, "先进园区名单")]
    method = "\n".join(str(r[0]) for r in book["说明"].iter_rows(values_only=True))
    assert "亩均税收40%" in method and "示意" in method
    word = docx.Document(io.BytesIO(docx_bytes(document)))
    cells = {c.text for t in word.tables for r in t.rows for c in r.cells}
    assert {r[1] for r in _table(document, "有竞争力产业集群名单")} <= cells
    text = "\n".join(p.text for p in word.paragraphs)
    assert "权重和入选比例为示意" in text
