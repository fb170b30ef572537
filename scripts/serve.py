"""`make serve`: several Streamlit replicas of the dashboard behind nginx, on one machine.

Usage: python scripts/serve.py [--replicas 2] [--host 127.0.0.1] [--port 8501]
                               [--replica-ports 8511,8512] [--run-dir DIR]

Why this shape: one Streamlit process runs every session's script on one interpreter, so many
concurrent viewers queue behind each other. Replicas (separate processes) share the data
directory — a load made through any of them is seen by all, since reads are keyed by file
version — and nginx spreads browsers over them, keeping each browser on one replica (a
Streamlit session and its websocket live in that replica's memory). Replicas listen on
loopback only; nginx is the one door, on HOST (loopback unless told otherwise), adding gzip and
security headers. This script supervises them: a replica that dies is restarted, and stopping
this script (Ctrl-C, SIGTERM, or both in any order, at any moment) stops them all.

No secret reaches a log: before any replica starts, `python -m hnparks users init` runs on this
console (as `make start` does) and prints a fresh machine's one-time administrator password
here only; replicas never create accounts. The run directory is the owner's alone (0700, files
0600): logs, pid, nginx.conf.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from string import Template

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "deploy" / "nginx.conf.in"
# Only the app's own origin. Streamlit styles elements inline, draws charts and maps from
# data:/blob: URLs and blob: workers and compiles one WebAssembly module ('wasm-unsafe-eval',
# which allows no JavaScript eval); its index.html has one inline script and the app inserts
# two (components/shell/js), each allowed by its hash.
# No script, font or tile comes from anywhere else.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {inline}; "
       "style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
       "worker-src 'self' blob:; child-src 'self' blob:; frame-src 'self'; object-src 'none'; "
       "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
MAX_RESTARTS = 5
# Inserted into every HTML page nginx passes on (deploy/nginx.conf.in): Streamlit's frontend
# takes window.__streamlit.BACKEND_BASE_URL as the server's base, instead of probing the page's
# own path for it (a 404 per probe in the console on every deep link). make start's server.py
# inserts the same text (one home: components/shell/base_url.py).
sys.path.insert(0, str(REPO))
from components.shell.base_url import BASE_SCRIPT  # noqa: E402


class Stop(BaseException):  # noqa: N818 — control flow, like KeyboardInterrupt
    """SIGINT or SIGTERM arrived: unwind whatever is running (start, watch) to the cleanup."""


def _die_with_parent() -> None:
    """In a child, before exec: get SIGTERM if serve.py itself dies (even by SIGKILL)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def inline_script_hashes() -> str:
    """CSP hashes of the inline scripts in the installed Streamlit's index.html."""
    import base64
    import hashlib
    import re

    import streamlit

    html = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    bodies = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
    # and the app's own page scripts, inserted as written (components/shell/browser.py)
    scripts = REPO / "components" / "shell" / "js"  # components.shell.browser.SCRIPTS
    bodies += [p.read_text(encoding="utf-8") for p in sorted(scripts.glob("*.js"))]
    bodies.append(BASE_SCRIPT)
    return " ".join("'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode()
                    + "'" for b in bodies)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                    timeout=2) as reply:
            return reply.status == 200
    except OSError:
        return False


def nginx_conf(run_dir: Path, listen: str, ports: list[int]) -> str:
    """The nginx configuration for `ports` behind `listen` (host:port)."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;"
                        for p in ports)
    health = "\n".join(
        f"        location = /_replica/{i}/health {{\n"
        f"            proxy_pass http://127.0.0.1:{p}/_stcore/health;\n"
        f"            access_log off;\n        }}" for i, p in enumerate(ports))
    mime = Path("/etc/nginx/mime.types")
    return Template(TEMPLATE.read_text(encoding="utf-8")).safe_substitute(
        run_dir=run_dir, listen=listen, upstream_servers=servers, health_locations=health,
        base_script=BASE_SCRIPT,
        csp=CSP.format(inline=inline_script_hashes()), mime_types=mime if mime.exists() else "mime.types",
        user_line="user root;" if os.geteuid() == 0 else "")


class Cluster:
    """The replicas and nginx, started, watched and stopped together."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.run_dir = Path(args.run_dir or f"/tmp/hnparks-serve-{args.port}").resolve()
        self.ports = ([int(p) for p in args.replica_ports.split(",")] if args.replica_ports
                      else [args.port + 1 + i for i in range(args.replicas)])
        self.replicas: dict[int, subprocess.Popen] = {}
        self.restarts = dict.fromkeys(self.ports, 0)
        self.nginx: subprocess.Popen | None = None
        # One cookie secret for all replicas: a form's XSRF token stays valid if nginx has to
        # move a browser to another replica (say, after a restart).
        self.env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
        self.stopping = False

    def _start_replica(self, port: int) -> None:
        path = self.run_dir / f"replica-{port}.log"
        log = os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "ab")
        os.chmod(path, 0o600)
        self.replicas[port] = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
             "--server.port", str(port), "--server.headless", "true",
             "--browser.serverAddress", self.args.server_name,
             "--browser.serverPort", str(self.args.port)],
            cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=_die_with_parent)  # stopped by us, in order
        log.close()  # the child holds its own copy

    def start(self) -> None:
        if not shutil.which(self.args.nginx):
            raise SystemExit("需要 nginx：sudo apt-get install -y nginx（Debian 软件包）")
        self.run_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.run_dir, 0o700)
        for path in self.run_dir.rglob("*"):  # a run directory left by an older version
            os.chmod(path, 0o700 if path.is_dir() else 0o600)
        for port in self.ports:
            self._start_replica(port)
        deadline = time.monotonic() + self.args.start_timeout
        while not all(_healthy(p) for p in self.ports):
            if time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"副本未能在 {self.args.start_timeout:.0f} 秒内启动，"
                                 f"见 {self.run_dir}/replica-*.log")
            time.sleep(0.5)
        conf = self.run_dir / "nginx.conf"
        conf.write_text(nginx_conf(self.run_dir, f"{self.args.host}:{self.args.port}",
                                   self.ports), encoding="utf-8")
        check = subprocess.run([self.args.nginx, "-t", "-q", "-c", str(conf), "-p",
                                str(self.run_dir)], capture_output=True, text=True)
        if check.returncode:
            self.stop()
            raise SystemExit(f"nginx 配置无效：{check.stderr}")
        self.nginx = subprocess.Popen([self.args.nginx, "-c", str(conf), "-p", str(self.run_dir),
                                       "-g", "daemon off;"], start_new_session=True,
                                      preexec_fn=_die_with_parent)
        host = "localhost" if self.args.host in ("127.0.0.1", "::1") else self.args.server_name
        print(f"驾驶舱已启动：http://{host}:{self.args.port}（{len(self.ports)} 个副本，"
              f"端口 {', '.join(map(str, self.ports))}，日志在 {self.run_dir}）", flush=True)

    def watch(self) -> int:
        """Restart a replica that died (up to MAX_RESTARTS each); stop if nginx dies."""
        while not self.stopping:
            time.sleep(1)
            if self.nginx is not None and self.nginx.poll() is not None:
                print("nginx 已退出，停止全部副本", file=sys.stderr)
                self.stop()
                return 1
            for port, process in list(self.replicas.items()):
                if process.poll() is not None and not self.stopping:
                    if self.restarts[port] >= MAX_RESTARTS:
                        continue  # nginx routes around it (max_fails)
                    self.restarts[port] += 1
                    print(f"副本 {port} 已退出，重启（第 {self.restarts[port]} 次）",
                          file=sys.stderr)
                    self._start_replica(port)
        return 0

    def stop(self) -> None:
        """Terminate nginx and every replica, wait for them, kill what lingers. Runs once;
        signals arriving meanwhile are ignored (the cleanup is already under way)."""
        self.stopping = True
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)
        everyone = [p for p in [self.nginx, *self.replicas.values()] if p is not None]
        for process in everyone:
            if process.poll() is None:
                process.terminate()
        for process in everyone:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _interrupted(*_: object) -> None:
    raise Stop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=int(os.environ.get("REPLICAS", 2)))
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"),
                        help="nginx 监听地址：默认仅本机；0.0.0.0 向内网开放")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8501)))
    parser.add_argument("--replica-ports", default=None, help="副本端口，逗号分隔（默认 PORT+1…）")
    parser.add_argument("--server-name", default=None, help="浏览器访问用的主机名")
    parser.add_argument("--run-dir", default=None, help="nginx 配置、pid 与日志目录")
    parser.add_argument("--nginx", default="nginx")
    parser.add_argument("--start-timeout", type=float, default=120)
    args = parser.parse_args(argv)
    if args.server_name is None:
        args.server_name = (socket.gethostname() if args.host in ("0.0.0.0", "::")
                            else "localhost" if args.host in ("127.0.0.1", "::1") else args.host)
    os.umask(0o077)  # nginx's logs and pid, like ours, readable by the owner only
    signal.signal(signal.SIGTERM, _interrupted)
    signal.signal(signal.SIGINT, _interrupted)
    cluster = Cluster(args)
    try:
        first_admin()
        cluster.start()
        return cluster.watch()
    except Stop:
        return 0
    finally:
        cluster.stop()


def first_admin() -> None:
    """`python -m hnparks users init` on this console: on a fresh machine it creates `admin` and
    prints the one-time password here, before any replica (whose output goes to a log) starts."""
    done = subprocess.run([sys.executable, "-m", "hnparks", "users", "init"], cwd=REPO)
    if done.returncode:
        raise SystemExit("无法创建管理员账号（python -m hnparks users init 失败），未启动")


if __name__ == "__main__":
    raise SystemExit(main())
