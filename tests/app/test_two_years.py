"""A second year's plan dropped into a data directory that tracks 2020: the 2020 pages stay exactly
as they were, the new plan is picked up without a restart, its months are accepted by the
import, and its year gets a selector once it has reports."""

from __future__ import annotations

import io
import re
import shutil
from collections import Counter

import openpyxl
import pandas as pd
import pytest

from hnparks.commands.ingest import check_files
from hnparks.core.paths import DATA_DIR_ENV
from hnparks.data.loading import load_dataset
from hnparks.plans.registry import available_plans, plan_for
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
    from hnparks.commands.templates import build_template
    from hnparks.data.intake import INSTRUCTIONS_SHEET

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
        # 区域评估: the 年度 column's example is the plan's year, the item list that plan's items
        book = openpyxl.load_workbook(io.BytesIO(build_template("assessments", two_years, year)))
        rows = list(book[INSTRUCTIONS_SHEET].iter_rows(values_only=True))
        assert next(r for r in rows if len(r) > 1 and r[1] == "year")[-1] == str(year)
        listed = list(book["评估事项名录"].iter_rows(min_row=2, values_only=True))
        assert len(listed) == 12 and {r[2] for r in listed} == {plan.assessment_deadline}
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


def _pages(park: str, period: str) -> dict[str, list[str]]:
    """What the pages that show 区域评估 and key projects show at `period`, without the
    provenance notes (which datasets hold 示意 rows: a load changes them, see the README)."""
    pages = {None: {}, "targets": {}, "business": {}, "clusters": {}, "opening": {},
             "park": {"park": park}}
    return {page: [t for t in shown_texts(open_app(page, period=period, **extra))
                   if t and "按固定随机种子生成" not in t and "导入即替换" not in t]
            for page, extra in pages.items()}


def _frame(at, *columns: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def _load(root, name: str, rows: list[dict]) -> None:
    from hnparks.commands import store
    from tests.unit.test_ingest import office

    result, record = store.load(name, [(f"{name}.csv", csv_bytes(root, rows, "utf-8", name))],
                                office("张三"), None, root)
    assert record is not None, result.report()


def test_a_new_years_assessments_and_projects_leave_last_years_pages_alone(tmp_path,
                                                                           monkeypatch):
    root = tmp_path / "data"
    shutil.copytree(REPO / "data", root)
    shutil.copytree(FIXTURE_PLAN, root / "plans" / str(NEW.year))
    monkeypatch.setenv(DATA_DIR_ENV, str(root))
    projects = load_dataset("key_projects", root)
    going_on = projects[projects["planned_finish"].dt.year > 2020].iloc[0]  # into next year
    park, year = going_on["park_id"], NEW.year
    before = _pages(park, "2020-06")

    # The new year's reports: the park's twelve items (three done in January), the continuing
    # project with its new annual plan and a new one, and their January progress.
    done = {"A01", "A02", "A03"}
    _load(root, "assessments", [
        {"year": year, "park_id": park, "item_id": f"A{i:02d}", "applicable": "是",
         "start_date": f"{year - 1}-10-01",
         "completion_date": f"{year}-01-15" if f"A{i:02d}" in done else None,
         "published_date": None} for i in range(1, 13)])
    new_plans = [going_on.to_dict() | {"year": year, "plan_investment": 7.7},
                 going_on.to_dict() | {"year": year, "project_id": "K9001",
                                       "project_name": f"{year}年新开工项目（测试示例）",
                                       "plan_investment": 3.3, "total_investment": 9.9}]
    for row in new_plans:
        row.update(planned_start=f"{year}-01-01", planned_finish=f"{year + 1}-06-30")
    _load(root, "key_projects", new_plans)
    _load(root, "project_progress", [
        {"project_id": p["project_id"], "period": f"{year}-01", "status": "在建",
         "completed_investment_ytd": 0.5} for p in new_plans])
    stored = load_dataset("assessments", root)
    assert sorted(stored["year"].unique()) == [2020, year]
    assert len(stored[stored["year"] == 2020]) == len(load_dataset("assessments", REPO / "data"))
    assert len(load_dataset("key_projects", root).query("project_id == @going_on.project_id")) == 2

    # Last year's pages: every number exactly as before.
    after = _pages(park, "2020-06")
    for page, texts in after.items():
        assert texts == before[page], (page, list(Counter(texts) - Counter(before[page])),
                                       list(Counter(before[page]) - Counter(texts)))

    # Once the park's January is in, the new year's profile shows the new year's rows.
    _load(root, "park_indicators",
          [indicator_rows(root, park, "2020-01") | {"period": f"{year}-01"}])
    at = open_app("park", period=f"{year}-01", park=park)
    shown = _frame(at, "item_name", "state")
    assert len(shown) == 12 and (shown["state"] == "已完成").sum() == len(done)
    assert set(shown["completion_date"].dropna()) == {pd.Timestamp(f"{year}-01-15")}
    listed = _frame(at, "project_name", "plan_investment").set_index("project_name")
    assert sorted(listed.index) == sorted(p["project_name"] for p in new_plans)
    assert listed.loc[going_on["project_name"], "plan_investment"] == 7.7
    assert listed.loc[going_on["project_name"], "plan_rate"] == pytest.approx(0.5 / 7.7 * 100)
    assert going_on["plan_investment"] != 7.7  # last year's annual plan is another figure


def _provenance_lines(at) -> list[str]:
    """The banner's sentence and the print header: what the page says is 示意."""
    return [t for t in shown_texts(at) if "按固定随机种子生成" in t or "数据来源：官方报表" in t]


def test_a_new_years_official_rows_leave_last_years_rows_illustrative(tmp_path, monkeypatch):
    """Provenance is per dataset and year: the office's 2031 reports make 2031 official and leave
    the generated 2020 rows of the same datasets 示意 on every 2020 page; the 2031 profile lists
    only 2031's environmental problems."""
    root = tmp_path / "data"
    shutil.copytree(REPO / "data", root)
    shutil.copytree(FIXTURE_PLAN, root / "plans" / str(NEW.year))
    monkeypatch.setenv(DATA_DIR_ENV, str(root))
    park, year = "P001", NEW.year
    _load(root, "park_indicators", [indicator_rows(root, park, "2020-01") | {"period": f"{year}-01"}])
    _load(root, "env_problems", [{
        "year": year, "problem_id": "E9001", "park_id": park, "category": "废水",
        "description": f"{year}年新发现问题（测试示例）", "found_date": f"{year}-01-05",
        "deadline": f"{year}-03-31", "rectified_date": None}])
    titles = ["园区主要经济指标", "突出环境问题清单"]

    last_year = open_app("park", period="2020-06", park=park)
    lines = _provenance_lines(last_year)
    for title in titles:  # the banner's sentence names both as 示意 for 2020
        assert any(title in t and "示意数据" in t for t in lines), (title, lines)
    this_year = open_app("park", period=f"{year}-01", park=park)
    lines = _provenance_lines(this_year)
    assert lines and not [t for t in lines for title in titles if title in t], lines
    # the print header counts two datasets fewer as 示意 in 2031 than in 2020
    counts = [int(m.group(1)) for at in (last_year, this_year) for t in shown_texts(at)
              if (m := re.search(r"本页(\d+)类数据为示意数据", t)) and t.count("｜") >= 3]
    assert len(counts) == 2 and counts[0] - counts[1] == 2, counts

    listed = _frame(this_year, "category", "description")
    assert listed["description"].tolist() == [f"{year}年新发现问题（测试示例）"]
    before = _frame(last_year, "category", "description")
    assert len(before) and f"{year}年新发现问题（测试示例）" not in set(before["description"])
