"""数据管理 panels for accounts (admin only): the account list, add / reset / disable, and the
account change log. One-time passwords are shown once, to the admin, and never stored."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.shell.auth import admin_only
from components.ui.data import dataset
from components.ui.text import md_escape
from hnparks.commands.store import beijing_time
from hnparks.core.access import ROLES
from hnparks.data import accounts

_SHOWN = "admin_accounts_outcome"  # (kind, message) after a rerun


def accounts_table() -> None:
    """Every account: name, role, scope, how it logs in and its state (no hashes)."""
    rows = pd.DataFrame(accounts.list_users(), columns=["username", "name", "role", "city",
                                                        "park", "login", "state"])
    cities = dict(zip(dataset("cities")["city_code"], dataset("cities")["city_name"],
                      strict=True))
    parks = dict(zip(dataset("parks")["park_id"], dataset("parks")["park_name"], strict=True))
    rows["where"] = [parks.get(p) or cities.get(c) or ("全省" if not (c or p) else p or c)
                     for c, p in zip(rows["city"], rows["park"], strict=True)]
    st.dataframe(rows[["username", "name", "role", "where", "login", "state"]],
                 hide_index=True, width="stretch", key="admin_accounts",
                 column_config={"username": "用户名", "name": "姓名", "role": "角色",
                                "where": "可查看范围", "login": "登录方式", "state": "状态"})


def account_forms() -> None:
    """Add an account, or reset / disable one; the outcome (with a one-time password) once."""
    identity = admin_only()
    outcome = st.session_state.pop(_SHOWN, None)
    if outcome:
        (st.success if outcome[0] == "success" else st.error)(outcome[1])
    add, manage = st.tabs(["新增账号", "重置密码 / 停用"])
    with add, st.form("admin_add_user", clear_on_submit=True):
        left, right = st.columns(2)
        username = left.text_input("用户名（统一身份认证账号填其邮箱）", key="admin_new_username")
        name = right.text_input("姓名及单位", key="admin_new_name", placeholder="如：长沙市工信局 李四")
        role = left.selectbox("角色", list(ROLES), format_func=ROLES.get, key="admin_new_role")
        cities = dataset("cities")
        city = right.selectbox("所属市州（市州用户）", [None, *cities["city_code"]],
                               key="admin_new_city", format_func=lambda c: "—" if c is None else
                               cities.set_index("city_code").at[c, "city_name"])
        park = left.text_input("所属园区编号（园区用户）", key="admin_new_park", placeholder="如：P001")
        oidc = right.checkbox("经统一身份认证登录（无本地密码）", key="admin_new_oidc")
        if st.form_submit_button("新增账号", type="primary"):
            _act(lambda: _added(username, name, role, city, park, oidc, identity))
    with manage:
        names = [row["username"] for row in accounts.list_users()]
        who = st.selectbox("账号", names, key="admin_manage_user")
        left, right = st.columns(2)
        if left.button("重置密码（生成一次性密码）", key="admin_reset", disabled=not who):
            _act(lambda: f"已重置「{md_escape(who)}」的密码，一次性密码："
                         f"`{accounts.reset_user(who, identity)}`（仅显示这一次，首次登录须修改）。")
        if right.button("停用账号", key="admin_disable", disabled=not who or who == identity.username):
            _act(lambda: (accounts.disable_user(who, identity), f"已停用「{md_escape(who)}」。")[1])


def _added(username: str, name: str, role: str, city: str | None, park: str, oidc: bool,
           identity) -> str:
    park = park.strip() or None
    if park and park not in set(dataset("parks")["park_id"]):
        raise ValueError(f"园区编号「{park}」不在园区名录中")
    password = accounts.add_user(username.strip(), name.strip(), role, identity,
                                 city if role == "city" else None,
                                 park if role == "park" else None, oidc=oidc)
    return (f"已新增账号「{md_escape(username)}」（{ROLES[role]}）。" +
            (f"一次性密码：`{password}`（仅显示这一次，请交给本人，首次登录须修改）。"
             if password else "本人经统一身份认证登录。"))


def _act(action) -> None:
    try:
        st.session_state[_SHOWN] = ("success", action())
    except ValueError as error:
        st.session_state[_SHOWN] = ("error", md_escape(error))
    st.rerun()


def throttle_table() -> None:
    """Sign-in throttles (hnparks.data.throttle): who failed how often and how long they must
    wait; the office lifts one or all of them."""
    identity = admin_only()
    rows = accounts.throttles()
    if not rows:
        st.caption("当前没有登录限制（多次输错密码的来源地址或账号会在此列出）。")
        return
    frame = pd.DataFrame(rows, columns=["key", "kind", "who", "failures", "wait", "last"])
    frame["last"] = frame["last"].map(beijing_time)
    st.dataframe(frame[["kind", "who", "failures", "wait", "last"]], hide_index=True,
                 width="stretch", key="admin_throttles",
                 column_config={"kind": "类型", "who": "来源地址 / 账号",
                                "failures": st.column_config.NumberColumn("连续输错", format="%d 次"),
                                "wait": st.column_config.NumberColumn("还须等待", format="%d 秒"),
                                "last": "最近一次输错（北京时间）"})
    left, right = st.columns([2, 1])
    key = left.selectbox("解除哪一项", list(frame["key"]), key="admin_throttle_key",
                         format_func=lambda k: "：".join(frame.set_index("key").loc[k, ["kind", "who"]]))
    if left.button("解除所选限制", key="admin_throttle_clear"):
        _act(lambda: f"已解除 {accounts.clear_throttle(key, identity)} 项登录限制。")
    if right.button("全部解除", key="admin_throttle_clear_all"):
        _act(lambda: f"已解除 {accounts.clear_throttle(None, identity)} 项登录限制。")


def account_history_table() -> None:
    """Who changed which account, when and how (passwords never appear)."""
    rows = accounts.account_history()
    if not rows:
        st.caption("暂无账号变更记录。")
        return
    frame = pd.DataFrame(rows, columns=["time", "actor", "action", "username", "change"])
    frame["time"] = frame["time"].map(beijing_time)
    st.dataframe(frame, hide_index=True, width="stretch", key="admin_account_history",
                 column_config={"time": "时间（北京时间）", "actor": "操作人（登录身份）",
                                "action": "操作", "username": "账号", "change": "变更内容"})
