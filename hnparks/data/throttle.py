"""Sign-in throttling: a growing wait after wrong passwords, by source and by account, instead
of a hard lock any stranger could trigger on a known leader's account.

Each failed sign-in counts against the source it came from (the browser's address) and against
the account name tried (known or not: the same for both, so the wait says nothing about which
accounts exist). After `FREE_FAILURES` failures a key must wait 1 s, then 2, 4, 8 … seconds
before its next attempt. A source's wait grows up to $HNPARKS_LOCK_MINUTES (15 minutes), so
one machine guessing passwords is slowed to a few guesses an hour; an account's wait stops at
`ACCOUNT_MAX_SECONDS`, so strangers elsewhere can delay its owner by a minute at most, never
lock them out. An attempt during a wait is refused unchecked and does not count. Keys are
forgotten a day after their last failure; the office sees and clears them on 数据管理 and with
`python -m hnparks users throttles` / `unthrottle`.

Kept in `login_throttle.json` beside the accounts file (owner-only, like it).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hnparks.core.text import one_line
from hnparks.data.state import write_bytes_atomic

FREE_FAILURES = 3  # wrong passwords before the first wait
ACCOUNT_MAX_SECONDS = 60.0  # what strangers can make an account's owner wait, at most
FORGET_AFTER = timedelta(days=1)
MAX_KEYS = 5000  # a flood of made-up names cannot grow the file without bound
LOCK_MINUTES_ENV = "HNPARKS_LOCK_MINUTES"
SOURCE, ACCOUNT = "source", "account"
KINDS = {SOURCE: "来源地址", ACCOUNT: "账号"}


def source_max_seconds() -> float:
    """The longest wait a source can earn: $HNPARKS_LOCK_MINUTES (default 15) minutes."""
    return float(os.environ.get(LOCK_MINUTES_ENV, "15")) * 60


def throttle_file(accounts: Path) -> Path:
    return accounts.with_name("login_throttle.json")


def keys(username: str, source: str | None) -> list[str]:
    """The keys one attempt counts against: the account name tried and, when known, the source."""
    out = [f"{ACCOUNT}:{one_line(username, 80)}"]
    if source:
        out.append(f"{SOURCE}:{one_line(source, 64)}")
    return out


def delay_seconds(key: str, failures: int) -> float:
    """The wait after `failures` failures in a row on `key`: none for the first few, then
    doubling from 1 s, up to the key kind's cap."""
    if failures < FREE_FAILURES:
        return 0.0
    cap = ACCOUNT_MAX_SECONDS if key.startswith(ACCOUNT) else source_max_seconds()
    return min(cap, 2.0 ** min(failures - FREE_FAILURES, 30))


def _now() -> datetime:
    return datetime.now(UTC)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[dict[str, Any]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            data = {}
        before = json.dumps(data, sort_keys=True)
        yield data
        if json.dumps(data, sort_keys=True) != before:
            write_bytes_atomic(path, json.dumps(data, ensure_ascii=False, indent=1).encode())
            os.chmod(path, 0o600)


def wait_seconds(path: Path, username: str, source: str | None) -> float:
    """Seconds until this attempt may be checked (0: now)."""
    now = _now()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return 0.0
    waits = [(datetime.fromisoformat(data[k]["until"]) - now).total_seconds()
             for k in keys(username, source) if k in data]
    return max([0.0, *waits])


def record_failure(path: Path, username: str, source: str | None) -> None:
    """Count a failed sign-in against its account name and source; forget stale keys."""
    now = _now()
    with _locked(path) as data:
        for key in [k for k, v in data.items()
                    if now - datetime.fromisoformat(v["last"]) > FORGET_AFTER]:
            del data[key]
        for key in keys(username, source):
            failures = data.get(key, {}).get("failures", 0) + 1
            data[key] = {"failures": failures, "last": now.isoformat(),
                         "until": (now + timedelta(seconds=delay_seconds(key, failures)))
                         .isoformat()}
        while len(data) > MAX_KEYS:  # drop the oldest
            del data[min(data, key=lambda k: data[k]["last"])]


def clear(path: Path, key: str | None = None) -> int:
    """Forget one key ("account:NAME" / "source:ADDRESS") or, with None, every key; returns how
    many were cleared."""
    with _locked(path) as data:
        gone = [k for k in data if key is None or k == key]
        for k in gone:
            del data[k]
    return len(gone)


def active(path: Path) -> list[dict[str, Any]]:
    """Keys with failures on record, longest wait first: key, kind (Chinese), who, failures,
    seconds left to wait (0 once it has passed), last failure (UTC ISO)."""
    now = _now()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return []
    rows = []
    for key, entry in data.items():
        kind, _, who = key.partition(":")
        left = max(0.0, (datetime.fromisoformat(entry["until"]) - now).total_seconds())
        rows.append({"key": key, "kind": KINDS.get(kind, kind), "who": who,
                     "failures": entry["failures"], "wait": round(left),
                     "last": entry["last"]})
    return sorted(rows, key=lambda r: (-r["wait"], -r["failures"], r["key"]))
