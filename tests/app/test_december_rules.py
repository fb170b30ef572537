"""The December 2020 report is final (issue 24): what the pages, the slides and the Excel ledger
show for the audit cases equals the status oracle (tests/rules.py, from the parquet alone)."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from hnparks.core.metrics import STATUS_LABELS
from tests.app.conftest import open_app
from tests.app.test_tasks import card_value, shown_task_ids
from tests.rules import expected_task_statuses, load, province_targets

DECEMBER = "2020-12"


@pytest.fixture(scope="module")
def oracle(data_dir):
    parquet = load(data_dir)
    return {"targets": province_targets(parquet, DECEMBER),
            "tasks": expected_task_statuses(parquet, DECEMBER)}


def _badges(at) -> list[str]:
    return [m.value for m in at.markdown if "-badge[" in m.value]


def _word(light: str) -> str:
    return STATUS_LABELS[light]


def test_the_overview_cards_read_zhihou_for_the_missed_annual_targets(oracle):
    at = open_app(period=DECEMBER)
    assert [m.label for m in at.metric][:4] == ["技工贸总收入", "千亿园区", "亩均税收",
                                                "百亿级特色产业园区"]
    lights = [oracle["targets"][t]["light"] for t in ("T01", "T02", "T03", "T04")]
    assert lights[0] == lights[2] == "red"  # 97.8% and 95.4% of target in the final report
    assert [b.split("[", 1)[1].rstrip("]") for b in _badges(at)[:4]] == [_word(x) for x in lights]
    assert _badges(at)[0] == ":red-badge[滞后]"


def test_the_target_register_states_the_rule_and_what_the_document_does_not(oracle):
    at = open_app("targets", period=DECEMBER)
    table = next(d.value for d in at.dataframe if "目标值" in d.value.columns)
    table = table.set_index("目标")
    for target_id in ("T01", "T03", "T11"):
        assert table.at[target_id, "状态"] == "滞后" == _word(oracle["targets"][target_id]["light"])
    assert table["状态"].to_dict() == {t: _word(r["light"]) for t, r in oracle["targets"].items()}
    for target_id in ("T05", "T13"):  # counts read from the document's list of places
        assert table.at[target_id, "目标值"].endswith("（推定）")
    for target_id in ("T05", "T06", "T13"):  # deadlines the document does not state
        assert table.at[target_id, "期限"] == "2020年12月31日（推定）"
    assert table.loc[["T01", "T02", "T03", "T04"], "责任单位"].tolist() == ["文件未列明"] * 4
    assert "省产业园区建设领导小组" not in table["责任单位"].tolist()
    captions = " ".join(c.value for c in at.caption)
    assert "期限所在月及以后未达目标" in captions and "不设黄色区间" in captions


def test_xiangtan_assessments_read_zhihou_in_their_deadline_month():
    at = open_app("targets", period="2020-06", city="430300")
    table = next(d.value for d in at.dataframe if "目标值" in d.value.columns).set_index("目标")
    assert table.at["T14", "状态"] == "滞后"


def test_the_tasks_page_and_its_excel_say_yuqi(oracle, downloads):
    at = open_app("tasks", period=DECEMBER)
    overdue = [t for t, s in oracle["tasks"].items() if s == "逾期"]
    assert {"三(四)1", "三(七)4"} <= set(overdue)
    assert card_value(at, "逾期") == f"{len(overdue)}项"
    assert "推进中" not in {oracle["tasks"]["三(四)1"], oracle["tasks"]["三(七)4"]}
    at.button(key="tasks_export_build").click().run()  # exports are built when asked for
    button = at.download_button(key="tasks_export")
    rows = list(openpyxl.load_workbook(io.BytesIO(downloads[button.proto.url])).active
                .iter_rows(values_only=True))
    body = pd.DataFrame(rows[4:], columns=rows[3]).set_index("任务编号")
    assert body.at["三(四)1", "状态"] == "逾期" and body.at["三(四)1", "是否逾期"] == "是"
    assert body.at["三(七)4", "状态"] == "逾期"
    at.button_group(key="tasks_status").set_value(["逾期"]).run()
    assert shown_task_ids(at) == overdue


def _to_slide(at, title: str):
    for _ in range(6):
        current = next(t.value for t in at.title if "·" in t.value)
        if current.endswith(title):
            return at
        at.button(key="present_next").click().run()
    raise AssertionError(title)


def test_the_slides_badge_is_the_light_of_its_number_and_the_worst_says_so(oracle):
    at = _to_slide(open_app(mode="present", period=DECEMBER), "四项主要目标")
    badges = _badges(at)
    revenue = oracle["targets"]["T01"]["light"]
    worst = min((r["light"] for t, r in oracle["targets"].items()
                 if t in ("T01", "T02", "T03", "T04")), key=["red", "amber", "grey",
                                                            "green"].index)
    assert any(b.endswith(f"[本页最差：{_word(worst)}]") for b in badges)
    # the number's own badge names it: 技工贸总收入 is itself 滞后 in the final report
    assert f":red-badge[技工贸总收入（累计）：{_word(revenue)}]" in badges
    at = _to_slide(at, "滞后或逾期的重点任务")
    behind = [t for t, s in oracle["tasks"].items() if s in ("滞后", "逾期")]
    assert any(m.value == f"{len(behind)}项" for m in at.metric)


def test_evidence_dated_after_june_is_not_shown_in_june():
    """M11 (岳阳) was approved on 2020-10-12 and M42 (香港) opened on 2020-08-16: the June page
    shows them 推进中 with no 佐证; the October page shows them done with it."""
    for period, done in (("2020-06", False), ("2020-10", True)):
        at = open_app("opening", period=period)
        shown = pd.concat([d.value for d in at.dataframe if "佐证" in d.value.columns])
        label = shown["里程碑（文件原文）"]
        yueyang = shown[label.str.contains("国家级高新区（岳阳）")].iloc[0]
        hongkong = shown[label.str.contains("孵化器（香港）")].iloc[0]
        assert (yueyang["佐证"] == "已获批复") == done, period
        assert (hongkong["佐证"] == "孵化器已挂牌运营") == done, period
        assert ("已完成" in yueyang["状态"]) == done and ("已完成" in hongkong["状态"]) == done
