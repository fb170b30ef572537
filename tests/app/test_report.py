"""数据填报 (/report): a park account sees and submits only its own rows; a returned report shows
the reviewer's comment; other roles have no such page."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from hnparks.commands import reporting
from hnparks.core.paths import DATA_DIR_ENV
from hnparks.data import accounts
from hnparks.data.loading import dataset_path
from hnparks.data.workflow import dispose
from tests.app.conftest import REPO, open_app

PARK = "P016"  # the test account zhuzhou_park's park (tests/conftest.TEST_USERS)


@pytest.fixture
def june(tmp_path: Path, monkeypatch) -> int:
    """A private copy of data/ with its own workflow database and the June round opened."""
    shutil.copytree(REPO / "data", tmp_path / "data",
                    ignore=shutil.ignore_patterns("workflow.sqlite*", "evidence", "geo"))
    shutil.copytree(REPO / "data" / "geo", tmp_path / "data" / "geo")
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    yield reporting.open_round("park_indicators", "2020-06", date(2020, 7, 10),
                               accounts.active_identity("office"))
    dispose()


def _editor_frame(at) -> pd.DataFrame:
    """The rows the editable table was given (AppTest reads the element's data)."""
    return next(d for d in at.dataframe if d.proto.editing_mode).value  # st.data_editor


def test_park_sees_only_its_row_prefilled_with_last_month(june):
    at = open_app("report", user="zhuzhou_park")
    assert at.selectbox(key="report_round").options == ["2020年6月 · 园区主要经济指标（截止 2020-07-10）"]
    frame = _editor_frame(at)
    published = pd.read_parquet(dataset_path("park_indicators"))
    may = published[(published.park_id == PARK) & (published.period == "2020-05")].iloc[0]
    assert frame["park_id"].tolist() == [PARK] and frame["period"].tolist() == ["2020-06"]
    assert frame.at[0, "revenue_ytd"] == pytest.approx(may["revenue_ytd"])
    assert not [s for s in at.selectbox if s.key == "report_park"]  # no other park to pick


def test_park_checks_explains_and_submits_only_its_rows(june):
    at = open_app("report", user="zhuzhou_park")
    at.button(key=f"report_{june}_{PARK}_check").click().run()
    flagged = [t for t in at.text_area if t.key.startswith(f"report_{june}_{PARK}_note_")]
    assert flagged, "last month's values as June's: the month's flow is zero, a flagged jump"
    assert at.button(key=f"report_{june}_{PARK}_submit").disabled  # notes first
    for box in flagged:
        box.input("5月数据照抄，仅作测试说明")
    at.run()
    at.button(key=f"report_{june}_{PARK}_submit").click().run()
    assert not at.exception
    assert any("已提交" in s.value for s in at.success), [e.value for e in at.error]
    subs = reporting.submissions(june, accounts.active_identity("office"))
    assert subs.loc[subs.status == reporting.SUBMITTED, "park_id"].tolist() == [PARK]
    assert (subs.loc[subs.park_id != PARK, "status"] == reporting.NOT_REPORTED).all()


def test_returned_report_shows_the_reviewers_comment(june):
    park = accounts.active_identity("zhuzhou_park")
    frame = reporting.draft(june, PARK, park)
    jumpy = reporting.check(june, PARK, frame, park)
    notes = {f.column: "测试说明" for f in jumpy.needs_note}
    sid = reporting.submit(june, PARK, frame, notes, park)
    version = int(reporting.submissions(june, park).set_index("park_id").at[PARK, "version"])
    reporting.review(sid, False, "税收与统计快报不一致，请核实", accounts.active_identity("office"),
                     version)
    at = open_app("report", user="zhuzhou_park")
    assert any("税收与统计快报不一致，请核实" in w.value for w in at.warning)
    assert any("退回" in m.value for m in at.markdown)


@pytest.mark.parametrize("user", ["leader", "changsha"])
def test_roles_without_reporting_have_no_page(user):
    with pytest.raises(AssertionError, match="report did not open"):
        open_app("report", user=user)  # not in their navigation: the page never runs


def test_park_opens_the_evidence_it_attached(june, downloads):
    """An attached 佐证材料 is listed and opened from the page, the file's bytes as uploaded."""
    park = accounts.active_identity("zhuzhou_park")
    milestones = pd.read_parquet(dataset_path("task_milestones"))
    first = milestones[milestones["year"] == 2020]["milestone_id"].iloc[0]  # the picker's default
    pdf = b"%PDF-1.4\n% evidence for a test\n%%EOF\n"
    reporting.attach(first, PARK, "批复文件.pdf", pdf, park)
    at = open_app("report", user="zhuzhou_park", period="2020-06")
    assert at.selectbox(key="report_evidence_item").value == first
    assert at.selectbox(key="report_evidence_file_pick").options == [
        f"批复文件.pdf（{reporting.evidence(first, park).at[0, 'uploaded_at']}）"]
    at.button(key="report_evidence_file_build").click().run()
    assert downloads[at.download_button(key="report_evidence_file").proto.url] == pdf
