"""开放与创新 page: 外向度, platform counts, “五个100” and the two milestone targets equal the
parquet computed here with pandas, for the province, a city and a park."""

from __future__ import annotations

import pandas as pd
import pytest

from hnparks.data.loading import load_dataset
from tests.app.conftest import open_app
from tests.rules import expected_export_share, shown_names

PERIOD = "2020-09"
END = pd.Timestamp("2020-09-30")


def _metric(at, label: str):
    return next(m for m in at.metric if m.label == label)


def _table(at, column: str, key: str | None = None):
    frames = [d for d in at.dataframe if column in d.value.columns]
    return frames[0].value


@pytest.fixture(scope="module")
def parks(data_dir):
    return shown_names(load_dataset("parks", data_dir))  # names as pages show them (待核)


@pytest.mark.parametrize("params", [{}, {"city": "431000"}, {"park": "P016"}])
def test_export_share_and_bases_equal_the_parquet(data_dir, parks, params):
    at = open_app("opening", period=PERIOD, **params)
    ids = parks["park_id"]
    if "city" in params:
        ids = parks.loc[parks["city_code"] == params["city"], "park_id"]
    if "park" in params:
        ids = pd.Series([params["park"]])
    where = "全省" if not params else "本市州" if "city" in params else "本园区"
    share = expected_export_share(data_dir, PERIOD, list(ids))
    assert _metric(at, f"{where}产业外向度").value == f"{share:,.1f}%"
    platforms = load_dataset("park_platforms", data_dir)
    mine = platforms[platforms["park_id"].isin(ids) & (platforms["recognised_date"] <= END)]
    table = _table(at, "其中本年新增（个）").set_index("类别")
    base = mine[mine["kind"] == "外贸转型升级基地"]
    assert table.at["外贸转型升级基地", "已有（个）"] == len(base)
    assert table.at["外贸转型升级基地", "其中本年新增（个）"] == int(
        (base["recognised_date"] >= pd.Timestamp("2020-01-01")).sum())
    five = _table(at, "口径").set_index("类别")
    projects = load_dataset("key_projects", data_dir)
    assert five.at["重大产业项目", "数量"] == str(int(
        (projects["park_id"].isin(ids) & (projects["category"] == "重大产业项目")).sum()))
    attraction = load_dataset("attraction", data_dir)
    top500 = attraction[attraction["park_id"].isin(ids) & (attraction["period"] == PERIOD)]
    assert five.at["引进“三类500强”企业", "数量"] == str(int(top500["top500_introduced_ytd"].sum()))
    assert five.at["引进高层次人才", "数量"] == "无数据"


def test_city_bars_and_park_table_agree_with_the_parquet(data_dir, parks):
    at = open_app("opening", period=PERIOD, city="430100")
    table = _table(at, "外向度（%）")
    changsha = parks[parks["city_code"] == "430100"]
    assert len(table) == len(changsha)
    top = table.iloc[0]
    park_id = changsha.set_index("park_name").at[top["园区"], "park_id"]
    assert top["外向度（%）"] == pytest.approx(expected_export_share(data_dir, PERIOD, [park_id]))
    assert table["外向度（%）"].is_monotonic_decreasing


def test_milestone_targets_show_the_count_of_milestones_done(data_dir):
    at = open_app("opening", period="2020-12")
    ms = load_dataset("task_milestones", data_dir)
    done = ms[ms["completed_date"] <= pd.Timestamp("2020-12-31")]
    assert _metric(at, "创建国家级高新区（全省）").value == f"{(done['target_id'] == 'T05').sum()}个"
    assert _metric(at, "科技企业孵化器（全省）").value == f"{(done['target_id'] == 'T13').sum()}个"
    incubators = [d.value for d in at.dataframe if "里程碑（文件原文）" in d.value.columns]
    labels = " ".join(" ".join(t["里程碑（文件原文）"]) for t in incubators)
    for place in ("香港", "广东", "上海", "北京", "岳阳", "娄底"):
        assert f"（{place}）" in labels


def test_the_incubator_map_draws_the_four_places_over_the_served_outline(data_dir):
    """The places are coloured by their milestone's status at the period; Hunan's outline is the
    static drawing the browser fetches once, so a new month re-sends the places, not the
    geometry (#27)."""
    import json

    from components.ui.map_asset import asset_path
    from components.views.opening_charts import PLACES

    at = open_app("opening", period="2020-12")
    chart = next(e for e in at.get("plotly_chart") if "opening_incubator_map" in e.proto.id)
    spec = json.loads(chart.proto.spec)
    (image,) = spec["layout"]["images"]
    assert image["source"].startswith("app/static/geo/hunan_cities.svg?v=")
    assert asset_path("hunan_cities", "svg").exists()
    points = sum(len(trace.get("x") or []) for trace in spec["data"])
    assert points <= 3 * 4, points  # a two-point line and a dot per place: no boundary rings
    placed = {trace["text"][0]: trace["hovertemplate"] for trace in spec["data"]
              if trace.get("text")}
    assert set(placed) == set(PLACES)
    ms = load_dataset("task_milestones", data_dir)
    done = ms[(ms["target_id"] == "T13") & (ms["completed_date"] <= pd.Timestamp("2020-12-31"))]
    assert {p for p, hover in placed.items() if "：已完成" in hover} == set(done["subject"])
