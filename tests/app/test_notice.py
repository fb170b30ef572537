"""导出通报 on 数据管理 and in the presenter's bar, scoped by role; the 三级评价 lists on /efficiency.
The files are built only when the button is clicked (deferred), so the tests run the button's
own callable as a click would."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from hnparks.core.parks import with_marked_names
from hnparks.core.scope import Scope
from hnparks.views.efficiency_lists import lists_document
from tests.app.conftest import open_app


@pytest.fixture
def clicks(monkeypatch):
    """file id → the download button's deferred callable (what a click runs)."""
    made: dict = {}
    original = MediaFileManager.add_deferred

    def keep(self, function, *args, **kwargs):
        file_id = original(self, function, *args, **kwargs)
        made[file_id] = function
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)
    return made


def _title(at, key: str, clicks) -> str:
    button = at.download_button(key=key)
    file = docx.Document(io.BytesIO(clicks[button.proto.deferred_file_id]()))
    return next(p.text for p in file.paragraphs if p.style.name == "公文标题")


def test_the_admin_exports_the_notice_for_any_scope(clicks):
    at = open_app("admin", user="office", period="2020-06")
    at.selectbox(key="admin_notice_period").set_value("2020-06").run()
    assert _title(at, "admin_notice", clicks) == "关于2020年6月全省产业园区工作推进情况的通报"
    at.selectbox(key="admin_notice_city").set_value("430300").run()
    assert _title(at, "admin_notice", clicks) == "关于2020年6月湘潭市产业园区工作推进情况的通报"
    at.selectbox(key="admin_notice_park").set_value("P030").run()
    title = _title(at, "admin_notice", clicks)  # an unconfirmed national park name is marked
    assert title.startswith("关于2020年6月湘潭高新技术产业开发区") and title.endswith("工作推进情况的通报")


def test_the_presenters_bar_offers_the_notice_beside_the_other_exports(clicks):
    at = open_app(mode="present", period="2020-12", city="430300")
    built_on_request = [b.key for b in at.button if b.key.startswith("present_export")]
    assert built_on_request == ["present_export_build", "present_export_pptx_build"]
    keys = [b.proto.id.rsplit("-", 1)[-1] for b in at.get("download_button")]
    assert keys == ["present_export_notice"]
    assert _title(at, "present_export_notice", clicks) == \
        "关于2020年12月湘潭市产业园区工作推进情况的通报"


@pytest.mark.parametrize(("user", "asked", "shown"), [
    ("changsha", {"city": "430300"}, "长沙市产业园区"),
    ("changsha", {}, "长沙市产业园区"),
    ("zhuzhou_park", {"city": "430300", "park": "P030"}, "株洲高新"),
])
def test_a_city_or_park_user_gets_only_their_own_notice(user, asked, shown, clicks):
    at = open_app(mode="present", period="2020-06", user=user, **asked)
    button = at.download_button(key="present_export_notice")
    assert "湘潭" not in button.proto.help
    title = _title(at, "present_export_notice", clicks)
    assert shown in title and "湘潭" not in title and "全省" not in title


def test_non_admins_have_no_notice_panel():
    at = open_app(user="changsha", period="2020-06")
    assert not [b for b in at.get("download_button") if b.proto.id.endswith("admin_notice")]


def test_the_efficiency_page_shows_the_lists_and_offers_them_as_files(clicks, data):
    at = open_app("efficiency", period="2020-06")
    data["parks"] = with_marked_names(data["parks"])  # as every page shows them (（待核）)
    document = lists_document(data, Scope("2020-06"))
    counts = {t.title: len(t.rows) for t in document.tables}
    labels = [t.label for t in at.tabs]
    assert f"先进园区名单（A类，{counts['先进园区名单']}家）" in labels
    assert f"有竞争力产业集群名单（{counts['有竞争力产业集群名单']}个）" in labels
    assert f"劣汰扶强预警（连续两期C类，{counts['劣汰扶强预警']}家）" in labels
    assert any("权重和入选比例为示意" in m.value for m in at.markdown)
    book = at.download_button(key="efficiency_lists_xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(clicks[book.proto.deferred_file_id]()))["先进园区名单"]
    assert [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)] == \
        [r[1] for r in next(t for t in document.tables if t.title == "先进园区名单").rows]
    word = at.download_button(key="efficiency_lists_docx")
    assert docx.Document(io.BytesIO(clicks[word.proto.deferred_file_id]())).tables
