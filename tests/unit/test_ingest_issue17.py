"""The bad-file corpus of tests/unit/test_ingest.py, held against the two datasets of issue 17
(亩均效益评价投入, 重点任务里程碑): every bad file is refused with a Chinese reason naming the
place, nothing already loaded changes; a good file loads and rolls back."""

from __future__ import annotations

import io
import shutil

import pandas as pd
import pytest
from openpyxl import load_workbook

from hnparks.commands import store
from hnparks.commands.ingest import check_files
from hnparks.commands.templates import build_template
from hnparks.data.intake import DATA_SHEET
from tests.unit.test_ingest import REPO_DATA, _rejected, curated, messages, office, xlsx

EFFICIENCY, MILESTONES, PLATFORMS = "efficiency_inputs", "task_milestones", "park_platforms"
PLAN = "standard_land_plan"
ALL = [EFFICIENCY, MILESTONES, PLATFORMS, PLAN]


@pytest.fixture
def root(tmp_path):
    """A private copy of data/ (the repository's data/ is never written by tests)."""
    shutil.copytree(REPO_DATA, tmp_path / "data", ignore=shutil.ignore_patterns("geo"))
    return tmp_path / "data"


def efficiency_row(root, park: str = "P001", period: str = "2020-12", bump: float = 0.5) -> dict:
    frame = curated(root, EFFICIENCY)
    row = frame[(frame.park_id == park) & (frame.period == period)].iloc[0].to_dict()
    return row | {"energy_tce_ytd": round(row["energy_tce_ytd"] + bump, 3),
                  "rd_expense_ytd": round(row["rd_expense_ytd"] + bump, 3)}


def milestone_row(root, milestone_id: str = "M03", **changes) -> dict:
    frame = curated(root, MILESTONES)
    row = frame[frame.milestone_id == milestone_id].iloc[0].to_dict()
    out = {k: (v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else
               None if pd.isna(v) else v) for k, v in row.items()}
    return out | changes


def platform_row(root, platform_id: str = "B010", **changes) -> dict:
    frame = curated(root, PLATFORMS)
    row = frame[frame.platform_id == platform_id].iloc[0].to_dict()
    return row | {"recognised_date": row["recognised_date"].strftime("%Y-%m-%d")} | changes


def plan_row(root, city: str = "430100", **changes) -> dict:
    frame = curated(root, PLAN)
    return frame[frame.city_code == city].iloc[0].to_dict() | changes


def good_row(root, name: str) -> dict:
    return {EFFICIENCY: efficiency_row, MILESTONES: milestone_row, PLATFORMS: platform_row,
            PLAN: plan_row}[name](root)


def rejected(root, name: str, files, *expected: str):
    """Refused with these fragments and 未导入, nothing changed (test_ingest's check)."""
    return _rejected(root, files, name, *expected, "未导入")


@pytest.mark.parametrize("name", ALL)
def test_wrong_headers_are_rejected(root, name):
    header = [c.value for c in load_workbook(io.BytesIO(build_template(name, root)))
              [DATA_SHEET][1]]
    header[-1] = "随便写的列"
    row = good_row(root, name)
    rejected(root, name, [("bad.xlsx", xlsx(root, [row], name, headers=header))],
             "第 1 行，列「随便写的列」：无法识别的列名", "缺少列")


def test_efficiency_wrong_type_and_negative_value(root):
    bad = efficiency_row(root, "P002") | {"energy_tce_ytd": "很多"}
    neg = efficiency_row(root, "P003") | {"rd_expense_ytd": -1}
    rejected(root, EFFICIENCY, [("t.xlsx", xlsx(root, [efficiency_row(root), bad, neg],
                                                 EFFICIENCY))],
             "第 3 行，列「综合能源消费量（万吨标准煤，累计）」：应为数字（填的是“很多”）",
             "第 4 行，列「研发经费支出（亿元，累计）」：不能为负数")


def test_efficiency_unknown_park_period_and_duplicates(root):
    unknown = efficiency_row(root) | {"park_id": "P999"}
    old = efficiency_row(root, "P002") | {"period": "2018-12"}
    first = efficiency_row(root, "P003")
    rejected(root, EFFICIENCY, [("d.xlsx", xlsx(root, [unknown, old, first, first],
                                                 EFFICIENCY))],
             "第 2 行，列「园区编号」：“P999”不在园区名录中",
             "第 3 行，列「报告期（年-月）」：报告期“2018-12”不在工作要点年度（2019年、2020年）内",
             "第 5 行：重复数据：园区编号=P003")


def test_efficiency_year_to_date_going_down_is_rejected(root):
    may = efficiency_row(root, "P001", "2020-05", 0)
    june = efficiency_row(root, "P001", "2020-06", 0) | {"energy_tce_ytd": may["energy_tce_ytd"] - 1}
    rejected(root, EFFICIENCY, [("ytd.xlsx", xlsx(root, [june], EFFICIENCY))],
             "累计值不应逐月减少：2020-05 为")


def test_milestone_unknown_task_bad_codes_and_dates(root):
    task = milestone_row(root, "M03", task_id="三(九)9")
    code = milestone_row(root, "M04", target_id="X5")
    date = milestone_row(root, "M05", completed_date="下个月")
    blank = milestone_row(root, "M06", milestone=None)
    rejected(root, MILESTONES, [("m.xlsx", xlsx(root, [task, code, date, blank], MILESTONES))],
             "第 2 行，列「任务编号」：“三(九)9”不在重点任务清单中",
             "第 3 行，列「对应目标编号」：格式不符",
             "第 4 行，列「完成日期」：应为日期",
             "第 5 行，列「里程碑（文件原文）」：不能为空")


def test_milestone_duplicates_across_two_files(root):
    row = milestone_row(root, "M03")
    rejected(root, MILESTONES, [("a.xlsx", xlsx(root, [row], MILESTONES)),
                                ("b.xlsx", xlsx(root, [row], MILESTONES))], "重复数据")


@pytest.mark.parametrize("name", ALL)
def test_empty_foreign_huge_and_partial_files_are_rejected(root, name):
    rejected(root, name, [("empty.xlsx", b"")], "文件是空的")
    rejected(root, name, [("blank.xlsx", build_template(name, root))], "文件没有数据行")
    rejected(root, name, [("report.pdf", b"%PDF-1.4\n")], "不支持的文件类型「.pdf」")
    rejected(root, name, [("huge.csv", b"a,b\n" + b"1,2\n" * (10 * 1024 * 1024 // 4))],
             "文件过大")
    good = good_row(root, name)
    rejected(root, name, [("good.xlsx", xlsx(root, [good], name)), ("bad.txt", b"hello")],
             "文件「bad.txt」")


def test_a_formula_is_reported_as_a_formula(root):
    row = efficiency_row(root) | {"energy_tce_ytd": "=1+1"}
    rejected(root, EFFICIENCY, [("f.xlsx", xlsx(root, [row], EFFICIENCY))], "是公式")


def test_a_reported_milestone_loads_changes_the_count_and_rolls_back(root):
    from hnparks.derived.indicator_store import load_or_build

    def beijing(store_frame):
        rows = store_frame[(store_frame["metric_key"] == "overseas_incubators")
                           & (store_frame["period"] == "2020-12")
                           & (store_frame["level"] == "province")]
        return float(rows["value"].iloc[0])

    before_count = beijing(load_or_build(root))
    row = milestone_row(root, "M45", evidence="北京孵化器已挂牌")
    done = max(row["started_date"] or "2020-12-20", "2020-12-20")  # never before it began
    row["completed_date"] = done
    result = check_files(MILESTONES, [("bj.xlsx", xlsx(root, [row], MILESTONES))], root)
    assert result.ok, messages(result)
    store.commit(result, office("张三"), "省科技厅报送", root)
    after = curated(root, MILESTONES).set_index("milestone_id")
    assert after.at["M45", "completed_date"] == pd.Timestamp(done)
    assert beijing(load_or_build(root)) == before_count + 1
    store.rollback(MILESTONES, office("张三"), root=root)
    assert beijing(load_or_build(root)) == before_count


def test_platform_unknown_park_kind_and_date(root):
    park = platform_row(root, "B010", park_id="P999")
    kind = platform_row(root, "B011", kind="孵化器")
    date = platform_row(root, "B012", recognised_date="2020-13-45")
    dup = platform_row(root, "B010")
    rejected(root, PLATFORMS, [("p.xlsx", xlsx(root, [park, kind, date], PLATFORMS)),
                               ("q.xlsx", xlsx(root, [dup], PLATFORMS))],
             "第 2 行，列「园区编号」：“P999”不在园区名录中",
             "第 3 行，列「类别」：只能填：外贸转型升级基地",
             "第 4 行，列「认定（挂牌）日期」：应为日期",
             "重复数据")



def test_plan_unknown_city_negative_and_duplicate(root):
    city = plan_row(root, "430100", city_code="439999")
    negative = plan_row(root, "430200", plan_mu=-5)
    twice = plan_row(root, "430300")
    rejected(root, PLAN, [("plan.xlsx", xlsx(root, [city, negative, twice, twice], PLAN))],
             "第 2 行，列「所属市州代码」：“439999”不在市州名录中",
             "第 3 行，列「标准地供应计划（亩）」：不能为负数",
             "第 5 行：重复数据")
