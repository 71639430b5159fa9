# Cofio — two commands on a fresh machine:
#   make demo   installs what is missing and runs the archive (SQLite, local files,
#               a local Celery worker, a local search node, sample data) on this machine only;
#               make demo HOST=0.0.0.0 opens it to the local network (debug pages stay off)
#   make test   installs what is missing and runs the whole suite on real services
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
LOCK ?= requirements/dev.lock
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install demo test test-unit services-up services-down clean lock bench-ingest bench-search bench-iiif

$(VENV)/.installed-$(notdir $(LOCK)): $(LOCK) frontend/package-lock.json $(wildcard frontend/locale/*/LC_MESSAGES/django.po)
	@command -v $(PYTHON) >/dev/null || PYTHON=python3; \
	  test -x $(PY) || $$( command -v $(PYTHON) || command -v python3 ) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check "uv==0.9.30"
	$(UV) pip sync -q --python $(PY) --require-hashes $(LOCK)
	@# OpenSeadragon (the deep-zoom viewer) and Leaflet (trail maps) from npm, served by Cofio itself: npm ci only when node_modules is missing or package-lock.json changed
	@if ! command -v npm >/dev/null; then echo "npm not found: the item page shows pictures without the deep-zoom viewer, trails show their route as a list" >&2; \
	  else { test frontend/node_modules/.package-lock.json -nt frontend/package-lock.json || npm ci --prefix frontend --no-audit --no-fund; } \
	  && rm -rf frontend/static/vendor/openseadragon && mkdir -p frontend/static/vendor \
	  && cp -R frontend/node_modules/openseadragon/build/openseadragon frontend/static/vendor/openseadragon \
	  && rm -rf frontend/static/vendor/leaflet && mkdir -p frontend/static/vendor/leaflet \
	  && cp -R frontend/node_modules/leaflet/dist/leaflet.js frontend/node_modules/leaflet/dist/leaflet.css \
	     frontend/node_modules/leaflet/dist/images frontend/static/vendor/leaflet/; fi
	$(PY) frontend/compilemessages.py --quiet
	@rm -f $(VENV)/.installed-*; touch $@

install: $(VENV)/.installed-$(notdir $(LOCK))

demo: install
	$(PY) bin/demo.py --port $(PORT)

test: install
	$(PY) bin/services.py ensure-system-packages
	$(PY) bin/runtests.py

# Regenerate the lock files after editing pyproject.toml.
lock:
	$(UV) pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements/base.lock
	$(UV) pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -q -o requirements/dev.lock

clean:
	rm -rf var/ .pytest_cache

# Ingest benchmark (figures, not a test): our tiler vs libvips and iiif_static, and photos per minute per worker.
bench-ingest: install
	$(PY) bin/bench_ingest.py $(BENCH_ARGS)

# Search benchmark (figures, not a test): 100,000 generated items; bulk rate, API vs engine latency, reindex time.
bench-search: install
	$(PY) bin/bench_search.py $(BENCH_ARGS)

# IIIF benchmark (figures, not a test): manifest generation for an item with 5 canvases and 50 annotations,
# uncached and cached (targets: 20 ms and 2 ms), a 30-stop story trail's manifest beside it (25 ms and 2 ms)
# and its player page's weight (300 KB), and collection pages of a 100,000-item archive.
bench-iiif: install
	$(PY) bin/bench_iiif.py $(BENCH_ARGS)
