"""Pandera schemas, one per curated dataset: the contract loading and ingest enforce."""

from __future__ import annotations

from typing import Optional

import pandera.pandas as pa
from pandera.typing import Series

PARK_ID = r"^P\d{3,5}$"  # P001..P144 today; up to 99,999 parks at scale
PERIOD = r"^20\d{2}-(0[1-9]|1[0-2])$"
CITY_CODE = r"^43\d{4}$"
CLUSTER_ID = r"^C\d{2}$"


class _Strict(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True


# ---- official dimensions (from the document and public records) -------------------------

class Cities(_Strict):
    city_code: Series[str] = pa.Field(str_matches=CITY_CODE, unique=True)
    city_name: Series[str]
    city_short: Series[str]


class Counties(_Strict):
    county_code: Series[str] = pa.Field(str_matches=r"^43\d{4}$", unique=True)
    county_name: Series[str]
    city_code: Series[str] = pa.Field(str_matches=CITY_CODE)
    lon: Series[float] = pa.Field(in_range={"min_value": 108, "max_value": 115})
    lat: Series[float] = pa.Field(in_range={"min_value": 24, "max_value": 31})


class Clusters(_Strict):
    year: Series[int]
    cluster_id: Series[str] = pa.Field(str_matches=CLUSTER_ID)
    cluster_name: Series[str]
    tier: Series[str] = pa.Field(isin=["世界级产业集群", "国内具有重要影响力的产业集群"])
    center_cities: Series[str] = pa.Field(nullable=True)
    competition_note: Series[str] = pa.Field(nullable=True)
    leading_firms: Series[str] = pa.Field(nullable=True)

    class Config:
        unique = ["year", "cluster_id"]  # ids are per plan year (data/plans/<year>/)


class Targets(_Strict):
    year: Series[int]
    target_id: Series[str]
    section: Series[str]
    indicator: Series[str]
    unit: Series[str]
    value: Series[float] = pa.Field(gt=0)
    comparator: Series[str] = pa.Field(isin=[">=", "≈"])
    deadline: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}$")
    quote: Series[str]
    lead_departments: Series[str]
    metric_key: Series[str]
    scope: Series[str] = pa.Field(nullable=True)
    pacing: Series[str] = pa.Field(
        isin=["seasonal", "baseline", "projection", "deadline", "milestones"])
    # How a count or a deadline the document does not state was read (推定): empty when stated.
    value_basis: Optional[Series[str]] = pa.Field(nullable=True)  # noqa: UP045 (pandera)
    deadline_basis: Optional[Series[str]] = pa.Field(nullable=True)  # noqa: UP045 (pandera)

    class Config:
        unique = ["year", "target_id"]

    @pa.dataframe_check
    def one_target_per_metric_and_year(cls, frame):  # noqa: N805 (pandera passes the class)
        return ~frame.duplicated(["year", "metric_key"], keep=False)


class Tasks(_Strict):
    year: Series[int]
    task_id: Series[str]
    section_no: Series[str]
    section_title: Series[str]
    task_no: Series[int] = pa.Field(ge=1)
    text: Series[str]
    lead_departments: Series[str]
    lead_note: Series[str]
    deadline: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}$")
    deadline_basis: Series[str]

    class Config:
        unique = ["year", "task_id"]


class AssessmentItems(_Strict):
    year: Series[int]
    item_id: Series[str] = pa.Field(str_matches=r"^A\d{2}$")
    item_name: Series[str]
    deadline: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}$")
    lead_departments: Series[str]
    quote: Series[str]

    class Config:
        unique = ["year", "item_id"]


class ReformItems(_Strict):
    year: Series[int]
    reform_id: Series[str] = pa.Field(str_matches=r"^R\d{2}$")
    section: Series[str]
    task_id: Series[str]
    reform_name: Series[str]
    quote: Series[str]
    lead_departments: Series[str]

    class Config:
        unique = ["year", "reform_id"]


# ---- roster ------------------------------------------------------------------------------

class Parks(_Strict):
    park_id: Series[str] = pa.Field(str_matches=PARK_ID, unique=True)
    park_name: Series[str] = pa.Field(unique=True)
    city_code: Series[str] = pa.Field(str_matches=CITY_CODE)
    county_code: Series[str]
    level: Series[str] = pa.Field(isin=["国家级", "省级"])
    park_type: Series[str]
    name_provenance: Series[str] = pa.Field(isin=["official", "illustrative"])
    # A public-record name checked against an official roster (national_parks.csv `verified`;
    # every row of a roster the office loads). Unchecked official names show 待核.
    name_verified: Series[bool]
    cluster_ids: Series[str] = pa.Field(nullable=True)
    approved_area_km2: Series[float] = pa.Field(gt=0)
    leading_industries: Series[str]
    lon: Series[float] = pa.Field(in_range={"min_value": 108, "max_value": 115})
    lat: Series[float] = pa.Field(in_range={"min_value": 24, "max_value": 31})


class SpecialtyParks(_Strict):
    specialty_id: Series[str] = pa.Field(unique=True)
    specialty_name: Series[str]
    park_id: Series[str] = pa.Field(str_matches=PARK_ID)
    cluster_id: Series[str] = pa.Field(nullable=True)
    leading_industry: Series[str]
    approved_date: Series[pa.DateTime]


class Enterprises(_Strict):
    enterprise_name: Series[str]
    cluster_id: Series[str] = pa.Field(str_matches=CLUSTER_ID)
    park_id: Series[str] = pa.Field(str_matches=PARK_ID)
    city_code: Series[str] = pa.Field(str_matches=CITY_CODE)


class KeyProjects(_Strict):
    year: Series[int]  # the plan year whose annual plan (plan_investment) the row is
    project_id: Series[str]
    project_name: Series[str]
    category: Series[str] = pa.Field(isin=["重大产业项目", "重大科技创新项目", "重大产品创新项目"])
    park_id: Series[str] = pa.Field(str_matches=PARK_ID)
    cluster_id: Series[str] = pa.Field(nullable=True)
    total_investment: Series[float] = pa.Field(gt=0)
    plan_investment: Series[float] = pa.Field(ge=0)
    planned_start: Series[pa.DateTime]
    planned_finish: Series[pa.DateTime]

    class Config:
        unique = ["year", "project_id"]  # a project may continue into next year's plan


class CityTargetAllocation(_Strict):
    year: Series[int]
    target_id: Series[str]
    city_code: Series[str] = pa.Field(str_matches=CITY_CODE)
    value: Series[float] = pa.Field(ge=0)


# ---- monthly facts -----------------------------------------------------------------------

class _ParkMonth(_Strict):
    park_id: Series[str] = pa.Field(str_matches=PARK_ID)
    period: Series[str] = pa.Field(str_matches=PERIOD)

    class Config:
        unique = ["park_id", "period"]


class ParkIndicators(_ParkMonth):
    revenue_ytd: Series[float] = pa.Field(ge=0)
    tax_ytd: Series[float] = pa.Field(ge=0)
    output_ytd: Series[float] = pa.Field(ge=0)
    investment_ytd: Series[float] = pa.Field(ge=0)
    export_ytd: Series[float] = pa.Field(ge=0)
    industrial_land_mu: Series[float] = pa.Field(ge=0)
    above_scale_firms: Series[int] = pa.Field(ge=0)
    hightech_firms: Series[int] = pa.Field(ge=0)


class LandUse(_ParkMonth):
    turnover_land_mu: Series[float] = pa.Field(ge=0)
    inefficient_land_mu: Series[float] = pa.Field(ge=0)
    inefficient_redeveloped_mu_ytd: Series[float] = pa.Field(ge=0)
    standard_land_parcels_ytd: Series[int] = pa.Field(ge=0)
    standard_land_mu_ytd: Series[float] = pa.Field(ge=0)


class Attraction(_ParkMonth):
    projects_signed_ytd: Series[int] = pa.Field(ge=0)
    projects_started_ytd: Series[int] = pa.Field(ge=0)
    signed_investment_ytd: Series[float] = pa.Field(ge=0)
    top500_introduced_ytd: Series[int] = pa.Field(ge=0)


class EnvStatus(_ParkMonth):
    sewage_treatment: Series[bool]
    compliant_discharge: Series[bool]
    online_monitoring: Series[bool]
    circular_transformation: Series[bool]
    green_park_status: Series[str] = pa.Field(isin=["未申报", "创建中", "已创建"])
    plan_approval_year: Series[int] = pa.Field(in_range={"min_value": 1990, "max_value": 2030})
    plan_eia_year: Series[int] = pa.Field(in_range={"min_value": 1990, "max_value": 2030})
    tracking_eia_status: Series[str] = pa.Field(isin=["不适用", "未开展", "进行中", "已完成"])
    env_credit_pilot: Series[bool]


class ClusterOutput(_Strict):
    park_id: Series[str] = pa.Field(str_matches=PARK_ID)
    cluster_id: Series[str] = pa.Field(str_matches=CLUSTER_ID)
    chain_stage: Series[str] = pa.Field(isin=["上游", "中游", "下游"])
    chain_segment: Series[str]
    period: Series[str] = pa.Field(str_matches=PERIOD)
    output_ytd: Series[float] = pa.Field(ge=0)
    enterprises: Series[int] = pa.Field(ge=0)

    class Config:
        unique = ["park_id", "cluster_id", "chain_segment", "period"]


class SpecialtyOutput(_Strict):
    specialty_id: Series[str]
    period: Series[str] = pa.Field(str_matches=PERIOD)
    output_ytd: Series[float] = pa.Field(ge=0)

    class Config:
        unique = ["specialty_id", "period"]


class ProjectProgress(_Strict):
    project_id: Series[str]
    period: Series[str] = pa.Field(str_matches=PERIOD)
    status: Series[str] = pa.Field(isin=["未开工", "在建", "竣工投产"])
    completed_investment_ytd: Series[float] = pa.Field(ge=0)

    class Config:
        unique = ["project_id", "period"]


class EnvProblems(_Strict):
    # The plan year whose problem list the row belongs to: a problem still open at year-end is
    # reported again in next year's list (same problem_id, next year), so years never mix.
    year: Series[int]
    problem_id: Series[str]
    park_id: Series[str] = pa.Field(str_matches=PARK_ID)
    category: Series[str]
    description: Series[str]
    found_date: Series[pa.DateTime]
    deadline: Series[pa.DateTime]
    rectified_date: Series[pa.DateTime] = pa.Field(nullable=True)

    class Config:
        unique = ["year", "problem_id"]


class Assessments(_Strict):
    year: Series[int]  # the plan year the item belongs to (data/plans/<year>/assessment_items)
    park_id: Series[str] = pa.Field(str_matches=PARK_ID)
    item_id: Series[str] = pa.Field(str_matches=r"^A\d{2}$")
    applicable: Series[bool]
    start_date: Series[pa.DateTime] = pa.Field(nullable=True)
    completion_date: Series[pa.DateTime] = pa.Field(nullable=True)
    published_date: Series[pa.DateTime] = pa.Field(nullable=True)

    class Config:
        unique = ["year", "park_id", "item_id"]


class TaskProgress(_Strict):
    task_id: Series[str]
    period: Series[str] = pa.Field(str_matches=PERIOD)
    progress_pct: Series[float] = pa.Field(in_range={"min_value": 0, "max_value": 100})
    latest_update: Series[str]

    class Config:
        unique = ["task_id", "period"]


class ReformProgress(_Strict):
    reform_id: Series[str]
    period: Series[str] = pa.Field(str_matches=PERIOD)
    progress_pct: Series[float] = pa.Field(in_range={"min_value": 0, "max_value": 100})
    evidence_note: Series[str]

    class Config:
        unique = ["reform_id", "period"]


class EfficiencyInputs(_ParkMonth):
    """亩均效益评价的能耗与研发投入（园区 × 月，当年累计）。"""

    energy_tce_ytd: Series[float] = pa.Field(ge=0)
    rd_expense_ytd: Series[float] = pa.Field(ge=0)


class TaskMilestones(_Strict):
    """重点任务的里程碑：文件原文的工作节点、期限、启动与完成日期、佐证。"""

    year: Series[int] = pa.Field(in_range={"min_value": 2000, "max_value": 2100})
    milestone_id: Series[str] = pa.Field(str_matches=r"^M\d{2,4}$", unique=True)
    task_id: Series[str]
    milestone: Series[str]
    subject: Series[str] = pa.Field(nullable=True)
    target_id: Series[str] = pa.Field(nullable=True, str_matches=r"^T\d{2}$")
    deadline: Series[pa.DateTime]
    deadline_basis: Series[str]
    started_date: Series[pa.DateTime] = pa.Field(nullable=True)
    completed_date: Series[pa.DateTime] = pa.Field(nullable=True)
    evidence: Series[str] = pa.Field(nullable=True)


class ParkPlatforms(_Strict):
    """园区的外贸转型升级基地、功能性总部与创新平台（一行一个，含认定日期）。"""

    platform_id: Series[str] = pa.Field(str_matches=r"^B\d{3,5}$", unique=True)
    park_id: Series[str] = pa.Field(str_matches=PARK_ID)
    kind: Series[str] = pa.Field(isin=[
        "外贸转型升级基地", "企业区域总部", "采购中心", "结算中心", "研发中心", "工业互联网平台",
        "产业创新服务综合体", "潇湘科技要素大市场分市场（工作站）", "知识产权综合服务分中心"])
    platform_name: Series[str]
    recognised_date: Series[pa.DateTime]


class StandardLandPlan(_Strict):
    """各市州年度标准地供应计划（亩）。"""

    year: Series[int] = pa.Field(in_range={"min_value": 2000, "max_value": 2100})
    city_code: Series[str] = pa.Field(str_matches=CITY_CODE)
    plan_mu: Series[float] = pa.Field(ge=0)

    class Config:
        unique = ["year", "city_code"]


SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "cities": Cities, "counties": Counties, "clusters": Clusters, "targets": Targets,
    "tasks": Tasks, "assessment_items": AssessmentItems, "reform_items": ReformItems,
    "parks": Parks, "specialty_parks": SpecialtyParks, "enterprises": Enterprises,
    "key_projects": KeyProjects, "city_target_allocation": CityTargetAllocation,
    "park_indicators": ParkIndicators, "land_use": LandUse, "attraction": Attraction,
    "env_status": EnvStatus, "cluster_output": ClusterOutput,
    "specialty_output": SpecialtyOutput, "project_progress": ProjectProgress,
    "env_problems": EnvProblems, "assessments": Assessments, "task_progress": TaskProgress,
    "reform_progress": ReformProgress,
    "efficiency_inputs": EfficiencyInputs, "task_milestones": TaskMilestones,
    "park_platforms": ParkPlatforms, "standard_land_plan": StandardLandPlan,
}
