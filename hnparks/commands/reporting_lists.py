"""What the office, the cities and the parks see of the reporting rounds: the rounds, each
park's status in a round (未报 … 已发布, late or not), the late list (未按时报送清单) and the
audit, each cut to the parks the actor may see."""

from __future__ import annotations

import pandas as pd

from hnparks.commands import reporting_common as common
from hnparks.commands.reporting_common import (
    NOT_REPORTED,
    RETURNED,
    beijing,
    beijing_date,
    get_round,
    signed_in,
    visible_parks,
)
from hnparks.core.access import Identity
from hnparks.data.workflow import AuditEntry, Round, Submission, transaction

ROUND_COLUMNS = ["round_id", "dataset", "period", "due", "state", "opened_by", "opened_at",
                 "closed_at", "published_at"]
SUBMISSION_COLUMNS = ["submission_id", "park_id", "park_name", "city_code", "city_name",
                      "status", "version", "submitted_at", "submitter", "reviewer", "comment",
                      "late"]


def list_rounds(actor: Identity, period: str | None = None) -> pd.DataFrame:
    """Every round (optionally of one month), newest first: any signed-in role may see them."""
    signed_in(actor, "查看填报轮次")
    with transaction() as session:
        query = session.query(Round)
        if period:
            query = query.filter(Round.period == period)
        rows = [{"round_id": r.id, "dataset": r.dataset, "period": r.period, "due": r.due,
                 "state": r.state, "opened_by": r.opened_by, "opened_at": beijing(r.opened_at),
                 "closed_at": beijing(r.closed_at), "published_at": beijing(r.published_at)}
                for r in query.order_by(Round.period.desc(), Round.id.desc())]
    return pd.DataFrame(rows, columns=ROUND_COLUMNS)


# ---- what the office and the cities see -----------------------------------------------------

def _late(found: Round, sub: Submission | None) -> bool:
    """Not submitted by the due date: submitted after it, or still not submitted after it."""
    if sub is not None and sub.submitted_at is not None and sub.status != RETURNED:
        return beijing_date(sub.submitted_at) > found.due
    return common.today() > found.due


def submissions(round_id: int, actor: Identity) -> pd.DataFrame:
    """One row per park the actor may see: its status in the round (未报 when nothing is
    saved), when and by whom it was submitted and reviewed, the comment, and whether it is late."""
    signed_in(actor, "查看报送情况")
    parks = visible_parks(actor)
    with transaction() as session:
        found = get_round(session, round_id)
        subs = {s.park_id: s for s in session.query(Submission).filter_by(round_id=found.id)}
        rows = []
        for park in parks.itertuples():
            sub = subs.get(park.park_id)
            rows.append({
                "submission_id": sub.id if sub else None, "park_id": park.park_id,
                "park_name": park.park_name, "city_code": park.city_code,
                "city_name": park.city_name, "status": sub.status if sub else NOT_REPORTED,
                "version": sub.version if sub else 0,
                "submitted_at": beijing(sub.submitted_at) if sub else "",
                "submitter": (sub.submitted_by or "") if sub else "",
                "reviewer": (sub.reviewed_by or "") if sub else "",
                "comment": (sub.comment or "") if sub else "", "late": _late(found, sub)})
    frame = pd.DataFrame(rows, columns=SUBMISSION_COLUMNS)
    frame["submission_id"] = frame["submission_id"].astype("Int64")
    return frame


def late_reports(period: str, actor: Identity) -> pd.DataFrame:
    """未按时报送清单: every park (the actor may see) not reported by the due date, in every
    round of `period` — city, park, dataset, due date, status."""
    signed_in(actor, "查看未按时报送清单")
    out = []
    for found in list_rounds(actor, period).itertuples():
        subs = submissions(found.round_id, actor)
        late = subs[subs["late"]]
        out.append(late.assign(dataset=found.dataset, due=found.due, round_id=found.round_id))
    cols = ["city_code", "city_name", "park_id", "park_name", "dataset", "round_id", "due",
            "status", "submitted_at"]
    if not out:
        return pd.DataFrame(columns=cols)
    return pd.concat(out)[cols].sort_values(["city_code", "park_id", "dataset"]) \
        .reset_index(drop=True)


def audit_trail(actor: Identity, round_id: int | None = None) -> pd.DataFrame:
    """The workflow's audit, newest first: time (Beijing), identity, action, detail. The office
    and province-wide roles see every row; a 市州 its parks' rows and the office's round steps; a
    园区 its own rows and the round steps."""
    signed_in(actor, "查看填报记录")
    mine = None if actor.role in ("leader", "department", "admin") else \
        set(visible_parks(actor)["park_id"])
    with transaction() as session:
        query = session.query(AuditEntry)
        if round_id is not None:
            query = query.filter(AuditEntry.round_id == int(round_id))
        rows = [{"time": beijing(a.time), "identity": a.identity, "action": a.action,
                 "detail": a.detail, "round_id": a.round_id, "park_id": a.park_id or ""}
                for a in query.order_by(AuditEntry.id.desc())
                if mine is None or a.park_id is None or a.park_id in mine]
    return pd.DataFrame(rows, columns=["time", "identity", "action", "detail", "round_id",
                                       "park_id"])
