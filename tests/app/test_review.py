"""审核与发布 (/review): a 市州 reviewer sees only its parks and approves or returns; the office
sees the province and the 未按时报送 block on 总览."""

from __future__ import annotations

import pandas as pd
import pytest

from hnparks.commands import reporting
from hnparks.data import accounts
from hnparks.data.loading import dataset_path
from tests.app.conftest import open_app
from tests.app.test_report import june  # noqa: F401 — the fixture: a data copy, June opened

CHANGSHA, PARK = "430100", "P013"  # the test account changsha's city, one of its parks


def _submit_june_as_published(round_id: int) -> int:
    """P013 reports June as it stands (nothing to explain), submitted by the office for it."""
    rows = pd.read_parquet(dataset_path("park_indicators"))
    june_rows = rows[(rows.park_id == PARK) & (rows.period == "2020-06")]
    return reporting.submit(round_id, PARK, june_rows, {}, accounts.active_identity("office"))


def test_city_reviewer_sees_only_its_parks_with_counts(june):  # noqa: F811
    _submit_june_as_published(june)
    at = open_app("review", user="changsha")
    status = next(d.value for d in at.dataframe if "park_name" in d.value.columns)
    parks = pd.read_parquet(dataset_path("parks"))
    assert sorted(status["park_name"]) == \
        sorted(parks.loc[parks.city_code == CHANGSHA, "park_name"].str.replace("（待核）", ""))
    assert set(status["city_name"]) == {"长沙市"}
    counts = {m.label: m.value for m in at.metric}
    assert counts["已报"] == "1 个" and counts["未报"] == f"{len(status) - 1} 个"
    assert not [b for b in at.button if b.key in ("review_publish", "review_open")]


def test_city_approves_a_submission_on_the_page(june):  # noqa: F811
    sid = _submit_june_as_published(june)
    at = open_app("review", user="changsha")
    assert at.selectbox(key="review_submission").value == sid
    compare = next(d.value for d in at.dataframe if "submitted" in d.value.columns)
    assert compare.set_index("label").at["技工贸总收入（亿元，累计）", "last_month"] == \
        pytest.approx(138.64)  # P013's published May figure
    at.button(key=f"review_approve_{sid}").click().run()
    assert any("已审核通过" in s.value for s in at.success), [e.value for e in at.error]
    subs = reporting.submissions(june, accounts.active_identity("changsha"))
    assert subs.set_index("park_id").at[PARK, "status"] == reporting.APPROVED


def test_return_needs_a_comment(june):  # noqa: F811
    sid = _submit_june_as_published(june)
    at = open_app("review", user="changsha")
    assert at.button(key=f"review_return_{sid}").disabled
    at.text_area(key=f"review_comment_{sid}").input("请核实税收").run()
    at.button(key=f"review_return_{sid}").click().run()
    subs = reporting.submissions(june, accounts.active_identity("changsha"))
    assert subs.set_index("park_id").loc[PARK, ["status", "comment"]].tolist() == \
        [reporting.RETURNED, "请核实税收"]


def test_overview_shows_late_parks_to_the_office_only(june):  # noqa: F811
    late = reporting.late_reports("2020-06", accounts.active_identity("office"))
    at = open_app(None, user="office")
    block = [c.value for c in at.caption if "个园区。" in c.value]
    assert block and block[0].endswith(f"共 {len(late)} 个园区。")
    assert not [c.value for c in open_app(None, user="leader").caption if "个园区。" in c.value]
