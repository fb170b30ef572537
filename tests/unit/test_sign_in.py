"""One answer for every failed sign-in, and a throttle instead of a lock (issue #29).

The probe listed accounts from the login messages (unknown: "用户名或密码错误"; known: "再输错N次";
disabled: "已停用" in 1.5 ms without a hash; locked: its own words) and could lock a known leader
out by typing five wrong passwords."""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hnparks.__main__ import main
from hnparks.core.access import Identity
from hnparks.data import accounts, throttle

STRANGER, OWNER = "10.0.0.66", "10.0.0.5"


def _office() -> Identity:
    return Identity("office", "省园区办 张三", "admin")


@pytest.fixture
def path(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "private" / "accounts.json"
    monkeypatch.setenv(accounts.ACCOUNTS_ENV, str(path))
    return path


@pytest.fixture
def clock(monkeypatch) -> list[datetime]:
    """The throttle's clock, moved by the test (now[0] += timedelta(...))."""
    now = [datetime(2026, 1, 5, 9, 0, tzinfo=UTC)]
    monkeypatch.setattr(throttle, "_now", lambda: now[0])
    return now


def _answer(username: str, password: str, source: str | None = None) -> str:
    with pytest.raises(accounts.LoginFailed) as failed:
        accounts.authenticate(username, password, source=source)
    return str(failed.value)


def test_unknown_wrong_and_disabled_read_the_same(path):
    password = accounts.add_user("cs", "长沙市工信局 李四", "city", _office(), city="430100")
    accounts.add_user("gone", "已调离 王五", "leader", _office())
    gone = accounts.reset_user("gone", _office())
    accounts.disable_user("gone", _office())
    answers = {
        "unknown": _answer("nobody", "whatever-1", "10.0.0.1"),
        "wrong": _answer("cs", "whatever-1", "10.0.0.2"),
        "wrong again": _answer("cs", "whatever-2", "10.0.0.3"),
        "disabled, right password": _answer("gone", gone, "10.0.0.4"),
        "disabled, wrong password": _answer("gone", "whatever-1", "10.0.0.5"),
        "oidc account (no password)": (accounts.add_user("o@x.cn", "O", "leader", _office(),
                                                          oidc=True),
                                       _answer("o@x.cn", "whatever-1", "10.0.0.6"))[1],
    }
    assert set(answers.values()) == {accounts.FAILED}, answers
    assert "次" not in accounts.FAILED and "锁定" not in accounts.FAILED
    assert accounts.authenticate("cs", password)[0].city == "430100"


def test_every_failure_costs_one_password_hash(path, monkeypatch):
    """Same work: an unknown or disabled name is checked against a hash like a wrong password
    (the probe timed a disabled account at 1.5 ms)."""
    monkeypatch.setattr(throttle, "FREE_FAILURES", 10_000)  # time the check, not the wait
    accounts.add_user("cs", "长沙市工信局 李四", "city", _office(), city="430100")
    accounts.add_user("gone", "已调离 王五", "leader", _office())
    accounts.disable_user("gone", _office())

    def median(username: str) -> float:
        times = []
        for _ in range(7):
            started = time.perf_counter()
            _answer(username, "not-the-password")
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    wrong, unknown, disabled = median("cs"), median("nobody"), median("gone")
    assert wrong > 0.005  # a real argon2 check
    assert unknown > 0.5 * wrong and disabled > 0.5 * wrong, (wrong, unknown, disabled)


def test_a_stranger_cannot_lock_a_leader_out(path, clock):
    """Ten wrong passwords from one machine: that machine waits longer and longer; the owner,
    elsewhere, waits at most a minute and then signs in with the right password."""
    password = accounts.add_user("leader1", "省领导", "leader", _office())
    for _ in range(10):
        wait = throttle.wait_seconds(throttle.throttle_file(path), "leader1", STRANGER)
        clock[0] += timedelta(seconds=wait)
        assert _answer("leader1", "guess", STRANGER) == accounts.FAILED
    blocked = throttle.throttle_file(path)
    assert throttle.wait_seconds(blocked, "someone-else", STRANGER) >= 2 ** (10 - 3)
    refused = _answer("leader1", password, STRANGER)  # even the right password, while waiting
    assert "过于频繁" in refused
    owner_wait = throttle.wait_seconds(blocked, "leader1", OWNER)
    assert 0 < owner_wait <= throttle.ACCOUNT_MAX_SECONDS
    assert "过于频繁" in _answer("leader1", password, OWNER)
    clock[0] += timedelta(seconds=owner_wait)
    assert accounts.authenticate("leader1", password, source=OWNER)[0].role == "leader"
    # the stranger's machine still waits; its refused attempts did not add to the count
    assert throttle.wait_seconds(blocked, "leader1", STRANGER) > 60
    assert [r["failures"] for r in accounts.throttles() if r["who"] == STRANGER] == [10]


def test_a_throttled_unknown_name_reads_like_a_known_one(path, clock):
    accounts.add_user("cs", "长沙市工信局 李四", "city", _office(), city="430100")
    replies = {}
    for name in ("cs", "nobody"):
        for _ in range(throttle.FREE_FAILURES):
            assert _answer(name, "guess") == accounts.FAILED
        replies[name] = _answer(name, "guess")
    assert replies["cs"] == replies["nobody"] and "过于频繁" in replies["cs"], replies


def test_the_office_sees_and_lifts_throttles(path, clock, capsys):
    password = accounts.add_user("cs", "长沙市工信局 李四", "city", _office(), city="430100")
    for _ in range(throttle.FREE_FAILURES + 2):
        clock[0] += timedelta(minutes=20)
        _answer("cs", "guess", STRANGER)
    rows = {r["key"]: r for r in accounts.throttles()}
    assert set(rows) == {"account:cs", f"source:{STRANGER}"}
    assert rows["account:cs"]["kind"] == "账号" and rows["account:cs"]["failures"] == 5
    assert rows["account:cs"]["wait"] > 0
    assert main(["users", "throttles"]) == 0
    out = capsys.readouterr().out
    assert "account:cs" in out and f"source:{STRANGER}" in out and "输错 5 次" in out
    assert main(["users", "--by", "省园区办 张三", "unthrottle", "account:cs"]) == 0
    assert [r["key"] for r in accounts.throttles()] == [f"source:{STRANGER}"]
    assert accounts.authenticate("cs", password, source=OWNER)
    assert main(["users", "unthrottle", "--all"]) == 0
    assert accounts.throttles() == []
    assert [r["action"] for r in accounts.account_history()][:2] == ["解除登录限制"] * 2


def test_a_reset_lifts_the_accounts_throttle(path, clock):
    accounts.add_user("cs", "长沙市工信局 李四", "city", _office(), city="430100")
    for _ in range(throttle.FREE_FAILURES + 1):
        _answer("cs", "guess")
    assert throttle.wait_seconds(throttle.throttle_file(path), "cs", None) > 0
    new = accounts.reset_user("cs", _office())
    assert accounts.authenticate("cs", new)[1] is True


def test_the_throttle_file_is_owner_only_and_bounded(path, clock, monkeypatch):
    monkeypatch.setattr(throttle, "MAX_KEYS", 20)
    blocked = throttle.throttle_file(path)
    # A flood of made-up names, recorded as a failed sign-in records them (each real attempt
    # costs an argon2 check, 0.5 s here: the last one below goes through sign-in itself).
    for i in range(30):
        throttle.record_failure(blocked, f"made-up-{i}", None)
    assert oct(blocked.stat().st_mode)[-3:] == "600"
    assert len(accounts.throttles()) == 20
    clock[0] += timedelta(days=2)
    _answer("one-more", "guess")
    assert [r["who"] for r in accounts.throttles()] == ["one-more"]
