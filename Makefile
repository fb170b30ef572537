# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8501

.PHONY: run test install install-test browser-deps lint build bench

install:
	$(PYTHON) -m pip install -q -r requirements.txt

run: install
	$(PYTHON) -m streamlit run app.py --server.port $(PORT)

browser-deps:
	@if [ "$$(id -u)" = "0" ]; then \
		export DEBIAN_FRONTEND=noninteractive; \
		{ apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; } \
		|| { [ -x /usr/bin/chromium ] && echo "apt-get failed; using the installed chromium"; }; \
	elif [ ! -x /usr/bin/chromium ]; then \
		echo "需要 Debian 的 chromium 与 fonts-noto-cjk：sudo apt-get install -y chromium fonts-noto-cjk"; exit 1; \
	fi

install-test: browser-deps
	$(PYTHON) -m pip install -q -r requirements-dev.txt

test: install-test
	$(PYTHON) -m ruff check .
	RUN_BROWSER_TESTS=1 $(PYTHON) -m pytest

lint:
	$(PYTHON) -m ruff check .

build:
	$(PYTHON) -m hnparks build

bench:  # every part, current data (about 15 min on 2 cores); see --help for quick runs
	$(PYTHON) scripts/benchmark.py $(BENCH_ARGS)
