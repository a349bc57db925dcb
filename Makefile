# The Local Offer content service. `make help` lists every target.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
LO := $(VENV)/bin/local-offer
STAMP := $(VENV)/.installed
PYBABEL := $(VENV)/bin/pybabel

.PHONY: help install run test check schema bench clean messages compile-messages

help: ## list every target
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP) compile-messages ## create .venv, install the service and its test tools, compile the catalogues

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

messages: $(STAMP) ## update interface catalogues (extract, update, compile) and content catalogues (changed English marked fuzzy)
	$(PYBABEL) extract -F babel.cfg -o locales/messages.pot -w 100 --add-comments=TRANSLATORS: \
		--project="Local Offer" --copyright-holder="Brackenford City Council" .
	$(PYBABEL) update -D messages -i locales/messages.pot -d locales -w 100 --previous
	$(MAKE) compile-messages
	$(LO) migrate
	$(LO) seed
	$(LO) translations update

compile-messages: $(STAMP) ## compile each locales/<lang>/LC_MESSAGES/messages.po to messages.mo
	$(PYBABEL) compile -D messages -d locales --statistics

bench: install ## benchmarks on a 10,000-service catalogue; writes bench/results/latest.md (see docs/performance.md)
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || \
		{ echo "make bench needs wrk (Debian package wrk)"; exit 1; }
	$(PY) bench/run.py

clean: ## remove the virtualenv, the local database and caches
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
	find locales -name "*.mo" -delete
