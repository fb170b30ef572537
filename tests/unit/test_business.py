"""hnparks.views.business on small hand-made frames: statuses, deadline, breakdowns, reform status."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from hnparks.core.scope import Scope
from hnparks.views import business as b

T = pd.Timestamp
NAT = pd.NaT


@pytest.fixture
def data():
    """Two cities; park P1 (city C1) and P2 (C1) and P3 (C2); three items due 2020-06-30."""
    items = pd.DataFrame({"year": 2020, "item_id": ["A1", "A2", "A3"],
                          "item_name": ["节能评价", "水土保持", "洪水影响评价"],
                          "deadline": "2020-06-30"})
    parks = pd.DataFrame({"park_id": ["P1", "P2", "P3"], "park_name": ["甲园", "乙园", "丙园"],
                          "city_code": ["C1", "C1", "C2"], "level": "省级"})
    cities = pd.DataFrame({"city_code": ["C1", "C2"], "city_name": ["一市", "二市"]})
    rows = [
        # park, item, applicable, start, completion, published
        ("P1", "A1", True, T("2019-10-01"), T("2020-02-10"), T("2020-03-01")),
        ("P1", "A2", True, T("2019-10-01"), T("2020-05-20"), T("2020-08-01")),
        ("P1", "A3", False, NAT, NAT, NAT),
        ("P2", "A1", True, T("2019-12-01"), T("2020-08-15"), NAT),
        ("P2", "A2", True, T("2020-04-10"), NAT, NAT),
        ("P2", "A3", True, NAT, NAT, NAT),
        ("P3", "A1", True, T("2019-09-01"), T("2020-01-05"), T("2020-01-20")),
        ("P3", "A2", True, T("2019-09-01"), T("2020-06-30"), T("2020-07-10")),
        ("P3", "A3", True, T("2019-09-01"), T("2020-03-03"), T("2020-04-04")),
    ]
    assessments = pd.DataFrame(rows, columns=["park_id", "item_id", "applicable", "start_date",
                                              "completion_date", "published_date"]).assign(
        year=2020)
    reform_items = pd.DataFrame({
        "year": 2020, "reform_id": ["R1", "R2", "R3"], "section": ["三(一)", "三(七)", "三(七)"],
        "task_id": ["三(一)1", "三(七)2", "三(七)2"], "reform_name": ["政策", "承诺制", "先建后验"],
        "quote": ["原文1", "原文2", "原文3"], "lead_departments": ["省发展改革委", "省政务局", "省政务局"]})
    reform_progress = pd.DataFrame({
        "reform_id": ["R1", "R1", "R2", "R2"], "period": ["2020-01", "2020-03", "2020-01", "2020-02"],
        "progress_pct": [10.0, 100.0, 0.0, 30.0],
        "evidence_note": ["方案", "已落地实施", "尚未启动", "试行"]})
    return {"assessment_items": items, "parks": parks, "cities": cities,
            "assessments": assessments, "reform_items": reform_items,
            "reform_progress": reform_progress}


def _status(data, period):
    long = b.status_long(data, Scope(period))
    return long.set_index(["park_id", "item_id"])["status"]


def test_status_at_the_period_end(data):
    march = _status(data, "2020-03")
    assert march[("P1", "A1")] == b.DONE
    assert march[("P1", "A2")] == b.IN_PROGRESS  # completed 2020-05-20, after March
    assert march[("P1", "A3")] == b.NOT_APPLICABLE
    assert march[("P2", "A2")] == b.NOT_STARTED  # starts 2020-04-10
    june = _status(data, "2020-06")
    assert june[("P2", "A2")] == b.IN_PROGRESS
    assert june[("P3", "A2")] == b.DONE  # completed on the period's last day


def test_park_items_blank_dates_after_the_period_end(data):
    rows = b.park_items(data, Scope("2020-03", park="P1")).set_index("item_id")
    assert rows.loc["A1", "published_date"] == T("2020-03-01")
    assert pd.isna(rows.loc["A2", "completion_date"])
    assert rows.loc["A2", "start_date"] == T("2019-10-01")


def test_days_to_deadline_and_label_on_both_sides_of_the_deadline():
    assert b.days_to_deadline("2020-03", "2020-06-30") == 91
    assert b.days_to_deadline("2020-06", "2020-06-30") == 0
    assert b.days_to_deadline("2020-09", "2020-06-30") == -92
    assert b.deadline_label(91, complete=False) == "剩余91天"
    assert b.deadline_label(0, complete=False) == "剩余0天"
    assert b.deadline_label(-92, complete=False) == "逾期92天"
    assert b.deadline_label(-92, complete=True, finished_on_time=True) == "按期完成"
    assert b.deadline_label(-92, complete=True, finished_on_time=False) == "逾期完成"


def test_completion_by_item(data):
    june = b.completion_by_item(data, Scope("2020-06")).set_index("item_id")
    assert june.loc["A1", ["applicable", "done", "in_progress"]].tolist() == [3, 2, 1]
    assert june.loc["A3", ["applicable", "done", "not_started"]].tolist() == [2, 1, 1]
    assert june.loc["A1", "rate"] == pytest.approx(2 / 3)
    assert june.loc["A1", "published"] == 2
    assert june.loc["A1", "deadline_label"] == "剩余0天"
    sept = b.completion_by_item(data, Scope("2020-09")).set_index("item_id")
    assert sept.loc["A1", "deadline_label"] == "逾期完成"  # last one done 2020-08-15
    assert sept.loc["A2", "deadline_label"] == "逾期92天"
    city = b.completion_by_item(data, Scope("2020-06", city="C2")).set_index("item_id")
    assert city["applicable"].tolist() == [1, 1, 1]


def test_completion_by_city_lists_every_city_whatever_the_scope(data):
    out = b.completion_by_city(data, Scope("2020-06", city="C2")).set_index("city_code")
    assert out.index.tolist() == ["C1", "C2"]
    assert out.loc["C1", ["applicable", "done", "parks", "parks_all_done"]].tolist() == [5, 2, 2, 1]
    assert out.loc["C1", "rate"] == pytest.approx(0.4)
    assert out.loc["C2", "deadline_label"] == "按期完成"
    assert out.loc["C1", "deadline_label"] == "剩余0天"


def test_matrix_order_puts_the_parks_furthest_behind_first(data):
    by_city = b.status_matrix(data, Scope("2020-06"), "city")
    assert by_city["park_id"].tolist() == ["P2", "P1", "P3"]
    assert by_city.columns[-3:].tolist() == ["节能评价", "水土保持", "洪水影响评价"]
    assert by_city.set_index("park_id").loc["P2", "rate"] == 0
    behind = b.status_matrix(data, Scope("2020-03"), "behind")
    assert behind["park_id"].tolist() == ["P2", "P1", "P3"]  # 0, 1/2, 2/3


def test_a_bounded_matrix_keeps_the_parks_furthest_behind_in_the_chosen_order(data):
    by_city = b.status_matrix(data, Scope("2020-03"), "city")
    assert by_city["park_id"].tolist() == ["P2", "P1", "P3"]
    assert b.furthest_behind(by_city, 3) is by_city  # within the bound: untouched
    assert b.furthest_behind(by_city, 2)["park_id"].tolist() == ["P2", "P1"]
    by_id = b.status_matrix(data, Scope("2020-03"), "id")
    assert b.furthest_behind(by_id, 1)["park_id"].tolist() == ["P2"]
    assert b.furthest_behind(by_id, 2)["park_id"].tolist() == ["P1", "P2"]  # id order kept


def test_summary_reuses_the_overall_rate_and_counts_parks_and_publications(data):
    s = b.assessment_summary(data, Scope("2020-06"))
    assert (s.applicable, s.done, s.parks, s.parks_all_done, s.published) == (8, 5, 3, 2, 3)
    assert s.rate == pytest.approx(5 / 8)
    assert (s.days, s.deadline_label) == (0, "剩余0天")
    park = b.assessment_summary(data, Scope("2020-09", park="P3"))
    assert park.deadline_label == "按期完成"


def test_reform_status_rule():
    assert b.reform_status(0) == b.REFORM_NOT_STARTED
    assert b.reform_status(math.nan) == b.REFORM_NOT_STARTED
    assert b.reform_status(50) == b.REFORM_ONGOING
    assert b.reform_status(100) == b.REFORM_LANDED


def test_reform_checklist_takes_the_latest_report_up_to_the_period(data):
    feb = b.reform_checklist(data, "2020-02").set_index("reform_id")
    assert feb.loc["R1", ["status", "evidence_note", "reported_period"]].tolist() == \
        [b.REFORM_ONGOING, "方案", "2020-01"]
    assert feb.loc["R2", "status"] == b.REFORM_ONGOING
    assert feb.loc["R3", ["status", "evidence_note"]].tolist() == [b.REFORM_NOT_STARTED, b.NO_REPORT]
    march = b.reform_checklist(data, "2020-03")
    assert b.reform_status_counts(march) == {"未启动": 1, "推进中": 1, "已落地": 1}


def test_the_matrix_figure_carries_one_byte_per_cell_and_words_only_where_not_done(data):
    """Each cell: its status code (int8) and the word written in it; done cells stay plain, and
    the hover names park and item (no per-cell status strings re-sent on every change, #27)."""
    import numpy as np

    from components.views.business_matrix import CELL_TEXT, build_matrix_figure

    matrix = b.status_matrix(data, Scope("2020-06"), "city")
    items = b.assessment_items(data, "2020-06")["item_name"].tolist()
    heatmap = build_matrix_figure._builder(matrix, items).data[0]  # the builder, uncached
    assert heatmap.z.dtype == np.int8 and heatmap.z.shape == (len(matrix), len(items))
    assert heatmap.customdata is None and heatmap.hovertemplate == "%{y}<br>%{x}<extra></extra>"
    words = np.vectorize(lambda s: CELL_TEXT[s])(matrix[items].to_numpy())
    assert (heatmap.text == words).all() and (words[matrix[items].to_numpy() == b.DONE] == "").all()
    assert {w for w in words.ravel()} - {""} <= {"进行中", "未启动", "—"}
