"""Plans as data: the plan folder is read as written, a new folder is picked up without a restart,
and `plan check` refuses a broken folder with Chinese messages naming file, row and column,
changing nothing."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from hnparks.__main__ import main
from hnparks.core.periods import date_label
from hnparks.plans.check import check_plan
from hnparks.plans.registry import available_plans, latest_plan, load_plan, plan_for, plan_tables

REPO = Path(__file__).resolve().parents[2]
PLAN_2020 = REPO / "data" / "plans" / "2020"


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "plans" / "2020"
    shutil.copytree(PLAN_2020, folder)
    return folder


def _as_year(source: Path, folder: Path, year: int) -> Path:
    """A copy of the 2020 plan moved to `year` (every date and year in its files)."""
    folder.mkdir(parents=True)
    for f in source.iterdir():
        text = f.read_text(encoding="utf-8").replace("2019", str(year - 1))
        (folder / f.name).write_text(text.replace("2020", str(year)), encoding="utf-8")
    return folder


def _edit(path: Path, edit) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    edit(frame)
    frame.to_csv(path, index=False)


def test_the_committed_plan_passes_and_is_what_the_curated_tables_hold():
    result = check_plan(PLAN_2020)
    assert result.ok, result.problems
    plan = load_plan(PLAN_2020)
    for name in ("targets", "tasks", "assessment_items", "reform_items", "clusters"):
        curated = pd.read_parquet(REPO / "data" / "curated" / f"{name}.parquet")
        assert len(plan.table(name)) == len(curated), name
        assert set(plan.table(name).iloc[:, 1]) == set(curated.iloc[:, 1]), name
    # the identity is the one every target's quote and the tasks' deadlines belong to
    assert plan.year == int(plan.table("targets")["year"].iloc[0])
    assert set(plan.table("assessment_items")["deadline"]) == {plan.assessment_deadline}
    assert plan.document == f"{plan.doc_no}《{plan.title}》"


def test_a_new_plan_folder_is_picked_up_without_a_restart(tmp_path: Path, plan_copy: Path):
    assert [p.year for p in available_plans(tmp_path)] == [2020]
    nxt = _as_year(plan_copy, tmp_path / "plans" / "2021", 2021)
    assert [p.year for p in available_plans(tmp_path)] == [2020, 2021]
    assert plan_for(2021, tmp_path).path == nxt
    assert len(plan_tables("targets", tmp_path)) == 2 * len(plan_copy.joinpath("targets.csv")
                                                             .read_text().splitlines()[1:])


def _refused(folder: Path, *expected: str) -> str:
    before = _digest(folder.parent.parent)
    result = check_plan(folder)
    assert not result.ok
    text = "\n".join(p.text() for p in result.problems)
    for part in expected:
        assert part in text, text
    assert _digest(folder.parent.parent) == before  # the check changes nothing
    return text


def test_a_target_without_a_unit_is_refused(plan_copy: Path):
    _edit(plan_copy / "targets.csv", lambda f: f.__setitem__("unit", f["unit"].where(
        f.index != 2, "")))
    _refused(plan_copy, "文件「targets.csv」", "第 4 行", "列「unit」", "不能为空")


def test_a_task_pointing_at_an_unknown_section_is_refused(plan_copy: Path):
    def edit(frame: pd.DataFrame) -> None:
        frame.loc[0, "section_no"] = "九"
    _edit(plan_copy / "tasks.csv", edit)
    _refused(plan_copy, "文件「tasks.csv」", "第 2 行", "列「section_no」", "章节“三(九)”不在 sections.csv 中")


def test_a_duplicate_item_is_refused(plan_copy: Path):
    def edit(frame: pd.DataFrame) -> None:
        frame.loc[1, "item_id"] = frame.loc[0, "item_id"]
    _edit(plan_copy / "assessment_items.csv", edit)
    _refused(plan_copy, "文件「assessment_items.csv」", "第 3 行", "列「item_id」",
             "编号“A01”重复（已在第 2 行）")


def test_references_and_identity_are_checked(plan_copy: Path):
    def edit(frame: pd.DataFrame) -> None:
        frame.loc[0, "task_id"] = "三(九)9"
    _edit(plan_copy / "milestones.csv", edit)
    toml = (plan_copy / "plan.toml").read_text(encoding="utf-8")
    (plan_copy / "plan.toml").write_text(toml.replace('title = "', '# title = "'), encoding="utf-8")
    _refused(plan_copy, "文件「milestones.csv」，第 2 行，列「task_id」：“三(九)9”不是本计划中的任务",
             "文件「plan.toml」，列「title（标题）」：缺少此项")


def test_the_command_refuses_with_a_chinese_report(plan_copy: Path, capsys):
    _edit(plan_copy / "targets.csv", lambda f: f.__setitem__("unit", ""))
    before = _digest(plan_copy)
    assert main(["plan", "check", str(plan_copy)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("计划包未通过校验") and "未作任何改动" in out and "列「unit」" in out
    assert _digest(plan_copy) == before
    assert main(["plan", "check", str(PLAN_2020)]) == 0
    assert "校验通过" in capsys.readouterr().out


def test_a_broken_new_folder_is_left_out_and_the_others_still_shown(tmp_path: Path,
                                                                     plan_copy: Path):
    broken = _as_year(plan_copy, tmp_path / "plans" / "2021", 2021)
    _edit(broken / "targets.csv", lambda f: f.__setitem__("unit", ""))
    assert [p.year for p in available_plans(tmp_path)] == [2020]
    _edit(broken / "targets.csv", lambda f: f.__setitem__("unit", "家"))
    assert [p.year for p in available_plans(tmp_path)] == [2020, 2021]  # fixed: picked up


def test_a_copy_keeps_the_folders_verdict_and_a_changed_byte_is_checked_again(tmp_path: Path,
                                                                              monkeypatch):
    """`plan check` runs once per folder content: a byte-identical copy (another data directory)
    is not checked again; a copy whose bytes differ is, and a broken one is left out."""
    from hnparks.plans import check

    checked: list[Path] = []
    real = check.check_plan
    monkeypatch.setattr(check, "check_plan", lambda folder: checked.append(folder) or real(folder))
    first, second = tmp_path / "a", tmp_path / "b"
    for root in (first, second):
        shutil.copytree(PLAN_2020, root / "plans" / "2020")
    assert [p.year for p in available_plans(first)] == [2020]
    before = len(checked)
    assert [p.year for p in available_plans(second)] == [2020]
    assert len(checked) == before  # same bytes: the verdict is kept
    assert plan_for(2020, second).path == second / "plans" / "2020"  # the copy's own folder
    _edit(second / "plans" / "2020" / "targets.csv", lambda f: f.__setitem__("unit", ""))
    assert available_plans(second) == []
    assert checked[before:] == [second / "plans" / "2020"]  # checked again, and refused
    assert [p.year for p in available_plans(first)] == [2020]


def test_a_plans_table_is_validated_once_per_content_and_a_change_is_read(tmp_path: Path,
                                                                          monkeypatch):
    """load_dataset keeps a plan's validated tables by the plan folders' bytes: a copy of the
    data directory reads them from the kept frame; an edited folder is read and validated anew."""
    from hnparks.data import loading

    validated: list[str] = []
    real = loading.validate
    monkeypatch.setattr(loading, "validate", lambda name, frame: validated.append(name)
                        or real(name, frame))
    first, second = tmp_path / "a", tmp_path / "b"
    for root in (first, second):
        shutil.copytree(PLAN_2020, root / "plans" / "2020")
    tasks = loading.load_dataset("tasks", first)
    before = len(validated)
    again = loading.load_dataset("tasks", second)
    assert len(validated) == before and again.equals(tasks)  # same bytes: the kept frame
    again.loc[0, "text"] = "改动只属于调用者"
    assert loading.load_dataset("tasks", first).equals(tasks)  # a caller's change stays its own
    _edit(second / "plans" / "2020" / "tasks.csv",
          lambda f: f.__setitem__("text", f["text"] + "（改）"))
    edited = loading.load_dataset("tasks", second)
    assert validated[before:] == ["tasks"]
    assert (edited["text"] == tasks["text"] + "（改）").all()


def test_the_catalog_names_the_plan_it_is_read_for():
    """data/catalog.yaml names the document through placeholders: read for a plan, every text
    cites that plan's 文号, deadline and months, and no placeholder is left."""
    from hnparks.data.catalog import read_catalog
    from tests.fixtures.year_fixture import FIXTURE_PLAN

    for plan in (latest_plan(), load_plan(FIXTURE_PLAN)):
        info = read_catalog(plan=plan)
        texts = [t for d in info.values() for t in (d.title, d.grain, d.source, d.definition,
                                                     d.import_note)]
        assert not [t for t in texts if re.search(r"\{[^}]*\}", t)]
        assert info["tasks"].source.startswith(plan.doc_no)
        assert info["assessment_items"].definition.startswith(date_label(plan.assessment_deadline))
        assert f"（{plan.data_from}至{plan.last_period}）" in info["park_indicators"].grain
        assert f"按{plan.base_year}年" in info["city_target_allocation"].source
