"""Roles, scope and accounts: what each role may select, refused loads, audit trail."""

from __future__ import annotations

import getpass
import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from hnparks.__main__ import main
from hnparks.commands import store
from hnparks.core.access import ANONYMOUS, AccessDenied, Identity, allowed_cities, allowed_scope
from hnparks.core.scope import Scope
from hnparks.data import accounts
from hnparks.data.loading import load_dataset
from tests.unit.test_ingest import REPO_DATA, digest, indicator_rows, office, xlsx

CHANGSHA, ZHUZHOU = "430100", "430200"


@pytest.fixture(scope="module")
def parks() -> pd.DataFrame:
    return load_dataset("parks", REPO_DATA)


@pytest.fixture(scope="module")
def cities() -> pd.DataFrame:
    return load_dataset("cities", REPO_DATA)


@pytest.fixture
def accounts_path(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "private" / "accounts.json"
    monkeypatch.setenv(accounts.ACCOUNTS_ENV, str(path))
    return path


def _park_in(parks: pd.DataFrame, city: str) -> str:
    return str(parks.loc[parks["city_code"] == city, "park_id"].iloc[0])


def test_province_wide_roles_get_what_they_ask_for(parks, cities):
    wanted = Scope("2020-06", ZHUZHOU, _park_in(parks, ZHUZHOU))
    for role in ("leader", "department", "admin"):
        assert allowed_scope(Identity("u", "某", role), wanted, parks) == (wanted, [])
        assert allowed_cities(Identity("u", "某", role), cities, parks) == list(cities["city_code"])


def test_a_city_user_is_kept_to_their_city_and_its_parks(parks, cities):
    user = Identity("cs", "长沙用户", "city", city=CHANGSHA)
    own_park, other_park = _park_in(parks, CHANGSHA), _park_in(parks, ZHUZHOU)
    assert allowed_cities(user, cities, parks) == [CHANGSHA]
    assert allowed_scope(user, Scope("2020-06"), parks) == (Scope("2020-06", CHANGSHA), [])
    assert allowed_scope(user, Scope("2020-06", CHANGSHA, own_park), parks)[0] == \
        Scope("2020-06", CHANGSHA, own_park)
    for refused in (Scope("2020-06", ZHUZHOU), Scope("2020-06", ZHUZHOU, other_park),
                    Scope("2020-06", None, other_park), Scope("2020-06", CHANGSHA, other_park)):
        scope, problems = allowed_scope(user, refused, parks)
        assert scope == Scope("2020-06", CHANGSHA, None)
        assert problems and "本市州" in problems[0]


def test_a_park_user_always_gets_their_park(parks):
    own = _park_in(parks, ZHUZHOU)
    user = Identity("p", "园区用户", "park", park=own)
    assert allowed_scope(user, Scope("2020-03"), parks) == (Scope("2020-03", ZHUZHOU, own), [])
    scope, problems = allowed_scope(user, Scope("2020-03", CHANGSHA), parks)
    assert scope == Scope("2020-03", ZHUZHOU, own) and "本园区" in problems[0]


def test_the_store_refuses_loads_and_rollbacks_without_an_admin_identity(tmp_path):
    import shutil

    root = tmp_path / "data"
    shutil.copytree(REPO_DATA, root, ignore=shutil.ignore_patterns("versions", "load_state.json"))
    before = digest(root)
    files = [("m.xlsx", xlsx(root, [indicator_rows(root, "P001", "2020-12", 5)]))]
    for who in (None, "张三", ANONYMOUS, Identity("cs", "长沙", "city", city=CHANGSHA),
                Identity("ld", "领导", "leader")):
        with pytest.raises(AccessDenied, match="只有省园区办|未登录"):
            store.load("park_indicators", files, who, "月报", root)
        with pytest.raises(AccessDenied):
            store.rollback("park_indicators", who, root=root)
    assert digest(root) == before and store.history(root).empty
    _, record = store.load("park_indicators", files, office("张三"), "月报", root)
    row = store.history(root).iloc[0]
    assert row["user"] == "张三" and row["identity"] == "张三（office，本地账号）"
    assert row["digest"] == f"m.xlsx sha256:{hashlib.sha256(files[0][1]).hexdigest()[:16]}"
    assert record is not None


def test_the_cli_records_the_operating_system_user_and_the_name_given(tmp_path, capsys):
    import shutil

    root = tmp_path / "data"
    shutil.copytree(REPO_DATA, root, ignore=shutil.ignore_patterns("versions", "load_state.json"))
    report = tmp_path / "r.xlsx"
    report.write_bytes(xlsx(root, [indicator_rows(root, "P001", "2020-12", 2)]))
    assert main(["ingest", str(report), "--dataset", "park_indicators", "--user", "王五",
                 "--data-dir", str(root)]) == 0
    row = store.history(root).iloc[0]
    assert row["user"] == "王五"
    assert row["identity"] == f"王五（{getpass.getuser()}，命令行（系统用户 {getpass.getuser()}））"
    assert hashlib.sha256(report.read_bytes()).hexdigest()[:16] in row["digest"]


def test_first_start_creates_an_admin_with_a_one_time_password(accounts_path):
    password = accounts.ensure_admin()
    assert password and len(password) >= 12
    assert accounts.ensure_admin() is None  # only once
    text = accounts_path.read_text(encoding="utf-8")
    assert password not in text and "$argon2id$" in text
    assert oct(accounts_path.stat().st_mode)[-3:] == "600"
    identity, must_change = accounts.authenticate("admin", password)
    assert identity.is_admin and must_change
    with pytest.raises(accounts.LoginFailed, match="至少"):
        accounts.change_password("admin", password, "short1")
    accounts.change_password("admin", password, "新的密码abc12345")
    assert accounts.authenticate("admin", "新的密码abc12345") == (identity, False)
    with pytest.raises(accounts.LoginFailed):
        accounts.authenticate("admin", password)
    assert password not in accounts.audit_file(accounts_path).read_text(encoding="utf-8")


def test_reset_and_disable_are_audited(accounts_path):
    """(Wrong passwords no longer lock an account: tests/unit/test_sign_in.py.)"""
    admin = office("省园区办 张三")
    password = accounts.add_user("cs", "长沙市工信局 李四", "city", admin, city=CHANGSHA)
    new = accounts.reset_user("cs", admin)
    assert accounts.authenticate("cs", new)[0].city == CHANGSHA
    accounts.disable_user("cs", admin)
    with pytest.raises(accounts.LoginFailed, match="用户名或密码错误"):
        accounts.authenticate("cs", new)
    assert accounts.active_identity("cs") is None
    actions = [(r["action"], r["username"], r["actor"]) for r in accounts.account_history()]
    assert actions == [(a, "cs", "省园区办 张三（office，本地账号）")
                       for a in ("停用账号", "重置密码", "新增账号")]
    raw = accounts_path.read_text(encoding="utf-8") + \
        accounts.audit_file(accounts_path).read_text(encoding="utf-8")
    assert password not in raw and new not in raw


def test_unknown_users_and_non_admins_cannot_manage_accounts(accounts_path):
    with pytest.raises(accounts.LoginFailed, match="用户名或密码错误"):
        accounts.authenticate("nobody", "x")
    with pytest.raises(AccessDenied):
        accounts.add_user("x", "X", "leader", Identity("ld", "领导", "leader"))
    with pytest.raises(ValueError, match="园区编号"):
        accounts.add_user("x", "X", "park", office("张三"))


def test_cli_users_commands_print_the_one_time_password_once(accounts_path, capsys):
    assert main(["users", "--by", "张三", "add", "zz", "--name", "株洲 王五", "--role", "city",
                 "--city", ZHUZHOU]) == 0
    out = capsys.readouterr().out
    password = out.split("一次性密码：")[1].split()[0]
    assert accounts.authenticate("zz", password)[0].city == ZHUZHOU
    assert main(["users", "list"]) == 0
    listing = capsys.readouterr().out
    assert "zz" in listing and password not in listing
    assert main(["users", "add", "zz", "--name", "重名", "--role", "leader"]) == 1
    assert "已存在" in capsys.readouterr().err
    assert main(["users", "add", "p9", "--name", "某", "--role", "park", "--park", "P999"]) == 1
    assert "不在园区名录中" in capsys.readouterr().err
    entry = json.loads(accounts.audit_file().read_text(encoding="utf-8").splitlines()[0])
    assert entry["actor"] == f"张三（{getpass.getuser()}，命令行（系统用户 {getpass.getuser()}））"


def test_context_parks_and_breakdowns_are_narrowed_to_the_role(parks):
    from hnparks.core.access import drop_hidden_parks, fold_hidden_parks, peer_scope

    park_user = Identity("p", "园区", "park", park="P016")
    city_user = Identity("c", "长沙", "city", city=CHANGSHA)
    leader = Identity("l", "领导", "leader")
    here = Scope("2020-06", ZHUZHOU, "P016")
    assert peer_scope(leader, here, "city") == Scope("2020-06", ZHUZHOU)
    assert peer_scope(leader, here, "province") == Scope("2020-06")
    assert peer_scope(park_user, here, "city") == here
    assert peer_scope(city_user, Scope("2020-06", CHANGSHA), "province") == \
        Scope("2020-06", CHANGSHA)
    zhuzhou = parks[parks["city_code"] == ZHUZHOU]
    gaps = pd.DataFrame({"key": [*zhuzhou["park_id"], ""], "name": [*zhuzhou["park_name"], "其他"],
                         "gap": [1.0] * len(zhuzhou) + [5.0]})
    folded = fold_hidden_parks(park_user, parks, gaps, ("gap",))
    assert folded["key"].tolist() == ["P016", "", ""]
    assert folded["gap"].sum() == gaps["gap"].sum()
    assert folded.iloc[-1]["name"] == f"本市州其他园区（{len(zhuzhou) - 1}家合计）"
    assert fold_hidden_parks(leader, parks, gaps, ("gap",)) is gaps
    slide = pd.DataFrame({"name": [*zhuzhou["park_name"], "长沙市"]})
    assert drop_hidden_parks(park_user, parks, slide)["name"].tolist() == \
        ["株洲高新技术产业开发区", "长沙市"]
