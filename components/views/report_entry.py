"""数据填报 (/report): which park and round, the editable table prefilled with last month's
values, 保存草稿, 校验 with a note for each flagged change, 提交, or the filled template uploaded."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from components.shell.exports import export_button
from components.ui.data import data_version
from components.ui.layout import table_height
from components.ui.text import md_escape
from components.views.admin_panels import UPLOADER_CSS
from components.views.report_common import (
    REFUSALS,
    act,
    choose_round,
    park_names,
    round_label,
)
from hnparks.commands import reporting
from hnparks.commands.ingest import REFERENCE_COLUMNS, REPORTABLE, check_files, column_labels
from hnparks.commands.templates import build_template, template_filename
from hnparks.core.access import Identity
from hnparks.core.paths import data_dir
from hnparks.core.periods import year_of
from hnparks.data.intake import MAX_BYTES

PAGE = "report"


def pick_park(identity: Identity) -> str | None:
    """The park whose rows are filled: a park account's own; the office picks any park."""
    if identity.role == "park":
        return identity.park
    names = park_names()
    return st.selectbox("代填园区", list(names), format_func=names.get, key="report_park",
                        index=None, placeholder="选择园区（省园区办可代园区填报）")


def pick_round(identity: Identity) -> pd.Series | None:
    """The open round to fill (the newest first); None when none is open."""
    rounds = reporting.list_rounds(identity)
    return choose_round(rounds[rounds["state"] == reporting.OPEN], "report_round",
                        "目前没有开放的填报任务。省园区办开启当月填报后，这里列出要填的报表和截止日期。")


def _columns(name: str, frame: pd.DataFrame) -> dict[str, st.column_config.Column]:
    """Every column under its Chinese header with its unit; keys and names are not editable."""
    labels = column_labels(name, data_dir())
    config: dict[str, st.column_config.Column] = {}
    for col in frame.columns:
        label = labels.get(col, col)
        if col in REPORTABLE[name] or col in REFERENCE_COLUMNS or col == "park_name":
            config[col] = st.column_config.TextColumn(label, disabled=True)
        elif pd.api.types.is_numeric_dtype(frame[col]):
            config[col] = st.column_config.NumberColumn(label, min_value=0)
        else:
            config[col] = st.column_config.TextColumn(label)
    return config


def _digest(frame: pd.DataFrame) -> str:
    """What a 校验 was made of: the table's values (a change after 校验 asks for a new one)."""
    return hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).values.tobytes()
                          ).hexdigest()


def _state(round_id: int, park: str) -> str:
    return f"report_{round_id}_{park}"


LOCKED = (reporting.SUBMITTED, reporting.APPROVED, reporting.PUBLISHED)  # nothing to edit
STATUS_TEXT = {
    reporting.NOT_REPORTED: "未报：表中已预填上月数，逐项改为本月数后校验、提交。",
    reporting.DRAFT: "草稿：表中是已保存的草稿，校验无误后提交。",
    reporting.RETURNED: "退回：市州已退回，请按审核意见修改后重新校验、提交。",
    reporting.SUBMITTED: "已报：已提交，等待市州审核；如需修改，请联系市州退回。",
    reporting.APPROVED: "已审核：市州已审核通过，等待省园区办发布。",
    reporting.PUBLISHED: "已发布：数据已发布到驾驶舱；如需修改，请提交更正申请。",
}


def entry_table(identity: Identity, round_row: pd.Series, park: str) -> tuple[pd.DataFrame, str]:
    """The park's rows in an editable table (read-only once submitted): its saved rows, else
    last month's values (or the rows of its uploaded template). Returns the table as edited
    and the report's status in the round."""
    key = _state(int(round_row.name), park)
    uploaded = st.session_state.get(f"{key}_uploaded")
    saved = reporting.draft(int(round_row.name), park, identity)
    version, status = saved.attrs.get("version", 0), saved.attrs.get("status", "")
    explain = "表中是上传的报表，校验无误后提交（保存草稿也会保存它）。" if uploaded is not None \
        else STATUS_TEXT.get(status, "")
    numbered = f"（第 {version} 版）" if version else ""
    st.markdown(f"本轮状态：**{md_escape(status)}**{numbered}　{explain}")
    st.session_state[f"{key}_version"] = version  # what 提交 expects
    frame = uploaded if uploaded is not None else saved
    nonce = st.session_state.get(f"{key}_nonce", 0)  # a new version or upload starts afresh
    edited = st.data_editor(
        frame, key=f"{key}_editor_{version}_{nonce}", hide_index=True, num_rows="fixed",
        width="stretch", disabled=status in LOCKED,
        column_config=_columns(str(round_row.dataset), frame),
        height=table_height(len(frame), max_px=420))
    st.caption("列名中注明单位（累计为当年1月至本月末累计，期末为月末时点数）；编号和报告期不可改。")
    return edited, status


def draft_button(identity: Identity, round_row: pd.Series, park: str,
                 frame: pd.DataFrame) -> None:
    """保存草稿: kept in the database, so a closed tab or an expired session loses nothing."""
    key = _state(int(round_row.name), park)
    if st.button("保存草稿", icon=":material/save:", key=f"{key}_save"):
        act(PAGE, lambda: reporting.save_draft(int(round_row.name), park, frame, identity),
            "草稿已保存。关闭页面或超时退出后再登录，表格仍是保存时的内容。",
            forget=(f"{key}_uploaded", f"{key}_checked"))


def check_panel(identity: Identity, round_row: pd.Series, park: str,
                frame: pd.DataFrame) -> dict[str, str] | None:
    """校验: every finding in Chinese; a note box for each one that needs 说明. Returns the
    notes when the table may be submitted (checked as it is now, no 错误), else None."""
    key = _state(int(round_row.name), park)
    if st.button("校验", icon=":material/fact_check:", key=f"{key}_check"):
        try:
            findings = reporting.check(int(round_row.name), park, frame, identity)
        except REFUSALS as error:
            st.error(md_escape(error), icon=":material/error:")
            return None
        st.session_state[f"{key}_checked"] = (_digest(frame), findings)
    checked = st.session_state.get(f"{key}_checked")
    if checked is None:
        st.caption("提交前请先校验：与省园区办导入相同的格式和一致性检查，另将较上月变动过大、"
                   "累计数比上月减少的项目列出，请逐项说明。")
        return None
    if checked[0] != _digest(frame):
        st.warning("表格在校验后又有修改，请重新校验后再提交。", icon=":material/refresh:")
        return None
    findings = checked[1]
    if not findings:
        st.success("校验通过，没有发现问题，可以提交。", icon=":material/check_circle:")
        return {}
    table = findings.table()
    st.dataframe(table[["级别", "行", "列", "问题"]], hide_index=True, width="stretch",
                 key=f"{key}_findings", height=table_height(len(table), max_px=320),
                 column_config={"级别": st.column_config.TextColumn("级别", width="small"),
                                "行": st.column_config.NumberColumn("行", width="small"),
                                "列": st.column_config.TextColumn("项目"),
                                "问题": st.column_config.TextColumn("校验意见", width="large")})
    if findings.errors:
        st.error(f"有 {len(findings.errors)} 处错误，改正后重新校验才能提交。",
                 icon=":material/error:")
        return None
    st.warning(f"有 {len(findings.needs_note)} 处变动需要说明，请逐项填写后提交。",
               icon=":material/edit_note:")
    notes: dict[str, str] = {}
    for column in dict.fromkeys(f.column for f in findings.needs_note):  # one note a column
        flagged = [f for f in findings.needs_note if f.column == column]
        notes[column] = st.text_area(
            md_escape(f"说明「{flagged[0].label}」：" + "；".join(f.message for f in flagged)),
            key=f"{key}_note_{column}", height=68,
            placeholder="如：新项目投产、统计口径调整、上月漏报补报等")
    return notes


def submit_button(identity: Identity, round_row: pd.Series, park: str, frame: pd.DataFrame,
                  notes: dict[str, str] | None) -> None:
    """提交 once the table is checked; every flagged change must carry its note."""
    key = _state(int(round_row.name), park)
    missing = notes is not None and any(not text.strip() for text in notes.values())
    if missing:
        st.caption("每一项需说明的变动都填写说明后才能提交。")
    if st.button("提交", type="primary", icon=":material/send:", key=f"{key}_submit",
                 disabled=notes is None or missing):
        version = st.session_state.get(f"{key}_version")
        act(PAGE, lambda: reporting.submit(int(round_row.name), park, frame,
                                           {k: v.strip() for k, v in notes.items()}, identity,
                                           expected_version=version),
            lambda sid: f"已提交（报送编号 {sid}），等待市州审核。审核结果和意见见下方报送记录。",
            forget=(f"{key}_uploaded", f"{key}_checked"))


def upload_panel(identity: Identity, round_row: pd.Series, park: str) -> None:
    """The alternative: download the template, fill it offline, upload it into the table."""
    name, key = str(round_row.dataset), _state(int(round_row.name), park)
    year = year_of(str(round_row.period))
    export_button("生成报表模板（.xlsx）", "下载报表模板（.xlsx）", icon=":material/download:",
                  build=lambda: build_template(name, data_dir(), year), key=f"{key}_template",
                  inputs=(name, year, data_version()),
                  file_name=template_filename(name, data_dir()),
                  mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    st.html(UPLOADER_CSS)
    nonce = st.session_state.get(f"{key}_nonce", 0)
    file = st.file_uploader("上传填好的模板（.xlsx 或 .csv）", key=f"{key}_file_{nonce}",
                            max_upload_size=MAX_BYTES // 1024 // 1024,
                            help="只读取本园区、本报告期的行，读入上方表格后再校验、提交。")
    if file is None or not st.button("读入表格", key=f"{key}_read", icon=":material/upload:"):
        return
    result = check_files(name, [(file.name, file.getvalue())], data_dir())
    if not result.ok:
        st.error(f"未读入「{md_escape(file.name)}」：发现 {len(result.problems)} 处问题，"
                 "表格未改动。请按下表修改后重新上传。", icon=":material/error:")
        st.dataframe(result.problem_table(), hide_index=True, width="stretch",
                     key=f"{key}_problems")
        return
    rows = result.frame
    mine = rows[(rows["park_id"] == park) & (rows["period"] == round_row.period)] \
        if {"park_id", "period"} <= set(rows.columns) else rows
    if len(mine) < len(rows):
        st.warning(f"文件中有 {len(rows) - len(mine)} 行不属于本园区或本报告期，未读入。",
                   icon=":material/filter_alt:")
    if mine.empty:
        st.error("文件中没有本园区本报告期的行，表格未改动。", icon=":material/error:")
        return
    current = reporting.draft(int(round_row.name), park, identity)
    st.session_state[f"{key}_uploaded"] = mine[[c for c in current.columns if c in mine]
                                               ].reset_index(drop=True)
    st.session_state[f"{key}_nonce"] = nonce + 1
    st.session_state.pop(f"{key}_checked", None)
    st.rerun()


def heading(round_row: pd.Series, park: str) -> None:
    """What is being filled: park, month, report and due date."""
    st.markdown(f"**{md_escape(park_names().get(park, park))}** · {round_label(round_row)}")
