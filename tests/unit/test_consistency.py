"""Cross-dataset checks: the committed data passes all; data that breaks one gets a Chinese
finding naming the park (or task), the month and both values."""

from __future__ import annotations

import pandas as pd
import pytest

from hnparks.derived import consistency as cc
from hnparks.derived.indicator_store import STORE


@pytest.fixture
def data(committed_data):
    """The committed datasets, a fresh mapping for each test (each breaks one rule in it)."""
    return {name: frame.copy(deep=False) for name, frame in committed_data.frames.items()}


def test_the_committed_data_passes_every_check(data, store):
    assert cc.check_all({**data, STORE: store}) == []


def test_a_specialty_park_bigger_than_its_host(data):
    first = data["specialty_parks"].iloc[0]
    output = data["specialty_output"]
    rows = (output["specialty_id"] == first["specialty_id"]) & (output["period"] == "2020-06")
    output.loc[rows, "output_ytd"] = 99_999.0
    found = cc.specialty_within_host(data)
    assert len(found) == 1 and found[0].period == "2020-06"
    host = data["parks"].set_index("park_id").loc[first["park_id"], "park_name"]
    assert first["specialty_name"] in found[0].message and host in found[0].message
    assert "99,999.0亿元" in found[0].message and "2020年6月" in found[0].message


def test_industrial_land_beyond_the_approved_area(data):
    parks = data["parks"]
    parks.loc[0, "approved_area_km2"] = 1.0
    found = cc.land_within_area(data)
    assert found and {f.subject for f in found} == {parks.loc[0, "park_name"]}
    assert "超过核准面积1平方公里（1,500亩）" in found[0].message


def test_a_completed_project_that_spent_little(data):
    progress = data["project_progress"]
    row = progress.index[progress["status"] == "在建"][0]
    progress.loc[row, ["status", "completed_investment_ytd"]] = ["竣工投产", 0.1]
    found = cc.completed_projects_spent(data)
    assert len(found) == 1 and "报竣工投产" in found[0].message and "0.1亿元" in found[0].message


def test_tax_growing_far_faster_than_revenue(data):
    facts = data["park_indicators"]
    facts.loc[facts["period"] == "2020-12", "tax_ytd"] *= 1.5
    found = cc.tax_growth_near_revenue(data)
    assert len(found) == 1 and "2020年全省园区税收增长" in found[0].message


def test_too_few_thousand_yi_parks_in_the_base_year(data):
    facts = data["park_indicators"]
    facts.loc[facts["period"] == "2019-12", "revenue_ytd"] = 10.0
    found = cc.thousand_yi_base(data)
    assert len(found) == 1 and "2019年12月末千亿园区0家" in found[0].message


def test_national_parks_behind_on_tax_per_mu(data):
    facts = data["park_indicators"].merge(data["parks"][["park_id", "level"]])
    national = (facts["level"] == "国家级") & (facts["period"] == "2020-12")
    data["park_indicators"].loc[national.to_numpy(), "tax_ytd"] = 0.01
    found = cc.national_parks_lead_tax_per_mu(data)
    assert [f.period for f in found] == ["2020-12"]


def test_a_task_reported_done_while_its_indicators_are_short(data):
    progress = data["task_progress"]
    rows = (progress["task_id"] == "三(四)2") & (progress["period"] == "2020-06")
    progress.loc[rows, "progress_pct"] = 100.0
    found = cc.tasks_agree_with_indicators(data)
    assert found and {f.subject for f in found} == {"三(四)2"}
    assert "报送进度100%" in found[0].message and "覆盖率" in found[0].message
    assert isinstance(found[0], cc.Finding) and pd.notna(found[0].period)


def test_a_task_reported_done_with_a_milestone_still_open(data):
    progress, milestones = data["task_progress"], data["task_milestones"]
    task = "三(一)1"
    progress.loc[(progress["task_id"] == task) & (progress["period"] == "2020-07"),
                 "progress_pct"] = 100.0
    found = [f for f in cc.tasks_agree_with_milestones(data) if f.period == "2020-07"]
    wording = milestones.loc[milestones["task_id"] == task, "milestone"].iloc[0]
    assert len(found) == 1 and found[0].subject == task
    assert wording in found[0].message and "2020年7月" in found[0].message


def test_a_milestone_done_before_it_started(data):
    milestones = data["task_milestones"]
    milestones.loc[0, "completed_date"] = milestones.loc[0, "started_date"] - pd.Timedelta(days=3)
    found = cc.tasks_agree_with_milestones(data)
    assert [f.subject for f in found] == [milestones.loc[0, "milestone_id"]]


def test_a_specialty_park_bigger_than_its_industry_in_the_host(data):
    specialty = data["specialty_parks"].dropna(subset=["cluster_id"]).iloc[0]
    cluster = data["cluster_output"]
    rows = ((cluster["park_id"] == specialty["park_id"])
            & (cluster["cluster_id"] == specialty["cluster_id"]) & (cluster["period"] == "2020-06"))
    industry = cluster.loc[rows, "output_ytd"].sum()
    output = data["specialty_output"]
    at = (output["specialty_id"] == specialty["specialty_id"]) & (output["period"] == "2020-06")
    output.loc[at, "output_ytd"] = round(industry + 1, 2)
    found = cc.specialty_within_industry(data)
    assert [(f.subject, f.period) for f in found] == [(specialty["specialty_name"], "2020-06")]
    name = data["clusters"].set_index("cluster_id").loc[specialty["cluster_id"], "cluster_name"]
    assert f"{name}产值{industry:,.1f}亿元" in found[0].message
    assert cc.specialty_within_host(data) == []  # still within the whole host park


def test_a_project_finishing_before_it_starts(data):
    projects = data["key_projects"]
    projects.loc[4, "planned_finish"] = projects.loc[4, "planned_start"] - pd.Timedelta(days=1)
    found = cc.projects_start_before_finish(data)
    assert [f.subject for f in found] == [projects.loc[4, "project_name"]]
    assert "早于计划开工日期" in found[0].message


def test_more_standard_land_than_land_added_and_redeveloped(data):
    land = data["land_use"]
    park = data["parks"].loc[0, "park_id"]
    rows = (land["park_id"] == park) & (land["period"] >= "2020-09")
    land.loc[rows, "standard_land_mu_ytd"] = 999_999.0
    found = cc.standard_land_within_land_added(data)
    name = data["parks"].loc[0, "park_name"]
    assert [(f.subject, f.period) for f in found] == [(name, "2020-09")]  # first month only
    assert "累计出让标准地999,999亩" in found[0].message


def test_every_flow_growing_at_one_rate_is_a_note(data):
    facts = data["park_indicators"]
    revenue = facts["revenue_ytd"]
    for column in ["output_ytd", "tax_ytd", "investment_ytd", "export_ytd"]:
        facts[column] = revenue * 0.1  # every flow a copy of revenue: one growth rate
    found = cc.flow_growth_spread(data)
    assert [f.period for f in found] == ["2020-12"] and found[0].severity == cc.NOTE
    assert "过窄" in found[0].message and "0.0个百分点" in found[0].message


def test_flows_growing_implausibly_apart_is_a_note(data):
    facts = data["park_indicators"]
    facts.loc[facts["period"] == "2020-12", "export_ytd"] *= 100  # 万元 reported as 亿元
    found = cc.flow_growth_spread(data)
    assert [f.period for f in found] == ["2020-12"] and "过宽" in found[0].message


def test_a_project_completing_without_land_added_is_a_note(data):
    progress, projects = data["project_progress"], data["key_projects"]
    done = progress[progress["status"] == "竣工投产"].sort_values("period").iloc[0]
    project = projects.set_index("project_id").loc[done["project_id"]]
    assert cc.land_grows_with_completed_projects(data) == []  # the committed land steps
    facts = data["park_indicators"]
    park = facts["park_id"] == project["park_id"]
    before = facts.loc[park & (facts["period"] < done["period"]), "period"].max()
    flat = facts.loc[park & (facts["period"] == before), "industrial_land_mu"].iloc[0]
    facts.loc[park & (facts["period"] == done["period"]), "industrial_land_mu"] = flat
    found = cc.land_grows_with_completed_projects(data)
    assert [(f.subject, f.period) for f in found] == [(project["project_name"], done["period"])]
    assert found[0].severity == cc.NOTE and f"{flat:,.0f}亩" in found[0].message


def test_a_load_is_blamed_only_for_what_it_breaks_as_the_data_change(tmp_path, data_dir):
    """A load is blamed for a broken rule only when the data did not break it before, and
    what was broken before is looked up afresh whenever a file changes (it is remembered per
    file content, so a check and its commit need not compute it twice)."""
    import shutil

    from hnparks.data.loading import dataset_path, load_dataset

    root = tmp_path / "data"
    shutil.copytree(data_dir, root, ignore=shutil.ignore_patterns("geo", "versions"))
    clean = load_dataset("key_projects", root)
    broken = clean.copy()
    broken.loc[4, "planned_finish"] = broken.loc[4, "planned_start"] - pd.Timedelta(days=1)

    def blamed() -> list[str]:
        found, _ = cc.findings_of_load("key_projects", broken, root)
        return [f.subject for f in found if "早于计划开工日期" in f.message]

    assert blamed() == [clean.loc[4, "project_name"]]
    broken.to_parquet(dataset_path("key_projects", root))  # now the data break it already
    assert blamed() == []
    clean.to_parquet(dataset_path("key_projects", root))  # and now they no longer do
    assert blamed() == [clean.loc[4, "project_name"]]
