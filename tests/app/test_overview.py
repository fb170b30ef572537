"""总览 page: headline cards equal sums computed from the curated parquet; alerts and briefing."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.app.conftest import open_app

CITY, PERIOD = "430200", "2020-06"


@pytest.fixture(scope="module")
def curated(data_dir):
    names = ["park_indicators", "parks", "specialty_parks", "specialty_output",
             "city_target_allocation"]
    return {n: pd.read_parquet(data_dir / f"curated/{n}.parquet") for n in names}


def _facts(curated, period, city=None, park=None):
    facts = curated["park_indicators"].merge(curated["parks"][["park_id", "city_code"]])
    facts = facts[facts["period"] == period]
    if city:
        facts = facts[facts["city_code"] == city]
    if park:
        facts = facts[facts["park_id"] == park]
    return facts


def _metric(at, label):
    return next(m for m in at.metric if m.label == label)


def _captions(at):
    return " ".join(c.value for c in at.caption)


def test_province_cards_equal_the_parquet_and_show_the_four_targets(curated):
    at = open_app(None, period=PERIOD)
    facts = _facts(curated, PERIOD)
    assert _metric(at, "技工贸总收入").value == f"{facts['revenue_ytd'].sum() / 10_000:.2f}万亿元"
    assert _metric(at, "千亿园区").value == f"{(facts['revenue_ytd'] >= 1000).sum()}家"
    per_mu = facts["tax_ytd"].sum() * 10_000 / facts["industrial_land_mu"].sum()
    assert _metric(at, "亩均税收").value == f"{per_mu:.1f}万元/亩"
    output = curated["specialty_output"]
    output = output[output["period"] == PERIOD]
    assert _metric(at, "百亿级特色产业园区").value == f"{(output['output_ytd'] >= 100).sum()}个"
    captions = _captions(at)
    for target in ("年度目标 **5.3万亿元**", "年度目标 **14家**", "年度目标 **13万元/亩**",
                   "年度目标 **30个左右**"):
        assert target in captions
    # Year-to-date against the whole-year target; 序时进度 follows last year's season
    # (Jan–Jun 2019 ÷ all of 2019), not a straight 6/12.
    completion = facts["revenue_ytd"].sum() / 53_000
    season = (_facts(curated, "2019-06")["revenue_ytd"].sum()
              / _facts(curated, "2019-12")["revenue_ytd"].sum())
    assert f"完成率 **{completion:.1%}** ｜ 序时进度 {season:.1%}" in captions


def test_at_risk_cards_state_the_pace_in_words():
    at = open_app(None, period=PERIOD)
    captions = _captions(at)
    assert "按上年季节性预计全年" in captions and "达标需余下每月完成" in captions


def test_city_and_park_cards_equal_the_parquet(curated):
    at = open_app(None, period=PERIOD, city=CITY)
    facts = _facts(curated, PERIOD, city=CITY)
    assert _metric(at, "技工贸总收入").value == f"{facts['revenue_ytd'].sum():,.1f}亿元"
    alloc = curated["city_target_allocation"]
    target = float(alloc.loc[alloc["city_code"] == CITY, "value"].iloc[0])
    assert f"年度目标 **{target:,g}亿元**" in _captions(at)

    park = facts.sort_values("revenue_ytd").iloc[-1]
    at = open_app(None, period=PERIOD, park=park["park_id"])
    assert _metric(at, "技工贸总收入").value == f"{park['revenue_ytd']:,.1f}亿元"
    assert _metric(at, "亩均税收").value == \
        f"{park['tax_ytd'] * 10_000 / park['industrial_land_mu']:.1f}万元/亩"


def test_changing_the_period_changes_the_cards(curated):
    at = open_app(None, period=PERIOD)
    before = _metric(at, "技工贸总收入").value
    next(s for s in at.sidebar.selectbox if s.label == "报告期").set_value("2020-09").run()
    after = _metric(at, "技工贸总收入").value
    facts = _facts(curated, "2020-09")
    assert after != before
    assert after == f"{facts['revenue_ytd'].sum() / 10_000:.2f}万亿元"
    season = (_facts(curated, "2019-09")["revenue_ytd"].sum()
              / _facts(curated, "2019-12")["revenue_ytd"].sum())
    assert f"序时进度 {season:.1%}" in _captions(at)


def _map_labels(at) -> dict[str, float | None]:
    import json

    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    labels = next(layer for layer in spec["layers"] if layer["id"] == "city-labels")
    return {row["city_code"]: row["value"] for row in labels["data"]}


def test_the_map_colours_by_the_chosen_target(curated):
    """The map panel's own selector (a fragment) changes the map and its legend; the map's
    labels show each city's count of 千亿园区 as the parquet gives it; the cards stay."""
    at = open_app(None, period=PERIOD)
    legend = next(c.value for c in at.caption if "颜色由浅到深" in c.value)
    assert legend.startswith("技工贸总收入完成率")
    cards = [m.value for m in at.metric]
    at.session_state["overview_map_target"] = "parks_over_1000"
    at.run()
    legend = next(c.value for c in at.caption if "颜色由浅到深" in c.value)
    assert legend.startswith("累计已达千亿的园区数") and "不分解到市州" in legend
    over = (_facts(curated, PERIOD)["revenue_ytd"] >= 1000).groupby(
        _facts(curated, PERIOD)["city_code"]).sum()
    shown = _map_labels(at)
    assert {code: shown[code] for code in over.index} == {c: float(n) for c, n in over.items()}
    assert [m.value for m in at.metric] == cards


def test_alerts_name_the_city_furthest_behind_and_link_to_its_context(curated):
    at = open_app(None, period=PERIOD)
    facts = _facts(curated, PERIOD)
    alloc = curated["city_target_allocation"].set_index("city_code")["value"]
    completion = facts.groupby("city_code")["revenue_ytd"].sum() / alloc
    # Furthest behind its own 序时进度 (Jan–Jun 2019 ÷ all of 2019 for that city).
    season = (_facts(curated, "2019-06").groupby("city_code")["revenue_ytd"].sum()
              / _facts(curated, "2019-12").groupby("city_code")["revenue_ytd"].sum())
    worst = (season - completion).idxmax()
    links = at.get("page_link")
    first = next(link.proto for link in links if link.proto.page == "targets")
    assert f"city={worst}" in first.query_string and "period=2020-06" in first.query_string
    assert f"{completion[worst]:.1%}" in first.label
    assert f"{(season[worst] - completion[worst]) * 100:.1f}个百分点" in first.label


def test_briefing_has_three_to_five_sentences():
    at = open_app(None, period=PERIOD)
    text = next(m.value for m in at.markdown if m.value.startswith("1. 截至"))
    lines = text.splitlines()
    assert 3 <= len(lines) <= 5
    assert "按差距金额，拖累最大的市州" in text


def test_published_figures_stand_beside_the_dashboards_own(curated):
    from hnparks.views.published import published_figures

    at = open_app(None, period=PERIOD, city=CITY)
    table = next(d.value for d in at.dataframe if "公开报道" in d.value.columns)
    published = published_figures()
    published = published[published["period"] == PERIOD[:4]]
    assert table["指标"].tolist() == published["figure"].tolist()
    december = _facts(curated, "2020-12")  # full-year figures: the year's latest month, province
    row = table.set_index("指标").loc["全省园区技工贸总收入"]
    assert row["本系统（示意）"] == f"{december['revenue_ytd'].sum():,.1f}"
    assert row["公开报道"] == "突破50,000" and row["来源"].startswith("公开报道")
    assert row["差距"] == f"{december['revenue_ytd'].sum() - 50_000:+,.1f}"
    counts = table[table["指标"] == "千亿园区"].iloc[0]
    assert counts["本系统（示意）"] == str((december["revenue_ytd"] >= 1000).sum())
    assert table["来源"].str.contains("湘园区〔2020〕1号").any()
    assert "公开报道为全省全年数" in _captions(at)
