"""A second year's plan dropped into a data directory that tracks 2020: the 2020 pages stay exactly
as they were, the new plan is picked up without a restart, its months are accepted by the
import, and its year gets a selector once it has reports."""

from __future__ import annotations

import io
import shutil
from collections import Counter

import openpyxl
import pandas as pd
import pytest

from hnparks.ingest import check_files
from hnparks.loading import load_dataset
from hnparks.paths import DATA_DIR_ENV
from hnparks.plans import available_plans, plan_for
from tests.app.conftest import REPO, open_app
from tests.app.test_provenance import shown_texts
from tests.fixtures.year_fixture import FIXTURE_PLAN
from tests.unit.test_ingest import csv_bytes, indicator_rows

NEW = plan_for(int(FIXTURE_PLAN.name), FIXTURE_PLAN.parent.parent)


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    root = tmp_path_factory.mktemp("two_years") / "data"
    shutil.copytree(REPO / "data", root)
    shutil.copytree(FIXTURE_PLAN, root / "plans" / str(NEW.year))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(DATA_DIR_ENV, str(root))
        yield root


def test_a_second_plan_is_picked_up_and_2020_is_unchanged(two_years):
    assert [p.year for p in available_plans(two_years)] == [2020, NEW.year]
    targets = load_dataset("targets", two_years)
    assert sorted(targets["year"].unique()) == [2020, NEW.year]
    with_both = {page: shown_texts(open_app(page, period="2020-06"))
                 for page in (None, "targets", "business", "tasks")}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(DATA_DIR_ENV, str(REPO / "data"))
        for page, texts in with_both.items():
            alone = shown_texts(open_app(page, period="2020-06"))
            if page == "targets":  # plus the cross-year comparison, now that there are two plans
                assert not Counter(alone) - Counter(texts)
                added = "\n".join((Counter(texts) - Counter(alone)).elements())
                assert "跨年度对比" in added and f"{NEW.year}年" in added
            else:
                assert texts == alone, page
    at = open_app(period="2020-06")
    with pytest.raises(KeyError):  # no reports for the new year yet: no 年度 selector
        at.sidebar.selectbox(key="ctx_year")


def test_the_import_takes_the_new_plans_months_and_refuses_others(two_years):
    row = indicator_rows(two_years, "P001", "2020-01")
    ok = check_files("park_indicators", [("new.csv", csv_bytes(
        two_years, [row | {"period": f"{NEW.year}-01"}], "utf-8"))], two_years)
    assert ok.ok, ok.report()
    refused = check_files("park_indicators", [("old.csv", csv_bytes(
        two_years, [row | {"period": "2025-01"}], "utf-8"))], two_years)
    assert not refused.ok
    assert "报告期“2025-01”不在工作要点年度" in refused.report()
    assert f"{NEW.year}年" in refused.report()


def test_report_templates_follow_the_chosen_years_plan(two_years):
    from hnparks.ingest import INSTRUCTIONS_SHEET
    from hnparks.templates import build_template

    for year in (2020, NEW.year):
        book = openpyxl.load_workbook(io.BytesIO(build_template("park_indicators", two_years, year)))
        cells = [str(c) for row in book[INSTRUCTIONS_SHEET].iter_rows(values_only=True)
                 for c in row if c]
        assert any(f"如 {year}-06" in c for c in cells)
        other = NEW.year if year == 2020 else 2020
        assert not any(f"{other}-06" in c for c in cells)
        plan = plan_for(year, two_years)  # the 填报粒度 line spans that plan's months
        assert any(f"{plan.data_from}至{plan.last_period}" in c for c in cells)
        assert not any(str(other) in c for c in cells if c.startswith("园区 × 月"))
    at = open_app("admin", user="office", period="2020-06")
    assert at.selectbox(key="admin_template_year").options == [
        "2020年工作要点", f"{NEW.year}年工作要点"]


def test_the_year_selector_appears_once_the_new_year_has_reports(two_years):
    path = two_years / "curated" / "park_indicators.parquet"
    facts = pd.read_parquet(path)
    january = facts[facts["period"] == "2020-01"].assign(period=f"{NEW.year}-01")
    pd.concat([facts, january], ignore_index=True).to_parquet(path, index=False)
    at = open_app(period="2020-06")
    year = at.sidebar.selectbox(key="ctx_year")
    assert year.options == ["2020年工作要点", f"{NEW.year}年工作要点"] and year.value == 2020
    year.select(NEW.year).run()
    assert at.sidebar.selectbox(key="ctx_period").value == f"{NEW.year}-01"
    assert at.sidebar.selectbox(key="ctx_period").options == [f"{NEW.year}年1月"]
    at = open_app("targets", period="2020-06")
    across = next(d.value for d in at.dataframe if "截至报告期" in d.value.columns)
    assert across["年度"].tolist() == ["2019年", "2020年", f"{NEW.year}年"]
    targets = load_dataset("targets", two_years).query("metric_key == 'revenue_total'")
    assert across["目标（亿元）"].tolist()[1:] == [
        f"{v * 10_000:,.0f}" for v in targets.sort_values("year")["value"]]
    assert across["目标（亿元）"].iloc[0] == "—"  # the year before the first plan: actual only
    january = pd.read_parquet(path).query("period == @NEW.first_period")["revenue_ytd"].sum()
    assert across["实际（亿元）"].iloc[2] == f"{january:,.0f}"  # the new year's first report
    assert across["截至报告期"].iloc[2] == f"{NEW.year}年1月"
