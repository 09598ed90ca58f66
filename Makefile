# Two commands do everything on a fresh Debian/Ubuntu machine:
#   make run   set up and open Huxue on the Jimei demo district
#   make test  set up and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint setup sysdeps demo bench clean

run: setup
	$(PY) main.py demo --if-missing
	$(PY) main.py --demo

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

setup: sysdeps $(STAMP)

sysdeps:
	@bash scripts/system-deps.sh

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

bench: setup
	for b in bench/*.py; do QT_QPA_PLATFORM=offscreen $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
