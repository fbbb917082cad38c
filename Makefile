# Set-up is part of every target: a fresh clone needs only `make serve` or `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

NAME := russia-china-viewpoints
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build offline pages audit test check coverage schema new-source lint hooks browser bench zensical clean

$(VENV)/installed: requirements.txt requirements-test.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

serve: $(VENV)/installed  ## build the site and serve it on http://127.0.0.1:8000, rebuilding on every edit
	@# mkdocs serve mounts the site at site_url's path; a local address keeps it at the root.
	SITE_URL=http://127.0.0.1:8000/ $(PY) -m mkdocs serve

build: $(VENV)/installed  ## build the site into site/, failing on any warning
	$(PY) -m mkdocs build --strict

offline: $(VENV)/installed  ## build the offline edition and zip it as dist/$(NAME)-offline.zip
	rm -rf dist/offline && mkdir -p dist
	OFFLINE=true $(PY) -m mkdocs build --strict --site-dir dist/offline
	cd dist/offline && rm -f ../$(NAME)-offline.zip && $(CURDIR)/$(PY) -m zipfile -c ../$(NAME)-offline.zip .
	@echo "dist/$(NAME)-offline.zip"

pages: build offline  ## the site as GitHub Pages publishes it: site/ with the offline zip in site/downloads/
	mkdir -p site/downloads && cp dist/$(NAME)-offline.zip site/downloads/

audit/node_modules/.installed: audit/package.json audit/package-lock.json
	npm ci --prefix audit --no-audit --no-fund --silent
	touch $@

audit: pages browser audit/node_modules/.installed  ## links, axe and Lighthouse over site/; prints the figures
	$(PY) -m audit site

browser:  ## the browser tests use the system Chromium (Playwright's own download is not used)
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

test: $(VENV)/installed browser  ## run every test, browser tests included
	$(PY) -m pytest

check: $(VENV)/installed  ## validate the data only
	$(PY) -m macros check

coverage: $(VENV)/installed  ## print how much of each source text the claims cite
	$(PY) -m macros coverage

schema: $(VENV)/installed  ## regenerate schema/*.schema.json and CONTRIBUTING.md's data reference from macros/schema.py
	$(PY) -m macros schema

new-source: $(VENV)/installed  ## add a source: make new-source ID=smith-2020 FILE=path/to/text.txt
	@[ -n "$(ID)" ] && [ -n "$(FILE)" ] || { echo "usage: make new-source ID=smith-2020 FILE=path/to/text.txt" >&2; exit 2; }
	$(PY) -m macros new-source "$(ID)" "$(FILE)"

lint: $(VENV)/installed  ## ruff's lint and format checks, as the tests and pre-commit run them
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

hooks: $(VENV)/installed  ## install the pre-commit hooks (.pre-commit-config.yaml) into this clone
	$(VENV)/bin/pre-commit install

bench: $(VENV)/installed offline browser  ## measure build time, growth and sizes; write BENCHMARKS.md; fail on a budget
	$(PY) -m bench

zensical:  ## trial build with Zensical in its own venv (.venv-zensical); prints what works, fails only when it cannot run
	$(PYTHON) -m tools.zensical_trial

clean:
	rm -rf site dist test-output
