# Set-up is part of every target: a fresh clone needs only `make serve` or `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: serve build test check coverage clean

$(VENV)/installed: requirements.txt requirements-test.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

serve: $(VENV)/installed  ## build the site and serve it on http://127.0.0.1:8000, rebuilding on every edit
	$(PY) -m mkdocs serve

build: $(VENV)/installed  ## build the site into site/, failing on any warning
	$(PY) -m mkdocs build --strict

test: $(VENV)/installed  ## run every test
	$(PY) -m pytest

check: $(VENV)/installed  ## validate the data only
	$(PY) -m macros check

coverage: $(VENV)/installed  ## print how much of each source text the claims cite
	$(PY) -m macros coverage

clean:
	rm -rf site dist test-output
