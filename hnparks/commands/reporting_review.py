"""Review and publishing: the 市州 compares a park's submission with last month and the same
month last year, returns it with a comment or approves it (one reviewer wins: a version check
under a row lock, in one transaction); the office publishes the approved rows as one load
through hnparks.commands.store.load (the atomic, writer-locked commit), naming the submitters
and reviewers in the load's source and in the workflow's audit."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from hnparks.commands import store
from hnparks.commands.ingest import LABELS, column_labels
from hnparks.commands.reporting_common import (
    APPROVED,
    PUBLISHED,
    RETURNED,
    SUBMITTED,
    ReportingError,
    audit,
    columns_of,
    get_round,
    get_row,
    report_file,
    require_park_view,
    require_reviewer,
    root_dir,
)
from hnparks.core.access import Identity, require_admin
from hnparks.core.periods import previous_period, same_period_last_year
from hnparks.core.text import one_line
from hnparks.data.loading import dataset_path
from hnparks.data.workflow import Submission, transaction, utcnow

COMPARE_COLUMNS = ["column", "label", "submitted", "last_month", "last_year", "note"]


def _get_submission(session: Session, submission_id: int, lock: bool = False) -> Submission:
    return get_row(session, Submission, submission_id, lock, f"没有第 {submission_id} 号报送")


def compare(submission_id: int, actor: Identity) -> pd.DataFrame:
    """The submitted figures beside the park's published last month and same month last year,
    one row per reported column (with the park's note where it gave one)."""
    with transaction() as session:
        sub = _get_submission(session, submission_id)
        require_park_view(actor, sub.park_id, "查看报送")
        found = get_round(session, sub.round_id)
        dataset, period, rows, notes = found.dataset, found.period, sub.rows, dict(sub.notes)
    published = pd.read_parquet(dataset_path(dataset, root_dir()))
    mine = published[published["park_id"] == sub.park_id].set_index("period")
    labels = {**column_labels(dataset), **LABELS}

    def value(at: str, col: str) -> object:
        return mine.at[at, col] if at in mine.index else None

    row = rows[0] if rows else {}
    out = [{"column": col, "label": labels.get(col, col), "submitted": row.get(col),
            "last_month": value(previous_period(period), col),
            "last_year": value(same_period_last_year(period), col), "note": notes.get(col, "")}
           for col in columns_of(dataset) if col not in ("park_id", "period")]
    return pd.DataFrame(out, columns=COMPARE_COLUMNS)


def review(submission_id: int, approve: bool, comment: str, actor: Identity,
           expected_version: int) -> None:
    """Approve (已审核) or return (退回, with a comment) a submitted report: the park's 市州 account
    or the office. Of two reviewers acting at once only one wins; the other is told who did."""
    comment = one_line(comment or "", 500)
    with transaction() as session:
        sub = _get_submission(session, submission_id, lock=True)
        require_reviewer(actor, sub.city_code, "审核")
        if sub.version != expected_version or sub.status != SUBMITTED:
            by = f"{sub.reviewed_by}" if sub.reviewed_by else "他人"
            raise ReportingError(f"该报送已被{by}处理（现为「{sub.status}」，第 {sub.version} 版），"
                                 "本次操作未执行；请刷新后查看。")
        if not approve and not comment:
            raise ReportingError("退回时请填写退回意见，说明需要修改的内容")
        # the row is locked; the version condition also holds where row locks are coarse
        changed = session.query(Submission).filter(
            Submission.id == sub.id, Submission.version == expected_version,
            Submission.status == SUBMITTED).update({
                "status": APPROVED if approve else RETURNED, "version": expected_version + 1,
                "reviewed_by": one_line(actor.audit_label(), 200), "reviewed_at": utcnow(),
                "comment": comment}, synchronize_session=False)
        if changed != 1:
            raise ReportingError("该报送已被他人处理，本次操作未执行；请刷新后查看。")
        found = get_round(session, sub.round_id)
        audit(session, actor, "审核通过" if approve else "退回",
              f"{found.dataset} {found.period} {sub.park_id} 第 {expected_version} 版"
              + (f"：{comment}" if comment else ""),
              round_id=sub.round_id, park_id=sub.park_id, city_code=sub.city_code)


def _names(values: list[str | None]) -> str:
    return "、".join(dict.fromkeys(v for v in values if v))


def publish(round_id: int, actor: Identity) -> store.LoadRecord:
    """Publish the round's approved rows: one load through `store.load` (checked again and
    committed under the writer lock), then those submissions become 已发布. The office only."""
    require_admin(actor, "发布填报数据")
    with transaction() as session:
        found = get_round(session, round_id)
        approved = session.query(Submission).filter_by(round_id=found.id, status=APPROVED) \
            .order_by(Submission.park_id).all()
        if not approved:
            raise ReportingError(f"{found.period}「{found.dataset}」没有已审核的报送，无需发布")
        dataset, period = found.dataset, found.period
        picked = {s.id: s.version for s in approved}
        rows = [r for s in approved for r in s.rows]
        submitters = _names([s.submitted_by for s in approved])
        reviewers = _names([s.reviewed_by for s in approved])
    source = (f"园区在线填报（{period}，第 {round_id} 轮，{len(picked)} 个园区）"
              f"；审核：{reviewers}；填报：{submitters}")
    result, record = store.load(dataset, [(f"{dataset}-{period}-在线填报.csv",
                                           report_file(dataset, rows))],
                                actor, one_line(source, 200), root_dir())
    if record is None:
        raise ReportingError("发布未通过导入校验，数据未改动：\n" + result.report(20))
    with transaction() as session:
        found = get_round(session, round_id, lock=True)
        for sub_id, version in picked.items():
            session.query(Submission).filter(
                Submission.id == sub_id, Submission.version == version).update(
                {"status": PUBLISHED, "version": version + 1}, synchronize_session=False)
        found.published_at, found.version_id = utcnow(), record.version_id
        audit(session, actor, "发布",
              f"{dataset} {period}：{len(picked)} 个园区，版本 {record.version_id}；"
              f"填报：{submitters}；审核：{reviewers}", round_id=found.id)
    return record
