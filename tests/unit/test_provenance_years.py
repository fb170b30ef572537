"""Provenance per dataset and year (#24): a load makes official only the years its rows cover,
a rollback gives them back, a load state written before years were recorded is read from the
rows that differ from the build, and the Excel ledger says 示意 exactly when one of its figures
of the year in view is illustrative."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml

from hnparks.commands import exports, store
from hnparks.core.paths import DATA_DIR_ENV
from hnparks.data.catalog import read_catalog
from hnparks.data.loading import load_dataset
from hnparks.data.state import read_state, state_path
from hnparks.plans.registry import plan_for
from hnparks.views.tasks import LEDGER_DATASETS, ledger_for
from tests.fixtures.year_fixture import FIXTURE_PLAN
from tests.unit.test_ingest import REPO_DATA, csv_bytes, indicator_rows, office

NEW = int(FIXTURE_PLAN.name)


@pytest.fixture
def root(tmp_path: Path, monkeypatch) -> Path:
    """A copy of data/ with the fictitious 2031 plan beside 2020's."""
    out = tmp_path / "data"
    shutil.copytree(REPO_DATA, out, ignore=shutil.ignore_patterns("geo"))
    shutil.copytree(FIXTURE_PLAN, out / "plans" / str(NEW))
    monkeypatch.setenv(DATA_DIR_ENV, str(out))
    return out


def _load(root: Path, name: str, rows: list[dict]) -> store.LoadRecord:
    result, record = store.load(name, [(f"{name}.csv", csv_bytes(root, rows, "utf-8", name))],
                                office("张三"), "测试报表", root)
    assert record is not None, result.report()
    return record


def _indicators(root: Path, period: str) -> dict:
    return indicator_rows(root, "P001", period.replace(period[:4], "2020")) | {"period": period}


def test_a_new_years_load_leaves_last_years_rows_illustrative(root):
    _load(root, "park_indicators", [_indicators(root, f"{NEW}-01")])
    info = read_catalog(root)["park_indicators"]
    assert info.official_in(NEW) and info.illustrative_in(2020)
    assert info.illustrative_in(None)  # a view over every year is not all official
    assert read_state(root)["datasets"]["park_indicators"]["official_years"] == [NEW]
    assert store.history(root).iloc[0]["years"] == f"{NEW}年"
    status = store.status(root).set_index("dataset")
    assert status.at["park_indicators", "provenance"] == f"官方报表（{NEW}年），其他年度为示意数据"
    assert status.at["env_status", "provenance"] == "示意数据"

    _load(root, "park_indicators", [indicator_rows(root, "P001", "2020-12")])  # now 2020 too
    assert read_catalog(root)["park_indicators"].official_years == (2020, NEW)
    store.rollback("park_indicators", office("张三"), root=root)
    assert read_catalog(root)["park_indicators"].official_years == (NEW,)
    store.rollback("park_indicators", office("张三"), root=root)
    info = read_catalog(root)["park_indicators"]
    assert info.provenance == "illustrative" and info.illustrative_in(NEW)


def test_a_dataset_without_years_is_official_for_every_year_once_loaded(root):
    rows = load_dataset("park_platforms", root).head(1).to_dict("records")
    _load(root, "park_platforms", rows)
    info = read_catalog(root)["park_platforms"]
    assert info.official_years is None and info.official_in(2020) and info.official_in(NEW)
    assert store.history(root).iloc[0]["years"] == store.ALL_YEARS


def test_a_state_written_before_years_were_recorded_counts_only_the_loaded_rows_years(root):
    _load(root, "park_indicators", [_indicators(root, f"{NEW}-01")])
    path = state_path(root)
    old = json.loads(path.read_text(encoding="utf-8"))
    old["datasets"]["park_indicators"].pop("official_years")  # as the earlier code wrote it
    for row in old["log"]:
        row.pop("years"), row.pop("official_years_before")
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    # the file holds 2019 and 2020 generated rows beside the loaded one: only 2031 is official
    assert read_catalog(root)["park_indicators"].official_years == (NEW,)
    assert store.history(root).iloc[0]["years"] == ""
    _load(root, "park_indicators", [indicator_rows(root, "P001", "2020-12")])
    assert read_state(root)["datasets"]["park_indicators"]["official_years"] == [2020, NEW]
    store.rollback("park_indicators", office("张三"), root=root)
    store.rollback("park_indicators", office("张三"), root=root)  # the old load, logged without
    assert read_catalog(root)["park_indicators"].illustrative_in(NEW)


def _ledger_cells(root: Path, period: str) -> list[str]:
    data = {name: load_dataset(name, root) for name in read_catalog(root)}
    data = {k: v[v["year"] == int(period[:4])] if "year" in v and k != "parks" else v
            for k, v in data.items()}
    from hnparks.derived.indicator_store import STORE, load_or_build

    data[STORE] = load_or_build(root)
    ledger = ledger_for(data, period)
    assert len(ledger)
    book = exports.ledger_excel(ledger, period, plan_for(2020, root).document, "全部",
                                notice=exports.ledger_notice(read_catalog(root), period))
    sheet = openpyxl.load_workbook(io.BytesIO(book)).active
    return [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]


def test_the_ledger_export_says_illustrative_until_every_figure_of_its_year_is_official(root):
    cells = _ledger_cells(root, "2020-06")
    notice = [c for c in cells if "示意" in c]
    assert len(notice) == 1 and notice[0].startswith("示意数据：本表的")
    assert "重点任务进展" in notice[0] and "重点任务里程碑" in notice[0]

    # Every figure the ledger draws on becomes official: the tasks' progress and milestones
    # loaded by the office as they stand, the rest official at build (catalog.yaml).
    loaded = ["task_progress", "task_milestones"]
    raw = yaml.safe_load((root / "catalog.yaml").read_text(encoding="utf-8"))
    for name in set(LEDGER_DATASETS) - set(loaded):
        raw["datasets"][name]["provenance"] = "official"
    (root / "catalog.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert exports.ledger_notice(read_catalog(root), "2020-06").startswith("示意数据")
    for name in loaded:
        _load(root, name, load_dataset(name, root).to_dict("records"))
    cells = _ledger_cells(root, "2020-06")
    assert not [c for c in cells if "示意" in c]
    assert exports.OFFICIAL_LINE in cells
    # Another year's view of the same data directory is still illustrative.
    assert exports.ledger_notice(read_catalog(root), f"{NEW}-01").startswith("示意数据")


def test_an_env_problem_list_belongs_to_its_year():
    from hnparks.core.scope import Scope
    from hnparks.views.environment import problem_counts

    problems = load_dataset("env_problems", REPO_DATA)
    assert set(problems["year"]) == {2020}
    later = problems.head(3).assign(year=2021)  # next year's list: the same problems again
    data = {"parks": load_dataset("parks", REPO_DATA), "cities": load_dataset("cities", REPO_DATA),
            "env_problems": pd.concat([problems, later], ignore_index=True)}
    alone = problem_counts({**data, "env_problems": problems}, Scope("2020-12"))
    assert problem_counts(data, Scope("2020-12")) == alone
    assert alone["total"] == len(problems)


def test_a_report_template_says_when_its_reference_list_is_illustrative(root):
    from hnparks.commands.templates import build_template
    from hnparks.data.intake import INSTRUCTIONS_SHEET

    def notes(name: str) -> list[str]:
        book = openpyxl.load_workbook(io.BytesIO(build_template(name, root, 2020)))
        return [str(c) for row in book[INSTRUCTIONS_SHEET].iter_rows(values_only=True)
                for c in row if c]

    park_based = notes("park_indicators")
    assert "示意数据" in park_based and any("「园区名录」工作表" in c for c in park_based)
    assert not [c for c in notes("assessments") if "示意" in c]  # the document's own items
