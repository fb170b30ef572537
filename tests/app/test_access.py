"""Who sees what, through the app: the login form, each role's selectors and pages, hand-edited
URLs for another city or park, and 数据管理 only for the park office."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from hnparks.data import accounts
from tests.app.conftest import REPO, open_app, sign_in, unfold
from tests.conftest import TEST_PASSWORD
from tests.rules import shown_names

CHANGSHA, ZHUZHOU = "430100", "430200"


@pytest.fixture
def login_required(monkeypatch):
    """Production default: nobody sees anything before signing in."""
    monkeypatch.delenv("HNPARKS_ANONYMOUS_VIEW", raising=False)


@pytest.fixture(scope="module")
def parks(data_dir) -> pd.DataFrame:
    return pd.read_parquet(data_dir / "curated" / "parks.parquet")


def _selectbox(at, label):
    return next(s for s in at.sidebar.selectbox if s.label == label)


def _page_text(at) -> str:
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption",
                                  "warning", "info", "error", "success")
             for e in getattr(at, kind) if isinstance(e.value, str)]
    parts += [str(m.label) + str(m.value) for m in at.metric]
    return "\n".join(parts)


def _tables_text(at) -> str:
    return "\n".join(d.value.to_string() for d in at.dataframe)


def _everything_shown(at) -> str:
    """Text, tables, metrics, chart figures and map layers of the page, as one string."""
    import json

    texts = [_page_text(at), _tables_text(at)]
    texts += [json.dumps(json.loads(e.proto.spec), ensure_ascii=False)
              for e in at.get("plotly_chart")]
    texts += [json.dumps(json.loads(e.proto.json), ensure_ascii=False)
              for e in at.get("deck_gl_json_chart")]
    return "\n".join(texts)


def _fresh() -> AppTest:
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=60)


def _open_directly(user: str, page: str | None, **params: str) -> AppTest:
    """A URL typed into the address bar (one run, as a browser opens it), signed in as `user`."""
    at = sign_in(_fresh(), user)
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _log_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="auth_username").set_value(username)
    at.text_input(key="auth_password").set_value(password)
    at.button[0].click()  # the form's submit button (the only button on the login page)
    return at.run()


def test_anonymous_visitor_sees_only_the_login_form(login_required):
    at = _fresh()
    at.query_params["city"] = ZHUZHOU
    at.run()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["用户名", "密码"]
    assert not at.metric and not at.dataframe and not at.sidebar.selectbox
    assert not at.get("plotly_chart") and not at.get("deck_gl_json_chart")
    text = _page_text(at)
    assert "登录" in text and "亿元" not in text and "株洲" not in text


def test_wrong_password_is_refused_in_chinese_and_the_right_one_opens_the_overview(
        login_required):
    at = _log_in(_fresh().run(), "changsha", "wrong-password")
    assert "用户名或密码错误" in at.error[0].value and not at.metric
    at = _log_in(at, "changsha", TEST_PASSWORD)
    assert not at.exception and at.metric
    assert at.title[0].value.endswith("总览")
    assert any("长沙市工信局 李四" in c.value for c in at.sidebar.caption)


def test_first_login_must_change_the_one_time_password(login_required, tmp_path, monkeypatch):
    path = tmp_path / "accounts.json"
    monkeypatch.setenv(accounts.ACCOUNTS_ENV, str(path))
    once = accounts.ensure_admin(path)
    at = _log_in(_fresh().run(), "admin", once)
    assert any("首次登录，请修改密码" in s.value for s in at.subheader) and not at.metric
    at.text_input(key="auth_old").set_value(once)
    at.text_input(key="auth_new").set_value("Park-office-2020")
    at.text_input(key="auth_again").set_value("Park-office-2020")
    at.button[0].click()
    at.run()
    assert not at.exception and at.metric
    assert accounts.authenticate("admin", "Park-office-2020")[1] is False


def test_a_city_user_is_offered_only_their_city_and_its_parks(parks):
    at = open_app(user="changsha")
    assert _selectbox(at, "市州").options == ["长沙市"]
    own = shown_names(parks[parks["city_code"] == CHANGSHA])  # names as shown (待核)
    assert _selectbox(at, "园区").options == ["全部园区", *own["park_name"]]
    assert "范围：**长沙市**" in at.caption[0].value


@pytest.mark.parametrize("params", [{"city": ZHUZHOU}, {"park": "P016"},
                                    {"city": CHANGSHA, "park": "P016"}])
@pytest.mark.parametrize("page", [None, "targets", "park"])
def test_a_city_users_hand_edited_url_for_another_city_falls_back(page, params, parks):
    at = _open_directly("changsha", page, period="2020-06", **params)
    notice = " ".join(w.value for w in at.sidebar.warning)
    assert "市州用户只能查看本市州" in notice
    assert _selectbox(at, "市州").value == CHANGSHA
    assert at.query_params.get("city") == CHANGSHA and "park" not in at.query_params
    assert "范围：**长沙市**" in at.caption[0].value
    text = _page_text(at) + _tables_text(at)
    for name in parks.loc[parks["city_code"] == ZHUZHOU, "park_name"]:
        assert name not in text  # nothing of the other city's parks


def test_a_park_user_sees_their_park_whatever_the_url_asks(parks):
    at = _open_directly("zhuzhou_park", "park", period="2020-06", park="P001")
    assert "园区用户只能查看本园区" in " ".join(w.value for w in at.sidebar.warning)
    assert _selectbox(at, "园区").options == ["株洲高新技术产业开发区（待核）"]
    assert at.query_params.get("park") == "P016"
    assert "范围：**株洲高新技术产业开发区（待核）**" in at.caption[0].value
    assert "长沙高新技术产业开发区" not in _page_text(at) + _tables_text(at)


def _hidden_parks(parks: pd.DataFrame, user: str) -> list[str]:
    if user == "changsha":
        return parks.loc[parks["city_code"] != CHANGSHA, "park_name"].tolist()
    return parks.loc[parks["park_id"] != "P016", "park_name"].tolist()


@pytest.mark.parametrize("user", ["changsha", "zhuzhou_park"])
@pytest.mark.parametrize("page", [None, "targets", "clusters", "environment", "business",
                                  "efficiency", "opening", "tasks", "park"])
def test_no_page_names_a_park_the_role_may_not_see(user, page, parks):
    """Every text, table, chart and map layer: a city user sees no other city's park, a park
    user no other park (their city's and the province's figures only as aggregates)."""
    at = open_app(page, user=user, period="2020-06")
    if page == "targets":  # its park lists are folded: what a person opening them sees
        unfold(at)
    shown = _everything_shown(at)
    assert not [name for name in _hidden_parks(parks, user) if name in shown]
    own = "长沙高新技术产业开发区" if user == "changsha" else "株洲高新技术产业开发区"
    if page in ("targets", "park"):
        assert own in shown  # the check can see park names where there are some


@pytest.mark.parametrize("user", ["changsha", "zhuzhou_park"])
def test_every_slide_holds_only_what_the_role_may_see(user, parks):
    """The slides are what the offline HTML briefing exports (components.views.present)."""
    at = open_app(None, user=user, period="2020-06", mode="present")
    count = int(re.search(r"共(\d+)页", at.caption[0].value).group(1))
    hidden = _hidden_parks(parks, user)
    for _ in range(count):
        assert not [name for name in hidden if name in _everything_shown(at)]
        at.button(key="present_next").click()
        at.run()


def test_a_map_click_on_another_city_is_refused_for_a_city_user():
    at = open_app(user="changsha", period="2020-06")
    at.session_state["ctx_pending"] = {"city": ZHUZHOU, "park": None}  # what a map click sets
    at.run()
    assert "市州用户只能查看本市州" in " ".join(w.value for w in at.sidebar.warning)
    assert "范围：**长沙市**" in at.caption[0].value


@pytest.mark.parametrize("user", ["leader", "dept", "changsha", "zhuzhou_park"])
def test_non_admins_have_no_data_management(user):
    at = open_app(user=user)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/admin.py")  # not in their navigation at all
    assert not at.file_uploader and not any(b.key == "admin_rollback" for b in at.button)


@pytest.mark.parametrize("user", ["leader", "changsha", None])
def test_the_admin_page_file_run_on_its_own_refuses_non_admins(user):
    """A fresh server runs a requested page file before app.py (see components.shell.context):
    the page itself refuses, showing no upload or rollback control."""
    at = sign_in(AppTest.from_file(str(REPO / "pages" / "admin.py"), default_timeout=60), user)
    at.run()
    assert not at.exception
    assert "无权访问数据管理" in at.error[0].value
    assert not at.file_uploader and not at.button and not at.dataframe


def test_province_wide_roles_see_every_city():
    for user in ("leader", "dept", "office"):
        at = open_app(user=user)
        assert _selectbox(at, "市州").options[0] == "全省"
        assert len(_selectbox(at, "市州").options) == 15


def test_the_admin_sees_accounts_and_their_history():
    at = open_app("admin", user="office")
    accounts_table = next(d.value for d in at.dataframe if "username" in d.value.columns)
    assert set(accounts_table["username"]) >= {"leader", "changsha", "zhuzhou_park", "office"}
    assert "hash" not in accounts_table.columns
    history = next(d.value for d in at.dataframe if "actor" in d.value.columns)
    assert (history["action"] == "修改密码").any()


def test_the_admin_adds_resets_and_disables_an_account_on_the_page(tmp_path, monkeypatch):
    path = tmp_path / "accounts.json"
    monkeypatch.setenv(accounts.ACCOUNTS_ENV, str(path))
    once = accounts.add_user("office", "省园区办 张三", "admin",
                             accounts.Identity("setup", "测试", "admin"), path=path)
    accounts.change_password("office", once, TEST_PASSWORD, path=path)
    at = open_app("admin", user="office")
    at.text_input(key="admin_new_username").set_value("xiangtan")
    at.text_input(key="admin_new_name").set_value("湘潭市工信局 赵六")
    at.selectbox(key="admin_new_role").set_value("city")
    at.selectbox(key="admin_new_city").set_value("430300")
    next(b for b in at.button if b.label == "新增账号").click()
    at.run()
    message = at.success[0].value
    password = re.search(r"一次性密码：`(\w+)`", message).group(1)
    identity, must_change = accounts.authenticate("xiangtan", password)
    assert (identity.role, identity.city, must_change) == ("city", "430300", True)
    assert password not in path.read_text(encoding="utf-8")
    at.selectbox(key="admin_manage_user").set_value("xiangtan").run()
    at.button(key="admin_reset").click()
    at.run()
    again = re.search(r"一次性密码：`(\w+)`", at.success[0].value).group(1)
    assert again != password and accounts.authenticate("xiangtan", again)[1] is True
    at.button(key="admin_disable").click()
    at.run()
    assert "已停用" in at.success[0].value
    with pytest.raises(accounts.LoginFailed, match="用户名或密码错误"):
        accounts.authenticate("xiangtan", again)
    history = next(d.value for d in at.dataframe if "actor" in d.value.columns)
    assert history["action"].tolist()[:3] == ["停用账号", "重置密码", "新增账号"]
    assert set(history["actor"].head(3)) == {"省园区办 张三（office，本地账号）"}


def test_the_office_sees_and_lifts_sign_in_throttles_on_the_page(tmp_path, monkeypatch):
    """A stranger's wrong passwords show on 数据管理 (address, account, count, wait); the office
    lifts one, then the rest (#29)."""
    path = tmp_path / "accounts.json"
    monkeypatch.setenv(accounts.ACCOUNTS_ENV, str(path))
    once = accounts.add_user("office", "省园区办 张三", "admin",
                             accounts.Identity("setup", "测试", "admin"), path=path)
    accounts.change_password("office", once, TEST_PASSWORD, path=path)
    for _ in range(3):
        with pytest.raises(accounts.LoginFailed):
            accounts.authenticate("leader1", "guess", source="10.9.8.7")
    at = open_app("admin", user="office")
    table = _throttle_table(at)
    assert set(table["who"]) == {"leader1", "10.9.8.7"}
    assert set(table["failures"]) == {3} and set(table["kind"]) == {"账号", "来源地址"}
    at.selectbox(key="admin_throttle_key").set_value("account:leader1").run()
    at.button(key="admin_throttle_clear").click().run()
    assert "已解除 1 项登录限制" in at.success[0].value
    assert _throttle_table(at)["who"].tolist() == ["10.9.8.7"]
    at.button(key="admin_throttle_clear_all").click().run()
    assert accounts.throttles() == []
    assert any("当前没有登录限制" in c.value for c in at.caption)


def _throttle_table(at) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "failures" in d.value.columns)
