# MAPPA Navigator.  `make serve` and `make test` do all their own set-up on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
CHROMIUM := /usr/bin/chromium

.PHONY: help setup serve build test test-fast bench lighthouse stdlib-trace lock bank-holidays chromium nginx clean

help:
	@echo "make serve   set everything up, build the site and serve it on http://127.0.0.1:$(PORT)/"
	@echo "make test    set everything up, build the site and run every test (browser tests included)"
	@echo "make build   build the static site into site/"
	@echo "make bench   browser benchmark of the calculators (writes bench/results.json and .md)"
	@echo "make lighthouse  Lighthouse scores of a guidance page and a calculator page (bench/lighthouse.md)"

# The project's packages: the editable install maps each one when it is made, so a new package
# makes it again (.packages is rewritten only when the list changes).
PACKAGES := $(sort $(dir $(wildcard rules/*/__init__.py guidance/*/__init__.py calculators/*/__init__.py publish/*/__init__.py)))
$(shell mkdir -p $(VENV) && (echo '$(PACKAGES)' | cmp -s - $(VENV)/.packages || echo '$(PACKAGES)' > $(VENV)/.packages))

# Python virtual environment with the project and its build and test tools: pip pinned, every
# package exactly as locked in requirements/*.lock with its SHA-256 checked (from PyPI), then the
# project itself as an editable install (its build requirement, setuptools, is in the lock too)
$(VENV)/.installed: pyproject.toml requirements/pip.lock requirements/dev.lock $(VENV)/.packages
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements/pip.lock
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/dev.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# Regenerate the locks after changing a dependency in pyproject.toml (pip-tools, PyPI only)
PIP_COMPILE = PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= build/piptools/bin/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --index-url https://pypi.org/simple --no-emit-index-url
lock:
	test -x build/piptools/bin/pip-compile || { $(PYTHON) -m venv build/piptools && \
	  PIP_CONFIG_FILE=/dev/null build/piptools/bin/pip install --quiet --index-url https://pypi.org/simple pip-tools; }
	$(PIP_COMPILE) -o requirements/pip.lock requirements/pip.in
	$(PIP_COMPILE) --extra dev --extra site -o requirements/dev.lock pyproject.toml requirements/build.in
	$(PYTHON) requirements/strip_self.py requirements/dev.lock

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

# Debian's nginx, for the test of the nginx snippet in deploy/ (tests/test_nginx.py): the site is
# served by it as a host would; nothing is started at install time that the test needs
NGINX := /usr/sbin/nginx
nginx:
	@if [ ! -x $(NGINX) ]; then \
	  echo "installing Debian's nginx-light"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx-light; \
	fi

setup: $(VENV)/.installed node_modules/.installed

build: setup
	$(PY) -m mappa_site.build
	$(PY) -m mkdocs build --strict --clean --site-dir site
	$(PY) -m mappa_site.postbuild site

serve: build
	$(PY) -m mappa_site.serve --port $(PORT) --dir site

test: build chromium nginx
	$(PY) -m pytest

# rule and site tests without the browser
test-fast: setup nginx
	$(PY) -m pytest -m "not browser"

# The import trace: which standard-library modules the worker imports (rewrites the list the build
# trims Python's standard library to; see tests/test_browser_stdlib.py), then a build with it
stdlib-trace: build chromium
	MAPPA_STDLIB_TRACE=write $(PY) -m pytest -q -p no:cacheprovider tests/test_browser_stdlib.py -k "imports_is_shipped"
	$(MAKE) build

bench: build chromium
	$(PY) -m mappa_site.bench

# Lighthouse 12 (bench/lighthouse/package-lock.json) on a guidance page and a calculator page
lighthouse: build chromium
	$(PY) bench/lighthouse.py

bank-holidays: setup
	$(PY) -m mappa_site.bank_holidays

clean:
	rm -rf site build docs/guidance docs/calculators
