"""The first screen and the page frame on every page: a one-line 示意 banner that opens on
demand, a print header naming scope, period and 示意, a headline block, and contents links that
lead to real sections."""

from __future__ import annotations

import re

import pytest
import yaml

from hnparks.core.periods import period_label
from tests.app.conftest import REPO, open_app

PAGES = [None, "targets", "clusters", "environment", "business", "efficiency", "opening",
         "tasks", "park"]
LONG_PAGES = [("targets", {}), ("environment", {}), ("business", {}), ("clusters", {}),
              ("efficiency", {}), ("opening", {}), ("tasks", {}), ("park", {"park": "P016"}),
              ("park", {"city": "430100"})]


def _catalog() -> dict:
    return yaml.safe_load((REPO / "data" / "catalog.yaml").read_text(encoding="utf-8"))["datasets"]


def _banner(at):
    return next(e for e in at.expander if "示意" in e.label)


@pytest.mark.parametrize("page", PAGES, ids=[p or "overview" for p in PAGES])
def test_the_banner_is_one_closed_line_that_names_the_illustrative_data_when_opened(page):
    at = open_app(page, period="2020-06")
    banner = _banner(at)
    assert banner.proto.expanded is False  # closed: one line above the numbers
    assert banner.label.startswith(":orange-badge[示意]")
    count = int(re.search(r"本页(\d+)类数据为示意数据", banner.label).group(1))
    # opened, it lists the titles, and each is an illustrative dataset in catalog.yaml
    detail = banner.warning[0].value
    titles = re.search(r"本页的(.+?)为按固定随机种子生成的示意数据", detail).group(1).split("、")
    illustrative = {d["title"] for d in _catalog().values() if d["provenance"] == "illustrative"}
    assert len(titles) == count and set(titles) <= illustrative
    assert "不代表真实统计" in banner.label and "导入" in banner.markdown[0].value


@pytest.mark.parametrize(("page", "params"), [("targets", {"city": "430300"}),
                                              ("park", {"park": "P016"})])
def test_the_print_header_names_scope_period_and_the_illustrative_flag(page, params, data_dir):
    import pandas as pd

    at = open_app(page, period="2020-06", **params)
    if "city" in params:
        cities = pd.read_parquet(data_dir / "curated" / "cities.parquet")
        scope = cities.set_index("city_code").at[params["city"], "city_name"]
    else:
        parks = pd.read_parquet(data_dir / "curated" / "parks.parquet")
        scope = parks.set_index("park_id").at[params["park"], "park_name"]
    line = next(m.value for m in at.markdown if "统计截止" in m.value and "范围" in m.value)
    assert f"范围：{scope}" in line
    assert f"统计截止：{period_label('2020-06')}末" in line
    assert re.search(r"本页\d+类数据为示意数据", line)


@pytest.mark.parametrize(("page", "params"), LONG_PAGES,
                         ids=[f"{p}-{'-'.join(v.values()) or 'all'}" for p, v in LONG_PAGES])
def test_every_contents_link_leads_to_a_section_of_the_page(page, params):
    at = open_app(page, period="2020-06", **params)
    contents = next(m.value for m in at.markdown if m.value.startswith("**本页目录**"))
    links = re.findall(r"\[([^\]]+)\]\(#([a-z0-9-]+)\)", contents)
    assert len(links) >= 2
    anchors = {h.proto.anchor for h in [*at.header, *at.subheader] if h.proto.anchor}
    missing = [(title, anchor) for title, anchor in links if anchor not in anchors]
    assert not missing, (page, params, missing)
