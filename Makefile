# Visnyk: `make run` sets up and opens the GUI; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN_PACKAGES := libenchant-2-2 poppler-utils libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
	libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 \
	libxcb-xinerama0 libxcb-image0
TEST_PACKAGES := hunspell libimage-exiftool-perl
PYTEST_ARGS ?= -n auto

.PHONY: run test setup setup-test lint wheel-check bench screenshots clean
CONSTRAINTS := constraints.txt

run: setup
	$(PY) run.py

test: setup-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

setup: $(VENV)/.system-run $(VENV)/.installed

setup-test: setup $(VENV)/.system-test $(VENV)/.installed-test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.system-run: scripts/system-packages.sh | $(VENV)/bin/python
	scripts/system-packages.sh $(RUN_PACKAGES)
	touch $@

$(VENV)/.system-test: scripts/system-packages.sh | $(VENV)/bin/python
	scripts/system-packages.sh $(TEST_PACKAGES)
	touch $@

# The exact versions CI passed (constraints.txt); upgrading is one deliberate commit that edits it.
$(VENV)/.installed: pyproject.toml $(CONSTRAINTS) | $(VENV)/bin/python
	$(PY) -m pip install -q -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(CONSTRAINTS) $(VENV)/.installed
	$(PY) -m pip install -q -c $(CONSTRAINTS) -e '.[test]'
	touch $@

lint: setup-test
	$(VENV)/bin/ruff check desktop ui tests run.py
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

# The built wheel installed into a fresh environment outside the checkout, and run.
wheel-check: setup-test
	PYTHON=$(PYTHON) scripts/wheel-check.sh

bench: setup
	$(PY) run.py bench --json

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(PY) run.py --demo --screenshot docs/main-window.png

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
