# tidtam — the two commands: `make run` and `make test`.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
VENV := $(CURDIR)/.venv/bin
TIDTAM := $(VENV)/tidtam
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHAINLP_OFFLINE := 1

.PHONY: install run demo test check pytest bench-smoke fmt system-deps messages worker

$(CURDIR)/.tools/bin/uv:
	python3 -m venv .tools && .tools/bin/pip install --quiet uv

## install: the locked Python dependencies and the `tidtam` console script into .venv
install: $(UV)
	$(UV) sync --locked --quiet

## system-deps: Debian packages the suite drives (Chromium, poppler); installs only what is missing
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing from apt"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

## run: install, migrate, load the demo data, print the demo logins and serve on 127.0.0.1:8000
run: install demo
	$(TIDTAM) load_demo
	@echo "Serving on http://$(HOST):$(PORT)/ — log in with a demo login above."
	DEBUG=true $(TIDTAM) runserver $(HOST):$(PORT)

## demo: migrate and load the demo data: projects, reports through review, the ITA (idempotent)
demo: install
	$(TIDTAM) migrate --noinput -v0
	$(TIDTAM) load_demo > /dev/null
	$(TIDTAM) followup_demo
	$(TIDTAM) ita_demo

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
bench-smoke: install
	$(VENV)/python bench/form_pdf.py --smoke
	$(VENV)/python bench/legacy_parse.py --smoke
	TIDTAM=$(TIDTAM) bash bench/followup_smoke.sh

fmt:
	$(VENV)/ruff format .
	$(VENV)/ruff check --fix .

## messages: refresh and compile the Thai catalogues (needs GNU gettext)
messages:
	$(TIDTAM) makemessages -l th --ignore=.venv --ignore=.tools --ignore=bench
	$(TIDTAM) compilemessages --ignore=.venv --ignore=.tools
