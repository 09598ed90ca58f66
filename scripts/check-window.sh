#!/usr/bin/env bash
# Open Huxue's real window on an X server (Xvfb) through Qt's xcb platform plugin, wait until it
# is mapped, take a screenshot and check something is drawn. Proves the system libraries of
# scripts/system-deps.sh are enough for a real screen, not only for offscreen.
#   scripts/check-window.sh [PYTHON-or-PROGRAM] [OUT.png]
# PYTHON-or-PROGRAM: a Python with Huxue installed (default .venv/bin/python, runs main.py), or
# the bundle's `huxue` program.
set -euo pipefail
cd "$(dirname "$0")/.."
program=${1:-.venv/bin/python}
out=${2:-/tmp/huxue-window.png}
mkdir -p "$(dirname "$out")"
if [[ "$program" == *python* ]]; then grabber=${GRAB_PYTHON:-$program}; else grabber=${GRAB_PYTHON:-.venv/bin/python}; fi
for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install xvfb xdotool)" >&2; exit 2; }
done
work=$(mktemp -d /tmp/huxue-window.XXXXXX)
app_pid=""
xvfb_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# A display number nobody uses.
display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done
export DISPLAY=":$display" QT_QPA_PLATFORM=xcb
# The window's settings and data stay in the scratch folder.
export HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
if [[ "$program" == *python* ]]; then run=("$program" main.py); else run=("$program"); fi
"${run[@]}" demo --size small --db "$work/demo.db" >/dev/null
started=$(date +%s%N)
"${run[@]}" --db "$work/demo.db" --lang zh_CN >"$work/app.log" 2>&1 &
app_pid=$!
# Wait for a visible (mapped) top-level window of that process, or for the process to end.
shown=""
for _ in $(seq 600); do
  if xdotool search --onlyvisible --pid "$app_pid" >/dev/null 2>&1; then shown=1; break; fi
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.2
done
mapped_ms=$(( ($(date +%s%N) - started) / 1000000 ))
if [ -z "$shown" ]; then
  echo "no window appeared; the program said:" >&2
  cat "$work/app.log" >&2
  exit 1
fi
echo "window mapped ${mapped_ms} ms after the start"
# Let the first paint land before the screenshot (the window is mapped before it is drawn).
for _ in $(seq 20); do
  if GRAB_OUT=$("$grabber" scripts/grab_screen.py "$out" 2>&1); then echo "$GRAB_OUT"; exit 0; fi
  sleep 0.5
done
echo "the window shows nothing: $GRAB_OUT" >&2
cat "$work/app.log" >&2
exit 1
