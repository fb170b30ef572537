"""The monthly reporting workflow (issue 25): the office opens a round per dataset and month,
each 园区 account fills and submits its own rows, its 市州 reviews them, the office publishes the
approved rows through the ordinary load (hnparks.commands.store.load). Rights are enforced
here, on every call, whatever the page shows: `AccessDenied` or `ReportingError`, both with a
Chinese message, and nothing changed. State lives in the workflow database
(hnparks.data.workflow); review and publishing are in reporting_review, corrections and
evidence in their own modules, all re-exported here as one API."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy.orm import Session

from hnparks.commands import reporting_common as common
from hnparks.commands.corrections import corrections, decide_correction, request_correction
from hnparks.commands.evidence import attach, evidence, read_evidence
from hnparks.commands.ingest import column_labels
from hnparks.commands.reporting_checks import ERROR, NEEDS_NOTE, Finding, Findings, check_rows
from hnparks.commands.reporting_common import (
    APPROVED,
    CLOSED,
    DRAFT,
    NOT_REPORTED,
    OPEN,
    PUBLISHED,
    RETURNED,
    ROUND_DATASETS,
    SUBMITTED,
    ReportingError,
    audit,
    columns_of,
    frame_of,
    get_round,
    records,
    require_filler,
    require_park_view,
    root_dir,
)
from hnparks.commands.reporting_lists import (
    audit_trail,
    late_reports,
    list_rounds,
    submissions,
)
from hnparks.commands.reporting_review import compare, publish, review
from hnparks.core.access import AccessDenied, Identity, require_admin
from hnparks.core.periods import is_period, previous_period
from hnparks.core.text import one_line
from hnparks.data.loading import dataset_path
from hnparks.data.workflow import (
    Round,
    Submission,
    SubmittedVersion,
    transaction,
    utcnow,
)

__all__ = ["APPROVED", "DRAFT", "ERROR", "NEEDS_NOTE", "NOT_REPORTED", "PUBLISHED", "RETURNED",
           "ROUND_DATASETS", "SUBMITTED", "AccessDenied", "Finding", "Findings",
           "ReportingError", "attach", "audit_trail", "check", "close_round", "compare",
           "corrections", "decide_correction", "draft", "evidence", "form_columns", "late_reports",
           "list_rounds", "open_round", "publish", "read_evidence", "request_correction",
           "review", "save_draft", "submissions", "submit"]


# ---- rounds ---------------------------------------------------------------------------------

def open_round(dataset: str, period: str, due: date, actor: Identity) -> int:
    """Open a round for `dataset` and `period` (年-月) due on `due`; the office only. One round
    per dataset and month."""
    require_admin(actor, "开启填报轮次")
    if dataset not in ROUND_DATASETS:
        raise ReportingError(f"数据集「{one_line(dataset, 40)}」不按月由园区填报，不能开启填报轮次；"
                             f"可选：{'、'.join(ROUND_DATASETS)}")
    if not is_period(period):
        raise ReportingError(f"报告期应写成 年-月（填的是“{one_line(period, 20)}”）")
    if not isinstance(due, date):
        raise ReportingError("截止日期应为日期")
    with transaction() as session:
        if session.query(Round).filter_by(dataset=dataset, period=period).count():
            raise ReportingError(f"{period}「{dataset}」的填报轮次已开启，不能重复开启")
        found = Round(dataset=dataset, period=period, due=due, state=OPEN,
                      opened_by=one_line(actor.audit_label(), 200))
        session.add(found)
        session.flush()
        audit(session, actor, "开启轮次", f"{dataset} {period}，截止 {due.isoformat()}",
              round_id=found.id)
        return found.id


def close_round(round_id: int, actor: Identity) -> None:
    """Close a round: no more drafts or submissions (review and publishing go on)."""
    require_admin(actor, "关闭填报轮次")
    with transaction() as session:
        found = get_round(session, round_id, lock=True)
        if found.state == CLOSED:
            raise ReportingError(f"第 {round_id} 号填报轮次已关闭")
        found.state = CLOSED
        found.closed_at = utcnow()
        audit(session, actor, "关闭轮次", f"{found.dataset} {found.period}", round_id=found.id)


def form_columns(dataset: str) -> dict[str, str]:
    """The columns a park fills for `dataset`, in order, with their Chinese headers (and units),
    as the office's report template names them."""
    return column_labels(dataset)



# ---- a park's draft, check and submission ---------------------------------------------------

def _submission(session: Session, round_id: int, park_id: str,
                lock: bool = False) -> Submission | None:
    query = session.query(Submission).filter_by(round_id=int(round_id), park_id=park_id)
    return (query.with_for_update() if lock else query).one_or_none()


def _prefill(dataset: str, period: str, park_id: str, root: Path | None) -> pd.DataFrame:
    """The park's row for `period`, prefilled from last month's published values."""
    published = pd.read_parquet(dataset_path(dataset, root_dir(root)))
    last = published[(published["park_id"] == park_id)
                     & (published["period"] == previous_period(period))]
    row = records(dataset, last)[0] if len(last) else {c: None for c in columns_of(dataset)}
    row.update(park_id=park_id, period=period)
    return frame_of(dataset, [row])


def draft(round_id: int, park_id: str, actor: Identity) -> pd.DataFrame:
    """The park's saved rows in the round (draft or submitted), else its row prefilled from last
    month's published values. `frame.attrs`: status, version (pass it to `submit` as
    `expected_version`), notes."""
    with transaction() as session:
        found = get_round(session, round_id)
        require_park_view(actor, park_id, "查看填报")
        sub = _submission(session, round_id, park_id)
        if sub is None:
            frame = _prefill(found.dataset, found.period, park_id, None)
            frame.attrs.update(status=NOT_REPORTED, version=0, notes={})
        else:
            frame = frame_of(found.dataset, sub.rows)
            frame.attrs.update(status=sub.status, version=sub.version, notes=dict(sub.notes))
    return frame


def _refuse_foreign_rows(rows: list[dict], park_id: str, period: str) -> None:
    """Every row must be the park's own, for the round's month."""
    others = sorted({str(r.get("park_id")) for r in rows if r.get("park_id") != park_id})
    if others:
        raise AccessDenied(f"只能填报本园区（{park_id}）的数据：表中有其他园区编号 "
                           f"{one_line('、'.join(others), 60)}，本次未保存、未提交。")
    periods = sorted({str(r.get("period")) for r in rows if r.get("period") != period})
    if periods:
        raise ReportingError(f"本轮报告期为 {period}，表中有其他报告期 "
                             f"{one_line('、'.join(periods), 60)}，本次未保存、未提交。")
    if not rows:
        raise ReportingError("表中没有数据行，本次未保存、未提交。")


def _writable(found: Round, sub: Submission | None, action: str) -> None:
    if found.state != OPEN:
        raise ReportingError(f"{found.period}「{found.dataset}」填报轮次已关闭，不能再{action}；"
                             "如需更正已发布的数据，请提交更正申请。")
    if sub is not None and sub.status in (SUBMITTED, APPROVED, PUBLISHED):
        raise ReportingError(f"本轮已提交（第 {sub.version} 版，{sub.status}），"
                             f"不能再{action}；如需修改，请联系市州退回。")


def save_draft(round_id: int, park_id: str, frame: pd.DataFrame, actor: Identity) -> None:
    """Keep the park's rows as a draft in the database (survives a closed tab or an expired
    session); nothing is checked but that the rows are the park's own for the round's month."""
    city = require_filler(actor, park_id, "保存填报")
    with transaction() as session:
        found = get_round(session, round_id, lock=True)
        rows = records(found.dataset, frame)
        _refuse_foreign_rows(rows, park_id, found.period)
        sub = _submission(session, round_id, park_id, lock=True)
        _writable(found, sub, "保存草稿")
        who = one_line(actor.audit_label(), 200)
        if sub is None:
            sub = Submission(round_id=found.id, park_id=park_id, city_code=city, status=DRAFT,
                             version=1, rows=rows, notes={}, saved_by=who)
            session.add(sub)
        else:
            sub.rows, sub.version, sub.saved_by = rows, sub.version + 1, who
            sub.saved_at = utcnow()
        audit(session, actor, "保存草稿", f"{found.dataset} {found.period} {park_id}",
              round_id=found.id, park_id=park_id, city_code=city)


def check(round_id: int, park_id: str, frame: pd.DataFrame, actor: Identity) -> Findings:
    """Every finding on the park's rows for the round, in Chinese: the office's load checks
    (错误) and the figures needing a note (需说明)."""
    require_filler(actor, park_id, "校验填报")
    with transaction() as session:
        found = get_round(session, round_id)
        dataset, period = found.dataset, found.period
    rows = records(dataset, frame)
    _refuse_foreign_rows(rows, park_id, period)
    return check_rows(dataset, rows)


def submit(round_id: int, park_id: str, frame: pd.DataFrame, notes: dict[str, str],
           actor: Identity, expected_version: int | None = None) -> int:
    """Submit the park's rows to its 市州: refused (nothing changed) for another park's rows, a
    closed round, any 错误, a 需说明 figure without a note, a report already submitted, or a
    draft changed since `expected_version`. Returns the submission's id."""
    city = require_filler(actor, park_id, "提交填报")
    with transaction() as session:
        found = get_round(session, round_id)
        dataset, period = found.dataset, found.period
        _writable(found, _submission(session, round_id, park_id), "提交")
    rows = records(dataset, frame)
    _refuse_foreign_rows(rows, park_id, period)
    findings = check_rows(dataset, rows)
    if findings.errors:
        raise ReportingError("校验未通过，未提交：\n" +
                             "\n".join(f"- {f.text()}" for f in findings.errors[:20]))
    notes = {str(k): one_line(v, 500) for k, v in (notes or {}).items() if str(v or "").strip()}
    if missing := findings.missing_notes(notes):
        raise ReportingError("以下数据需填写说明后才能提交：\n" +
                             "\n".join(f"- {f.text()}" for f in missing))
    with transaction() as session:  # checked outside: now re-read under the row lock
        found = get_round(session, round_id, lock=True)
        sub = _submission(session, round_id, park_id, lock=True)
        _writable(found, sub, "提交")
        if expected_version is not None and (sub.version if sub else 0) != expected_version:
            raise ReportingError("本园区的填报在您打开后已被修改或提交（"
                                 f"现为第 {sub.version if sub else 0} 版），本次未提交；"
                                 "请刷新后核对再提交。")
        who, now = one_line(actor.audit_label(), 200), utcnow()
        if sub is None:
            sub = Submission(round_id=found.id, park_id=park_id, city_code=city, version=0,
                             rows=rows, notes={}, saved_by=who, status=SUBMITTED)
            session.add(sub)
        sub.rows, sub.notes, sub.status, sub.version = rows, notes, SUBMITTED, sub.version + 1
        sub.saved_by = sub.submitted_by = who
        sub.saved_at = sub.submitted_at = now
        sub.reviewed_by = sub.reviewed_at = None
        session.flush()
        session.add(SubmittedVersion(submission_id=sub.id, version=sub.version, rows=rows,
                                     notes=notes, submitted_by=who, submitted_at=now))
        late = "（逾期）" if common.today() > found.due else ""
        explained = f"；说明 {len(notes)} 项" if notes else ""
        audit(session, actor, "提交", f"{dataset} {period} {park_id} 第 {sub.version} 版"
              f"{late}{explained}", round_id=found.id, park_id=park_id, city_code=city)
        return sub.id
