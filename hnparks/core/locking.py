"""One writer at a time over a data directory, with a Chinese answer for whoever has to wait.

Why flock: the kernel drops the lock the moment its holder dies (crash, `kill -9`, power cut
of a client), so a crashed load can never leave the data directory locked: a stale lock file is
just a file, and the next writer takes the lock at once. The holder writes who it is into the
lock file so the second writer can be told who is loading and since when.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

LOCK_FILE = ".ingest.lock"
DEFAULT_WAIT = 10.0  # seconds a second writer waits before being told to try later


class StoreBusy(RuntimeError):
    """Another load or rollback holds the data directory; the message is for people."""


def _holder_text(raw: bytes) -> str:
    try:
        holder = json.loads(raw.decode("utf-8"))
        since = datetime.fromisoformat(holder["since"]).astimezone()
        return f"（操作人：{holder['user']}，开始于 {since:%H:%M:%S}）"
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return ""


@contextlib.contextmanager
def writer_lock(root: Path, user: str, wait: float = DEFAULT_WAIT) -> Iterator[None]:
    """Hold the data directory's writer lock; `StoreBusy` if still taken after `wait` seconds."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK_FILE, "a+b") as lock:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    lock.seek(0)
                    raise StoreBusy("另一项导入或回退正在进行" + _holder_text(lock.read(4096)) +
                                    "，本次操作未执行，已有数据未改动。请稍后再试。") from None
                time.sleep(0.1)
        try:
            lock.seek(0)
            lock.truncate()
            lock.write(json.dumps({"user": user, "pid": os.getpid(), "host": socket.gethostname(),
                                   "since": datetime.now(UTC).isoformat()},
                                  ensure_ascii=False).encode("utf-8"))
            lock.flush()
            yield
        finally:
            lock.seek(0)
            lock.truncate()
            fcntl.flock(lock, fcntl.LOCK_UN)
