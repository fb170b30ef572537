"""Login and the signed-in person: local accounts (Chinese form) or the office's OpenID Connect
provider (st.login), session expiry after inactivity, first-login password change.

Who may see what is decided in hnparks.core.access; this module only establishes who is looking.
"""

from __future__ import annotations

import os
import time

import streamlit as st

from components.shell.deep_link import DEEP_LINK, recover_direct_page_run
from components.ui.text import md_escape
from hnparks.core.access import ANONYMOUS, Identity, fold_hidden_parks, peer_scope
from hnparks.core.scope import Scope
from hnparks.data import accounts

ANONYMOUS_ENV = "HNPARKS_ANONYMOUS_VIEW"  # "1": demo data viewable without login, read-only
IDLE_ENV = "HNPARKS_IDLE_MINUTES"
_IDENTITY = "auth_identity"
_LAST_SEEN = "auth_last_seen"
_MUST_CHANGE = "auth_must_change"
_NOTICE = "auth_notice"
TITLE = "湖南省产业园区工作要点 · 领导驾驶舱"


def anonymous_allowed() -> bool:
    """Anonymous read-only viewing: off unless the server is started with HNPARKS_ANONYMOUS_VIEW=1."""
    return os.environ.get(ANONYMOUS_ENV) == "1"


def idle_seconds() -> float:
    """Inactivity after which a session signs out (default 30 minutes)."""
    return float(os.environ.get(IDLE_ENV, "30")) * 60


def oidc_configured() -> bool:
    """Whether .streamlit/secrets.toml configures an identity provider for st.login."""
    try:
        auth = st.secrets.get("auth", {})
        return bool(auth.get("client_id") or any(isinstance(v, dict) for v in auth.values()))
    except Exception:  # no secrets file at all
        return False


def client_address() -> str | None:
    """The browser's address, for sign-in throttling: the peer, or behind `make serve`'s nginx
    (a loopback peer) the X-Real-IP it sets."""
    try:
        peer = st.context.ip_address
        forwarded = st.context.headers.get("X-Real-Ip")
    except Exception:  # no request context (AppTest, bare mode)
        return None
    if forwarded and peer in (None, "127.0.0.1", "::1"):
        return forwarded
    return peer


def _sign_out(notice: str | None = None) -> None:
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    if notice:
        st.session_state[_NOTICE] = notice


def _oidc_user() -> Identity | None | bool:
    """The provider's signed-in user mapped to an account; False when nobody is signed in
    with the provider, None when signed in but the office has given them no account."""
    if not oidc_configured() or not st.user.is_logged_in:
        return False
    return accounts.oidc_identity(st.user.to_dict())


def _refresh(identity: Identity) -> Identity | None:
    """The identity as the accounts file says now (a role change or a disable applies at once)."""
    if identity.via == ANONYMOUS.via:
        return ANONYMOUS if anonymous_allowed() else None
    if identity.via == "统一身份认证":
        user = _oidc_user()
        return user or None
    return accounts.active_identity(identity.username)


def signed_in() -> Identity | None:
    """Who is looking, or None when the login page must be shown. Called first on every run.
    (Accounts are never created here: the first administrator is made on the operator's
    console by `python -m hnparks users init`, so no password reaches a server log.)"""
    identity = st.session_state.get(_IDENTITY)
    now = time.time()
    if identity is not None:
        if now - st.session_state.get(_LAST_SEEN, now) > idle_seconds():
            oidc = identity.via == "统一身份认证"
            _sign_out(f"超过{idle_seconds() / 60:g}分钟未操作，已自动退出登录，请重新登录。")
            if oidc:
                st.logout()
            return None
        identity = _refresh(identity)
        if identity is None:
            _sign_out("账号已停用或已变更，请重新登录。")
            return None
    else:
        oidc = _oidc_user()
        if oidc is None:
            return None  # the login page says the provider's user has no account here
        if oidc:
            identity = oidc
        elif anonymous_allowed():
            identity = ANONYMOUS
        else:
            return None
    st.session_state[_IDENTITY] = identity
    st.session_state[_LAST_SEEN] = now
    if st.session_state.get(_MUST_CHANGE):
        return None
    return identity


# Pages only some roles have (every other page is for everyone signed in): 数据填报 for the
# parks, 审核与发布 for the cities, both and 数据管理 for the park office.
ROLE_PAGES = {"report": ("park", "admin"), "review": ("city", "admin"), "admin": ("admin",)}


def may_open(identity: Identity, url_path: str) -> bool:
    """Whether the page at `url_path` is in this identity's navigation (an anonymous viewer
    gets none of the role pages; each page and the domain refuse others again)."""
    roles = ROLE_PAGES.get(url_path)
    return roles is None or (identity.role in roles and identity.via != ANONYMOUS.via)


def _open_requested_page(identity: Identity, wanted: str | None) -> None:
    """A deep link that reached a fresh server before app.py did (components.shell.context) is
    reopened once the person has signed in, if their role has that page."""
    if wanted and may_open(identity, wanted.rpartition("/")[2].removesuffix(".py")):
        st.session_state[DEEP_LINK] = wanted


def viewer() -> Identity:
    """The identity pages and the shared scope work for; stops the run if nobody signed in."""
    identity = st.session_state.get(_IDENTITY) or (ANONYMOUS if anonymous_allowed() else None)
    if identity is None or st.session_state.get(_MUST_CHANGE):
        if "ctx_period" not in st.session_state:
            # A fresh server ran the requested page file before app.py: go through app.py,
            # which shows the login form and reopens this page afterwards.
            recover_direct_page_run()
        st.info("请先登录。", icon=":material/lock:")
        st.stop()
    return identity


def peers(scope: Scope, level: str = "city") -> Scope:
    """The scope to list a page's context parks from (hnparks.core.access.peer_scope): the city's or
    the province's parks, narrowed to what the signed-in role may see in detail."""
    return peer_scope(viewer(), scope, level)


def visible_breakdown(frame, sums: tuple[str, ...]):
    """A per-park breakdown (key, name, `sums`) with parks the signed-in role may not see one
    by one folded into one total row (hnparks.core.access.fold_hidden_parks)."""
    from components.ui.data import dataset

    return fold_hidden_parks(viewer(), dataset("parks"), frame, sums)


def admin_only() -> Identity:
    """The page's identity if it is the park office's admin; otherwise a Chinese refusal and stop
    (the page is also left out of others' navigation, and the store refuses them regardless)."""
    identity = viewer()
    if not identity.is_admin or identity.via == ANONYMOUS.via:
        st.error("无权访问数据管理：只有省园区办（管理员）登录后可以导入、回退数据和管理账号。",
                 icon=":material/lock:")
        st.stop()
    return identity


def page_roles_only(url_path: str, refusal: str) -> Identity:
    """The page's identity if its role has the page (`ROLE_PAGES`); otherwise `refusal` (Chinese)
    and stop. The domain refuses the actions regardless; this keeps a typed URL from showing an
    empty form."""
    identity = viewer()
    if not may_open(identity, url_path):
        st.error(refusal, icon=":material/lock:")
        st.stop()
    return identity


def login_page() -> None:
    """The login form (and the identity-provider button when one is configured)."""
    st.title(TITLE)
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        st.warning(notice, icon=":material/logout:")
    if st.session_state.get(_MUST_CHANGE):
        _change_password_form()
        return
    _, middle, _ = st.columns([1, 1.4, 1])
    with middle:
        if _oidc_user() is None:
            st.error("您已通过统一身份认证，但省园区办尚未为您开通本系统账号，请联系省园区办。")
            if st.button("退出统一身份认证", key="auth_oidc_logout"):
                st.logout()
            return
        st.subheader("登录")
        if not accounts.accounts_file().exists():
            st.warning("尚未创建任何账号：请管理员在服务器上运行 `python -m hnparks users init`"
                       "（`make run` / `make serve` 启动时会自动运行），一次性密码只显示在该控制台。")
        st.caption("本系统供省领导、省直部门、市州、园区和省园区办使用；账号由省园区办开通。")
        if oidc_configured():
            if st.button("使用统一身份认证登录", type="primary", key="auth_oidc_login",
                         icon=":material/badge:", width="stretch"):
                st.login()
            st.caption("或使用本地账号：")
        with st.form("auth_login"):
            username = st.text_input("用户名", key="auth_username", autocomplete="username")
            password = st.text_input("密码", type="password", key="auth_password",
                                     autocomplete="current-password")
            submitted = st.form_submit_button("登录", type="primary", width="stretch")
        if submitted:
            _try_login(username, password)
        st.caption("多次输错密码后须等待一段时间才能再试；"
                   f"超过{idle_seconds() / 60:g}分钟未操作自动退出。忘记密码请联系省园区办重置。")


def _try_login(username: str, password: str) -> None:
    if not username.strip() or not password:
        st.error("请输入用户名和密码。")
        return
    try:
        identity, must_change = accounts.authenticate(username, password,
                                                      source=client_address())
    except accounts.LoginFailed as failed:
        st.error(md_escape(failed), icon=":material/error:")
        return
    wanted = st.session_state.get(DEEP_LINK)
    _sign_out()
    st.session_state[_IDENTITY] = identity
    st.session_state[_LAST_SEEN] = time.time()
    st.session_state[_MUST_CHANGE] = must_change
    _open_requested_page(identity, wanted)
    st.rerun()


def _change_password_form() -> None:
    identity = st.session_state[_IDENTITY]
    _, middle, _ = st.columns([1, 1.4, 1])
    with middle:
        st.subheader("首次登录，请修改密码")
        st.caption(f"账号：{md_escape(identity.username)}（{md_escape(identity.name)}）。"
                   f"新密码至少{accounts.MIN_PASSWORD}位，须同时包含字母和数字。")
        with st.form("auth_change"):
            old = st.text_input("当前密码（一次性密码）", type="password", key="auth_old")
            new = st.text_input("新密码", type="password", key="auth_new",
                                autocomplete="new-password")
            again = st.text_input("再次输入新密码", type="password", key="auth_again",
                                  autocomplete="new-password")
            submitted = st.form_submit_button("修改密码并进入", type="primary", width="stretch")
        if st.button("退出", key="auth_change_cancel"):
            _sign_out()
            st.rerun()
    if not submitted:
        return
    if new != again:
        st.error("两次输入的新密码不一致。")
        return
    try:
        accounts.change_password(identity.username, old, new)
    except accounts.LoginFailed as failed:
        st.error(md_escape(failed), icon=":material/error:")
        return
    st.session_state[_MUST_CHANGE] = False
    st.rerun()


def user_box(identity: Identity) -> None:
    """Who is signed in, their role and home scope, and a sign-out button (sidebar)."""
    from components.ui.data import dataset

    where = Scope("", identity.city, identity.park).label(dataset("cities"), dataset("parks"))
    with st.sidebar:
        st.divider()
        if identity.via == ANONYMOUS.via:
            st.caption("匿名只读浏览（演示设置）。")
            return
        st.caption(f"当前用户：**{md_escape(identity.name)}**　{identity.role_label} · "
                   f"{md_escape(where)}")
        if st.button("退出登录", key="auth_logout", icon=":material/logout:"):
            oidc = identity.via == "统一身份认证"
            _sign_out("已退出登录。")
            if oidc:
                st.logout()
            st.rerun()
