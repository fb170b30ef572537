# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8501
# Where the dashboard listens. `make run` serves this machine only (loopback): it has none of
# the security headers nginx adds, so the intranet goes through `make serve HOST=0.0.0.0`.
# BEHIND_PROXY=1 lets `make start` bind another address for a front nginx on another machine
# that adds the same headers (README: several machines).
HOST ?= 127.0.0.1
BEHIND_PROXY ?= 0
# The name browsers use. Setting it keeps Streamlit from looking up an external IP at start.
SERVER_NAME ?= $(if $(filter 0.0.0.0 ::,$(HOST)),$(shell hostname),$(if $(filter 127.0.0.1 ::1 localhost,$(HOST)),localhost,$(HOST)))

# `make serve`: this many Streamlit replicas behind nginx (Debian package), nginx on HOST:PORT.
REPLICAS ?= 2

.PHONY: run start check-host serve test install install-test browser-deps db-deps oidc-deps lint build bench

install:
	$(PYTHON) -m pip install -q -r requirements.txt

run: check-host install start

check-host:
	@case "$(HOST)" in 127.0.0.1|::1|localhost) ;; *) if [ "$(BEHIND_PROXY)" != "1" ]; then \
		echo "拒绝启动：make run / make start 只在本机（127.0.0.1）提供服务，不带防嵌入、内容安全策略等安全响应头，不能直接向内网开放（HOST=$(HOST)）。" >&2; \
		echo "向内网开放请用：make serve HOST=$(HOST)（nginx 在前，加上全部安全响应头）。" >&2; \
		echo "若本机已在配置相同的 nginx 之后（多台机器部署，见 README），可加 BEHIND_PROXY=1。" >&2; \
		exit 2; fi ;; esac

# The server alone (no package install): what `make run` starts, used by tests.
# On a fresh machine `users init` creates the administrator and prints its one-time password.
start: check-host
	$(PYTHON) -m hnparks users init
	$(PYTHON) -m streamlit run app.py --server.address $(HOST) --server.port $(PORT) \
		--browser.serverAddress $(SERVER_NAME)

serve: install
	$(PYTHON) scripts/serve.py --replicas $(REPLICAS) --host $(HOST) --port $(PORT)

browser-deps:
	@if [ "$$(id -u)" = "0" ]; then \
		export DEBIAN_FRONTEND=noninteractive; \
		{ apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk nginx strace >/dev/null; } \
		|| { [ -x /usr/bin/chromium ] && echo "apt-get failed; using the installed chromium"; }; \
	elif [ ! -x /usr/bin/chromium ]; then \
		echo "需要 Debian 的 chromium 与 fonts-noto-cjk：sudo apt-get install -y chromium fonts-noto-cjk nginx strace"; exit 1; \
	fi

install-test: browser-deps db-deps oidc-deps
	$(PYTHON) -m pip install -q -r requirements-dev.txt

# Debian's PostgreSQL server binaries: the reporting workflow's tests start a throwaway server
# (initdb + pg_ctl in a temp dir, tests/workflow.py) to run on PostgreSQL as well as SQLite.
db-deps:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { [ "$$(id -u)" = "0" ] && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } || \
		{ echo "需要 Debian 的 postgresql：sudo apt-get install -y postgresql"; exit 1; }

# The OpenID Connect provider the browser tests sign in against: Debian's nodejs and npm, and
# oidc-provider at the version locked in tests/oidc/package-lock.json.
oidc-deps:
	@command -v npm >/dev/null || { [ "$$(id -u)" = "0" ] && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; } || \
		{ echo "需要 Node.js 与 npm：sudo apt-get install -y nodejs npm"; exit 1; }
	npm ci --prefix tests/oidc --no-audit --no-fund --silent

# Every test, browser tests included, one worker per core (pytest-xdist); a file's tests stay
# together on one worker, in order, with its module fixtures (`--dist loadfile`).
test: install-test
	$(PYTHON) -m ruff check .
	RUN_BROWSER_TESTS=1 $(PYTHON) -m pytest -n auto --dist loadfile

lint:
	$(PYTHON) -m ruff check .

build:
	$(PYTHON) -m hnparks build

bench:  # every part, current data (about 15 min on 2 cores); see --help for quick runs
	$(PYTHON) scripts/benchmark.py $(BENCH_ARGS)
