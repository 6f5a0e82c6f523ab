# `make` sets up .venv, checks the data and builds dist/; `make test` runs lint, types and tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
INSTALLED_DEV := $(VENV)/.installed-dev

.DEFAULT_GOAL := all
.PHONY: all validate build serve schema test lint bench fuzz clean data-tools

all: build

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable .
	@touch $@

$(INSTALLED_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[dev]'
	@touch $@ $(INSTALLED)

# The tools the README's loading examples use: pandas, DuckDB, Datasette, sqlite-utils, Frictionless.
data-tools: $(INSTALLED)
	$(BIN)/python -m pip install --quiet --editable '.[data]'

validate: $(INSTALLED)
	$(BIN)/toolkit validate

# RELEASE_ASSETS: the repository's report of the release archives (the publish workflow sets it).
build: $(INSTALLED)
	$(BIN)/toolkit build $(if $(RELEASE_ASSETS),--release-assets $(RELEASE_ASSETS))

serve: $(INSTALLED)
	$(BIN)/toolkit serve

schema: $(INSTALLED)
	$(BIN)/toolkit schema

lint: $(INSTALLED_DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -n auto --dist worksteal

bench: $(INSTALLED_DEV)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/growth.py
	$(BIN)/toolkit build
	$(BIN)/python bench/search_rank.py site
	$(BIN)/python bench/search_size.py

# Mutation fuzzing of the loader and per-file checks; SECONDS=600 make fuzz for a longer run.
SECONDS ?= 60
fuzz: $(INSTALLED_DEV)
	$(BIN)/python bench/fuzz_loader.py --seconds $(SECONDS)

clean:
	rm -rf $(VENV) dist site build .pytest_cache .mypy_cache .ruff_cache
