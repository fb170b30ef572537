"""Each year's work points as data: a plan folder `data/plans/<year>/` holding the document's
identity and time settings (`plan.toml`) and its tables (CSV, the document word for word).

No year lives in code: titles, issue dates, reporting months and deadlines are read from the plan
of the year in view. Plans are re-read when a plan folder changes (keyed by file versions), so a
new year's folder shows without a restart.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from hnparks.core.paths import data_dir
from hnparks.core.periods import date_label, period_range, year_of
from hnparks.core.tables import read_table
from hnparks.plans.folder import PLAN_FIELDS, PLAN_FILE, read_plan_file

log = logging.getLogger(__name__)
# Curated datasets that are a plan's tables: read from every loaded plan (each row carries its
# year), so a new plan folder shows without a build. Datasets with a year column are seen per year.
PLAN_DATASETS = ("clusters", "targets", "tasks", "assessment_items", "reform_items")
YEARLY_DATASETS = (*PLAN_DATASETS, "task_milestones", "city_target_allocation",
                   "standard_land_plan", "assessments", "key_projects", "env_problems")


@dataclass(frozen=True)
class Plan:
    """One year's work points: the document's identity and the months it is tracked over."""

    year: int
    doc_no: str  # 文号, e.g. 湘园区〔…〕1号
    title: str  # the document's title, without book-title marks
    issuer: str  # 印发单位
    issue_date: str  # 印发日期 YYYY-MM-DD; tasks' time elapsed runs from it
    first_period: str  # first reporting month YYYY-MM
    last_period: str  # last reporting month (the year-end target month)
    data_from: str  # first month of facts (the year before gives 同比 bases)
    assessment_deadline: str  # YYYY-MM-DD, the deadline of the assessment items
    path: Path

    @property
    def document(self) -> str:
        """文号《标题》, as the pages cite it."""
        return f"{self.doc_no}《{self.title}》"

    @property
    def base_year(self) -> int:
        """The year before the plan year (同比基数)."""
        return self.year - 1

    @property
    def year_end(self) -> str:
        """The plan year's last day (YYYY-MM-DD)."""
        return f"{self.year:04d}-12-31"

    @property
    def target_label(self) -> str:
        """'<year>年底目标', the annotation on a chart's 100% line."""
        return f"{self.year}年底目标"

    def catalog_fields(self) -> dict[str, str]:
        """What data/catalog.yaml's placeholders ({文号}, {年度}, …) stand for in this plan."""
        return {"文号": self.doc_no, "文件": self.document, "年度": str(self.year),
                "上年": str(self.base_year), "评估期限": date_label(self.assessment_deadline),
                "数据起": self.data_from, "报告止": self.last_period}

    def table(self, name: str) -> pd.DataFrame:
        """One of the plan's tables, e.g. `plan.table("tasks")` (empty cells → None)."""
        return read_table(self.path / f"{name}.csv")

    def reporting_periods(self) -> list[str]:
        return period_range(self.first_period, self.last_period)

    def fact_periods(self) -> list[str]:
        """The months of facts the plan is tracked over (`data_from` … `last_period`)."""
        return period_range(self.data_from, self.last_period)


def plans_dir(root: Path | None = None) -> Path:
    return (root or data_dir()) / "plans"


def load_plan(folder: Path) -> Plan:
    """The plan in `folder` (its plan.toml; the tables are read on demand)."""
    raw = read_plan_file(folder)
    return Plan(**{k: kind(raw[k]) for k, kind in PLAN_FIELDS.items()}, path=folder)


def _folders(root: Path | None) -> list[Path]:
    base = plans_dir(root)
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if (p / PLAN_FILE).is_file())


def plans_version(root: Path | None = None) -> tuple[tuple[str, int, int], ...]:
    """Cache key of the plans as stored: every file's name, mtime and size."""
    out = []
    for f in plan_files(root):
        stat = f.stat()
        out.append((str(f), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def plan_files(root: Path | None = None) -> list[Path]:
    """Every file of every plan folder, in a stable order (what the plans are read from)."""
    return [f for folder in _folders(root) for f in sorted(folder.iterdir()) if f.is_file()]


# `plan check` verdicts by the digest of a folder's files (names and bytes): the same bytes get
# the same verdict, so a copy of the data directory (a staging copy, a test's) is not checked
# again. None: the folder passes; else its first problem.
_VERDICTS: OrderedDict[str, str | None] = OrderedDict()
_VERDICTS_KEPT = 32
_VERDICTS_LOCK = threading.Lock()  # the app's sessions read plans in threads of one process


def _folder_digest(folder: Path) -> str:
    """SHA-256 over the folder's name and each file's name, length and bytes."""
    digest = hashlib.sha256(folder.name.encode("utf-8") + b"\0")
    for f in sorted(folder.iterdir()):
        if f.is_file():
            content = f.read_bytes()
            digest.update(f"{f.name}\0{len(content)}\0".encode())
            digest.update(content)
    return digest.hexdigest()


def plans_digest(plans: list[Plan]) -> str:
    """A key of what the plans' tables hold: the digest of each folder's names and bytes."""
    return hashlib.sha256("".join(_folder_digest(p.path) for p in plans).encode()).hexdigest()


def _verdict(folder: Path) -> str | None:
    """None when `folder` passes `plan check`, else the text of its first problem."""
    from hnparks.plans.check import check_plan

    key = _folder_digest(folder)
    with _VERDICTS_LOCK:
        if key in _VERDICTS:
            _VERDICTS.move_to_end(key)
            return _VERDICTS[key]
    result = check_plan(folder)
    verdict = None if result.ok else result.problems[0].text()
    with _VERDICTS_LOCK:
        _VERDICTS[key] = verdict
        while len(_VERDICTS) > _VERDICTS_KEPT:
            _VERDICTS.popitem(last=False)
    return verdict


@lru_cache(maxsize=8)
def _load_all(base: str, version: tuple) -> tuple[Plan, ...]:
    plans = []
    for folder in _folders(Path(base).parent):
        problem = _verdict(folder)
        if problem is None:
            plans.append(load_plan(folder))
        else:  # a folder being written or broken: the others are still shown
            log.warning("计划包 %s 未通过校验，暂不使用（python -m hnparks plan check %s）：%s",
                        folder, folder, problem)
    return tuple(sorted(plans, key=lambda p: p.year))


def available_plans(root: Path | None = None) -> list[Plan]:
    """Every plan in the data directory that passes `plan check`, oldest year first (re-read when
    a folder changes; a folder that fails is left out and logged)."""
    return list(_load_all(str(plans_dir(root)), plans_version(root)))


def plan_years(root: Path | None = None) -> list[int]:
    return [p.year for p in available_plans(root)]


def plan_for(year: int | str, root: Path | None = None) -> Plan:
    """The plan of `year`; KeyError (Chinese) when no plan of that year is loaded."""
    for plan in available_plans(root):
        if plan.year == int(year):
            return plan
    raise KeyError(f"未找到{year}年度的工作要点（{plans_dir(root)}/{year}/{PLAN_FILE}）")


def latest_plan(root: Path | None = None) -> Plan:
    """The newest year's plan (the default view)."""
    plans = available_plans(root)
    if not plans:
        raise FileNotFoundError(f"数据目录中没有工作要点计划包（{plans_dir(root)}）")
    return plans[-1]


def plan_of_period(period: str, root: Path | None = None) -> Plan:
    """The plan whose year the report period falls in; the latest plan when none does."""
    try:
        year = year_of(str(period))
    except ValueError:
        year = None
    for plan in available_plans(root):
        if plan.year == year:
            return plan
    return latest_plan(root)


def plan_tables(name: str, root: Path | None = None,
                plans: list[Plan] | None = None) -> pd.DataFrame:
    """One table across every loaded plan (each plan's rows carry their year)."""
    frames = [p.table(name) for p in (plans if plans is not None else available_plans(root))]
    frames = [f for f in frames if len(f)]
    if not frames:
        return read_table(available_plans(root)[0].path / f"{name}.csv")
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def plan_year(period: str, root: Path | None = None) -> int:
    """The year of the plan that governs `period` (`plan_of_period`: the plan of the period's
    own year, else the latest). The one meaning of "the plan year" wherever rows are cut to it."""
    return plan_of_period(period, root).year


def of_plan_year(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """The rows of a dataset with a `year` column (区域评估 by park × item, “五个100” key
    projects) that belong to the plan of `period` (`plan_year`): one data directory holds
    several years' rows, and each period is read against its own plan's."""
    return frame[frame["year"] == plan_year(period)]


# The work points are issued during the year (the plan's issue_date, data/plans/<year>/plan.toml);
# a task's time-elapsed share runs from the month of issue, not from January, so work cannot be
# "late" before it was assigned. Years without a plan run from January.


def issue_date(year: int) -> str:
    """The date the year's work points were issued (YYYY-MM-DD); 1 January when no plan of that
    year is loaded."""
    try:
        return plan_for(year).issue_date
    except (KeyError, FileNotFoundError):
        return f"{year}-01-01"
