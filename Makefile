# tidtam — the two commands: `make run` and `make test`.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
VENV := $(CURDIR)/.venv/bin
# The development targets sign with a random key kept in .secret_key (git-ignored) unless
# SECRET_KEY or SECRET_KEY_FILE is set; `make serve` takes its key from the environment only.
KEY_FILE := $(CURDIR)/.secret_key
TIDTAM := $(if $(SECRET_KEY)$(SECRET_KEY_FILE),,SECRET_KEY_FILE=$(KEY_FILE)) $(VENV)/tidtam
HOST ?= 127.0.0.1
PORT ?= 8000
WEB_CONCURRENCY ?= $(shell echo $$((2 * $$(nproc) + 1)))
export PYTHAINLP_OFFLINE := 1

.PHONY: install run serve demo test check pytest bench-smoke fmt system-deps messages worker

$(CURDIR)/.tools/bin/uv:
	python3 -m venv .tools && .tools/bin/pip install --quiet uv

$(KEY_FILE):
	umask 077 && python3 -c "import secrets; print(secrets.token_urlsafe(50))" > $@

## install: the locked Python dependencies and the `tidtam` console script into .venv, all of it
## and the project's own modules compiled to bytecode (a process then compiles none at start-up,
## even where PYTHONDONTWRITEBYTECODE is set: ~0.2 s of a one-off `tidtam print_form`)
install: $(UV) $(KEY_FILE)
	$(UV) sync --locked --quiet --compile-bytecode
	$(VENV)/python -m compileall -q config tidtam

## system-deps: Debian packages the suite drives (Chromium, poppler, zbar); installs only what is missing
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v zbarimg >/dev/null || missing="$$missing zbar-tools"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing from apt"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# Printed links and QR codes point at the server these targets start, unless SITE_URL is set.
run serve: export SITE_URL ?= http://$(HOST):$(PORT)
run serve: export ALLOWED_HOSTS ?= $(HOST),127.0.0.1,localhost

## run: install, migrate, load the demo data and city, print the demo logins, serve on 127.0.0.1:8000
## (DEBUG off, as in production: static files through WhiteNoise, Thai error pages)
run: install demo
	$(TIDTAM) collectstatic --noinput -v0
	@echo "Serving on $(SITE_URL)/ — log in with a demo login above."
	$(TIDTAM) runserver $(HOST):$(PORT)

## serve: the production setup, configured by the environment only (README, Production notes):
## migrate, collect the static files, then the task worker and WEB_CONCURRENCY gunicorn workers
serve: install
	$(VENV)/tidtam migrate --noinput -v0
	$(VENV)/tidtam collectstatic --noinput -v0
	$(VENV)/tidtam db_worker & trap "kill $$! 2>/dev/null" EXIT; \
	$(VENV)/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers $(WEB_CONCURRENCY) \
	  --access-logfile - --no-control-socket

## demo: migrate and load the demo data: projects, reports through review, the ITA, and the demo
## city of this fiscal year and last (idempotent)
demo: install
	$(TIDTAM) migrate --noinput -v0
	$(TIDTAM) load_demo > /dev/null
	$(TIDTAM) followup_demo
	$(TIDTAM) ita_demo
	$(TIDTAM) demo_city
	$(TIDTAM) plans_demo
	$(TIDTAM) indicators_demo

## worker: run background tasks (batch printing, exports)
worker: install
	$(TIDTAM) db_worker

## test: install, then lint, check migrations, run the whole suite and every benchmark's smoke run
test: install system-deps check pytest bench-smoke

check:
	$(VENV)/ruff format --check .
	$(VENV)/ruff check .
	$(TIDTAM) makemigrations --check --dry-run -v0

pytest:
	$(VENV)/pytest -q

## bench-smoke: every script in bench/ on tiny data, so that no benchmark rots unnoticed
bench-smoke: export SECRET_KEY_FILE ?= $(KEY_FILE)
bench-smoke: install
	$(VENV)/python bench/form_pdf.py --smoke
	$(VENV)/python bench/legacy_parse.py --smoke
	bash bench/followup_smoke.sh
	$(VENV)/python bench/month_end.py --smoke
	$(VENV)/python bench/setup_import.py --smoke
	$(VENV)/python bench/indicators_city.py --smoke
	$(VENV)/python bench/plans_city.py --smoke

fmt:
	$(VENV)/ruff format .
	$(VENV)/ruff check --fix .

## messages: refresh and compile the Thai catalogues (needs GNU gettext)
messages:
	$(TIDTAM) makemessages -l th --ignore=.venv --ignore=.tools --ignore=bench
	$(TIDTAM) compilemessages --ignore=.venv --ignore=.tools
