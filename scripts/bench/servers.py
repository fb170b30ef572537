"""Real `streamlit run` servers on free loopback ports, and their CPU time from /proc."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"  # loopback only, never another host


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start(script: str, data_dir: Path | None = None, timeout_s: float = 120) -> tuple[
        subprocess.Popen, str]:
    """Start `streamlit run <script>` bound to 127.0.0.1; returns the process and its base URL."""
    port = free_port()
    env = dict(os.environ)
    if data_dir is not None:
        env["HNPARKS_DATA_DIR"] = str(data_dir)
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.address", HOST,
         "--server.port", str(port), "--server.headless", "true",
         "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://{HOST}:{port}"
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as reply:
                if reply.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    stop(process)
    raise RuntimeError(f"{script}: Streamlit did not start within {timeout_s:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """Terminate the server we started (by its own pid) and wait for it."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks
