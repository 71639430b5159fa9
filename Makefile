# Cofio — two commands on a fresh machine:
#   make demo   installs what is missing and runs the archive (SQLite, local files,
#               a local Celery worker, a local search node, sample data)
#   make test   installs what is missing and runs the whole suite on real services
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
LOCK ?= requirements/dev.lock
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install demo test test-unit services-up services-down clean lock bench-ingest bench-search

$(VENV)/.installed-$(notdir $(LOCK)): $(LOCK)
	@command -v $(PYTHON) >/dev/null || PYTHON=python3; \
	  test -x $(PY) || $$( command -v $(PYTHON) || command -v python3 ) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check "uv==0.9.30"
	$(UV) pip sync -q --python $(PY) --require-hashes $(LOCK)
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
