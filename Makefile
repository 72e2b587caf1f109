# The two set-up commands (README): `make run` and `make test`. Both create .venv/ here.
PYTHON ?= python3.11
VENV := .venv
PIP := $(VENV)/bin/pip
DXQA := $(VENV)/bin/dxqa
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
CORPUS_FILES := $(shell find corpus -type f)

.PHONY: run test ingest serve eval system-test-deps

## make run: install (light, no torch), build the index if the corpus changed, open the UI on 127.0.0.1
run: $(VENV)/.run-installed data/index/CURRENT
	$(DXQA) serve

## make test: install with test extras (CPU torch pinned first), system packages for PDFs/browser, ruff, then pytest
test: $(VENV)/.test-installed system-test-deps
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
	HF_HUB_OFFLINE=1 ANONYMIZED_TELEMETRY=False $(VENV)/bin/python -m pytest

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e '.[st,test]'
	touch $@ $(VENV)/.run-installed

data/index/CURRENT: $(CORPUS_FILES) | $(VENV)/.run-installed
	$(DXQA) ingest

ingest: $(VENV)/.run-installed
	$(DXQA) ingest

serve: $(VENV)/.run-installed
	$(DXQA) serve

eval: $(VENV)/.run-installed data/index/CURRENT
	$(DXQA) eval --split test

# Debian chromium (for the headless browser tests) and Noto CJK (to make Japanese test PDFs).
system-test-deps:
	@command -v chromium >/dev/null && [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || \
	  ( $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium fonts-noto-cjk )
