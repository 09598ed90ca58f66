#!/usr/bin/env bash
# Debian/Ubuntu packages Huxue needs beyond Python: Qt's system libraries (even offscreen),
# python3-venv, and poppler-utils for the PDF tests. As root: installs what is missing.
# As a normal user: prints the install line and fails, so `make` stops before a broken setup.
set -euo pipefail
packages=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-cursor0
          poppler-utils)
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  packages+=(python3-venv)
fi
if ! command -v dpkg >/dev/null 2>&1; then
  echo "not a Debian system: install Qt's runtime libraries and poppler-utils yourself" >&2
  exit 0
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Huxue needs these system packages; run as root:" >&2
  echo "  apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
