"""Every import is held to the cross-dataset checks: a report that breaks one is refused with a
Chinese message naming the park (or project, task), the month and both values, and nothing
already loaded changes. Also: the datasets the office supplies itself load and roll back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from hnparks.commands import store
from hnparks.commands.ingest import REPORTABLE
from hnparks.core.access import Identity
from hnparks.core.parks import PENDING_MARK, with_marked_names
from hnparks.core.periods import period_label
from hnparks.core.schemas import SCHEMAS
from hnparks.data.loading import load_dataset
from hnparks.derived.indicator_store import build_store
from tests.unit.test_ingest import REPO_DATA, curated, digest, xlsx

USER = Identity("office", "省园区办 测试", "admin")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A private copy of data/ (the repository's data/ is never written by tests)."""
    shutil.copytree(REPO_DATA, tmp_path / "data", ignore=shutil.ignore_patterns("geo"))
    return tmp_path / "data"


def _refused(root, name: str, rows: list[dict], *expected: str) -> str:
    """Load `rows` as a report of `name`; it must be refused with every `expected` text in
    its message, and leave every dataset as it was. Returns the message."""
    before = digest(root)
    result, record = store.load(name, [(f"{name}.xlsx", xlsx(root, rows, name))], USER, None,
                                root)
    message = result.report()
    assert record is None, message
    assert "与已有数据不一致" in message, message
    for text in expected:
        assert text in message, (text, message)
    assert digest(root) == before
    return message


def _yi(value: float) -> str:
    return f"{value:,.1f}亿元"


def test_a_specialty_park_moved_to_a_smaller_host(root):
    output = curated(root, "specialty_output")
    facts = curated(root, "park_indicators")
    specialty = curated(root, "specialty_parks").iloc[0]
    month = "2020-06"
    own = output[(output.specialty_id == specialty.specialty_id) & (output.period == month)]
    small = facts[facts.period == month].sort_values("output_ytd").iloc[0]
    assert own.output_ytd.iloc[0] > small.output_ytd
    row = specialty.to_dict() | {"park_id": small.park_id}
    _refused(root, "specialty_parks", [row], specialty.specialty_name, period_label(month),
             _yi(own.output_ytd.iloc[0]))


def test_an_approved_area_smaller_than_the_industrial_land(root):
    park = curated(root, "parks").iloc[0]
    land = curated(root, "park_indicators").query("park_id == @park.park_id")
    row = park.to_dict() | {"approved_area_km2": 0.5}
    worst = land.sort_values("industrial_land_mu").iloc[-1]
    _refused(root, "parks", [row], park.park_name, "0.5平方公里", "750亩",
             f"{worst.industrial_land_mu:,.0f}亩")


def test_a_completed_project_whose_plan_is_raised_far_beyond_what_it_spent(root):
    progress = curated(root, "project_progress")
    done = progress[progress.status == "竣工投产"].iloc[0]
    project = curated(root, "key_projects").query("project_id == @done.project_id").iloc[0]
    plan = round(done.completed_investment_ytd * 10 + 10, 1)
    _refused(root, "key_projects", [project.to_dict() | {"plan_investment": plan}],
             project.project_name, "竣工投产", _yi(plan))


def test_tax_growth_far_above_revenue_growth(root):
    row = curated(root, "park_indicators").query("park_id == 'P001' and period == '2020-12'")
    row = row.iloc[0].to_dict()
    row["tax_ytd"] = round(row["tax_ytd"] + 1500, 2)
    _refused(root, "park_indicators", [row], "2020年全省园区税收增长", "技工贸总收入增长")


def test_a_2019_base_far_below_the_starting_point_of_14_thousand_yi_parks(root):
    facts = curated(root, "park_indicators")
    big = facts[(facts.period == "2019-12") & (facts.revenue_ytd >= 1000)].park_id
    rows = facts[facts.park_id.isin(big) & facts.period.str.startswith("2019")].copy()
    rows["revenue_ytd"] = rows["revenue_ytd"].clip(upper=999.0)  # still rising month to month
    _refused(root, "park_indicators", rows.to_dict("records"), "2019年12月末千亿园区0家",
             "2020年目标14家")


def test_provincial_parks_overtaking_the_national_ones_on_tax_per_mu(root):
    facts = curated(root, "park_indicators")
    provincial = curated(root, "parks").query("level == '省级'").park_id
    rows = facts[(facts.period == "2020-12") & facts.park_id.isin(provincial)].copy()
    rows["tax_ytd"] = (rows["tax_ytd"] * 6).round(2)
    message = _refused(root, "park_indicators", rows.to_dict("records"),
                       "国家级园区亩均税收中位数")
    assert "低于省级园区的" in message and "2020年12月" in message


def test_a_task_reported_done_while_its_indicator_is_short(root):
    data = {name: load_dataset(name, root) for name in SCHEMAS}
    rows = build_store(data).merge(data["targets"][["target_id", "section", "indicator"]])
    short = rows[(rows.level == "province") & rows.value.notna() & (rows.value < rows.target)
                 & rows.section.isin(data["tasks"].task_id)].iloc[0]
    report = data["task_progress"].query("task_id == @short.section and period == @short.period")
    row = report.iloc[0].to_dict() | {"progress_pct": 100.0}
    _refused(root, "task_progress", [row], f"任务{short.section}", period_label(short.period),
             short.indicator, "报送进度100%")


# ---- the datasets the office supplies itself --------------------------------------------------

@pytest.mark.parametrize("name", ["parks", "specialty_parks", "land_use", "reform_progress",
                                  "city_target_allocation", "key_projects"])
def test_office_datasets_load_official_and_roll_back(root, name):
    assert name in REPORTABLE
    before = digest(root)
    rows = curated(root, name).head(3).to_dict("records")
    result, record = store.load(name, [(f"{name}.xlsx", xlsx(root, rows, name))], USER, None,
                                root)
    assert record is not None, result.report()
    assert record.rows_replaced == 3 and record.rows_added == 0
    assert digest(root) != before
    store.rollback(name, USER, root=root)
    assert digest(root) == before


def test_an_official_roster_confirms_the_names_it_lists(root):
    parks = curated(root, "parks")
    national = parks[parks.level == "国家级"]
    assert with_marked_names(parks).loc[national.index, "park_name"].str.endswith(
        PENDING_MARK).all()
    first = national.iloc[0].to_dict()
    result, record = store.load("parks", [("名录.xlsx", xlsx(root, [first], "parks"))], USER,
                                None, root)
    assert record is not None, result.report()
    shown = with_marked_names(curated(root, "parks")).set_index("park_id")["park_name"]
    assert shown[first["park_id"]] == first["park_name"]  # confirmed: no 待核
    assert shown[national.iloc[1]["park_id"]].endswith(PENDING_MARK)  # not in the file


def test_a_city_split_for_another_year_or_an_unknown_target_is_refused(root):
    row = curated(root, "city_target_allocation").iloc[0].to_dict()
    for bad, text in (({"year": 2031}, "不是工作要点年度"), ({"target_id": "T99"}, "不在目标台账中")):
        result, record = store.load("city_target_allocation",
                                    [("分解.xlsx", xlsx(root, [row | bad],
                                                      "city_target_allocation"))],
                                    USER, None, root)
        assert record is None and text in result.report(), result.report()


def test_roster_rows_keep_their_types(root):
    before = curated(root, "parks")
    rows = before.head(2).to_dict("records")
    store.load("parks", [("名录.xlsx", xlsx(root, rows, "parks"))], USER, None, root)
    after = curated(root, "parks")
    assert list(after.columns) == list(before.columns)
    assert after["name_verified"].head(2).all() and not after["name_verified"].iloc[2:].any()
    pd.testing.assert_frame_equal(after.drop(columns=["name_verified"]).iloc[2:],
                                  before.drop(columns=["name_verified"]).iloc[2:])


def test_a_task_reported_done_while_a_milestone_is_open(root):
    milestones = curated(root, "task_milestones")
    open_ = milestones[milestones.completed_date.isna()].iloc[0]
    report = curated(root, "task_progress").query("task_id == @open_.task_id")
    row = report.sort_values("period").iloc[-1].to_dict() | {"progress_pct": 100.0}
    _refused(root, "task_progress", [row], f"任务{open_.task_id}", period_label(row["period"]),
             open_.milestone, "尚未完成")


def test_a_milestone_completed_before_it_started(root):
    milestone = curated(root, "task_milestones").dropna(subset=["started_date"]).iloc[0]
    row = {k: (v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else
               None if pd.isna(v) else v) for k, v in milestone.to_dict().items()}
    early = (milestone.started_date - pd.Timedelta(days=10)).strftime("%Y-%m-%d")
    row["completed_date"] = early
    _refused(root, "task_milestones", [row], f"里程碑{milestone.milestone_id}", early,
             milestone.started_date.strftime("%Y-%m-%d"))
