# The Local Offer content service. `make help` lists every target.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
LO := $(VENV)/bin/local-offer
STAMP := $(VENV)/.installed

.PHONY: help install run test check schema bench clean

help: ## list every target
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the service and its test tools

run: install ## migrate, load the demo Local Offer if empty, serve on http://127.0.0.1:8000
	$(LO) migrate
	$(LO) seed
	$(LO) serve

test: install ## install what the tests need, then run the whole suite
	./scripts/system-deps.sh
	$(PY) -m pytest -q

check: install ## ruff and mypy
	$(VENV)/bin/ruff check api services renderers tests bench
	$(VENV)/bin/mypy api services renderers

schema: install ## regenerate graphql/schema.graphql from the code
	$(LO) schema

bench: install ## benchmarks against a 10,000-service catalogue; figures into docs/performance.md
	$(PY) bench/run.py

clean: ## remove the virtualenv, the local database and caches
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
