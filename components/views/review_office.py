"""审核与发布 (/review), the office's part (省园区办): 开启填报, 发布, 更正审批, the audit trail and
the 未按时报送清单 per city (also, compact, on 总览)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from components.shell.context import report_periods
from components.ui.kpi import all_clear
from components.ui.layout import table_height
from components.ui.text import md_escape
from components.views.report_common import act, park_names, status_column, title
from hnparks.commands import reporting
from hnparks.commands.corrections import PENDING
from hnparks.core.access import ANONYMOUS, Identity
from hnparks.core.periods import period_end, period_label

PAGE = "review"
DUE_DAY = 10  # 每月10日: a month's report is due on the 10th of the month after


def default_due(period: str) -> date:
    """每月10日: the 10th of the month after the report period."""
    return period_end(period) + timedelta(days=DUE_DAY)


def open_round_form(identity: Identity) -> None:
    """开启填报: dataset, month and due date (default 每月10日)."""
    left, middle, right = st.columns(3)
    name = left.selectbox("报表", list(reporting.ROUND_DATASETS), format_func=title,
                          key="review_open_dataset")
    periods = report_periods()
    period = middle.selectbox("填报月份", periods, index=len(periods) - 1,
                              format_func=period_label, key="review_open_period")
    due = right.date_input("截止日期", value=default_due(period), key=f"review_open_due_{period}",
                           format="YYYY-MM-DD", help="默认每月10日报上月数据")
    if st.button("开启填报", type="primary", icon=":material/campaign:", key="review_open"):
        act(PAGE, lambda: reporting.open_round(name, period, due, identity),
            f"已开启{period_label(period)}「{title(name)}」填报，截止 {due:%Y-%m-%d}。")


def publish_panel(round_row: pd.Series, subs: pd.DataFrame, identity: Identity) -> None:
    """发布: the approved rows go to the dashboard in one load (who submitted and reviewed
    each in the audit); the parks not approved stay as they are."""
    approved = int((subs["status"] == "已审核").sum()) if len(subs) else 0
    st.caption(f"本轮已审核 {approved} 个园区。发布把已审核的数据一次导入驾驶舱（与数据管理的导入"
               "同一套校验和原子提交），各页面随即显示新数据；可在数据管理回退。")
    left, right, _ = st.columns([1, 1, 4])
    if left.button("发布", type="primary", icon=":material/publish:", key="review_publish",
                   disabled=approved == 0):
        act(PAGE, lambda: reporting.publish(int(round_row.name), identity),
            lambda record: f"已发布{round_label_short(round_row)}：新增 {record.rows_added} 行，"
                           f"替换 {record.rows_replaced} 行（版本号 {record.version_id}）。",
            data_changed=True)
    if right.button("关闭填报", icon=":material/lock:", key="review_close",
                    disabled=round_row.state != reporting.OPEN):
        act(PAGE, lambda: reporting.close_round(int(round_row.name), identity),
            f"已关闭{round_label_short(round_row)}填报，园区不能再提交。")


def round_label_short(round_row: pd.Series) -> str:
    return f"{period_label(str(round_row.period))}「{title(str(round_row.dataset))}」"


def corrections_panel(identity: Identity) -> None:
    """更正审批: each request waiting for the office, with its reason; 批准 makes a new version."""
    waiting = pd.concat([reporting.corrections(name, identity)
                         for name in reporting.ROUND_DATASETS], ignore_index=True)
    waiting = waiting[waiting["status"] == PENDING]
    if waiting.empty:
        st.caption("没有待审批的更正申请。")
        return
    rows = {int(r.correction_id): r for r in waiting.itertuples()}
    names = park_names()
    chosen = st.selectbox("待审批的更正申请", list(rows), key="review_fix",
                          format_func=lambda i: f"{names.get(rows[i].park_id, rows[i].park_id)} · "
                                                f"{period_label(rows[i].period)} · "
                                                f"{title(rows[i].dataset)}")
    row = rows[chosen]
    st.markdown(f"申请人：{md_escape(row.requested_by)}　原因：{md_escape(row.reason)}")
    comment = st.text_input("审批意见", key=f"review_fix_comment_{chosen}")
    left, right, _ = st.columns([1, 1, 4])
    if left.button("批准更正", type="primary", key=f"review_fix_ok_{chosen}"):
        act(PAGE, lambda: reporting.decide_correction(chosen, True, comment.strip(), identity),
            "已批准更正：数据已更新为新版本，相关页面标注“已更正”。", data_changed=True)
    if right.button("不批准", key=f"review_fix_no_{chosen}", disabled=not comment.strip()):
        act(PAGE, lambda: reporting.decide_correction(chosen, False, comment.strip(), identity),
            "已答复不批准，申请人可在数据填报页看到意见。")


def audit_table(identity: Identity, round_id: int | None) -> None:
    """Who did what, when, in this round (or every round)."""
    trail = reporting.audit_trail(identity, round_id=round_id)
    if trail.empty:
        st.caption("暂无记录。")
        return
    st.dataframe(trail[["time", "identity", "action", "detail"]], hide_index=True,
                 width="stretch", key="review_audit", height=table_height(len(trail), max_px=420),
                 column_config={"time": "时间（北京时间）",
                                "identity": st.column_config.TextColumn(
                                    "操作人（登录身份）", width="medium"),
                                "action": "操作",
                                "detail": st.column_config.TextColumn("内容", width="large")})


def late_table(period: str, identity: Identity, key: str) -> pd.DataFrame:
    """未按时报送清单: the parks that have not submitted by the due date, per city."""
    late = reporting.late_reports(period, identity)
    if late.empty:
        all_clear(f"{period_label(period)}各园区均已按时报送（或尚无已过截止日期的填报任务）。")
        return late
    missing = int((late["status"] == reporting.NOT_REPORTED).sum())
    st.caption(f"{period_label(period)}：截止日期已过仍未报 {missing} 个园区，"
               f"逾期后才提交 {len(late) - missing} 个园区。")
    shown = late.assign(dataset=late["dataset"].map(title))
    st.dataframe(shown[["city_name", "park_name", "dataset", "due", "status", "submitted_at"]],
                 hide_index=True, width="stretch", key=key,
                 height=table_height(len(late), max_px=420),
                 column_config={"city_name": "市州", "park_name": "园区", "dataset": "报表",
                                "due": st.column_config.DateColumn("截止日期",
                                                                   format="YYYY-MM-DD"),
                                "status": status_column("目前状态"),
                                "submitted_at": "提交时间"})
    return late


def overview_late_block(identity: Identity) -> None:
    """总览, for the office only: how many parks of each city have not reported in the newest
    month with a round, and the way to 审核与发布."""
    if not identity.is_admin or identity.via == ANONYMOUS.via:
        return
    rounds = reporting.list_rounds(identity)
    if rounds.empty:
        return  # no round opened yet: nothing is late
    period = str(rounds["period"].max())
    late = reporting.late_reports(period, identity)
    with st.container(border=True):
        st.markdown(f"**未按时报送**　{period_label(period)}")
        if late.empty:
            st.caption("没有逾期未报的园区。")
        else:
            by_city = late.groupby("city_name", sort=False).size()
            st.caption("；".join(f"{md_escape(c)} {n} 个" for c, n in by_city.items())
                       + f"。共 {len(late)} 个园区。")
        st.page_link("pages/review.py", label="打开审核与发布", icon=":material/fact_check:")
