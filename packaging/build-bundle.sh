#!/usr/bin/env bash
# Build the self-contained one-folder bundle into dist/huxue (Linux; Windows: see
# packaging/README-offline.md). Needs a Python built with its shared library (python.org's,
# Debian's python3, pyenv with PYTHON_CONFIGURE_OPTS=--enable-shared): BUNDLE_PYTHON=... to choose.
# Packages come from wheelhouse/ when it is there, else from the package index, at the versions
# of packaging/requirements-lock.txt; PyInstaller at packaging/requirements-bundle.txt's.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${BUNDLE_PYTHON:-python3}
venv=build/bundle-venv
if [ ! -x "$venv/bin/pyinstaller" ]; then
  "$python" -m venv "$venv"
  links=()
  [ -d wheelhouse ] && links=(--find-links wheelhouse)
  "$venv/bin/python" -m pip install --quiet "${links[@]}" -r packaging/requirements-lock.txt \
    -r packaging/requirements-bundle.txt
fi
rm -rf dist/huxue
start=$(date +%s)
"$venv/bin/pyinstaller" --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/huxue.spec
echo "bundle built in $(( $(date +%s) - start )) s: dist/huxue, $(du -sh dist/huxue | cut -f1)"
