"""A whole monthly round on the domain, on SQLite and on PostgreSQL (issue 25): the office opens
June → two parks submit (one with a flagged jump, explained) → the 市州 returns one, it is
resubmitted → the 市州 approves both → the office publishes → the published parquet holds the
new figures, the load log and the audit name each step's identity, and the late list holds
exactly the parks that did not report."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hnparks.commands import reporting, reporting_common, store
from hnparks.commands.reporting import (
    ReportingError,
    audit_trail,
    check,
    compare,
    draft,
    late_reports,
    open_round,
    publish,
    review,
    save_draft,
    submissions,
    submit,
)
from hnparks.core.periods import previous_period, same_period_last_year
from hnparks.data.catalog import read_catalog
from hnparks.data.loading import load_dataset
from tests.unit.reporting_cases import (
    ADMIN,
    CITY,
    DATASET,
    JUNE,
    city_parks,
    clean_park,
    frame,
    one_more_firm,
    park_user,
    published,
    revenue_drop,
    row_of,
)
from tests.workflow import clear_workflow

pytestmark = pytest.mark.slow


def _status(round_id: int, park_id: str, actor=CITY) -> dict:
    subs = submissions(round_id, actor)
    return subs[subs["park_id"] == park_id].iloc[0].to_dict()


def test_a_whole_round_from_opening_to_publication(workflow_db, monkeypatch):
    url, root = workflow_db
    clear_workflow(url, root)
    parks = city_parks(root)
    a = clean_park(root, parks)
    b = next(p for p in parks if p != a)
    user_a, user_b = park_user(a), park_user(b)
    due = reporting_common.today()
    round_id = open_round(DATASET, JUNE, due, ADMIN)
    firms_before = row_of(root, a)["above_scale_firms"]
    others_before = published(root).set_index(["park_id", "period"]).drop([(a, JUNE), (b, JUNE)])

    # A: the form starts from last month's published figures, for June
    start = draft(round_id, a, user_a)
    may = row_of(root, a, previous_period(JUNE))
    assert start.attrs["status"] == "未报" and start.attrs["version"] == 0
    assert start.iloc[0]["period"] == JUNE
    assert start.iloc[0]["revenue_ytd"] == may["revenue_ytd"]
    assert start.iloc[0]["above_scale_firms"] == may["above_scale_firms"]
    save_draft(round_id, a, frame(one_more_firm(root, a)), user_a)
    saved = draft(round_id, a, user_a)
    assert saved.attrs["status"] == "草稿"
    assert check(round_id, a, saved, user_a) == []
    submit(round_id, a, saved, {}, user_a, expected_version=saved.attrs["version"])

    # B: a jump in this month's revenue is flagged; without a note it cannot be submitted
    jumpy = frame(revenue_drop(root, b))
    findings = check(round_id, b, jumpy, user_b)
    assert findings.ok and "revenue_ytd" in {f.column for f in findings.needs_note}
    with pytest.raises(ReportingError, match="需填写说明"):
        submit(round_id, b, jumpy, {}, user_b)
    assert _status(round_id, b)["status"] == "未报"
    notes = {f.column: "受疫情影响，部分企业停产检修" for f in findings.needs_note}
    submit(round_id, b, jumpy, notes, user_b)

    # the 市州 compares A with last month and June last year, returns it with a comment
    subs = submissions(round_id, CITY)
    assert set(subs["park_id"]) == set(parks)
    assert dict(zip(subs["park_id"], subs["status"], strict=True))[a] == "已报"
    row_a = _status(round_id, a)
    table = compare(int(row_a["submission_id"]), CITY).set_index("column")
    assert table.at["above_scale_firms", "submitted"] == firms_before + 1
    assert table.at["above_scale_firms", "last_month"] == may["above_scale_firms"]
    assert table.at["revenue_ytd", "last_month"] == may["revenue_ytd"]
    assert table.at["revenue_ytd", "last_year"] == \
        row_of(root, a, same_period_last_year(JUNE))["revenue_ytd"]
    explained = compare(int(_status(round_id, b)["submission_id"]), CITY).set_index("column")
    assert explained.at["revenue_ytd", "note"] == "受疫情影响，部分企业停产检修"
    review(int(row_a["submission_id"]), False, "规上企业数与统计快报不符，请核实", CITY,
           expected_version=int(row_a["version"]))
    returned = draft(round_id, a, user_a)
    assert returned.attrs["status"] == "退回"
    assert _status(round_id, a, user_a)["comment"] == "规上企业数与统计快报不符，请核实"

    # A corrects and resubmits; the 市州 approves both; the office publishes
    submit(round_id, a, frame(one_more_firm(root, a, 2)), {}, user_a,
           expected_version=returned.attrs["version"])
    for park in (a, b):
        row = _status(round_id, park)
        review(int(row["submission_id"]), True, "", CITY, expected_version=int(row["version"]))
    record = publish(round_id, ADMIN)

    after = published(root).set_index(["park_id", "period"])
    assert after.at[(a, JUNE), "above_scale_firms"] == firms_before + 2
    assert after.drop([(a, JUNE), (b, JUNE)]).equals(others_before)
    assert after.at[(b, JUNE), "revenue_ytd"] == pytest.approx(jumpy.iloc[0]["revenue_ytd"])
    assert load_dataset(DATASET, root).set_index(["park_id", "period"]) \
        .at[(b, JUNE), "revenue_ytd"] == pytest.approx(jumpy.iloc[0]["revenue_ytd"])
    assert record.rows_replaced == 2
    assert {_status(round_id, p)["status"] for p in (a, b)} == {"已发布"}

    # the load log names the office; the data's source the submitters and the reviewer
    log = store.history(root, DATASET).iloc[0]
    assert log["version_id"] == record.version_id and ADMIN.username in log["identity"]
    source = read_catalog(root)[DATASET].source
    assert user_a.name in source and user_b.name in source and CITY.name in source

    # the audit lists each step with the identity that took it, in order
    trail = audit_trail(ADMIN, round_id).iloc[::-1]
    steps = list(zip(trail["action"], trail["identity"], strict=True))
    assert [s for s, _ in steps] == ["开启轮次", "保存草稿", "提交", "提交", "退回", "提交",
                                     "审核通过", "审核通过", "发布"]
    assert [who for _, who in steps] == [
        ADMIN.audit_label(), user_a.audit_label(), user_a.audit_label(),
        user_b.audit_label(), CITY.audit_label(), user_a.audit_label(),
        CITY.audit_label(), CITY.audit_label(), ADMIN.audit_label()]

    # the day after the due date, the late list holds exactly the parks that did not report
    monkeypatch.setattr(reporting_common, "today", lambda: due + timedelta(days=1))
    everyone = set(reporting_common.roster(root)["park_id"])
    assert set(late_reports(JUNE, ADMIN)["park_id"]) == everyone - {a, b}
    assert set(late_reports(JUNE, CITY)["park_id"]) == set(parks) - {a, b}
    assert set(late_reports(JUNE, user_a)["park_id"]) == set()
    assert reporting.list_rounds(ADMIN, JUNE)["round_id"].tolist() == [round_id]
