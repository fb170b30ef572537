"""A whole reporting round in Chromium with real accounts (issue 25, "Done when"): the office
opens June → two parks submit (one with a flagged jump, explained) → one is returned and
resubmitted → the 市州 approves → the office publishes → the pages show the new figure, the
audit lists each step with its identity, and the 未报 list shows the parks that did not report.
One served app on a private copy of data/ and its own accounts file and workflow database."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from hnparks.core.access import Identity
from hnparks.data import accounts
from hnparks.data.loading import dataset_path
from tests.conftest import (
    ARTIFACTS,
    REPO,
    TEST_PASSWORD,
    app_context,
    click_and_wait,
    open_in_session,
    served_app,
    sign_in,
    wait_for_app,
)
from tests.unit.test_ingest import xlsx

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = ARTIFACTS / "reporting"
PERIOD = "2020-06"
# 长沙市: 湖南雨花经济开发区 (P013) reports June as it stands (nothing to explain), is returned
# and resubmits a corrected 技工贸总收入; 长沙高新区 (P001) reports a jump and explains it.
CLEAN, JUMPY = "P013", "P001"
USERS = {  # username: (name, role, city, park)
    "office": ("省园区办 张三", "admin", None, None),
    "changsha": ("长沙市工信局 李四", "city", "430100", None),
    "yuhua": ("雨花经开区 赵六", "park", None, CLEAN),
    "gaoxin": ("长沙高新区 钱七", "park", None, JUMPY),
}
RESUBMITTED_REVENUE = 186.6  # 亿元, P013's corrected June 技工贸总收入 (published: 181.64)


@pytest.fixture(scope="module")
def round_app(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The app on a copy of data/ (no loads, no workflow database yet), login required, with
    one account per actor of the round."""
    tmp = tmp_path_factory.mktemp("reporting")
    root = tmp / "data"
    shutil.copytree(REPO / "data", root, ignore=shutil.ignore_patterns(
        "versions", "load_state.json", "workflow.sqlite*", "evidence"))
    path = tmp / "private" / "accounts.json"
    setup = Identity("pytest", "测试环境", "admin", via="测试")
    for username, (name, role, city, park) in USERS.items():
        once = accounts.add_user(username, name, role, setup, city, park, path=path)
        accounts.change_password(username, once, TEST_PASSWORD, path=path)
    SHOTS.mkdir(parents=True, exist_ok=True)
    env = {"HNPARKS_DATA_DIR": str(root), accounts.ACCOUNTS_ENV: str(path),
           "HNPARKS_ANONYMOUS_VIEW": "0"}
    with served_app(env) as url:
        yield url, root


def _june(root: Path, park: str) -> dict:
    frame = pd.read_parquet(root / "curated" / "park_indicators.parquet")
    return frame[(frame.park_id == park) & (frame.period == PERIOD)].iloc[0].to_dict()


OPEN: dict[str, object] = {}  # username → page; each one's last state is kept as a picture


@pytest.fixture
def last_pictures() -> Iterator[None]:
    yield
    for username, page in OPEN.items():
        with contextlib.suppress(Exception):  # a closed page must not mask the result
            page.screenshot(path=str(SHOTS / f"last_{username}.png"), full_page=True)


def _sign_in(page, address: str, username: str) -> None:
    """Open `address` in the person's new tab: the app asks them to sign in, and the page they
    asked for opens after the login."""
    page.goto(address)
    wait_for_app(page)
    sign_in(page, username, TEST_PASSWORD)


def _session(chromium, url: str, username: str, path: str):
    """A tab signed in as `username` on `url/path` (each person has their own browser)."""
    context = app_context(chromium, {"width": 1440, "height": 1000})
    page = OPEN[username] = context.new_page()
    _sign_in(page, f"{url}/{path}", username)
    return page


def _table(page, has_text: str) -> str:
    """The text of the first table showing `has_text` (the grid's accessible cells, which are
    the rows in view)."""
    tables = page.get_by_test_id("stDataFrame").filter(has_text=has_text)
    tables.first.wait_for()
    return tables.first.text_content()


def _click(page, name: str) -> None:
    click_and_wait(page, page.get_by_role("button", name=name, exact=True))


def _choose(page, label: str, option: str) -> None:
    box = page.get_by_role("combobox", name=label, exact=True)
    shown = box.input_value().split(" · ")[0]  # the option chosen now, without its state
    box.click()
    box.press_sequentially(option)  # typing opens the list, filtered to the option
    pick = page.get_by_role("option", name=option).first
    if shown == option:  # already the choice: no run starts
        pick.click()
        wait_for_app(page)
    else:
        click_and_wait(page, pick, may_not_run=True)


def _shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _success(page, text: str) -> None:
    page.get_by_test_id("stAlertContentSuccess").filter(has_text=text).wait_for()


def _upload(page, name: str, data: bytes) -> None:
    """The park's filled template, read into the table through 上传填好的报表模板."""
    page.get_by_text("或上传填好的报表模板").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        {"name": name, "mimeType": "application/vnd.openxmlformats-officedocument."
                                   "spreadsheetml.sheet", "buffer": data})
    wait_for_app(page)
    _click(page, "读入表格")


def _edit_revenue(page, value: float) -> None:
    """Type a new 技工贸总收入 into the editable table's one row: select a cell of the row, move
    to the column with the arrow keys, each step checked on the grid's accessible cells (a key
    pressed before the grid took the click was lost once in CI), then open the cell's editor."""
    wait_for_app(page)
    grid = page.get_by_test_id("stDataFrame").first
    header = grid.locator('th[role="columnheader"]').filter(has_text="技工贸总收入").first
    target = int(header.get_attribute("aria-colindex"))
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 20, box["y"] + 35 + 17)  # the first cell in view of the row
    selected = grid.locator('td[role="gridcell"][aria-selected="true"]')
    selected.wait_for(state="attached")
    while (at := int(selected.get_attribute("aria-colindex"))) != target:
        page.keyboard.press("ArrowRight" if at < target else "ArrowLeft")
        grid.locator(f'td[role="gridcell"][aria-selected="true"]'
                     f'[aria-colindex="{at + (1 if at < target else -1)}"]').wait_for(state="attached")
    page.keyboard.press("Enter")  # opens the cell's editor
    editor = page.locator("#portal input.gdg-input")
    editor.fill(str(value))
    editor.press("Enter")
    wait_for_app(page)


def test_a_whole_june_round(round_app, chromium, last_pictures) -> None:
    url, root = round_app
    # 1. The office opens June (due 每月10日: 2020-07-10, long past, so whoever has not
    #    reported by now is late).
    office = _session(chromium, url, "office", "review")
    office.get_by_text("开启填报").first.click()
    wait_for_app(office)
    _choose(office, "填报月份", "2020年6月")
    due = office.get_by_role("group", name="截止日期")
    assert [due.get_by_role("spinbutton", name=f"{part}, 截止日期").inner_text()
            for part in ("year", "month", "day")] == ["2020", "07", "10"]  # 每月10日
    _click(office, "开启填报")
    _success(office, "已开启2020年6月「园区主要经济指标」填报")

    # 2. 雨花 uploads June as it stands: nothing to explain; it submits.
    yuhua = _session(chromium, url, "yuhua", "report")
    _upload(yuhua, "雨花6月.xlsx", xlsx(root, [_june(root, CLEAN)]))
    _click(yuhua, "校验")
    yuhua.get_by_text("校验通过，没有发现问题，可以提交。").wait_for()
    _click(yuhua, "提交")
    _success(yuhua, "已提交")

    # 3. 高新区 reports a jump in 技工贸总收入: 校验 flags it, it explains every flag, submits.
    gaoxin = _session(chromium, url, "gaoxin", "report")
    jumpy = _june(root, JUMPY) | {"revenue_ytd": 1150.0}
    _upload(gaoxin, "高新6月.xlsx", xlsx(root, [jumpy]))
    _click(gaoxin, "校验")
    findings = gaoxin.get_by_test_id("stDataFrame").filter(has_text="需说明")
    findings.wait_for()
    assert gaoxin.get_by_text("当月发生额环比变化").count() >= 1
    assert gaoxin.get_by_role("button", name="提交", exact=True).is_disabled()
    notes = gaoxin.get_by_test_id("stTextArea").locator("textarea")
    for i in range(notes.count()):
        notes.nth(i).fill("6月新签约项目集中投产，经统计部门核实。")
        notes.nth(i).press("Control+Enter")
        wait_for_app(gaoxin)
    _shot(gaoxin, "report_flagged")
    _click(gaoxin, "提交")
    _success(gaoxin, "已提交")

    # 4. 长沙 sees only its parks; returns 雨花 with a comment.
    city = _session(chromium, url, "changsha", "review")
    status = _table(city, "长沙市")
    assert "株洲" not in status
    parks = pd.read_parquet(dataset_path("parks", root))
    in_city = int((parks["city_code"] == USERS["changsha"][2]).sum())
    counts = dict(zip(city.get_by_test_id("stMetricLabel").all_text_contents(),
                      city.get_by_test_id("stMetricValue").all_text_contents(), strict=True))
    assert counts["未报"] == f"{in_city - 2} 个" and counts["已报"] == "2 个", counts
    _choose(city, "查看园区报送", "湖南雨花经济开发区")
    city.get_by_label("审核意见（退回时必填）").fill("技工贸总收入与统计快报不一致，请核实后重报")
    city.get_by_label("审核意见（退回时必填）").press("Control+Enter")
    wait_for_app(city)
    _click(city, "退回")
    _success(city, "已退回")

    # 5. 雨花 sees the comment, corrects 技工贸总收入 in the table and resubmits.
    _sign_in(yuhua, f"{url}/report", "yuhua")  # a new load: the returned report as it opens
    yuhua.get_by_text("技工贸总收入与统计快报不一致，请核实后重报").first.wait_for()
    _edit_revenue(yuhua, RESUBMITTED_REVENUE)
    _click(yuhua, "校验")
    yuhua.get_by_text("校验通过，没有发现问题，可以提交。").wait_for()
    _click(yuhua, "提交")
    _success(yuhua, "已提交")

    # 6. 长沙 approves both.
    open_in_session(city, f"{url}/review")
    for park in ("湖南雨花经济开发区", "长沙高新技术产业开发区"):
        _choose(city, "查看园区报送", park)
        city.get_by_text("审核意见（退回时必填）").wait_for()  # a report waiting for review
        _click(city, "通过")
        _success(city, "已审核通过")
    _shot(city, "review_city")

    # 7. The office publishes; the targets page shows the new figure for 雨花.
    open_in_session(office, f"{url}/review")
    _click(office, "发布")
    _success(office, "已发布2020年6月「园区主要经济指标」")
    _shot(office, "review_office")
    published = pd.read_parquet(dataset_path("park_indicators", root))
    row = published[(published.park_id == CLEAN) & (published.period == PERIOD)].iloc[0]
    assert row["revenue_ytd"] == pytest.approx(RESUBMITTED_REVENUE)
    open_in_session(office, f"{url}/park?period={PERIOD}&park={CLEAN}")
    values = office.get_by_test_id("stMetricValue").all_text_contents()
    assert f"{RESUBMITTED_REVENUE:,.1f}" in values, values  # 技工贸总收入（亿元）
    open_in_session(office, f"{url}/targets?period={PERIOD}&park={CLEAN}")
    assert f"{RESUBMITTED_REVENUE:,.1f}" in _table(office, "技工贸总收入")

    # 8. The audit names each step with its identity; the 未报 list has the other parks.
    open_in_session(office, f"{url}/review")
    audit = _table(office, "开启轮次")
    for who, step in [("省园区办 张三（office", "开启轮次"), ("雨花经开区 赵六（yuhua", "提交"),
                      ("长沙高新区 钱七（gaoxin", "提交"), ("长沙市工信局 李四（changsha", "退回"),
                      ("长沙市工信局 李四（changsha", "审核通过"), ("省园区办 张三（office", "发布")]:
        assert who in audit and step in audit, (who, step)
    late = _table(office, "湖南芙蓉工业集中区")  # a 长沙 park that did not report
    assert "未报" in late
    office.get_by_text("截止日期已过仍未报 142 个园区，逾期后才提交 2 个园区。").wait_for()
    open_in_session(office, url)
    block = office.get_by_test_id("stVerticalBlock").filter(
        has_text="打开审核与发布").last
    block.wait_for()
    assert "长沙市" in block.text_content()
    block.screenshot(path=str(SHOTS / "overview_late.png"))
