# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
DEMO_POLICY ?= policies/cinetrum-studio.yaml
# Without CANDID_STRIPE_SECRET_KEY the demo's payments go to a local stand-in of Stripe.
STANDIN_PORT ?= 8001

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	CANDID_DEMO=1 $(BIN)/candid migrate --noinput
	CANDID_DEMO=1 $(BIN)/candid migrate --noinput --database keystore
	CANDID_DEMO=1 $(BIN)/candid demo --policy $(DEMO_POLICY) --address http://$(HOST):$(PORT)/
	CANDID_DEMO=1 $(BIN)/candid collectstatic --noinput --verbosity 0
	# The task worker (erasure, propagation, e-mail) runs beside the web server, with
	# the same settings, and stops with it; so does the payment stand-in (no card, no money) when no Stripe
	# key is set, so a demo purchase can be tried end to end.
	if [ -z "$$CANDID_STRIPE_SECRET_KEY" ]; then \
		export CANDID_STRIPE_SECRET_KEY=sk_test_demo_standin \
			CANDID_STRIPE_WEBHOOK_SECRET=whsec_demo_standin \
			CANDID_STRIPE_API_BASE=http://127.0.0.1:$(STANDIN_PORT); \
		CANDID_DEMO=1 $(BIN)/candid stripe_standin --port $(STANDIN_PORT) \
			--api-key sk_test_demo_standin --webhook-secret whsec_demo_standin \
			--webhook-url http://$(HOST):$(PORT)/shop/stripe/webhook/ & standin=$$!; \
	fi; \
	CANDID_DEMO=1 CANDID_BASE_URL=http://$(HOST):$(PORT) $(BIN)/candid db_worker \
		--queue-name '*' --no-reload & worker=$$!; \
	trap 'kill $$worker $$standin 2>/dev/null' EXIT INT TERM; \
	CANDID_DEMO=1 CANDID_BASE_URL=http://$(HOST):$(PORT) $(BIN)/gunicorn candid.wsgi:application \
		--bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

# The browser tests drive Debian's chromium (never a downloaded browser).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "Install Debian's chromium package for the browser tests."; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

test: $(VENV)/.installed $(CHROMIUM)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/python scripts/coverage_gate.py $(PYTEST_ARGS)

bench: $(VENV)/.installed
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
