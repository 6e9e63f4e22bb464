# MAPPA Navigator.  `make serve` and `make test` do all their own set-up on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
CHROMIUM := /usr/bin/chromium

.PHONY: help setup serve build test test-fast bench bank-holidays chromium clean

help:
	@echo "make serve   set everything up, build the site and serve it on http://127.0.0.1:$(PORT)/"
	@echo "make test    set everything up, build the site and run every test (browser tests included)"
	@echo "make build   build the static site into site/"
	@echo "make bench   browser benchmark of the calculators (writes bench/results.json and .md)"

# The project's packages: the editable install maps each one when it is made, so a new package
# makes it again (.packages is rewritten only when the list changes).
PACKAGES := $(sort $(dir $(wildcard rules/*/__init__.py guidance/*/__init__.py calculators/*/__init__.py publish/*/__init__.py)))
$(shell mkdir -p $(VENV) && (echo '$(PACKAGES)' | cmp -s - $(VENV)/.packages || echo '$(PACKAGES)' > $(VENV)/.packages))

# Python virtual environment with the project and its build and test tools
$(VENV)/.installed: pyproject.toml $(VENV)/.packages
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# Front-end packages (the Pyodide runtime), exactly as locked
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian's Chromium for the browser tests (never a browser download)
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "installing Debian's chromium"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; \
	fi

setup: $(VENV)/.installed node_modules/.installed

build: setup
	$(PY) -m mappa_site.build
	$(PY) -m mkdocs build --strict --clean --site-dir site
	$(PY) -m mappa_site.csp site

serve: build
	$(PY) -m mappa_site.serve --port $(PORT) --dir site

test: build chromium
	$(PY) -m pytest

# rule and site tests without the browser
test-fast: setup
	$(PY) -m pytest -m "not browser"

bench: build chromium
	$(PY) -m mappa_site.bench

bank-holidays: setup
	$(PY) -m mappa_site.bank_holidays

clean:
	rm -rf site build docs/guidance docs/calculators
