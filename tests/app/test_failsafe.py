"""A missing or broken data directory: every page shows a Chinese notice saying what is wrong
and what to do, never a traceback or a server path; fixed, it recovers without a restart."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hnparks.core.paths import DATA_DIR_ENV
from tests.app.conftest import REPO
from tests.app.conftest import open_app as _open_app

PAGES = [None, "targets", "clusters", "environment", "business", "tasks", "park", "admin"]


def _break_nothing(root: Path) -> None:
    pass


def _missing_dir(root: Path) -> None:
    shutil.rmtree(root)


def _broken_catalog(root: Path) -> None:
    (root / "catalog.yaml").write_text("datasets:\n  parks: [unclosed\n  : :\n", encoding="utf-8")


def _catalog_missing_a_key(root: Path) -> None:
    text = (root / "catalog.yaml").read_text(encoding="utf-8")
    (root / "catalog.yaml").write_text(text.replace("    title: 园区名录\n", "", 1), encoding="utf-8")


def _broken_dataset(root: Path) -> None:
    (root / "curated" / "parks.parquet").write_bytes(b"not a parquet file")


def _broken_state(root: Path) -> None:
    (root / "load_state.json").write_text("{ not json", encoding="utf-8")


BREAKS = {"missing": (_missing_dir, "数据目录缺失"),
          "catalog": (_broken_catalog, "catalog.yaml"),
          "catalog_key": (_catalog_missing_a_key, "catalog.yaml"),
          "dataset": (_broken_dataset, "parks"),
          "state": (_broken_state, "导入状态文件")}


@pytest.fixture
def root(tmp_path: Path, monkeypatch) -> Path:
    shutil.copytree(REPO / "data", tmp_path / "data",
                    ignore=shutil.ignore_patterns("versions", "load_state.json"))
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    return tmp_path / "data"


def _open(page: str | None, stay: bool = False):
    """open_app without its checks that the page ran cleanly (here it must fail, with a notice):
    one run, straight onto the page, signed in as the park office, who has every page.
    `stay`: open the overview first, then switch, so later runs stay on the page even though the
    broken run could not finish its navigation."""
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import sign_in

    at = sign_in(AppTest.from_file(str(REPO / "app.py"), default_timeout=60), "office")
    if stay:
        at.run()
    if page:
        at.switch_page(f"pages/{page}.py")
    return at.run()


def _shown(at) -> str:
    return "\n".join(str(e.value) for kind in ("error", "caption", "markdown", "warning", "info")
                     for e in getattr(at, kind))


@pytest.mark.parametrize("broken", list(BREAKS))
@pytest.mark.parametrize("page", PAGES)
def test_a_broken_data_directory_shows_a_chinese_notice_on_every_page(root, broken, page):
    damage, expected = BREAKS[broken]
    damage(root)
    at = _open(page)
    assert not at.exception, [e.value for e in at.exception]
    notices = [e.value for e in at.error]
    assert notices and "数据暂时无法显示" in notices[0]
    text = _shown(at)
    assert (expected if broken != "missing" else "数据文件") in text
    assert "刷新本页" in text and "错误编号" in text
    for internal in ("Traceback", str(root), "/tmp", ".py", "Error:"):
        assert internal not in text, internal


def test_a_fixed_data_directory_recovers_without_restart(root, tmp_path):
    good = tmp_path / "good"
    shutil.copytree(root, good)
    _broken_catalog(root)
    at = _open("targets", stay=True)
    assert at.error and "catalog.yaml" in at.error[0].value
    shutil.copy(good / "catalog.yaml", root / "catalog.yaml")
    at.run()
    assert not at.exception and not at.error
    assert at.title[0].value == "目标达成"
    shutil.rmtree(root)
    at.run()
    assert at.error and "数据文件" in at.error[0].value
    shutil.copytree(good, root)
    at.run()
    assert not at.error and at.title[0].value == "目标达成"


def test_the_failure_goes_to_the_server_log_in_full(root, caplog):
    _broken_dataset(root)
    with caplog.at_level("ERROR", logger="hnparks.app"):
        at = _open(None)
    caption = next(c.value for c in at.caption if "错误编号" in c.value)
    error_id = re.search(r"错误编号 ([0-9a-f]{8})", caption).group(1)
    record = next(r for r in caplog.records if error_id in r.getMessage())
    assert record.exc_info and "parks" in str(record.exc_info[1])


def test_a_clean_data_directory_shows_no_notice(root):
    at = _open_app(None)
    assert not at.error
