"""Corrections after publication (更正): a park asks, with a reason, to change its published
figures for a month; the office approves (the change is a new version through
hnparks.commands.store.load, so the load log and rollback cover it) or declines with a comment.
`corrections` lets pages say that a figure was corrected and when."""

from __future__ import annotations

import pandas as pd

from hnparks.commands import store
from hnparks.commands.reporting_checks import check_rows
from hnparks.commands.reporting_common import (
    ROUND_DATASETS,
    ReportingError,
    audit,
    beijing,
    records,
    report_file,
    require_filler,
    root_dir,
    signed_in,
    visible_parks,
)
from hnparks.core.access import AccessDenied, Identity, require_admin
from hnparks.core.text import one_line
from hnparks.data.loading import dataset_path
from hnparks.data.workflow import Correction, transaction, utcnow

PENDING, IN_HAND, CORRECTED, DECLINED = "待审批", "处理中", "已更正", "未批准"
CORRECTION_COLUMNS = ["correction_id", "dataset", "park_id", "period", "status", "reason",
                      "requested_by", "requested_at", "decided_by", "decided_at", "comment",
                      "version_id"]


def request_correction(dataset: str, park_id: str, period: str, frame: pd.DataFrame,
                       reason: str, actor: Identity) -> int:
    """Ask to correct the park's published rows of `period`: the park's own account (or the
    office). The new rows must pass the load's checks; the reason is required."""
    city = require_filler(actor, park_id, "申请更正")
    if dataset not in ROUND_DATASETS:
        raise ReportingError(f"数据集「{one_line(dataset, 40)}」不按月由园区填报，不能申请更正")
    reason = one_line(reason or "", 500)
    if not reason:
        raise ReportingError("请填写更正原因")
    rows = records(dataset, frame)
    if not rows or any(r.get("park_id") != park_id for r in rows):
        raise AccessDenied(f"只能申请更正本园区（{park_id}）的数据，未提交更正申请。")
    if any(r.get("period") != period for r in rows):
        raise ReportingError(f"更正的报告期应为 {period}，未提交更正申请。")
    published = pd.read_parquet(dataset_path(dataset, root_dir()))
    if not ((published["park_id"] == park_id) & (published["period"] == period)).any():
        raise ReportingError(f"园区 {park_id} {period} 尚无已发布的数据，无需更正；请通过月度填报报送。")
    findings = check_rows(dataset, rows)
    if findings.errors:
        raise ReportingError("校验未通过，未提交更正申请：\n" +
                             "\n".join(f"- {f.text()}" for f in findings.errors[:20]))
    with transaction() as session:
        found = Correction(dataset=dataset, park_id=park_id, city_code=city, period=period,
                           rows=rows, reason=reason, status=PENDING,
                           requested_by=one_line(actor.audit_label(), 200))
        session.add(found)
        session.flush()
        audit(session, actor, "申请更正", f"{dataset} {period} {park_id}：{reason}",
              park_id=park_id, city_code=city)
        return found.id


def decide_correction(correction_id: int, approve: bool, comment: str,
                      actor: Identity) -> None:
    """The office approves (the corrected rows are loaded as a new version) or declines (with a
    comment) a pending correction. The request is claimed first (处理中), so of two decisions at
    once only one goes ahead, and no database lock is held during the load."""
    require_admin(actor, "审批更正")
    comment = one_line(comment or "", 500)
    if not approve and not comment:
        raise ReportingError("不予批准时请填写意见")
    with transaction() as session:
        found = session.get(Correction, int(correction_id), with_for_update=True)
        if found is None:
            raise ReportingError(f"没有第 {correction_id} 号更正申请")
        if found.status != PENDING:
            raise ReportingError(f"该更正申请已被{found.decided_by or '他人'}处理（{found.status}），"
                                 "本次操作未执行。")
        found.status, found.decided_by = IN_HAND, one_line(actor.audit_label(), 200)
    version_id = None
    try:
        if approve:
            version_id = _load(found, actor)
    except BaseException:
        with transaction() as session:  # the load did not happen: the request is pending again
            session.query(Correction).filter_by(id=found.id, status=IN_HAND).update(
                {"status": PENDING, "decided_by": None}, synchronize_session=False)
        raise
    with transaction() as session:
        found = session.get(Correction, found.id, with_for_update=True)
        found.status = CORRECTED if approve else DECLINED
        found.decided_at, found.comment, found.version_id = utcnow(), comment, version_id
        audit(session, actor, "批准更正" if approve else "不批准更正",
              f"{found.dataset} {found.period} {found.park_id}"
              + (f"，版本 {version_id}" if version_id else "") + (f"：{comment}" if comment else ""),
              park_id=found.park_id, city_code=found.city_code)


def _load(found: Correction, actor: Identity) -> str:
    """Load the corrected rows through the ordinary load; the new version's id."""
    source = f"更正（{found.period} {found.park_id}，申请：{found.requested_by}）：{found.reason}"
    result, record = store.load(found.dataset, [(
        f"{found.dataset}-{found.period}-{found.park_id}-更正.csv",
        report_file(found.dataset, found.rows))], actor, one_line(source, 200), root_dir())
    if record is None:
        raise ReportingError("更正未通过导入校验，数据未改动：\n" + result.report(20))
    return record.version_id


def corrections(dataset: str, actor: Identity) -> pd.DataFrame:
    """Correction requests for `dataset` on parks the actor may see, newest first; `status`
    已更正 with `decided_at` is what a page shows as 已更正（日期）."""
    signed_in(actor, "查看更正记录")
    mine = set(visible_parks(actor)["park_id"])
    with transaction() as session:
        rows = [{"correction_id": c.id, "dataset": c.dataset, "park_id": c.park_id,
                 "period": c.period, "status": c.status, "reason": c.reason,
                 "requested_by": c.requested_by, "requested_at": beijing(c.requested_at),
                 "decided_by": c.decided_by or "", "decided_at": beijing(c.decided_at),
                 "comment": c.comment or "", "version_id": c.version_id or ""}
                for c in session.query(Correction).filter_by(dataset=dataset)
                .order_by(Correction.id.desc()) if c.park_id in mine]
    return pd.DataFrame(rows, columns=CORRECTION_COLUMNS)
