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
		apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
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

bench:
	$(PYTHON) scripts/benchmark.py
