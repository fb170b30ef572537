"""生态环境整治 page: coverage, overdue problems and circular-transformation targets as users see
them, checked against figures computed here from the curated parquet with pandas."""

from __future__ import annotations

import calendar
from functools import cache

import pandas as pd
import pytest

from tests.app.conftest import open_app, whole_table
from tests.rules import shown_names

DUTY_LABELS = {"sewage_treatment": "工业污水集中处理覆盖率",
               "compliant_discharge": "达标排放覆盖率", "online_monitoring": "在线监测覆盖率"}


@pytest.fixture(scope="module")
def raw(data_dir):
    read = lambda name: pd.read_parquet(data_dir / f"curated/{name}.parquet")  # noqa: E731
    parks = read("parks")
    status = read("env_status").merge(parks[["park_id", "city_code", "level"]], on="park_id")
    problems = read("env_problems").merge(parks[["park_id", "city_code"]], on="park_id")
    return {"parks": parks, "status": status, "problems": problems}


@cache
def _page(period, city=None, park=None):
    """Each context is opened once per test session (AppTest runs are slow); tests only read."""
    params = {k: v for k, v in (("city", city), ("park", park)) if v}
    return open_app("environment", period=period, **params)


def _in_scope(frame, city=None, park=None):
    if park:
        return frame[frame["park_id"] == park]
    return frame[frame["city_code"] == city] if city else frame


def _status_rows(raw, period, city=None, park=None, level=None):
    rows = _in_scope(raw["status"][raw["status"]["period"] == period], city, park)
    return rows[rows["level"] == level] if level else rows


def _pct(series) -> str:
    return f"{series.mean() * 100:.1f}%"


def _overdue(raw, period, city=None, park=None) -> pd.DataFrame:
    y, m = int(period[:4]), int(period[5:])
    end = pd.Timestamp(y, m, calendar.monthrange(y, m)[1])
    p = _in_scope(raw["problems"], city, park)
    p = p[p["found_date"] <= end]
    done = p["rectified_date"].notna() & (p["rectified_date"] <= end)
    late = p[~done & (p["deadline"] < end)]
    return late.assign(days=(end - late["deadline"]).dt.days)


def _card(at, label):
    """The column holding the card whose metric has this label: (metric value, caption texts)."""
    for col in at.columns:
        for metric in col.metric:
            if metric.label == label:
                return metric.value, [c.value for c in col.caption]
    raise AssertionError(f"no card {label!r}")


def _table(at, first_column):
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_column)


@pytest.mark.parametrize(("period", "city"), [("2020-06", None), ("2020-06", "430200"),
                                              ("2020-09", "433100")])
def test_coverage_rates_equal_the_parquet(raw, period, city):
    at = _page(period, city)
    rows = _status_rows(raw, period, city)
    for column, label in DUTY_LABELS.items():
        value, captions = _card(at, label)
        assert value == _pct(rows[column])
        assert f"已实现 {int(rows[column].sum())} / {len(rows)} 家" in captions
        assert any("目标 100%" in c for c in captions)
    all_three = rows[list(DUTY_LABELS)].all(axis=1)
    assert _card(at, "三项均已实现")[0] == _pct(all_three)
    uncovered = _table(whole_table(at, "env_uncovered"), "园区")
    assert len(uncovered) == (~all_three).sum()


@pytest.mark.parametrize(("period", "city"), [("2020-06", None), ("2020-09", "433100"),
                                              ("2020-12", None)])
def test_overdue_count_and_list_equal_the_parquet(raw, period, city):
    at = _page(period, city)
    late = _overdue(raw, period, city)
    assert _card(at, "逾期未整改")[0] == f"{len(late)}个"
    if len(late):
        table = _table(whole_table(at, "env_overdue"), "逾期天数（天）")
        assert len(table) == len(late)
        assert table["逾期天数（天）"].tolist() == sorted(late["days"], reverse=True)
    y, m = int(period[:4]), int(period[5:])
    end = pd.Timestamp(y, m, calendar.monthrange(y, m)[1])
    found = _in_scope(raw["problems"], city)
    assert _card(at, "突出环境问题")[0] == f"{(found['found_date'] <= end).sum()}个"


def test_changing_the_period_changes_coverage_and_overdue(raw):
    early, late = _page("2020-06"), _page("2020-12")
    for at, period in ((early, "2020-06"), (late, "2020-12")):
        rows = _status_rows(raw, period)
        assert _card(at, "在线监测覆盖率")[0] == _pct(rows["online_monitoring"])
        assert _card(at, "逾期未整改")[0] == f"{len(_overdue(raw, period))}个"
    assert _card(early, "在线监测覆盖率")[0] != _card(late, "在线监测覆盖率")[0]


@pytest.mark.parametrize(("period", "city"), [("2020-06", None), ("2020-12", None),
                                              ("2020-06", "430200")])
def test_circular_targets_are_compared_with_the_right_group(raw, period, city):
    at = _page(period, city)
    everyone = _status_rows(raw, period, city)["circular_transformation"]
    for level, target in (("国家级", "75%"), ("省级", "50%")):
        group = _status_rows(raw, period, city, level=level)["circular_transformation"]
        value, captions = _card(at, f"{level}园区循环化改造比例")
        assert value == _pct(group)
        assert f"{level}园区 {int(group.sum())} / {len(group)} 家已实施" in captions
        assert any(c.startswith(f"目标 {target}") for c in captions)
        # the share of the group, not of all parks in scope
        assert value != _pct(everyone)


def test_a_park_context_shows_that_park_only(raw):
    park = raw["parks"][raw["parks"]["city_code"] == "431200"].iloc[0]
    at = _page("2020-08", park=park["park_id"])
    rows = _status_rows(raw, "2020-08", park=park["park_id"])
    assert _card(at, "工业污水集中处理覆盖率")[0] == _pct(rows["sewage_treatment"])
    assert _card(at, "逾期未整改")[0] == f"{len(_overdue(raw, '2020-08', park=park['park_id']))}个"
    other = "省级" if park["level"] == "国家级" else "国家级"
    assert _card(at, f"{other}园区循环化改造比例")[0] == "—"


def test_tracking_eia_lists_parks_whose_plan_or_plan_eia_is_five_years_old(raw):
    at = _page("2020-09", "433100")
    rows = _status_rows(raw, "2020-09", "433100")
    needed = rows[(2020 - rows[["plan_approval_year", "plan_eia_year"]].min(axis=1)) >= 5]
    table = _table(whole_table(at, "env_tracking"), "跟踪评价")
    assert len(table) == len(needed)
    assert (table["已满（年）"] >= 5).all()


def test_sanxian_yidan_and_credit_evaluation_quote_the_document_and_show_progress(data_dir):
    tasks = pd.read_parquet(data_dir / "curated/tasks.parquet").set_index("task_id")
    progress = pd.read_parquet(data_dir / "curated/task_progress.parquet")
    at = _page("2020-09", "433100")
    shown = [(p.proto.value, p.proto.text) for p in at.get("progress")]
    quotes = " ".join(m.value for m in at.markdown)
    for (value, text), task_id in zip(shown, ["三(四)1", "三(四)3"], strict=True):
        assert tasks.loc[task_id, "text"] in quotes
        row = progress[(progress["task_id"] == task_id) & (progress["period"] == "2020-09")].iloc[0]
        assert value == round(row["progress_pct"])
        assert "报送进度" in text
        # The update is in full in a caption (it wraps), not cut in the bar's one-line label.
        assert f"最新进展：{row['latest_update']}" in " ".join(c.value for c in at.caption)


def test_the_full_problem_list_is_built_when_opened():
    """全部问题清单 is folded and sent only when opened; opened, it lists as many problems as its
    label says."""
    import re

    at = _page("2020-06", city="430200")
    label = next(e.label for e in at.expander if e.label.startswith("全部问题清单"))
    total = int(re.search(r"（(\d+)个", label).group(1))
    before = [tuple(d.value.columns) for d in at.dataframe]
    at.session_state["env_problem_list_open"] = True
    at.run()
    after = [d.value for d in at.dataframe]
    new = [d for d in after if tuple(d.columns) not in before]
    assert len(after) == len(before) + 1 and len(new) == 1
    assert total > 0 and len(new[0]) == total


def test_a_list_longer_than_a_page_is_paged_with_its_count(raw):
    """全省's parks not yet covered (more than a page): the first page, a note with the count,
    and every park one choice away."""
    from hnparks.core.bounded import PAGE_ROWS

    rows = _status_rows(raw, "2020-06")
    missing = int((~rows[list(DUTY_LABELS)].all(axis=1)).sum())
    assert missing > PAGE_ROWS  # else this page has nothing to page
    at = open_app("environment", period="2020-06")
    assert len(_table(at, "园区")) == PAGE_ROWS
    assert any(c.value.startswith(f"第1页/共{-(-missing // PAGE_ROWS)}页，每页{PAGE_ROWS}行（共{missing}行）")
               for c in at.caption)
    assert len(_table(whole_table(at, "env_uncovered"), "园区")) == missing


def test_the_green_park_list_lists_every_green_park(raw):
    """Beside the 绿色园区 card: every park in scope that has created a green park or is creating
    one, created first, as the parquet says."""
    at = _page("2020-06", "430100")
    rows = _status_rows(raw, "2020-06", "430100")
    green = rows[rows["green_park_status"] != "未申报"]
    assert len(green) > 0
    table = next(d.value for d in whole_table(at, "env_green").dataframe
                 if "绿色园区创建" in d.value.columns)
    names = shown_names(raw["parks"]).set_index("park_id")["park_name"]  # as shown: （待核）
    assert sorted(table["园区"]) == sorted(names[green["park_id"]])
    created = (table["绿色园区创建"] == "已创建").tolist()
    assert created == sorted(created, reverse=True)  # created first
