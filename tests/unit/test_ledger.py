"""Task status, department filter, scoreboard and Excel export on small hand-made frames."""

import io
import math

import openpyxl
import pandas as pd
import pytest

from hnparks.commands import exports
from hnparks.core import tasks as task_rules
from hnparks.views import tasks as lg

TASKS = pd.DataFrame({
    "year": [2020, 2020, 2020, 2020],
    "task_id": ["三(一)1", "三(一)2", "三(二)1", "三(七)1"],
    "section_no": ["一", "一", "二", "七"],
    "section_title": ["改革", "改革", "规划", "营商环境"],
    "task_no": [1, 2, 1, 1],
    "text": ["甲任务", "乙任务", "丙任务", "丁任务"],
    "lead_departments": ["省发展改革委、省科技厅", "省科技厅", "省生态环境厅、省发展改革委",
                         "省生态环境厅局"],
    "lead_note": ["", "", "", ""],
    "deadline": ["2020-12-31", "2020-12-31", "2020-12-31", "2020-06-30"],
    "deadline_basis": ["年底", "年底", "年底", "文件明确"],
})
PROGRESS = pd.DataFrame({
    "task_id": ["三(一)1", "三(一)2", "三(二)1", "三(七)1"],
    "period": ["2020-07"] * 4,
    "progress_pct": [100.0, 10.0, 50.0, 90.0],
    "latest_update": ["已完成", "方案", "初稿", "报审"],
})


def test_elapsed_runs_from_the_month_of_issue_to_the_deadline():
    assert task_rules.task_elapsed("2020-03", "2020-12-31", "2020-03-03") == pytest.approx(0.1)
    assert task_rules.task_elapsed("2020-06", "2020-12-31", "2020-03-03") == pytest.approx(0.4)
    assert task_rules.task_elapsed("2020-06", "2020-06-30", "2020-03-03") == 1.0
    assert task_rules.task_elapsed("2020-01", "2020-12-31", "2020-03-03") == 0.0
    assert task_rules.task_elapsed("2020-06", "2020-12-31") == pytest.approx(0.5)  # from January


def test_status_rule():
    assert task_rules.task_status(100, 0.5, False) == "已完成"
    assert task_rules.task_status(0, 0.0, False) == "未启动"
    assert task_rules.task_status(46, 0.5, False) == "推进中"  # within the 5-point band
    assert task_rules.task_status(44, 0.5, False) == "滞后"
    assert task_rules.task_status(99, 1.0, True) == "逾期"  # not done by its deadline month
    assert task_rules.task_status(math.nan, 0.0, False) == "未启动"
    assert task_rules.task_status(math.nan, 1.0, True) == "逾期"  # never reported, now due


@pytest.mark.parametrize(("period", "overdue"), [("2020-05", False), ("2020-06", True),
                                                 ("2020-07", True)])
def test_overdue_from_the_report_of_the_deadline_month_when_not_done(period, overdue):
    # The month before, of and after a 2020-06-30 deadline: the June report is the deadline's.
    assert task_rules.is_overdue(False, period, "2020-06-30") == overdue
    assert not task_rules.is_overdue(True, period, "2020-06-30")  # done is never overdue


@pytest.mark.parametrize(("period", "status"), [("2020-11", "推进中"), ("2020-12", "逾期")])
def test_a_year_end_task_at_98_percent_is_overdue_from_december(period, status):
    # 三(四)1 at 98%: in November on the straight line, in the December (final) report 逾期.
    tasks = TASKS.iloc[[0]].assign(task_id="三(四)1")
    progress = pd.DataFrame({"task_id": ["三(四)1"], "period": [period], "progress_pct": [98.0],
                             "latest_update": ["报审"]})
    ledger = lg.task_ledger(tasks, progress, period)
    assert ledger["status"].tolist() == [status]
    assert ledger["overdue"].tolist() == [status == "逾期"]


def test_ledger_statuses_and_missing_reports():
    ledger = lg.task_ledger(TASKS, PROGRESS, "2020-07").set_index("task_id")
    assert ledger["status"].to_dict() == {"三(一)1": "已完成", "三(一)2": "滞后",
                                          "三(二)1": "推进中", "三(七)1": "逾期"}
    assert ledger.loc["三(七)1", "overdue"]
    unreported = lg.task_ledger(TASKS, PROGRESS, "2020-08")
    assert (unreported["latest_update"] == "尚未报送").all()


def test_department_filter_matches_whole_names_only():
    ledger = lg.task_ledger(TASKS, PROGRESS, "2020-07")
    ids = lg.filter_ledger(ledger, "省生态环境厅")["task_id"].tolist()
    assert ids == ["三(二)1"]  # not 三(七)1, whose department merely starts with the same words
    late = lg.filter_ledger(ledger, "省科技厅", statuses=["滞后"])
    assert late["task_id"].tolist() == ["三(一)2"]
    assert lg.filter_ledger(ledger, sections=["七"])["task_id"].tolist() == ["三(七)1"]
    assert len(lg.filter_ledger(ledger)) == 4


def test_scoreboard_counts_each_named_department():
    board = lg.department_scoreboard(lg.task_ledger(TASKS, PROGRESS, "2020-07"))
    board = board.set_index("department")
    assert board.loc["省发展改革委", ["tasks", "done", "on_track", "late"]].tolist() == [2, 1, 1, 0]
    assert board.loc["省科技厅", ["tasks", "done", "late"]].tolist() == [2, 1, 1]
    assert board.loc["省生态环境厅局", ["late", "overdue"]].tolist() == [0, 1]
    assert board.index[0] in {"省科技厅", "省生态环境厅局"}  # late or overdue tasks first


def test_excel_has_title_filter_headers_and_rows():
    ledger = lg.filter_ledger(lg.task_ledger(TASKS, PROGRESS, "2020-07"), "省科技厅")
    data = exports.ledger_excel(ledger, "2020-07", "湘园区〔2020〕1号",
                                exports.filter_description("省科技厅", None, None),
                                notice="数据来源：测试")
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[0][0] == "湘园区〔2020〕1号 重点任务台账（截至2020年7月末）"
    assert rows[1][0] == "数据来源：测试"
    assert "责任单位：省科技厅" in rows[2][0]
    assert rows[3][0] == "任务编号" and "状态" in rows[3]
    assert [r[0] for r in rows[4:]] == ["三(一)1", "三(一)2"]
