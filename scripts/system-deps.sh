#!/usr/bin/env bash
# Debian/Ubuntu packages Huxue needs beyond Python: Qt's system libraries (offscreen and on a real
# X11 screen), python3-venv, and poppler-utils for the PDF tests. As root: installs what is missing.
# As a normal user: prints the install line and fails, so `make` stops before a broken setup.
set -euo pipefail
# Qt's xcb platform plugin needs every library of Qt 6's "Qt for X11 Requirements" table (without
# libxcb-icccm4 and libxcb-keysyms1 a real screen fails with "no Qt platform plugin could be
# initialized", although offscreen works).
packages=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
          libx11-6 libx11-xcb1 libxcb1 libxext6 libxrender1 libsm6 libice6
          libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0
          libxcb-xkb1 libxcb-sync1 libxcb-shm0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
          libxcb-util1 libxcb-cursor0 libxkbcommon-x11-0
          poppler-utils)
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  packages+=(python3-venv)
fi
if ! command -v dpkg >/dev/null 2>&1; then
  echo "not a Debian system: install Qt's runtime libraries and poppler-utils yourself" >&2
  exit 0
fi
# For the test suite only: the end-to-end test drives the real window on an Xvfb screen with
# xdotool (tests/ui/test_real_window.py). Installed as root with the rest; without them that
# one test is skipped, so a normal user is only told about them.
test_packages=(xvfb xdotool)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
missing_tests=()
for p in "${test_packages[@]}"; do
  installed "$p" || missing_tests+=("$p")
done
if [ "$(id -u)" -ne 0 ]; then
  if [ ${#missing_tests[@]} -gt 0 ]; then
    echo "the real-window test is skipped without: apt-get install -y ${missing_tests[*]}" >&2
  fi
  [ ${#missing[@]} -eq 0 ] && exit 0
  echo "Huxue needs these system packages; run as root:" >&2
  echo "  apt-get install -y ${missing[*]}" >&2
  exit 1
fi
missing+=("${missing_tests[@]}")
[ ${#missing[@]} -eq 0 ] && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
