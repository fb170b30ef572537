"""Local accounts for an office without an identity provider: argon2-hashed passwords, one
answer for every failed sign-in with a growing wait instead of a lockout (hnparks.data.throttle),
one-time passwords, and an audit trail of every account change.

The accounts file lives outside the repository's tracked files ($HNPARKS_ACCOUNTS_FILE, default
`instance/accounts.json`, git-ignored). Passwords are never stored or logged in clear: only
their argon2id hashes (argon2-cffi). Account changes are appended to `accounts_audit.jsonl`
beside it, naming who made the change and what changed (never a password).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from hnparks.core.access import ROLES, AccessDenied, Identity, require_admin
from hnparks.core.paths import REPO_ROOT
from hnparks.core.text import one_line
from hnparks.data import throttle
from hnparks.data.state import write_bytes_atomic
from hnparks.data.throttle import throttle_file

ACCOUNTS_ENV = "HNPARKS_ACCOUNTS_FILE"
MIN_PASSWORD = 10
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("not-a-real-password")  # same work for unknown names


class LoginFailed(RuntimeError):
    """A login was refused; the message is for the person at the form."""


def accounts_file() -> Path:
    """$HNPARKS_ACCOUNTS_FILE, else `<repo>/instance/accounts.json` (git-ignored)."""
    configured = os.environ.get(ACCOUNTS_ENV)
    return Path(configured).resolve() if configured else REPO_ROOT / "instance" / "accounts.json"


def audit_file(path: Path | None = None) -> Path:
    return (path or accounts_file()).with_name("accounts_audit.jsonl")


def _now() -> datetime:
    return datetime.now(UTC)


def _read(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"users": {}}


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
    os.chmod(path, 0o600)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[dict[str, Any]]:
    """The accounts, read and written back under an exclusive lock (one writer at a time)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        data = _read(path)
        try:
            yield data
        finally:  # a refused login still records its failure count
            _write(path, data)


def _audit(path: Path, actor: str, action: str, username: str, change: str) -> None:
    row = {"time": _now().isoformat(timespec="seconds"), "actor": one_line(actor, 120),
           "action": action, "username": username, "change": one_line(change)}
    with open(audit_file(path), "a", encoding="utf-8") as out:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    os.chmod(audit_file(path), 0o600)


def account_history(path: Path | None = None) -> list[dict[str, str]]:
    """Account changes, newest first: time (UTC ISO), actor, action, username, change."""
    try:
        lines = audit_file(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    return [json.loads(line) for line in reversed(lines) if line.strip()]


def one_time_password() -> str:
    """A random password to hand over once (about 77 bits, no look-alike characters)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(13))


def _identity(username: str, entry: dict[str, Any]) -> Identity:
    return Identity(username, entry["name"], entry["role"], entry.get("city"), entry.get("park"),
                    via="统一身份认证" if entry.get("oidc") else "本地账号")


def _describe(entry: dict[str, Any]) -> str:
    where = entry.get("park") or entry.get("city") or "全省"
    return f"姓名 {entry['name']}，角色 {ROLES[entry['role']]}，范围 {where}"


def add_user(username: str, name: str, role: str, actor: Identity, city: str | None = None,
             park: str | None = None, oidc: bool = False, path: Path | None = None) -> str | None:
    """Create an account; returns its one-time password (None for an OIDC-only account, which
    logs in through the identity provider under this username or e-mail)."""
    require_admin(actor, "管理账号")
    username = one_line(username, 80)
    if not username:
        raise ValueError("用户名不能为空")
    Identity(username, name, role, city, park)  # validates role and its city/park
    path = path or accounts_file()
    password = None if oidc else one_time_password()
    with _locked(path) as data:
        if username in data["users"]:
            raise ValueError(f"用户名「{username}」已存在")
        entry = {"name": one_line(name, 50), "role": role, "city": city, "park": park,
                 "hash": None if oidc else _HASHER.hash(password), "must_change": not oidc,
                 "disabled": False, "oidc": oidc,
                 "created": _now().isoformat(timespec="seconds")}
        data["users"][username] = entry
    _audit(path, actor.audit_label(), "新增账号", username,
           _describe(entry) + ("，统一身份认证登录" if oidc else "，已生成一次性密码"))
    return password


def reset_user(username: str, actor: Identity, path: Path | None = None) -> str:
    """A new one-time password (changed at next login); also lifts the account's sign-in
    throttle and re-enables it."""
    require_admin(actor, "管理账号")
    path = path or accounts_file()
    password = one_time_password()
    with _locked(path) as data:
        entry = _existing(data, username)
        entry.update(hash=_HASHER.hash(password), must_change=True, disabled=False, oidc=False)
        for stale in ("failures", "locked_until"):  # from before throttling replaced the lock
            entry.pop(stale, None)
    throttle.clear(throttle_file(path), throttle.keys(username, None)[0])
    _audit(path, actor.audit_label(), "重置密码", username, "生成一次性密码，解除登录限制并启用")
    return password


def disable_user(username: str, actor: Identity, path: Path | None = None) -> None:
    """The account can no longer log in (sessions open with it end on their next action)."""
    require_admin(actor, "管理账号")
    path = path or accounts_file()
    with _locked(path) as data:
        _existing(data, username)["disabled"] = True
    _audit(path, actor.audit_label(), "停用账号", username, "停用")


def list_users(path: Path | None = None) -> list[dict[str, Any]]:
    """Every account without its hash: username, name, role, city, park, state."""
    rows = []
    for username, entry in sorted(_read(path or accounts_file())["users"].items()):
        state = "停用" if entry.get("disabled") else \
            "待改密码" if entry.get("must_change") else "正常"
        rows.append({"username": username, "name": entry["name"], "role": ROLES[entry["role"]],
                     "city": entry.get("city") or "", "park": entry.get("park") or "",
                     "login": "统一身份认证" if entry.get("oidc") else "本地密码", "state": state})
    return rows


def _existing(data: dict[str, Any], username: str) -> dict[str, Any]:
    if username not in data["users"]:
        raise ValueError(f"没有用户名为「{one_line(username, 40)}」的账号")
    return data["users"][username]


FAILED = "用户名或密码错误。忘记密码或无法登录请联系省园区办。"


def authenticate(username: str, password: str, path: Path | None = None,
                 source: str | None = None) -> tuple[Identity, bool]:
    """Check a password: (identity, must change password now), or `LoginFailed`.

    Every failure reads the same (`FAILED`) and costs the same: an unknown name is checked
    against a dummy hash, a disabled account against its own, so neither words nor timing tell
    which accounts exist. Failures count against the name and `source` (the browser's address)
    and earn a growing wait (hnparks.data.throttle), never a lock a stranger could set."""
    path = path or accounts_file()
    username = username.strip()
    blocked = throttle_file(path)
    wait = throttle.wait_seconds(blocked, username, source)
    if wait > 0:
        raise LoginFailed(f"登录尝试过于频繁，请{_wait_text(wait)}后再试。")
    with _locked(path) as data:
        entry = data["users"].get(username)
        known = entry is not None and entry.get("hash") is not None
        try:
            _HASHER.verify(entry["hash"] if known else _DUMMY_HASH, password)
            ok = known and not entry.get("disabled")
        except (VerificationError, InvalidHashError):
            ok = False
        if ok:
            if _HASHER.check_needs_rehash(entry["hash"]):
                entry["hash"] = _HASHER.hash(password)
            identity, must_change = _identity(username, entry), bool(entry.get("must_change"))
    if not ok:
        throttle.record_failure(blocked, username, source)
        raise LoginFailed(FAILED)
    throttle.clear(blocked, throttle.keys(username, None)[0])
    return identity, must_change


def _wait_text(seconds: float) -> str:
    return f"{int(seconds + 0.999)}秒" if seconds < 90 else f"{round(seconds / 60)}分钟"


def throttles(path: Path | None = None) -> list[dict[str, Any]]:
    """Sign-in throttles on record (hnparks.data.throttle.active): who waits, how long."""
    return throttle.active(throttle_file(path or accounts_file()))


def clear_throttle(key: str | None, actor: Identity, path: Path | None = None) -> int:
    """Lift one throttle ("account:NAME", "source:ADDRESS") or, with None, all; audited."""
    require_admin(actor, "管理账号")
    path = path or accounts_file()
    count = throttle.clear(throttle_file(path), key)
    _audit(path, actor.audit_label(), "解除登录限制", one_line(key or "全部", 120),
           f"解除 {count} 项登录限制")
    return count


def change_password(username: str, old: str, new: str, path: Path | None = None) -> None:
    """Replace a password (after checking the old one); refused if the new one is weak."""
    path = path or accounts_file()
    identity, _ = authenticate(username, old, path)
    if len(new) < MIN_PASSWORD or new.isdigit() or new.isalpha():
        raise LoginFailed(f"新密码至少{MIN_PASSWORD}位，且须同时包含字母和数字。")
    if new == old:
        raise LoginFailed("新密码不能与原密码相同。")
    with _locked(path) as data:
        _existing(data, username).update(hash=_HASHER.hash(new), must_change=False)
    _audit(path, identity.audit_label(), "修改密码", username, "本人修改密码")


def active_identity(username: str, path: Path | None = None) -> Identity | None:
    """The account's current identity, or None if it was removed or disabled (re-read on every
    run, so a role change or a disable takes effect at once)."""
    entry = _read(path or accounts_file())["users"].get(username)
    if entry is None or entry.get("disabled"):
        return None
    return _identity(username, entry)


def oidc_identity(claims: dict[str, Any], path: Path | None = None) -> Identity | None:
    """The account an identity provider's user maps to: an OIDC account whose username is the
    token's e-mail, preferred_username or subject. None if the office has not given them one."""
    users = _read(path or accounts_file())["users"]
    for key in ("email", "preferred_username", "sub"):
        value = claims.get(key)
        entry = users.get(str(value)) if value else None
        if entry and entry.get("oidc") and not entry.get("disabled"):
            return _identity(str(value), entry)
    return None


def ensure_admin(path: Path | None = None) -> str | None:
    """First start: if there is no accounts file, create `admin` (省园区办) with a random
    one-time password, to be changed at first login, and return it to be printed once on the
    console. Never a default password. None when accounts already exist."""
    path = path or accounts_file()
    if path.exists():
        return None
    system = Identity("system", "系统首次启动", "admin", via="系统")
    with _locked(path) as data:
        if data["users"]:  # another process got there first
            return None
    try:
        return add_user("admin", "省园区办管理员", "admin", system, path=path)
    except ValueError:
        return None


__all__ = ["AccessDenied", "LoginFailed", "accounts_file", "add_user", "reset_user",
           "disable_user", "list_users", "authenticate", "change_password", "active_identity",
           "oidc_identity", "ensure_admin", "account_history", "throttles", "clear_throttle", "FAILED"]


def first_start_message(password: str) -> str:
    """What the console shows once, on a fresh machine (the password is never stored in clear)."""
    return (f"\n首次启动：已创建管理员账号 admin（省园区办），一次性密码：{password}\n"
            f"账号文件：{accounts_file()}。首次登录须修改密码；"
            "其他账号用 `python -m hnparks users add` 创建。\n")
