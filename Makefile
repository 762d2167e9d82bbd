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

.PHONY: help serve build build-addon pdf pdf-libraries offline addon-new check test lint validate format translation changes schema bench audit vendor clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' \
	  '{name[NR] = $$1; text[NR] = $$2; if (length($$1) > width) width = length($$1)} \
	   END {for (i = 1; i <= NR; i++) printf "  make %-" width "s  %s\n", name[i], text[i]}'

# Two locks: what building and serving need (make serve stays small), and the test tools.
$(BIN)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed requirements-test.lock
	$(BIN)/python -m pip install --quiet -r requirements-test.lock
	touch $@

# The site engine: mkdocs (the default), zensical or properdocs. Each has its own virtual
# environment, installed from its own lock file, so their pinned dependencies never mix.
ENGINE ?= mkdocs
ENGINE_VENV_mkdocs := $(VENV)
ENGINE_VENV_zensical := .venv-zensical
ENGINE_VENV_properdocs := .venv-properdocs
ENGINE_BIN := $(ENGINE_VENV_$(ENGINE))/bin
ifeq ($(ENGINE_VENV_$(ENGINE)),)
$(error ENGINE must be mkdocs, zensical or properdocs, not '$(ENGINE)')
endif
# The drive that builds: the engine renders the pages, then the downloads, an add-on's
# assets and the security policy are written (macros/build.py, macros/stages/).
BUILD := $(ENGINE_BIN)/python -m macros build --engine $(ENGINE)

.venv-%/bin/.installed: requirements-%.lock
	test -x .venv-$*/bin/python || $(PYTHON) -m venv .venv-$*
	.venv-$*/bin/python -m pip install --quiet -r $<
	touch $@

# The PDF edition: WeasyPrint, pinned, over an engine's environment (the build that makes
# the PDFs runs in it), and what it draws text with, from Debian where it is missing: Pango
# and the DejaVu fonts. A machine without dpkg is left as it is (WeasyPrint says what lacks).
%/bin/.installed-pdf: %/bin/.installed requirements-pdf.lock
	$*/bin/python -m pip install --quiet -r requirements-pdf.lock
	touch $@

PDF_DEBIAN := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-dejavu-extra
pdf-libraries:
	@! command -v dpkg >/dev/null || dpkg -s $(PDF_DEBIAN) >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(PDF_DEBIAN); }

PORT ?= 8000
serve: $(ENGINE_BIN)/.installed ## Build the site (every language) and serve it on http://127.0.0.1:8000, again on each change (PORT=…)
	$(ENGINE_BIN)/python -m macros serve --engine $(ENGINE) --port $(PORT)

build: $(ENGINE_BIN)/.installed ## Strict build of the site into site/ (ENGINE=zensical|properdocs)
	$(BUILD)

ADDON ?= examples/local-addon
build-addon: $(ENGINE_BIN)/.installed ## Build an organisation's copy: make build-addon ADDON=path/to/addon
	$(BUILD) --config-file $(ADDON)/mkdocs.yml

# The site with a PDF edition of each language (site/pdf/, site/fr/pdf/, …), which each
# language's downloads page offers; with ADDON= on the command line, the add-on's, in its
# site. Not part of `make build`: it adds about 8 s a language (see BENCHMARKS.md).
PDF_CONFIG := $(if $(filter command line,$(origin ADDON)),$(ADDON)/mkdocs.yml,mkdocs.yml)
pdf: $(ENGINE_BIN)/.installed-pdf pdf-libraries ## The site with a PDF edition per language, in site/pdf/, site/fr/pdf/, …; ADDON=… for an add-on's
	$(BUILD) --pdf --config-file $(PDF_CONFIG)

# With ADDON= on the command line, the add-on's offline copy, built and zipped in its folder.
OFFLINE_HOME := $(if $(filter command line,$(origin ADDON)),$(ADDON),.)
OFFLINE_SITE := $(if $(filter command line,$(origin ADDON)),$(ADDON)/offline-site,build/offline-site)
OFFLINE_ZIP := $(if $(filter command line,$(origin ADDON)),$(ADDON)/offline.zip,build/pcve-mental-health-kb-offline.zip)
# The zip holds one folder, pcve-mental-health-kb-<version>/ (an add-on's: named after its
# folder); the command says which.
offline: $(ENGINE_BIN)/.installed-pdf pdf-libraries ## A zip of the site for a shared drive (file://), its PDF editions in it; ADDON=… for an add-on's
	$(BUILD) --pdf --config-file $(OFFLINE_HOME)/mkdocs.offline.yml
	$(ENGINE_BIN)/python -m macros zip --config-file $(OFFLINE_HOME)/mkdocs.offline.yml \
	  $(OFFLINE_SITE) $(OFFLINE_ZIP)

addon-new: $(BIN)/.installed ## Write a working add-on into a folder of its own: make addon-new ADDON=/path
	$(BIN)/python -m macros addon-new $(ADDON)

# STRICT=1, for a release: missing or stale translations fail too (otherwise they are work
# for translators, listed, and never block a contributor).
validate: $(BIN)/.installed ## Check all data without building; lists every problem (STRICT=1: every translation too)
	$(BIN)/python -m macros validate $(if $(filter 1,$(STRICT)),--strict)

# Only the files laid out unlike the house layout are written; what they hold stays the same.
format: $(BIN)/.installed ## Lay out data and translation files as validate wants, comments and values kept
	$(BIN)/python -m macros format

# LANGUAGE reaches the command as one argument, exactly as typed, as FROM below does.
override LANGUAGE := $(value LANGUAGE)
export LANGUAGE
translation: $(BIN)/.installed ## Write a language's translation files, keeping what is done: make translation LANGUAGE=es
	@test -n "$$LANGUAGE" || { echo "Name the language: make translation LANGUAGE=es"; exit 2; }
	$(BIN)/python -m macros translate -- "$$LANGUAGE"

# FROM reaches the command through the environment, exactly as typed: `$(value)` keeps make
# from expanding `$` in it, and "$$FROM" keeps the shell from reading `;`, `>` or quotes in
# it (a tag may be named `v1;id>x`); after `--`, a FROM like `--output=x` is no option.
override FROM := $(value FROM)
export FROM
changes: $(BIN)/.installed ## Entries added, changed, removed since a commit or tag: make changes FROM=v1.0
	@test -n "$$FROM" || { echo "Name the version: make changes FROM=v1.0"; exit 2; }
	$(BIN)/python -m macros changes -- "$$FROM"

schema: $(BIN)/.installed ## Regenerate the JSON Schema for editors in schema/
	$(BIN)/python -m macros schema --output schema/knowledge-base.schema.json

# Browser tests drive Debian's Chromium through Playwright (Playwright's own browser
# download cannot work offline); install it once where it is missing.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

# The hosting guide's nginx configuration is what the tests serve the site with.
NGINX := /usr/sbin/nginx
$(NGINX):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx

lint: $(BIN)/.installed-test ## Lint the Python code; validate the data, layout included
	$(BIN)/ruff check macros tests
	$(BIN)/python -m macros validate

tests/audit/node_modules/.bin/lighthouse: tests/audit/package-lock.json
	cd tests/audit && npm ci --no-audit --no-fund --silent

audit: build $(CHROMIUM) tests/audit/node_modules/.bin/lighthouse ## Lighthouse on every kind of page (median of 3 runs) with the metrics behind each score
	$(BIN)/python tests/audit/audit.py

# The proposal form's JSON Schema validator, bundled from the pinned npm packages into one
# classic script (module scripts do not load from file://); the bundle is committed, and a
# test checks it is what these versions build.
VENDOR_BUNDLE := docs/assets/vendor/json-schema/validator.js
tests/vendor/node_modules/.bin/esbuild: tests/vendor/package-lock.json
	cd tests/vendor && npm ci --no-audit --no-fund --silent

vendor: tests/vendor/node_modules/.bin/esbuild ## Rebuild the bundled JSON Schema validator of the proposal form
	cd tests/vendor && ./node_modules/.bin/esbuild bundle.js --bundle --format=iife \
	  --global-name=KBJsonSchema --minify --target=es2018 --legal-comments=none \
	  --outfile=../../$(VENDOR_BUNDLE)

bench: $(BIN)/.installed-test ## Print build, size and validation figures (see BENCHMARKS.md)
	$(BIN)/python tests/benchmarks/bench.py

# The fast loop: what needs nothing but .venv/. The suite's own strict build of every
# language (the `built` fixture) is the build it checks; browsers, the other engines, the
# npm packages and the tests that build sites of their own are left to `make test`.
check: lint ## Fast check before a pull request: lint, validation, the strict build and the tests it needs alone
	$(BIN)/python -m pytest -q -m "not browser and not engines and not builds and not tools"

ENGINES_INSTALLED := .venv-zensical/bin/.installed .venv-properdocs/bin/.installed
# The PDF editions' tests build them with MkDocs, and the offline copy's with Zensical too.
PDF_INSTALLED := $(BIN)/.installed-pdf .venv-zensical/bin/.installed-pdf pdf-libraries
test: lint $(CHROMIUM) $(NGINX) $(PDF_INSTALLED) tests/audit/node_modules/.bin/lighthouse tests/vendor/node_modules/.bin/esbuild $(ENGINES_INSTALLED) ## Lint, then the whole test suite: browsers, nginx, both engines
	$(BIN)/python -m pytest

clean: ## Remove the built site and the virtual environments
	rm -rf site build .cache .zensical.*.yml .mkdocs.*.yml $(VENV) .venv-zensical .venv-properdocs
