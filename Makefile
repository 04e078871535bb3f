# The README's two commands are `make serve` (install, build the graph from data/, serve it) and
# `make test` (install, lint, run every test). Everything else here is a step of those or a
# developer command.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SHARED ?= ../shared
VENDOR := api/static/vendor

.PHONY: help install build serve test lint format evaluate evaluate-devset bench-extract bench-queries check clean assets browser-test validate-exports

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/' | expand -t 18

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) assets  ## create .venv and install the project with its dev tools

assets: $(VENDOR)/yasgui/yasgui.min.js  ## the /sparql editor's YASGUI build from npm into api/static/vendor/

# npm ci in the ignored vendor folder, then the two build files beside it; without npm (or offline) a
# message and no failure: the page then loads YASGUI from a CDN and says so
$(VENDOR)/yasgui/yasgui.min.js: api/static/package.json api/static/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  mkdir -p $(VENDOR)/yasgui && cp api/static/package.json api/static/package-lock.json $(VENDOR)/ && \
	  (cd $(VENDOR) && npm ci --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel=error) && \
	  cp $(VENDOR)/node_modules/@zazuko/yasgui/build/yasgui.min.css $(VENDOR)/yasgui/ && \
	  cp $(VENDOR)/node_modules/@zazuko/yasgui/build/yasgui.min.js $(VENDOR)/yasgui/ || \
	  echo "npm could not install @zazuko/yasgui: the /sparql editor will load YASGUI from a CDN"; \
	else echo "npm not found: the /sparql editor will load YASGUI from a CDN"; fi

build: install  ## build the graph from data/ into the store (INTERREG_KG_STORE, default var/store)
	$(BIN)/interreg-kg build

serve: build  ## install, build, and serve on http://127.0.0.1:8000 (README command 1)
	$(BIN)/interreg-kg serve

lint: install  ## ruff
	$(BIN)/ruff check .

format: install  ## ruff format and import sorting
	$(BIN)/ruff check --fix --select I .
	$(BIN)/ruff format .

test: install lint  ## lint and run every test (README command 2)
	$(BIN)/pytest

browser-test: install  ## headless chromium against a live server: /sparql loads, a query runs, results show
	$(BIN)/pytest tests_browser

check: install  ## SHACL-validate the stored graph
	$(BIN)/interreg-kg check

evaluate: install  ## developer: score extraction on the seeds against their gold (needs ../shared)
	$(BIN)/interreg-kg evaluate $(SHARED)/seeds/gold $(SHARED)/seeds/*.txt

evaluate-devset: install  ## developer: score extraction on the dev set (needs ../shared)
	$(BIN)/interreg-kg evaluate $(SHARED)/devset/gold $(SHARED)/devset/docs/*.txt

bench-extract: install  ## developer: extraction speed, documents/s per format (.txt .html .pdf) on one core
	$(BIN)/python -m bench.extract_speed --shared $(SHARED)

bench-queries: install  ## developer: median latency of each named query on the seed graph, in process and via /sparql
	$(BIN)/python -m bench.query_latency

validate-exports: install  ## developer: GEXF and GraphML network exports against their schemas (needs ../shared)
	$(BIN)/python -m api.network.validate --shared $(SHARED)

BENCH_SIZE ?= 1000
.PHONY: bench
bench: install  ## developer: benchmark at BENCH_SIZE documents (default 1000) into bench/RESULTS.md
	@test -x $(BIN)/oxigraph || $(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/interreg-kg bench run --size $(BENCH_SIZE)

clean:  ## remove the virtualenv and the local store
	rm -rf $(VENV) var
