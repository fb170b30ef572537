"""`make run`'s server listens on loopback only and makes no outbound connection.

The server is started exactly as `make run` starts it (`make start`, the same command without
the package install), traced with strace for every connect/sendto; its listening sockets are
read from /proc/net/tcp{,6} by the inodes of its file descriptors.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
from screenshot import free_port  # noqa: E402

LOOPBACK_V4 = re.compile(r'sin_addr=inet_addr\("127\.')
LOOPBACK_V6 = re.compile(r'inet_pton\(AF_INET6, "::1"')


def _descendants(pid: int) -> list[int]:
    out = [pid]
    for child in Path(f"/proc/{pid}/task").glob("*/children"):
        for c in child.read_text().split():
            out += _descendants(int(c))
    return out


def _listening(pids: list[int]) -> list[tuple[str, int]]:
    """(local address, port) of every TCP socket in LISTEN state held by `pids`."""
    inodes = set()
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").glob("*"):
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, port = fields[1].split(":")
            if fields[3] == "0A" and fields[9] in inodes:  # 0A = LISTEN
                found.append((address, int(port, 16)))
    return found


def _is_loopback(hex_address: str) -> bool:
    if len(hex_address) == 8:  # IPv4, little-endian: 127.x.x.x ends in 7F
        return hex_address.endswith("7F")
    return hex_address == "00000000000000000000000001000000"  # ::1


@pytest.fixture
def make_run(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    port = free_port()
    trace = tmp_path / "strace.log"
    command = ["make", "-s", "start", f"PORT={port}", f"PYTHON={sys.executable}"]
    if shutil.which("strace"):
        command = ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o",
                   str(trace), *command]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                        timeout=2) as reply:
                if reply.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        os.killpg(process.pid, signal.SIGTERM)
        pytest.fail("the server did not start")
    try:
        yield port, process, trace
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


@pytest.mark.slow
def test_make_run_listens_on_loopback_only_and_connects_nowhere(make_run):
    port, process, trace = make_run
    for path in ("/", "/_stcore/host-config", "/targets"):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as reply:
            assert reply.status == 200
    listening = _listening(_descendants(process.pid))
    assert port in {p for _, p in listening}
    assert [a for a, _ in listening if not _is_loopback(a)] == [], listening
    if not trace.exists():
        pytest.skip("strace is not installed: listening checked, outbound not traced")
    calls = [line for line in trace.read_text().splitlines()
             if "AF_INET" in line and not LOOPBACK_V4.search(line)
             and not LOOPBACK_V6.search(line)]
    assert calls == [], calls[:5]


def test_the_shipped_config_matches_the_limits_and_hides_errors():
    import tomllib

    from hnparks.data.intake import DEFAULT, MB

    config = tomllib.loads((REPO / ".streamlit/config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * MB == DEFAULT.max_bytes  # refused on arrival
    assert config["server"]["address"] == "127.0.0.1"
    assert config["browser"]["serverAddress"]  # no external-IP lookup at start
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["disableDataExport"] is True  # no unsanitised CSV downloads
    assert config["server"]["enableXsrfProtection"] is True
