# Set-up is part of every target: a fresh clone needs only `make serve` or `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

NAME := russia-china-viewpoints
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build offline test check coverage browser bench clean

$(VENV)/installed: requirements.txt requirements-test.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

serve: $(VENV)/installed  ## build the site and serve it on http://127.0.0.1:8000, rebuilding on every edit
	$(PY) -m mkdocs serve

build: $(VENV)/installed  ## build the site into site/, failing on any warning
	$(PY) -m mkdocs build --strict

offline: $(VENV)/installed  ## build the offline edition and zip it as dist/$(NAME)-offline.zip
	rm -rf dist/offline && mkdir -p dist
	OFFLINE=true $(PY) -m mkdocs build --strict --site-dir dist/offline
	cd dist/offline && rm -f ../$(NAME)-offline.zip && $(CURDIR)/$(PY) -m zipfile -c ../$(NAME)-offline.zip .
	@echo "dist/$(NAME)-offline.zip"

browser:  ## the browser tests use the system Chromium (Playwright's own download is not used)
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

test: $(VENV)/installed browser  ## run every test, browser tests included
	$(PY) -m pytest

check: $(VENV)/installed  ## validate the data only
	$(PY) -m macros check

coverage: $(VENV)/installed  ## print how much of each source text the claims cite
	$(PY) -m macros coverage

bench: $(VENV)/installed offline browser  ## measure build time, growth and sizes; write BENCHMARKS.md; fail on a budget
	$(PY) -m bench

clean:
	rm -rf site dist test-output
