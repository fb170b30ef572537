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
from screenshot import answers, free_port, wait_healthy  # noqa: E402

LOOPBACK_V4 = re.compile(r'sin_addr=inet_addr\("127\.')
LOOPBACK_V6 = re.compile(r'inet_pton\(AF_INET6, "::1"')


def _descendants(pid: int) -> list[int]:
    out = [pid]
    for child in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children = child.read_text().split()
        except (FileNotFoundError, ProcessLookupError):  # the thread ended while we looked
            continue
        for c in children:
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
    if not wait_healthy([f"http://127.0.0.1:{port}/_stcore/health"], 90, process):
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
    # no watcher on every source module per new session (0.5 CPU-s per browser opening, #27)
    assert config["server"]["fileWatcherType"] == "none"


@pytest.mark.parametrize(("target", "host"), [("run", "0.0.0.0"), ("start", "10.1.2.3")])
def test_make_run_refuses_the_intranet_and_points_to_make_serve(target, host):
    """`make run HOST=<not loopback>` would serve the intranet without nginx's security headers
    (#29): it refuses, in Chinese, before installing or starting anything."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    port = free_port()
    done = subprocess.run(["make", "-s", target, f"HOST={host}", f"PORT={port}",
                           f"PYTHON={sys.executable}"], cwd=REPO, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode != 0
    assert "拒绝启动" in done.stderr and f"make serve HOST={host}" in done.stderr, done.stderr
    assert "pip" not in done.stdout + done.stderr and port not in {p for _, p in _all_listening()}


def _all_listening() -> list[tuple[str, int]]:
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A":
                found.append((fields[1].split(":")[0], int(fields[1].split(":")[1], 16)))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


@pytest.mark.parametrize(("when", "first", "second"), [
    ("serving", signal.SIGINT, signal.SIGTERM),
    ("starting", signal.SIGTERM, signal.SIGINT),
])
def test_serve_stops_every_child_on_sigint_and_sigterm_in_any_order(tmp_path, when, first,
                                                                    second):
    """The probe saw nginx and a replica outlive SIGINT then SIGTERM to serve.py (#29). Both
    signals back to back, once while serving and once while the replica is still starting:
    serve.py exits and no child (replica, nginx master or worker) is left."""
    if shutil.which("nginx") is None:
        pytest.skip("nginx is not installed (make install-test installs it)")
    port, replica = free_port(), free_port()
    env = {**os.environ, "HNPARKS_ACCOUNTS_FILE": str(tmp_path / "accounts.json")}
    process = subprocess.Popen(
        [sys.executable, "scripts/serve.py", "--port", str(port), "--replica-ports", str(replica),
         "--run-dir", str(tmp_path / "run")], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    children: set[int] = set()
    deadline = time.monotonic() + 150
    try:
        while time.monotonic() < deadline:
            assert process.poll() is None, "serve.py exited by itself"
            children |= set(_descendants(process.pid)) - {process.pid}
            if when == "starting" and (tmp_path / "run" / f"replica-{replica}.log").exists() \
                    and children:
                break
            if when == "serving" and (tmp_path / "run" / "nginx.pid").exists() \
                    and answers(f"http://127.0.0.1:{port}/_replica/0/health"):
                break
            time.sleep(0.2)
        else:
            pytest.fail("serve.py did not get that far")
        children |= set(_descendants(process.pid)) - {process.pid}
        if when == "serving":
            assert len(children) >= 3, children  # a replica, nginx master and its workers
        os.kill(process.pid, first)
        time.sleep(0.05)
        os.kill(process.pid, second)
        process.wait(timeout=60)
        deadline = time.monotonic() + 20
        while [c for c in children if _alive(c)] and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [c for c in children if _alive(c)] == []
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        for child in children:
            if _alive(child):
                os.kill(child, signal.SIGKILL)
