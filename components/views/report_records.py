"""数据填报 (/report), after the round: the park's submissions with status and the reviewer's
comment, 更正申请 for a published month, 佐证材料 for the task milestones."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.shell.exports import export_button
from components.ui.data import dataset
from components.ui.kpi import empty_note
from components.ui.layout import table_height
from components.ui.text import md_escape
from components.views.admin_panels import UPLOADER_CSS
from components.views.report_common import act, round_label, status_column, title
from hnparks.commands import reporting
from hnparks.commands.evidence import MAX_EVIDENCE_BYTES
from hnparks.commands.ingest import REPORTABLE, column_labels
from hnparks.core.access import Identity
from hnparks.core.paths import data_dir
from hnparks.core.periods import period_label, year_of

PAGE = "report"


def submissions_of(identity: Identity, park: str) -> pd.DataFrame:
    """Every submission of `park` in the rounds the identity sees, newest month first, with the
    round's month and report."""
    rounds = reporting.list_rounds(identity)
    frames = []
    for row in rounds.itertuples():
        subs = reporting.submissions(int(row.round_id), identity)
        subs = subs[subs["park_id"] == park]
        if len(subs):
            frames.append(subs.assign(round=round_label(row)))
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def submissions_table(identity: Identity, park: str) -> None:
    """The park's submissions: month and report, status, who reviewed it and their comment."""
    subs = submissions_of(identity, park)
    if subs.empty:
        empty_note("本园区的报送记录")
        return
    shown = subs[["round", "status", "submitted_at", "submitter", "reviewer", "comment"]]
    st.dataframe(shown, hide_index=True, width="stretch", key="report_submissions",
                 height=table_height(len(shown), max_px=360),
                 column_config={"round": st.column_config.TextColumn("填报任务", width="large"),
                                "status": status_column(),
                                "submitted_at": st.column_config.TextColumn("提交时间"),
                                "submitter": st.column_config.TextColumn("提交人"),
                                "reviewer": st.column_config.TextColumn("审核人"),
                                "comment": st.column_config.TextColumn("审核意见", width="large")})
    returned = subs[subs["status"] == reporting.RETURNED]
    for row in returned.itertuples():
        st.warning(f"{md_escape(row.round)}已被退回，审核意见：{md_escape(row.comment)}。"
                   "请在上方修改后重新校验、提交。", icon=":material/undo:")


def correction_form(identity: Identity, park: str) -> None:
    """更正申请: a published month's rows of the park, changed, with the reason; the office
    approves it and the figure then shows as 已更正."""
    published = reporting.list_rounds(identity)
    published = published[published["published_at"] != ""]
    if published.empty:
        st.caption("已发布的月份才能申请更正；目前还没有已发布的填报任务。")
        return
    by_id = {int(r.round_id): r for r in published.itertuples()}
    chosen = st.selectbox("更正哪一期", list(by_id), key="report_fix_round",
                          format_func=lambda i: round_label(by_id[i]))
    row = by_id[chosen]
    name, period = str(row.dataset), str(row.period)
    current = dataset(name)
    keys = REPORTABLE[name]
    mine = current[(current["park_id"] == park) & (current["period"] == period)]
    if mine.empty:
        empty_note(f"本园区{period_label(period)}已发布的{title(name)}")
        return
    labels = column_labels(name, data_dir())
    edited = st.data_editor(
        mine.reset_index(drop=True), key=f"report_fix_{chosen}_{park}", hide_index=True,
        num_rows="fixed", width="stretch",
        column_config={c: st.column_config.Column(labels.get(c, c), disabled=c in keys)
                       for c in mine.columns})
    reason = st.text_area("更正原因", key="report_fix_reason",
                          placeholder="如：统计部门反馈核定数与快报数不一致")
    if st.button("提交更正申请", key="report_fix_send", icon=":material/edit_note:",
                 disabled=not reason.strip()):
        act(PAGE, lambda: reporting.request_correction(name, park, period, edited,
                                                       reason.strip(), identity),
            lambda cid: f"更正申请已提交（编号 {cid}），省园区办审批后生效，页面将标注“已更正”。")
    fixes = reporting.corrections(name, identity)
    fixes = fixes[fixes["park_id"] == park]
    if len(fixes):
        st.dataframe(fixes[["period", "reason", "status", "decided_at", "comment"]],
                     hide_index=True, width="stretch", key="report_fix_list",
                     column_config={"period": "报告期", "reason": "更正原因", "status": "审批状态",
                                    "decided_at": "审批时间", "comment": "审批意见"})


def evidence_panel(identity: Identity, park: str, period: str) -> None:
    """佐证材料 for a task milestone: PDF or image, type and size checked before it is stored;
    the list of what this park attached."""
    milestones = dataset("task_milestones")
    milestones = milestones[milestones["year"] == year_of(period)]
    names = dict(zip(milestones["milestone_id"],
                     milestones["task_id"] + " " + milestones["milestone"], strict=True))
    item = st.selectbox("里程碑", list(names), format_func=names.get, key="report_evidence_item")
    st.html(UPLOADER_CSS)
    nonce = st.session_state.get("report_evidence_nonce", 0)
    file = st.file_uploader(f"佐证材料（PDF、PNG 或 JPEG，不超过 {MAX_EVIDENCE_BYTES // 2**20} MB）",
                            key=f"report_evidence_{nonce}",
                            help="文件按内容摘要存放在网站目录之外，只有能查看本园区的账号可以查看。")
    if file is not None and st.button("上传佐证材料", key="report_evidence_send",
                                      icon=":material/attach_file:"):
        st.session_state["report_evidence_nonce"] = nonce + 1
        act(PAGE, lambda: reporting.attach(item, park, file.name, file.getvalue(), identity),
            lambda sha: f"已上传「{md_escape(file.name)}」（摘要 {sha[:16]}）。")
    attached = reporting.evidence(item, identity)
    attached = attached[attached["park_id"] == park]
    if attached.empty:
        st.caption("本园区尚未为该里程碑上传佐证材料。")
        return
    st.dataframe(attached[["filename", "kind", "size", "uploaded_by", "uploaded_at", "sha256"]],
                 hide_index=True, width="stretch", key="report_evidence_list",
                 column_config={"filename": "文件名", "kind": "类型", "size": st.column_config.NumberColumn(
                     "大小（字节）", format="%d"), "uploaded_by": "上传人",
                     "uploaded_at": "上传时间", "sha256": "内容摘要（SHA-256）"})
    evidence_download(identity, attached, key="report_evidence_file")


MIME = {"PDF": "application/pdf", "PNG": "image/png", "JPEG": "image/jpeg"}


def evidence_download(identity: Identity, attached: pd.DataFrame, key: str) -> None:
    """Open one attached file: read through the domain (`read_evidence` checks again that the
    identity may see its park), built only when asked for."""
    files = {row.sha256: row for row in attached.itertuples()}
    sha = st.selectbox("查看佐证材料", list(files), key=f"{key}_pick",
                       format_func=lambda h: f"{files[h].filename}（{files[h].uploaded_at}）")
    export_button("读取文件", "下载佐证材料", lambda: reporting.read_evidence(sha, identity)[1],
                  key=key, inputs=sha, file_name=files[sha].filename,
                  mime=MIME.get(files[sha].kind, "application/octet-stream"),
                  icon=":material/visibility:")
