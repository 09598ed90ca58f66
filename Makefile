# Two commands do everything on a fresh Debian/Ubuntu machine:
#   make run   set up and open Huxue on the Jimei demo district
#   make test  set up and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint setup sysdeps demo bench clean wheelhouse bundle check-bundle check-window \
	check-upgrade

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

# Offline install (packaging/README-offline.md): the wheelhouse for Windows and Linux, the
# self-contained bundle in dist/huxue, and the checks that prove them.
wheelhouse:
	$(PYTHON) packaging/wheelhouse.py

bundle:
	bash packaging/build-bundle.sh

check-bundle:
	bash packaging/check-bundle.sh dist/huxue

check-window: setup
	bash scripts/check-window.sh $(PY)

check-upgrade:
	$(PYTHON) packaging/check_upgrade.py wheelhouse

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
