"""数据管理 page: upload a report, see it rejected or loaded, the dashboard update, roll back."""

from __future__ import annotations

import functools
import hashlib
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from hnparks.commands.ingest import REPORTABLE
from hnparks.core.paths import DATA_DIR_ENV
from hnparks.data.loading import dataset_path
from tests.app.conftest import REPO, open_app
from tests.unit import test_ingest
from tests.unit.test_ingest import indicator_rows, office, xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def root(tmp_path: Path, monkeypatch) -> Path:
    """The app runs on a private copy of data/ (HNPARKS_DATA_DIR); the repo's data/ is untouched."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    return tmp_path / "data"


def digest(root: Path) -> str:
    """What readers see: every dataset's current file and the catalog as read."""
    return hashlib.sha256(repr(test_ingest.digest(root)).encode()).hexdigest()


def _table(at, column: str) -> pd.DataFrame:
    """The page's table that has `column` (status: title; problems: 问题; log: version_id)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _status(at) -> pd.DataFrame:
    return _table(at, "title")


def _upload(at, files):
    at.text_input(key="admin_source").set_value("省统计局2020年12月园区月报")
    uploader = next(u for u in at.file_uploader if u.key.startswith("admin_files_"))
    uploader.set_value(files)
    at.run()
    at.button(key="admin_ingest").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_page_lists_every_reportable_dataset_as_illustrative(root):
    at = open_app("admin", user="office")
    status = _status(at)
    assert len(status) == len(REPORTABLE)
    assert {"重点任务里程碑", "园区开放与创新平台", "亩均效益评价投入（能耗与研发）",
            "标准地供应计划", "园区名录", "市州目标分解"} <= set(status["title"])
    assert set(status["provenance"]) == {"示意数据"}
    assert status.set_index("title").at["园区主要经济指标", "rows"] == \
        len(pd.read_parquet(dataset_path("park_indicators", root)))
    assert at.title[0].value == "数据管理"


def test_bad_report_is_rejected_with_row_and_column_and_changes_nothing(root):
    before = digest(root)
    row = indicator_rows(root, "P001", "2020-12") | {"park_id": "P999"}
    at = _upload(open_app("admin", user="office"), ("bad.xlsx", xlsx(root, [row]), XLSX))
    assert "未导入" in at.error[0].value
    problems = _table(at, "问题")
    assert problems.iloc[0][["工作表", "行", "列"]].tolist() == ["填报数据", 2, "园区编号"]
    assert "不在园区名录中" in problems.iloc[0]["问题"]
    assert digest(root) == before


def test_good_report_loads_updates_the_dashboard_and_rolls_back(root):
    before = digest(root)
    row = indicator_rows(root, "P001", "2020-12", 1000)
    overview = open_app(None, period="2020-12", park="P001")
    assert any("示意数据" in w.value and "园区主要经济指标" in w.value for w in overview.warning)

    report = xlsx(root, [row])
    at = _upload(open_app("admin", user="office"), ("月报.xlsx", report, XLSX))
    assert "新增 0 行，替换 1 行" in at.success[0].value
    status = _status(at).set_index("title")
    assert status.at["园区主要经济指标", "provenance"] == "官方报表（2020年），其他年度为示意数据"
    assert status.at["园区主要经济指标", "source"] == "省统计局2020年12月园区月报"
    stored = pd.read_parquet(dataset_path("park_indicators", root))
    assert stored.set_index(["park_id", "period"]).at[("P001", "2020-12"), "revenue_ytd"] == \
        pytest.approx(row["revenue_ytd"])
    # the history names the signed-in person (not a typed name) and the file's digest
    log = _table(at, "version_id").iloc[0]
    assert (log["user"], log["identity"]) == ("省园区办 张三", "省园区办 张三（office，本地账号）")
    assert log["digest"] == "月报.xlsx sha256:" + hashlib.sha256(report).hexdigest()[:16]

    # the dashboard, already open, picks the load up on its next run: no illustrative flag
    overview.run()
    assert not any("园区主要经济指标" in w.value for w in overview.warning)

    at.checkbox(key="admin_rollback_confirm").check()
    at.run()
    at.button(key="admin_rollback").click()
    at.run()
    assert "已回退" in at.success[0].value
    assert digest(root) == before
    assert _status(at).set_index("title").at["园区主要经济指标", "provenance"] == "示意数据"


def test_cached_dataset_is_reread_after_a_load_without_restart(root):
    """components.ui.data caches by file version: the next read after a load sees the new rows."""
    from components.ui.data import catalog, dataset
    from hnparks.commands import store
    from hnparks.commands.ingest import check_files

    key = ["park_id", "period"]
    old = dataset("park_indicators").set_index(key).at[("P001", "2020-12"), "revenue_ytd"]
    assert catalog()["park_indicators"].illustrative_in(2020)
    row = indicator_rows(root, "P001", "2020-12", 500)
    result = check_files("park_indicators", [("m.xlsx", xlsx(root, [row]))], root)
    store.commit(result, office("张三"), "月报", root)
    new = dataset("park_indicators").set_index(key).at[("P001", "2020-12"), "revenue_ytd"]
    assert new == pytest.approx(old + 500) and new == pytest.approx(row["revenue_ytd"])
    assert not catalog()["park_indicators"].illustrative_in(2020)
    store.rollback("park_indicators", office("张三"), root=root)
    assert dataset("park_indicators").set_index(key).at[("P001", "2020-12"), "revenue_ytd"] == old


def test_a_hostile_file_name_is_shown_as_text(root):
    """The file name is the uploader's text: it must not become a link or an image."""
    row = indicator_rows(root, "P001", "2020-12", 1)
    name = "![x](http://198.51.100.7/a.png)[点我](javascript:alert(1)).xlsx"
    at = _upload(open_app("admin", user="office"), (name, xlsx(root, [row]), XLSX))
    message = at.success[0].value
    assert "已导入" in message
    for live in ("![x](", "](javascript", "](http"):  # raw, not backslash-escaped
        assert not re.search(r"(?<!\\)" + re.escape(live), message), live
    assert "\\[点我\\]" in message


def test_a_load_while_another_runs_gets_the_chinese_busy_message(root, monkeypatch):
    """The second office member is told someone else is loading; nothing changes."""
    from components.views import admin_panels
    from hnparks.commands.store import load
    from hnparks.core.locking import writer_lock

    # the page's load waits 0.5 s for the lock rather than its 10 (the wait is
    # test_store_crash's subject; here the message is)
    monkeypatch.setattr(admin_panels, "load", functools.partial(load, wait=0.5))
    before = digest(root)
    row = indicator_rows(root, "P001", "2020-12", 1)
    with writer_lock(root, "省园区办 李四"):  # held for the whole upload
        at = _upload(open_app("admin", user="office"), ("月报.xlsx", xlsx(root, [row]), XLSX))
    message = at.error[0].value
    assert "另一项导入或回退正在进行" in message and "李四" in message
    assert digest(root) == before
