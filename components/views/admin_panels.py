"""数据管理 panels: dataset status, template downloads, report upload, load log and rollback."""

from __future__ import annotations

import streamlit as st

from components.shell.auth import admin_only
from components.shell.context import get_scope, report_periods
from components.shell.exports import export_button
from components.ui.data import catalog, data_version, dataset, forget_data_version
from components.ui.text import md_escape
from components.views.notice_export import notice_button
from hnparks.commands.ingest import REPORTABLE
from hnparks.commands.store import (
    AccessDenied,
    StoreBusy,
    beijing_time,
    history,
    load,
    rollback,
    rollback_candidates,
    status,
)
from hnparks.commands.templates import build_template, template_filename
from hnparks.core.paths import data_dir
from hnparks.core.periods import period_label
from hnparks.core.scope import Scope
from hnparks.data.intake import DEFAULT as LIMITS
from hnparks.data.intake import MAX_BYTES
from hnparks.plans.registry import latest_plan, plan_years

_OUTCOME = "admin_outcome"  # (kind, message, problem table or None) shown after a rerun
_NONCE = "admin_upload_nonce"  # bumped after a load so the uploader starts empty


def _title(name: str) -> str:
    return catalog()[name].title


def status_table() -> None:
    """Which reportable datasets are official and which still illustrative, with row counts."""
    frame = status(data_dir())
    st.dataframe(
        frame.drop(columns=["dataset"]), hide_index=True, width="stretch", key="admin_status",
        column_config={
            "title": st.column_config.TextColumn("数据集"),
            "provenance": st.column_config.TextColumn(
                "来源性质", help="官方报表：已导入园区或部门报送的数据（只有导入覆盖的年度为官方）；"
                "示意数据：演示用生成数据"),
            "source": st.column_config.TextColumn("来源", width="large"),
            "as_of": st.column_config.TextColumn("数据截至"),
            "owner": st.column_config.TextColumn("报送单位"),
            "rows": st.column_config.NumberColumn("行数", format="%d 行"),
            "last_load": st.column_config.TextColumn("最近一次导入"),
        })


def template_download() -> None:
    """Pick a dataset and download its Excel report template."""
    name = st.selectbox("报表", list(REPORTABLE), format_func=_title, key="admin_template")
    info = catalog()[name]
    years = plan_years()
    year = years[-1] if len(years) < 2 else st.selectbox(
        "年度", years, index=len(years) - 1, key="admin_template_year",
        format_func=lambda y: f"{y}年工作要点", help="模板的示例与报告期按该年度的工作要点填写。")
    st.caption(f"口径：{info.definition}")
    export_button(
        "生成报表模板（.xlsx）", "下载报表模板（.xlsx）", icon=":material/download:",
        build=lambda: build_template(name, data_dir(), year), key="admin_template_download",
        inputs=(name, year, data_version()), file_name=template_filename(name, data_dir()),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    st.caption("模板含「填报数据」「填报说明」（每列含义、单位、口径、允许值）和编号名录三个工作表。")


def import_outcome() -> None:
    """The result of the last import or rollback: success, or the rejection with its problems."""
    outcome = st.session_state.get(_OUTCOME)
    if not outcome:
        return
    kind, message, problems = outcome
    if kind == "success":
        st.success(message, icon=":material/check_circle:")
    else:
        st.error(message, icon=":material/error:")
    if problems is not None and len(problems):
        st.dataframe(problems, hide_index=True, width="stretch", key="admin_problems",
                     column_config={
                         "文件": st.column_config.TextColumn("文件", width="medium"),
                         "工作表": st.column_config.TextColumn("工作表", width="small"),
                         "行": st.column_config.NumberColumn("行", format="%d", width="small"),
                         "列": st.column_config.TextColumn("列", width="medium"),
                         "问题": st.column_config.TextColumn("问题", width="large")})


# Streamlit 1.67's uploader writes "Upload" and "5MB per file" in English and offers no
# parameter for them (streamlit#13500): static CSS (no data in it) hides those words and shows
# Chinese ones in their place.
UPLOADER_CSS = f"""<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: "选择文件"; font-size: 1rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{
  content: "或将文件拖到此处；每个文件不超过 {MAX_BYTES // 1024 // 1024} MB"; font-size: 0.875rem; }}
</style>"""


def upload_panel() -> None:
    """Upload report files for a dataset; all rows pass or nothing is loaded."""
    name = st.selectbox("导入到数据集", list(REPORTABLE), format_func=_title, key="admin_dataset")
    identity = admin_only()
    source = st.text_input("报送单位 / 来源", key="admin_source",
                           placeholder=f"如：{catalog()[name].owner}{latest_plan().year}年6月报表")
    st.caption(f"导入人：{md_escape(identity.audit_label())}（按登录身份记录）")
    nonce = st.session_state.setdefault(_NONCE, 0)
    st.html(UPLOADER_CSS)
    files = st.file_uploader(
        "报表文件（.xlsx 或 .csv，CSV 可为 UTF-8 或 GBK）", accept_multiple_files=True,
        key=f"admin_files_{nonce}", max_upload_size=MAX_BYTES // 1024 // 1024,
        help=f"每个文件不超过 {MAX_BYTES // 1024 // 1024} MB、{LIMITS.max_rows:,} 行"
             f"（.xlsx 解压后不超过 {LIMITS.max_unzipped // 1024 // 1024} MB），"
             f"校验限时 {LIMITS.max_seconds:g} 秒；多个文件一起校验、一起导入。")
    if st.button("校验并导入", type="primary", icon=":material/upload:", key="admin_ingest",
                 disabled=not files):
        try:  # checks and commit under one lock, so a concurrent load can't slip in between
            result, record = load(name, [(f.name, f.getvalue()) for f in files], identity,
                                  source.strip() or None, data_dir())
        except (StoreBusy, AccessDenied) as error:
            st.session_state[_OUTCOME] = ("error", md_escape(error), None)
            st.rerun()
        if record is None:
            st.session_state[_OUTCOME] = (
                "error", f"未导入「{_title(name)}」：发现 {len(result.problems)} 处问题，"
                "整份文件未导入，已有数据未改动。请按下表修改后重新上传。",
                result.problem_table())
        else:
            names = "、".join(md_escape(f) for f in result.files)  # file names: anyone's text
            st.session_state[_OUTCOME] = (
                "success", f"已导入「{_title(name)}」（{names}）：新增 {record.rows_added} 行，"
                f"替换 {record.rows_replaced} 行，现有 {record.rows_total} 行。"
                f"该数据集已标为官方报表；版本号 {record.version_id}，可在下方回退。", None)
        st.session_state[_NONCE] = nonce + 1  # the uploader starts empty for the next attempt
        forget_data_version()  # every page shows the load on its very next run
        st.rerun()


def history_panel() -> None:
    """The load log and a rollback of any load not yet undone."""
    log = history(data_dir())
    if log.empty:
        st.info("暂无导入记录。导入报表后，每次导入的时间、导入人、文件和行数都记在这里。",
                icon=":material/history:")
        return
    shown = log.assign(dataset=log["dataset"].map(_title), time=log["time"].map(beijing_time))
    st.dataframe(
        shown[["time", "action", "user", "identity", "dataset", "years", "digest",
               "rows_added", "rows_replaced", "rows_total", "version_id"]],
        hide_index=True, width="stretch", key="admin_history",
        column_config={"time": "时间（北京时间）", "action": "操作", "user": "操作人",
                       "identity": st.column_config.TextColumn(
                           "登录身份", help="姓名（账号，认证方式）；命令行导入记操作系统用户"),
                       "dataset": "数据集",
                       "years": st.column_config.TextColumn(
                           "覆盖年度", help="本次导入的数据所属年度：这些年度由示意改为官方"),
                       "digest": st.column_config.TextColumn(
                           "文件及摘要", help="每个文件名及其 SHA-256 前16位，可与原件核对"),
                       "rows_added": "新增行", "rows_replaced": "替换行",
                       "rows_total": "导入后行数", "version_id": "版本号"})
    candidates = rollback_candidates(data_dir())
    if candidates.empty:
        st.caption("没有可回退的导入。")
        return
    labels = {row.version_id: f"{_title(row.dataset)} · {beijing_time(row.time)} · "
                              f"{row.files}（{row.user}）" for row in candidates.itertuples()}
    choice = st.selectbox("回退哪一次导入", list(labels), format_func=labels.get,
                          key="admin_rollback_choice")
    st.caption("回退把该数据集恢复为这次导入之前的内容和来源标注。每个数据集从最近一次导入起"
               "逐次回退；回退后，上一次导入即可继续回退。")
    user = admin_only()
    confirm = st.checkbox("确认回退", key="admin_rollback_confirm")
    if st.button("回退", icon=":material/undo:", key="admin_rollback", disabled=not confirm):
        if choice not in labels:  # the list changed since the page was drawn
            st.warning("可回退的导入已变化，请重新选择。")
            return
        dataset = candidates.set_index("version_id").at[choice, "dataset"]
        try:
            record = rollback(dataset, user, choice, data_dir())
        except (StoreBusy, ValueError, AccessDenied) as error:  # busy, or someone was faster
            st.session_state[_OUTCOME] = ("error", md_escape(error), None)
            st.rerun()
        st.session_state[_OUTCOME] = (
            "success",
            f"已回退「{_title(dataset)}」到导入 {choice} 之前：现有 {record.rows_total} 行。", None)
        st.session_state.pop("admin_rollback_confirm", None)
        forget_data_version()
        st.rerun()


def notice_panel() -> None:
    """导出通报: the month's notice for the province, a city or a park, in 公文 format."""
    periods = report_periods()
    current = get_scope()
    cities, parks = dataset("cities"), dataset("parks")
    left, middle, right = st.columns(3)
    period = left.selectbox("报告期", periods, index=periods.index(current.period)
                            if current.period in periods else len(periods) - 1,
                            format_func=period_label, key="admin_notice_period")
    names = dict(zip(cities["city_code"], cities["city_name"], strict=True))
    city = middle.selectbox("范围", [None, *names], format_func=lambda c: names.get(c, "全省"),
                            key="admin_notice_city")
    park = None
    if city:
        mine = parks[parks["city_code"] == city]
        park_names = dict(zip(mine["park_id"], mine["park_name"], strict=True))
        park = right.selectbox("园区", [None, *park_names],
                               format_func=lambda p: park_names.get(p, "全市州"),
                               key="admin_notice_park")
    notice_button(Scope(period, city, park), "admin_notice")
    st.caption("通报按公文格式生成（标题方正小标宋简体，正文仿宋_GB2312三号，一、（一）1.层次，页码），"
               "每句话的数字取自指标库与重点任务台账，与各页面一致；含示意数据时文中注明。"
               "发文字号、签发人、成文日期留空，由园区办在Word/WPS中填写后印发。")
