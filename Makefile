# Two commands do all set-up: `make serve` (or `make site`) and `make test`.
# Each bootstraps .venv from the pinned requirements when it is missing or stale.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SITE_DIR ?= site
export NO_MKDOCS_2_WARNING := 1
ADDR ?= 127.0.0.1:8000
# axe-core for the accessibility tests (tests/browser/test_a11y.py), pinned, kept in .cache/.
AXE_VERSION := 4.14.1
AXE := .cache/npm/node_modules/axe-core/axe.min.js

.PHONY: help venv site serve test lint typecheck check bench wheel clean i18n screenshots

help:
	@echo "make serve   build and serve the sample gallery on http://$(ADDR)/"
	@echo "make site    build the sample gallery into ./$(SITE_DIR) (strict)"
	@echo "make test    run the test suite (lint, types, unit, site and browser tests)"
	@echo "make bench   compare build times against a plain mkdocs-material site"

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . || \
	  $(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

site: $(STAMP)
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-1700000000} $(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

lint: $(STAMP)
	$(BIN)/ruff check plugin tests bench hatch_build.py
	$(BIN)/ruff format --check plugin tests bench hatch_build.py
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m journey_maps.cli.extract_messages --check

typecheck: $(STAMP)
	$(BIN)/mypy
	$(BIN)/mypy --strict hatch_build.py

$(AXE): Makefile
	npm install --no-audit --no-fund --prefix .cache/npm axe-core@$(AXE_VERSION)
	touch $@

test: $(STAMP) $(AXE) lint typecheck
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

i18n: $(STAMP)  ## after changing a UI string: regenerate the .pot/.po files, then translate
	$(BIN)/python -m journey_maps.cli.extract_messages

wheel: $(STAMP)
	$(BIN)/python -m build --wheel --outdir dist .

clean:
	rm -rf $(SITE_DIR) dist .cache build .pytest_cache .mypy_cache .ruff_cache

screenshots: $(STAMP)  ## README and docs screenshots (needs Debian's chromium)
	$(BIN)/python tools/screenshots.py
