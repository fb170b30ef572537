"""The app shell: navigation, shared context in the sidebar and the URL, provenance banner."""

from __future__ import annotations

import ast

import pandas as pd
import pytest

from tests.app.conftest import REPO, open_app
from tests.rules import shown_names

PAGES = ["overview", "targets", "clusters", "environment", "business", "efficiency", "opening",
         "tasks", "park"]


def _selectbox(at, label):
    return next(s for s in at.sidebar.selectbox if s.label == label)


def test_navigation_names_exactly_the_page_files():
    tree = ast.parse((REPO / "app.py").read_text(encoding="utf-8"))
    named = {node.args[0].value for node in ast.walk(tree)
             if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page"}
    on_disk = {f"pages/{p.name}" for p in (REPO / "pages").glob("*.py")}
    assert named == on_disk


def test_default_context_is_the_latest_month_for_the_whole_province(data_dir):
    at = open_app()
    periods = sorted(pd.read_parquet(data_dir / "curated/park_indicators.parquet")["period"].unique())
    assert _selectbox(at, "报告期").value == periods[-1]
    assert _selectbox(at, "市州").value == "all"
    assert _selectbox(at, "园区").value == "all"
    assert "city" not in at.query_params and "park" not in at.query_params
    assert at.query_params["period"] == periods[-1]
    assert any("示意数据" in w.value for w in at.warning)


def test_url_opens_a_city_context_and_narrows_the_park_list(data_dir):
    at = open_app(period="2020-06", city="430200")
    assert _selectbox(at, "报告期").value == "2020-06"
    assert _selectbox(at, "市州").value == "430200"
    parks = shown_names(pd.read_parquet(data_dir / "curated/parks.parquet"))
    zhuzhou = parks[parks["city_code"] == "430200"]["park_id"].tolist()
    assert [o for o in _selectbox(at, "园区").options if not o.startswith("全部")] == \
        parks.set_index("park_id").loc[zhuzhou, "park_name"].tolist()
    assert any("株洲市" in c.value for c in at.caption)


def test_url_with_a_park_sets_its_city_too(data_dir):
    parks = shown_names(pd.read_parquet(data_dir / "curated/parks.parquet"))
    park = parks.iloc[-1]
    at = open_app(park=park["park_id"])
    assert _selectbox(at, "园区").value == park["park_id"]
    assert _selectbox(at, "市州").value == park["city_code"]
    assert any(park["park_name"] in c.value for c in at.caption)


def test_changing_a_selector_updates_the_url():
    at = open_app()
    _selectbox(at, "市州").set_value("430100").run()
    assert at.query_params["city"] == "430100"
    _selectbox(at, "报告期").set_value("2020-03").run()
    assert at.query_params["period"] == "2020-03"


def test_changing_the_city_clears_a_park_of_another_city(data_dir):
    parks = shown_names(pd.read_parquet(data_dir / "curated/parks.parquet"))
    changsha_park = parks[parks["city_code"] == "430100"]["park_id"].iloc[0]
    at = open_app(park=changsha_park)
    _selectbox(at, "市州").set_value("430200").run()
    assert _selectbox(at, "园区").value == "all"
    assert "park" not in at.query_params


def test_bad_url_parameters_get_a_clear_message():
    at = open_app(city="999999", period="2031-01")
    assert _selectbox(at, "市州").value == "all"
    notice = " ".join(w.value for w in at.sidebar.warning)
    assert "999999" in notice and "2031-01" in notice


@pytest.mark.parametrize("page", PAGES)
def test_context_survives_a_page_change(page):
    at = open_app(period="2020-06", city="430200")
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception
    assert _selectbox(at, "市州").value == "430200"
    assert _selectbox(at, "报告期").value == "2020-06"


def test_a_long_province_park_list_asks_for_a_city_first(data_dir, monkeypatch):
    """Above PARK_OPTIONS_MAX parks (national scale) the 全省 park selector lists no parks and
    says so; a city lists all of its parks, and a park opened by URL stays chosen."""
    from components.shell import context

    parks = shown_names(pd.read_parquet(data_dir / "curated/parks.parquet"))
    monkeypatch.setattr(context, "PARK_OPTIONS_MAX", len(parks) - 1)
    at = open_app()
    assert _selectbox(at, "园区").options == ["全部园区"]
    assert any(f"全省共{len(parks)}家园区，请先选择市州" in c.value for c in at.sidebar.caption)
    _selectbox(at, "市州").set_value("430200").run()
    zhuzhou = parks[parks["city_code"] == "430200"]["park_name"].tolist()
    assert _selectbox(at, "园区").options == ["全部园区", *zhuzhou]
    assert not any("请先选择市州" in c.value for c in at.sidebar.caption)
    park = parks.iloc[-1]
    at = open_app(park=park["park_id"])
    assert _selectbox(at, "园区").value == park["park_id"]
