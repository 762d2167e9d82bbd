# One task runner for people and CI. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: dates in the output (the sitemap) are the last commit's, not today's,
# so the same commit builds to byte-identical files that hosts can verify and diff.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.DEFAULT_GOAL := help

.PHONY: help serve build build-addon offline test lint validate schema bench audit clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

serve: $(BIN)/.installed ## Build and serve the site on http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# The engine renders the pages; the downloads, an add-on's assets and the security policy
# are written after them by the same command (macros/build.py).
BUILD := $(BIN)/python -m macros build --engine mkdocs

build: $(BIN)/.installed ## Strict build of the site into site/
	$(BUILD)

ADDON ?= examples/local-addon
build-addon: $(BIN)/.installed ## Build an organisation's copy: make build-addon ADDON=path/to/addon
	$(BUILD) --config-file $(ADDON)/mkdocs.yml

offline: $(BIN)/.installed ## A zip of the site that works from a shared drive (file://)
	$(BUILD) --config-file mkdocs.offline.yml
	$(BIN)/python -m macros zip build/offline-site build/pcve-mental-health-kb-offline.zip
	@echo "Unzip it anywhere and open index.html."

validate: $(BIN)/.installed ## Check all data without building; lists every problem
	$(BIN)/python -m macros validate

schema: $(BIN)/.installed ## Regenerate the JSON Schema for editors in schema/
	$(BIN)/python -m macros schema --output schema/knowledge-base.schema.json

# Browser tests drive Debian's Chromium through Playwright (Playwright's own browser
# download cannot work offline); install it once where it is missing.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

lint: $(BIN)/.installed ## Lint the Python code and the YAML data
	$(BIN)/ruff check macros tests
	$(BIN)/yamllint -c .yamllint.yml data

tests/audit/node_modules/.bin/lighthouse: tests/audit/package-lock.json
	cd tests/audit && npm ci --no-audit --no-fund --silent

audit: build $(CHROMIUM) tests/audit/node_modules/.bin/lighthouse ## Lighthouse scores and page weight of four pages
	$(BIN)/python tests/audit/audit.py

bench: $(BIN)/.installed ## Print build, size and validation figures (see BENCHMARKS.md)
	$(BIN)/python tests/benchmarks/bench.py

test: lint $(CHROMIUM) tests/audit/node_modules/.bin/lighthouse ## Lint, then run the whole test suite, browser tests included
	$(BIN)/python -m pytest

clean: ## Remove the built site and the virtual environment
	rm -rf site build $(VENV)
