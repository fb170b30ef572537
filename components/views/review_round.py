"""审核与发布 (/review), the 市州's part: a round's parks by status with counts, one submission
compared with last month and the same month last year, 通过 or 退回 with a comment."""

from __future__ import annotations

from numbers import Real

import pandas as pd
import streamlit as st

from components.ui.kpi import empty_note
from components.ui.layout import table_height
from components.ui.text import md_escape
from components.views.report_common import (
    STATUS_ORDER,
    act,
    choose_round,
    park_names,
    round_label,
    round_state,
    status_column,
)
from hnparks.commands import reporting
from hnparks.core.access import Identity
from hnparks.core.formats import fmt_pct
from hnparks.core.metrics import definition, yoy_growth

PAGE = "review"


def pick_round(identity: Identity) -> pd.Series | None:
    """Any round, the newest month first (a returned report may still be pending in an older
    one)."""
    return choose_round(reporting.list_rounds(identity), "review_round",
                        "还没有填报任务。省园区办开启当月填报后，这里列出各园区的报送情况。",
                        lambda row: f"{round_label(row)} · {round_state(row)}")


def status_counts(subs: pd.DataFrame) -> None:
    """未报 / 已报 / 退回 / 已审核 (and 草稿, 已发布 when any) as a row of counts."""
    counts = subs["status"].value_counts()
    always = (reporting.NOT_REPORTED, reporting.SUBMITTED, reporting.RETURNED, reporting.APPROVED)
    shown = [s for s in STATUS_ORDER if s in always or counts.get(s)]
    for column, status in zip(st.columns(len(shown)), shown, strict=True):
        column.metric(status, f"{int(counts.get(status, 0))} 个",
                      help=f"本轮状态为“{status}”的园区数（共 {len(subs)} 个园区）")


def status_table(round_row: pd.Series, identity: Identity) -> pd.DataFrame:
    """Every park the identity reviews in this round, with status, who submitted and when, the
    reviewer's comment; returns the submissions."""
    subs = reporting.submissions(int(round_row.name), identity)
    if subs.empty:
        empty_note("需要审核的园区")
        return subs
    status_counts(subs)
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    subs = subs.sort_values(["status", "park_id"], key=lambda c: c.map(order)
                            if c.name == "status" else c).reset_index(drop=True)
    st.dataframe(subs[["city_name", "park_name", "status", "submitted_at", "late", "reviewer",
                       "comment"]], hide_index=True, width="stretch", key="review_status",
                 height=table_height(len(subs), max_px=420),
                 column_config={"city_name": "市州", "park_name": "园区", "status": status_column(),
                                "submitted_at": "提交时间",
                                "late": st.column_config.CheckboxColumn(
                                    "逾期", help="截止日期前未提交（或截止后才提交）"),
                                "reviewer": "审核人",
                                "comment": st.column_config.TextColumn("审核意见", width="large")})
    return subs


def pick_submission(subs: pd.DataFrame) -> pd.Series | None:
    """A submitted (or already reviewed) report to look at."""
    sent = subs[subs["submission_id"].notna() & (subs["status"] != reporting.DRAFT)]
    if sent.empty:
        st.caption("本轮还没有园区提交。")
        return None
    names = park_names()
    rows = {int(r.submission_id): r for r in sent.itertuples()}
    chosen = st.selectbox("查看园区报送", list(rows), key="review_submission",
                          format_func=lambda i: f"{names.get(rows[i].park_id, rows[i].park_id)}"
                                                f" · {rows[i].status}")
    return sent.set_index("submission_id").loc[chosen].rename(chosen)


def _yoy(now: object, before: object) -> str:
    """较上年同月 for a number ('—' for text columns and gaps)."""
    numbers = all(isinstance(v, Real) and not isinstance(v, bool) for v in (now, before))
    return fmt_pct(yoy_growth(now, before), signed=True) if numbers else "—"


def comparison(submission: pd.Series, identity: Identity) -> None:
    """The submission's figures beside last month's and the same month last year's, with the
    park's note on each flagged change."""
    table = reporting.compare(int(submission.name), identity)
    shown = table.assign(yoy=[_yoy(now, before) for now, before
                              in zip(table["submitted"], table["last_year"], strict=True)])
    st.dataframe(shown[["label", "submitted", "last_month", "last_year", "yoy", "note"]],
                 hide_index=True, width="stretch", key="review_compare", placeholder="—",
                 height=table_height(len(shown), max_px=420),
                 column_config={"label": st.column_config.TextColumn("项目（单位）", width="medium"),
                                "submitted": st.column_config.Column("本次报送"),
                                "last_month": st.column_config.Column("上月（已发布）"),
                                "last_year": st.column_config.Column("上年同月（已发布）"),
                                "yoy": st.column_config.TextColumn(
                                    "较上年同月", help=definition(yoy_growth)),
                                "note": st.column_config.TextColumn("园区说明", width="large")})
    st.caption("累计指标为当年1月至本月末累计，期末指标为月末时点数。"
               "“园区说明”为园区在校验时对变动较大项目填写的说明。")


def decision(submission: pd.Series, identity: Identity) -> None:
    """通过 / 退回（填写意见）: the version shown is the version decided, so two reviewers acting
    at once cannot both win (the second gets the domain's message)."""
    if submission.status != reporting.SUBMITTED:
        st.caption(f"该报送状态为“{md_escape(submission.status)}”，无需审核。")
        return
    sid, version = int(submission.name), int(submission.version)
    comment = st.text_area("审核意见（退回时必填）", key=f"review_comment_{sid}",
                           placeholder="如：6月税收较上月增幅过大，请核实后重报")
    left, right, _ = st.columns([1, 1, 4])
    if left.button("通过", type="primary", icon=":material/check:", key=f"review_approve_{sid}"):
        act(PAGE, lambda: reporting.review(sid, True, comment.strip(), identity, version),
            "已审核通过，待省园区办发布。")
    if right.button("退回", icon=":material/undo:", key=f"review_return_{sid}",
                    disabled=not comment.strip()):
        act(PAGE, lambda: reporting.review(sid, False, comment.strip(), identity, version),
            "已退回，园区将在数据填报页看到审核意见。")
