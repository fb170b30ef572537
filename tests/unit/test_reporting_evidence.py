"""佐证材料 and 更正 (issue 25), on SQLite and on PostgreSQL: files are checked by their content
and size before anything is stored, shown only to roles that may see the park, and audited; a
correction is a new version of the published data that the pages can date."""

from __future__ import annotations

import pandas as pd
import pytest

from hnparks.commands.evidence import MAX_EVIDENCE_BYTES, evidence_path
from hnparks.commands.reporting import (
    AccessDenied,
    ReportingError,
    attach,
    audit_trail,
    corrections,
    decide_correction,
    evidence,
    read_evidence,
    request_correction,
)
from hnparks.data.loading import dataset_path
from hnparks.data.workflow import utcnow
from tests.unit.reporting_cases import (
    ADMIN,
    CITY,
    DATASET,
    JUNE,
    OTHER_CITY,
    city_parks,
    frame,
    one_more_firm,
    park_user,
    published,
)
from tests.workflow import clear_workflow, snapshot

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
PDF = b"%PDF-1.7\n" + "佐证".encode() * 100


@pytest.fixture
def fresh(workflow_db):
    url, root = workflow_db
    clear_workflow(url, root)
    parks = city_parks(root)
    return url, root, parks[0], parks[1]


def _milestone(root) -> str:
    return str(pd.read_parquet(dataset_path("task_milestones", root))["milestone_id"].iloc[0])


def test_evidence_is_stored_by_hash_and_shown_only_to_who_may_see_the_park(fresh):
    url, root, park, other = fresh
    item = _milestone(root)
    sha = attach(item, park, "会议纪要.png", PNG, park_user(park))
    assert evidence_path(sha).read_bytes() == PNG
    assert evidence_path(sha).is_relative_to(root / "evidence")
    for who in (park_user(park), CITY, ADMIN):
        listed = evidence(item, who)
        assert list(listed["sha256"]) == [sha] and list(listed["kind"]) == ["PNG"]
        assert read_evidence(sha, who) == ("会议纪要.png", PNG)
    for who in (park_user(other), OTHER_CITY):
        assert evidence(item, who).empty
        with pytest.raises(AccessDenied, match="无权查看"):
            read_evidence(sha, who)
    with pytest.raises(AccessDenied):
        read_evidence("../../load_state.json", ADMIN)
    upload = audit_trail(ADMIN).iloc[0]
    assert upload["action"] == "上传佐证" and sha[:16] in upload["detail"]
    assert upload["identity"] == park_user(park).audit_label()


@pytest.mark.parametrize("name, data, message", [
    ("大文件.pdf", PDF + b"0" * MAX_EVIDENCE_BYTES, "超过 10 MB"),
    ("伪装.pdf", b"MZ\x90\x00" + b"\x00" * 100, "不是 PDF、PNG 或 JPEG"),
    ("压缩包.png", b"PK\x03\x04" + b"\x00" * 100, "不是 PDF、PNG 或 JPEG"),
    ("空.pdf", b"", "空文件"),
])
def test_a_wrong_file_is_refused_before_anything_is_stored(fresh, name, data, message):
    url, root, park, _ = fresh
    before = snapshot(url, root)
    with pytest.raises(ReportingError, match=message):
        attach(_milestone(root), park, name, data, park_user(park))
    assert snapshot(url, root) == before


def test_evidence_for_another_park_is_refused(fresh):
    url, root, park, other = fresh
    before = snapshot(url, root)
    with pytest.raises(AccessDenied, match="只能为本园区"):
        attach(_milestone(root), other, "a.pdf", PDF, park_user(park))
    with pytest.raises(ReportingError, match="不是重点任务或节点编号"):
        attach("不存在", park, "a.pdf", PDF, park_user(park))
    assert snapshot(url, root) == before


@pytest.mark.slow
def test_a_correction_is_a_new_version_the_pages_can_date(fresh):
    url, root, park, other = fresh
    corrected = one_more_firm(root, park, 3)
    before = snapshot(url, root)
    with pytest.raises(AccessDenied, match="只能为本园区.*申请更正"):
        request_correction(DATASET, park, JUNE, frame(corrected), "统计口径调整",
                           park_user(other))
    with pytest.raises(ReportingError, match="更正原因"):
        request_correction(DATASET, park, JUNE, frame(corrected), " ", park_user(park))
    assert snapshot(url, root) == before
    correction_id = request_correction(DATASET, park, JUNE, frame(corrected), "统计口径调整",
                                       park_user(park))
    with pytest.raises(AccessDenied):
        decide_correction(correction_id, True, "", CITY)
    decide_correction(correction_id, True, "同意", ADMIN)
    after = published(root).set_index(["park_id", "period"])
    assert after.at[(park, JUNE), "above_scale_firms"] == corrected["above_scale_firms"]
    shown = corrections(DATASET, park_user(park)).iloc[0]
    assert shown["status"] == "已更正" and shown["period"] == JUNE
    assert shown["decided_at"][:10] == str(pd.Timestamp(utcnow()).tz_localize("UTC")
                                           .tz_convert("Asia/Shanghai").date())
    assert corrections(DATASET, park_user(other)).empty
    with pytest.raises(ReportingError, match="已被"):
        decide_correction(correction_id, False, "重复", ADMIN)
