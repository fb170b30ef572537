"""导出通报 and the 三级评价 lists as files, built only when asked for
(components.shell.exports.export_button: a failure is said in Chinese beside the button), for the
scope the signed-in role may have (hnparks.core.access)."""

from __future__ import annotations

import streamlit as st

from components.shell.auth import viewer
from components.shell.exports import export_button
from components.ui.data import data_version, dataset, datasets, view
from hnparks.commands.exports import document_excel
from hnparks.commands.notice_docx import MIME, docx_bytes
from hnparks.core.access import allowed_scope
from hnparks.core.periods import period_label
from hnparks.core.scope import Scope
from hnparks.views import efficiency_lists as _lists
from hnparks.views import notice as _notice

monthly_notice = view(_notice.monthly_notice)
lists_document = view(_lists.lists_document)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def notice_scope(scope: Scope) -> Scope:
    """The scope of the notice the signed-in person may have: a city user's city, a park user's
    park, whatever was asked for."""
    return allowed_scope(viewer(), scope, dataset("parks"))[0]


def _label(scope: Scope) -> str:
    return scope.label(dataset("cities"), dataset("parks"))


def notice_button(scope: Scope, key: str, label: str = "导出通报（Word）") -> None:
    """The month's 通报 for the scope as a 公文-format DOCX, built when clicked."""
    allowed = notice_scope(scope)
    name = _label(allowed)
    export_button(
        label, label.replace("导出", "下载", 1), icon=":material/description:", key=key,
        inputs=(allowed, data_version()), mime=MIME,
        build=lambda: docx_bytes(monthly_notice(datasets(allowed), allowed)),
        file_name=f"{_notice.file_stem(name, allowed.period)}.docx",
        help=f"{name}{period_label(allowed.period)}月度通报（公文格式，Word/WPS可编辑）：主要目标、"
             "市州排名、滞后园区、逾期任务、较上月改进和分项目标表；发文字号、签发人、成文日期留空。")


def lists_buttons(scope: Scope, key: str) -> None:
    """The 三级评价 lists for the scope as DOCX and XLSX, built when clicked."""
    allowed = notice_scope(scope)
    stem = f"三级评价名单_{_label(allowed)}_{allowed.period}"
    what = (allowed, data_version())
    left, right = st.columns(2)
    with left:
        export_button(
            "生成名单（Word）", "下载名单（Word）", icon=":material/description:",
            key=f"{key}_docx", inputs=what, mime=MIME, file_name=f"{stem}.docx",
            build=lambda: docx_bytes(lists_document(datasets(allowed), allowed)))
    with right:
        export_button(
            "生成名单（Excel）", "下载名单（Excel）", icon=":material/table:",
            key=f"{key}_xlsx", inputs=what, mime=XLSX, file_name=f"{stem}.xlsx",
            build=lambda: document_excel(lists_document(datasets(allowed), allowed)))
