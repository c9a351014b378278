# The whole set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test build bench clean catalogs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

build: $(STAMP)
	$(BIN)/python -m bot build

# With TELEGRAM_BOT_TOKEN set, run the bot; without it, the same answers in a terminal chat.
run: $(STAMP)
	$(BIN)/python -m bot build --if-needed
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then $(BIN)/python -m bot run; else $(BIN)/python -m bot chat; fi

test: $(TEST_STAMP)
	$(BIN)/ruff check bot tests
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bot bench

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

# After changing any English message: re-extract the catalog template and merge it into every language's catalog.
# A new language: `$(BIN)/pybabel init -D messages -i bot/locales/messages.pot -d bot/locales -l xx`.
catalogs: $(TEST_STAMP)
	$(BIN)/pybabel extract -F bot/locales/babel.cfg -k N_ -k ngettext:1,2 --add-location=file --sort-by-file \
		--no-wrap --project=Borderline --msgid-bugs-address=none -o bot/locales/messages.pot .
	$(BIN)/pybabel update -D messages -i bot/locales/messages.pot -d bot/locales --no-wrap --ignore-obsolete
