"""重点任务台账 (/tasks): the 24 tasks, the department filter, statuses and the Excel export."""

from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest

from tests.app.conftest import open_app
from tests.rules import expected_task_statuses

ECOLOGY = "省生态环境厅"
_TASK_ID = re.compile(r"^\*\*(三\\?\([一二三四五六七]\\?\)\d+)\*\*")


@pytest.fixture(scope="module")
def tasks(data_dir):
    return pd.read_parquet(data_dir / "curated/tasks.parquet")


@pytest.fixture(scope="module")
def progress(data_dir):
    return pd.read_parquet(data_dir / "curated/task_progress.parquet")


def _unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def shown_task_ids(at) -> list[str]:
    """Task ids of the task cards on the page, in page order."""
    ids = []
    for md in at.markdown:
        hit = _TASK_ID.match(md.value)
        if hit:
            ids.append(_unescape(hit.group(1)))
    return ids


def cards(at) -> dict[str, str]:
    """Each task card's Markdown (unescaped) by task id: a card is one Markdown block."""
    out = {}
    for md in at.markdown:
        hit = _TASK_ID.match(md.value)
        if hit:
            out[_unescape(hit.group(1))] = _unescape(md.value)
    return out


def card_value(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_all_24_tasks_are_shown_word_for_word_under_their_sections(tasks):
    at = open_app("tasks", period="2020-06")
    assert shown_task_ids(at) == tasks["task_id"].tolist()
    assert len(shown_task_ids(at)) == 24
    page_text = _unescape(" ".join(m.value for m in at.markdown))
    for text in tasks["text"]:
        assert text in page_text
    for number, title in tasks[["section_no", "section_title"]].drop_duplicates().itertuples(
            index=False):
        assert f"（{number}）{title}" in page_text
    assert card_value(at, "任务数") == "24项"
    shown = cards(at)
    for task_id, departments in zip(tasks["task_id"], tasks["lead_departments"], strict=True):
        assert f"责任单位：{departments}" in shown[task_id]


def test_status_counts_follow_the_stated_rule(data_dir):
    for period in ("2020-06", "2020-12"):
        at = open_app("tasks", period=period)
        statuses = list(expected_task_statuses(data_dir, period).values())
        for status in ("已完成", "推进中", "滞后", "逾期", "未启动"):
            assert card_value(at, status) == f"{statuses.count(status)}项", (period, status)
        # and each card's badge says its task's status, in the badge's colour
        for task_id, status in expected_task_statuses(data_dir, period).items():
            color = {"已完成": "green", "推进中": "blue", "未启动": "gray"}.get(status, "red")
            assert f":{color}-badge[" in cards(at)[task_id]
            assert f" {status}]　**报送进度" in cards(at)[task_id], (period, task_id)


def test_department_filter_shows_exactly_the_tasks_that_name_it(tasks):
    at = open_app("tasks", period="2020-06")
    at.selectbox(key="tasks_department").set_value(ECOLOGY).run()
    expected = [t for t, d in zip(tasks["task_id"], tasks["lead_departments"], strict=True)
                if ECOLOGY in d.split("、")]
    assert expected  # the document names 省生态环境厅 for several tasks
    assert shown_task_ids(at) == expected
    assert card_value(at, "任务数") == f"{len(expected)}项"


def test_status_and_section_filters_narrow_the_list(data_dir):
    at = open_app("tasks", period="2020-06")
    at.button_group(key="tasks_status").set_value(["滞后"]).run()
    late = [t for t, status in expected_task_statuses(data_dir, "2020-06").items()
            if status == "滞后"]
    assert shown_task_ids(at) == late
    at.multiselect(key="tasks_section").set_value(["四"]).run()
    assert shown_task_ids(at) == [t for t in late if t.startswith("三(四)")]


def test_progress_and_latest_update_follow_the_period(progress):
    for period in ("2020-06", "2020-09"):
        at = open_app("tasks", period=period)
        row = progress[(progress["task_id"] == "三(五)2") & (progress["period"] == period)].iloc[0]
        card = cards(at)["三(五)2"]
        assert f"**报送进度 {row['progress_pct']:.0f}%**" in card
        assert f"最新进展：{row['latest_update']}" in card


def test_excel_export_holds_the_filtered_rows(downloads, tasks, progress):
    at = open_app("tasks", period="2020-06")
    at.selectbox(key="tasks_department").set_value(ECOLOGY).run()
    assert not at.get("download_button")  # nothing is built while the page loads
    at.button(key="tasks_export_build").click().run()
    button = at.download_button(key="tasks_export")
    workbook = openpyxl.load_workbook(io.BytesIO(downloads[button.proto.url]))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert "重点任务台账" in rows[0][0] and "2020年6月" in rows[0][0]
    assert rows[1][0].startswith("示意数据：本表的") and "重点任务进展" in rows[1][0]
    assert ECOLOGY in rows[2][0]
    header = list(rows[3])
    assert header[:4] == ["任务编号", "所属方面", "任务内容", "责任单位"]
    body = pd.DataFrame(rows[4:], columns=header)
    expected = tasks[tasks["lead_departments"].str.split("、").map(lambda d: ECOLOGY in d)]
    assert body["任务编号"].tolist() == expected["task_id"].tolist()
    assert body["任务内容"].tolist() == expected["text"].tolist()
    june = progress[progress["period"] == "2020-06"].set_index("task_id")["progress_pct"]
    assert body["完成进度（%）"].tolist() == pytest.approx(june[body["任务编号"]].tolist())


def test_clicking_a_department_in_the_scoreboard_filters_the_list(tasks):
    at = open_app("tasks", period="2020-06")
    assert not at.dataframe  # the scoreboard is built only when its tab opens
    at.session_state["tasks_tab"] = "责任单位记分牌"
    at.run()
    assert shown_task_ids(at) == []  # and the list's tab is not built meanwhile
    board = at.dataframe(key="tasks_scoreboard").value
    row = board["department"].tolist().index(ECOLOGY)
    at.session_state["tasks_scoreboard"] = {"selection": {"rows": [row], "columns": [],
                                                          "cells": []}}
    at.run()
    assert at.selectbox(key="tasks_department").value == ECOLOGY
    assert at.session_state["tasks_tab"] == "任务清单"
    expected = [t for t, d in zip(tasks["task_id"], tasks["lead_departments"], strict=True)
                if ECOLOGY in d.split("、")]
    assert shown_task_ids(at) == expected
    at.run()  # the selection is still there; it must not re-apply or loop
    assert shown_task_ids(at) == expected


def test_departments_read_as_the_document_names_them(tasks):
    """The document's "等" / "等相关部门" stay, and its note for every task is stated."""
    at = open_app("tasks", period="2020-06")
    captions = " ".join(_unescape(c.value) for c in at.caption) + " ".join(cards(at).values())
    for note in tasks["lead_note"]:
        named = re.sub(r"(按职责分工)?负责.*$", "", note).strip("，")
        assert f"责任单位：{named}　" in captions, named
    assert "省发展改革委、省住房城乡建设厅等相关部门" in captions
    assert "各工作均需各市州人民政府、各园区管委会参与" in captions


def test_the_ledger_export_carries_each_tasks_milestones_and_home(downloads):
    at = open_app("tasks", period="2020-09")
    at.button(key="tasks_export_build").click().run()
    button = at.download_button(key="tasks_export")
    rows = list(openpyxl.load_workbook(io.BytesIO(downloads[button.proto.url])).active
                .iter_rows(values_only=True))
    body = pd.DataFrame(rows[4:], columns=rows[3]).set_index("任务编号")
    assert body.at["三(五)1", "衡量页面"] == "亩均效益与用地 · 亩均效益综合评价"
    assert body.at["三(六)3", "衡量页面"] == "开放与创新 · 科技企业孵化器"
    assert body["里程碑"].str.startswith("里程碑 ").all()


def test_the_milestone_table_is_built_when_unfolded_and_holds_what_its_label_counts(data_dir):
    """里程碑明细 is folded (sent only when opened); opened, it lists as many milestones as its
    label says, those of the filtered tasks."""
    at = open_app("tasks", period="2020-06")
    at.button_group(key="tasks_status").set_value(["滞后"]).run()
    label = next(e.label for e in at.expander if e.label.startswith("里程碑明细"))
    count = int(re.search(r"（(\d+)个工作节点", label).group(1))
    assert not at.dataframe  # nothing built while folded
    at.session_state["tasks_milestones_open"] = True
    at.run()
    table = at.dataframe[0].value
    milestones = pd.read_parquet(data_dir / "curated/task_milestones.parquet")
    shown = shown_task_ids(at)
    assert count == len(table) == milestones["task_id"].isin(shown).sum() > 0
    assert set(table["任务"]) <= set(shown)
