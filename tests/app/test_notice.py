"""导出通报 on 数据管理 and in the presenter's bar, scoped by role; the 三级评价 lists on /efficiency.
The files are built only when asked for (components.shell.exports.export_button, like every other
export): the tests click the build button, then read what its download button offers; a build
that fails is said in Chinese beside the button."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest

from hnparks.core.parks import with_marked_names
from hnparks.core.scope import Scope
from hnparks.views.efficiency_lists import lists_document
from tests.app.conftest import open_app


def _file(at, key: str, downloads) -> bytes:
    at.button(key=f"{key}_build").click().run()
    return downloads[at.download_button(key=key).proto.url]


def _title(at, key: str, downloads) -> str:
    file = docx.Document(io.BytesIO(_file(at, key, downloads)))
    return next(p.text for p in file.paragraphs if p.style.name == "公文标题")


def test_the_admin_exports_the_notice_for_any_scope(downloads):
    at = open_app("admin", user="office", period="2020-06")
    at.selectbox(key="admin_notice_period").set_value("2020-06").run()
    assert _title(at, "admin_notice", downloads) == "关于2020年6月全省产业园区工作推进情况的通报"
    at.selectbox(key="admin_notice_city").set_value("430300").run()
    assert _title(at, "admin_notice", downloads) == "关于2020年6月湘潭市产业园区工作推进情况的通报"
    at.selectbox(key="admin_notice_park").set_value("P030").run()
    title = _title(at, "admin_notice", downloads)  # an unconfirmed national park name is marked
    assert title.startswith("关于2020年6月湘潭高新技术产业开发区") and title.endswith("工作推进情况的通报")


def test_the_presenters_bar_offers_the_notice_beside_the_other_exports(downloads):
    at = open_app(mode="present", period="2020-12", city="430300")
    built_on_request = [b.key for b in at.button if b.key.startswith("present_export")]
    assert built_on_request == ["present_export_build", "present_export_pptx_build",
                                "present_export_notice_build"]
    assert not at.get("download_button")  # nothing is built while the page loads
    assert _title(at, "present_export_notice", downloads) == \
        "关于2020年12月湘潭市产业园区工作推进情况的通报"


@pytest.mark.parametrize(("user", "asked", "shown"), [
    ("changsha", {"city": "430300"}, "长沙市产业园区"),
    ("changsha", {}, "长沙市产业园区"),
    ("zhuzhou_park", {"city": "430300", "park": "P030"}, "株洲高新"),
])
def test_a_city_or_park_user_gets_only_their_own_notice(user, asked, shown, downloads):
    at = open_app(mode="present", period="2020-06", user=user, **asked)
    button = at.button(key="present_export_notice_build")
    assert "湘潭" not in button.proto.help
    title = _title(at, "present_export_notice", downloads)
    assert shown in title and "湘潭" not in title and "全省" not in title


def test_non_admins_have_no_notice_panel():
    at = open_app(user="changsha", period="2020-06")
    assert not [b for b in at.button if b.key == "admin_notice_build"]


def test_the_efficiency_page_shows_the_lists_and_offers_them_as_files(downloads, data):
    at = open_app("efficiency", period="2020-06")
    data["parks"] = with_marked_names(data["parks"])  # as every page shows them (（待核）)
    document = lists_document(data, Scope("2020-06"))
    counts = {t.title: len(t.rows) for t in document.tables}
    labels = [t.label for t in at.tabs]
    assert f"先进园区名单（A类，{counts['先进园区名单']}家）" in labels
    assert f"有竞争力产业集群名单（{counts['有竞争力产业集群名单']}个）" in labels
    assert f"劣汰扶强预警（连续两期C类，{counts['劣汰扶强预警']}家）" in labels
    assert any("权重和入选比例为示意" in m.value for m in at.markdown)
    book = _file(at, "efficiency_lists_xlsx", downloads)
    sheet = openpyxl.load_workbook(io.BytesIO(book))["先进园区名单"]
    assert [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)] == \
        [r[1] for r in next(t for t in document.tables if t.title == "先进园区名单").rows]
    assert docx.Document(io.BytesIO(_file(at, "efficiency_lists_docx", downloads))).tables


def test_a_notice_that_cannot_be_built_says_so_in_chinese(monkeypatch):
    """A failing build (here: the DOCX writer) is said beside the button, in Chinese with an
    error id, never Streamlit's English download error; the page stays up and nothing is lost."""
    import components.views.notice_export as notice_export

    def broken(*_args: object) -> bytes:
        raise RuntimeError("disk full")

    monkeypatch.setattr(notice_export, "docx_bytes", broken)
    at = open_app("admin", user="office", period="2020-06")
    at.button(key="admin_notice_build").click().run()
    assert not at.exception and not at.get("download_button")
    notes = [c.value for c in at.caption if "文件生成失败" in c.value]
    assert notes and "错误编号" in notes[0] and "disk full" not in notes[0]
    assert at.selectbox(key="admin_notice_period").value == "2020-06"  # the panel is still there
