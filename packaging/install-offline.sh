#!/usr/bin/env bash
# Install or update Huxue from this folder alone: no network, no package index.
#   bash install-offline.sh            install into ~/.local/opt/huxue (HUXUE_PREFIX to change)
#   PYTHON=python3.12 bash install-offline.sh
# Each run makes a new environment and switches the `huxue` launcher to it only when the install
# succeeded, so a failed update leaves the working version in place. The planner's data lives
# elsewhere (~/.local/share/huxue) and is never touched here; a newer Huxue upgrades the database
# the first time it opens it, after writing a backup copy beside it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
prefix=${HUXUE_PREFIX:-$HOME/.local/opt/huxue}
python=${PYTHON:-python3}

if ! command -v "$python" >/dev/null 2>&1; then
  echo "未找到 Python（需要 3.11 或更新版本）/ Python not found (3.11 or newer needed): $python" >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Python 版本过旧，需要 3.11 或更新 / Python too old, 3.11 or newer needed: $("$python" -V 2>&1)" >&2
  exit 1
fi
tag=$("$python" -c 'import sys; print(f"cp{sys.version_info.major}{sys.version_info.minor}")')
if ! ls "$here"/ortools-*-"$tag"-*linux*.whl >/dev/null 2>&1; then
  echo "此文件夹没有适用于 Python ${tag#cp} (Linux) 的安装包 / this folder has no wheels for Python ${tag#cp} on Linux" >&2
  exit 1
fi
if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  echo "缺少 python3-venv / python3-venv is missing: apt-get install python3-venv" >&2
  exit 1
fi

mkdir -p "$prefix"
env_dir="$prefix/env-$(date +%Y%m%d-%H%M%S)"
trap 'rm -rf "$env_dir"' ERR
echo "创建虚拟环境 / creating the environment: $env_dir"
"$python" -m venv "$env_dir"
# The index is off twice over: --no-index, and PIP_NO_INDEX for anything pip starts itself.
PIP_NO_INDEX=1 "$env_dir/bin/python" -m pip install --quiet --no-index --find-links "$here" \
  -c "$here/requirements-lock.txt" huxue
trap - ERR
version=$("$env_dir/bin/python" -c 'from importlib.metadata import version; print(version("huxue"))')

# The launcher always points at the newest environment; older ones are removed afterwards.
launcher="$prefix/huxue"
printf '#!/bin/sh\nexec "%s/bin/huxue" "$@"\n' "$env_dir" >"$launcher.new"
chmod +x "$launcher.new"
mv -f "$launcher.new" "$launcher"
for old in "$prefix"/env-*; do
  [ "$old" = "$env_dir" ] || rm -rf "$old"
done

# A menu entry (and a desktop icon when there is a desktop folder).
apps=${XDG_DATA_HOME:-$HOME/.local/share}/applications
mkdir -p "$apps"
cat >"$apps/huxue.desktop" <<EOF
[Desktop Entry]
Type=Application
Name=护学 Huxue
Name[zh_CN]=护学
Comment=School-guard post planning
Comment[zh_CN]=护学岗排班
Exec=$launcher
Terminal=false
Categories=Office;
EOF
desktop=$(command -v xdg-user-dir >/dev/null 2>&1 && xdg-user-dir DESKTOP || echo "$HOME/Desktop")
if [ -d "$desktop" ] && [ "$desktop" != "$HOME" ]; then
  cp "$apps/huxue.desktop" "$desktop/huxue.desktop"
  chmod +x "$desktop/huxue.desktop"
fi
echo "护学 Huxue $version 已安装 / installed: $launcher"
echo "菜单项 / menu entry: $apps/huxue.desktop"
