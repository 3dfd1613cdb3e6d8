# The guidebook's front door: `make` builds every edition in every language, `make test` checks.
# Variables can be overridden on the command line, e.g. `make pdf LANGUAGE=fr`.

PYTHON     ?= python3
VENV       ?= .venv
BUILDDIR   ?= _build
LANGUAGE   ?=
# languages built at the same time (default: one per core)
JOBS       ?=
PYTESTOPTS ?=
# make check: the branch a pull request goes to (changes since it decide which translations
# are checked); FILES=... names changed files instead; ALL=1 checks every language
BASE       ?= origin/main
FILES      ?=
ALL        ?=
# make preview: the page being written and the port of http://127.0.0.1:PORT/
PAGE       ?= index
PORT       ?= 8000
# make bench: the chapter edited to measure an incremental build
BENCH_PAGE ?= guidebook/chapters/03-multi-agency-strategy.md

BIN        := $(VENV)/bin
# Values on the command line reach the command through the environment, so the shell, not make,
# quotes a title such as "Parents' groups".
NEW_PAGE_OPTIONS = $(if $(TITLE),--title "$$TITLE") $(if $(SLUG),--slug "$$SLUG") \
                   $(if $(CONTRIBUTOR),--contributor "$$CONTRIBUTOR") \
                   $(if $(ORGANISATION),--organisation "$$ORGANISATION") \
                   $(if $(COUNTRY),--country "$$COUNTRY")
EDITIONS   := $(BIN)/python -m scripts.editions --build-dir $(BUILDDIR) $(if $(LANGUAGE),--language $(LANGUAGE)) \
              $(if $(JOBS),--jobs $(JOBS))
# Dates inside the editions come from the last commit, so rebuilding the same source gives the same files.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.DEFAULT_GOAL := all
.PHONY: help all html epub pdf pdf-print check new-chapter new-appendix preview check-pdf gettext \
        update-po check-po stats bench bench-peers translation-impact test test-tools lint venv clean

help:  ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

all: venv  ## Build every edition (HTML, EPUB, PDF with offprints, print-shop PDF) in every language
	$(EDITIONS) html epub pdf pdf-print

html: venv  ## Build the HTML site (LANGUAGE=xx for one language)
	$(EDITIONS) html

epub: venv  ## Build the EPUB (LANGUAGE=xx for one language)
	$(EDITIONS) epub

pdf: venv  ## Build the PDF and its offprints (LANGUAGE=xx for one language)
	$(EDITIONS) pdf

pdf-print: venv  ## Build the print-shop PDF: crop marks, bleed, no link colour (LANGUAGE=xx)
	$(EDITIONS) pdf-print

check: venv  ## Check the sources in seconds, without building: English and the catalogs you changed (ALL=1: all)
	$(BIN)/python -m scripts.check.sources --build-dir $(BUILDDIR) --since $(BASE) \
	  $(if $(ALL),--all-languages) $(if $(LANGUAGE),--language $(LANGUAGE)) $(FILES)

new-chapter: venv  ## Start a chapter from the template and list it (asks, or TITLE= SLUG= CONTRIBUTOR= ORGANISATION= COUNTRY=)
	$(BIN)/python -m scripts.book.new_page chapter $(NEW_PAGE_OPTIONS)

new-appendix: venv  ## Start a back-matter page (toolkit part, appendix) the same way
	$(BIN)/python -m scripts.book.new_page appendix $(NEW_PAGE_OPTIONS)

preview: venv  ## Live-reloading site on http://127.0.0.1:8000/ while you write (PAGE=chapters/NN-slug, LANGUAGE=xx)
	$(BIN)/python -m scripts.site.preview --build-dir $(BUILDDIR) --page $(PAGE) --port $(PORT) \
	  $(if $(LANGUAGE),--language $(LANGUAGE))

check-pdf: venv  ## Check PDFs' accessibility: PDF/UA-1 validator and own checks (PDF=file.pdf; default: every built PDF)
	$(BIN)/python -m scripts.check.pdf $(or $(PDF),$(wildcard $(BUILDDIR)/pdf/*/*.pdf $(BUILDDIR)/pdf/*/offprints/*.pdf))

gettext: venv  ## Extract message catalogs (.pot) into $(BUILDDIR)/gettext
	$(BIN)/python -m scripts.editions --build-dir $(BUILDDIR) gettext

update-po: gettext  ## Update every language's catalogs from the .pot files, keeping every translation
	$(BIN)/python -m scripts.i18n.update --pot-dir $(BUILDDIR)/gettext --locales locales

check-po: venv  ## Check every catalog: msgfmt --check and MyST markup kept (catalog:line)
	$(BIN)/python -m scripts.i18n.check locales

stats: gettext  ## Show how complete each translation is against the current English, per page; write $(BUILDDIR)/stats.json
	$(BIN)/python -m scripts.i18n.stats --locales locales --pot-dir $(BUILDDIR)/gettext --json $(BUILDDIR)/stats.json

bench: venv  ## Measure the English editions' builds: cold, warm, after editing one chapter; write $(BUILDDIR)/bench.json
	$(BIN)/python -m scripts.benchmark --edit $(BENCH_PAGE) --scratch $(BUILDDIR)/bench \
	  --output $(BUILDDIR)/bench.json

bench-peers: venv  ## Build the English book PDF with sphinx-simplepdf and Sphinx's LaTeX path too; print CPU ratios
	$(BIN)/python -m scripts.benchmark_peers --scratch $(BUILDDIR)/bench/peers \
	  --output $(BUILDDIR)/bench-peers.json

translation-impact: venv  ## Per language and page, the messages a change makes fuzzy or new (BASE=origin/main)
	$(BIN)/python -m scripts.i18n.impact --base $(BASE) --build-dir $(BUILDDIR)

test: venv test-tools  ## Run the tests (builds the real book in every language; takes a few minutes)
	$(BIN)/python -m pytest $(PYTESTOPTS)

ACE_INSTALLED := tests/tools/ace/node_modules/.package-lock.json
# Without npm there is nothing to install: the tests of the EPUB with Ace then skip and say why.
test-tools: $(if $(shell command -v npm 2>/dev/null),$(ACE_INSTALLED))  ## Install DAISY Ace, which the tests run on every EPUB (needs Node.js and npm)

$(ACE_INSTALLED): tests/tools/ace/package.json tests/tools/ace/package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
	  npm ci --prefix tests/tools/ace --ignore-scripts --no-audit --no-fund

lint: venv  ## Check the Python code with ruff
	$(BIN)/ruff check scripts tests conf.py

venv: $(VENV)/.installed  ## Create the virtual environment with the pinned dependencies

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint requirements.lock --editable '.[test]'
	touch $@

clean:  ## Remove every build product (the virtual environment stays)
	rm -rf $(BUILDDIR)
	find locales -name '*.mo' -delete
