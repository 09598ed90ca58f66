#!/usr/bin/env bash
# Prove the one-folder bundle stands alone: copy it to a fresh folder and, with a PATH that has no
# Python on it and a scratch home folder, build the small demo, solve a week, verify and print a
# school sheet (fonts embedded), and render the window offscreen.
#   packaging/check-bundle.sh [dist/huxue]
set -euo pipefail
bundle=$(cd "${1:-dist/huxue}" && pwd)
work=$(mktemp -d /tmp/huxue-bundle-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -a "$bundle" "$work/huxue"
# Only the tools the check itself reads with; no python anywhere on this PATH.
mkdir "$work/bin"
for tool in pdffonts pdftotext; do ln -s "$(command -v "$tool")" "$work/bin/$tool"; done
run() { env -i PATH="$work/bin" HOME="$work/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"; }
if run sh -c 'command -v python3 || command -v python' >/dev/null 2>&1; then
  echo "python is still on the check's PATH" >&2; exit 1
fi
h="$work/huxue/huxue"
cd "$work"
t0=$(date +%s%N)
run "$h" --help >/dev/null
echo "huxue --help: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
run "$h" demo --size small --db "$work/demo.db"
run "$h" instance --db "$work/demo.db" --week 2026-12-07 -o "$work/week.json"
run "$h" solve-file "$work/week.json" -o "$work/roster.json" --time-limit 10
run "$h" verify "$work/week.json" "$work/roster.json"
run "$h" solve --db "$work/demo.db" --week 2026-12-07 --time-limit 10
run "$h" print --db "$work/demo.db" --week 2026-12-07 --kind school -o "$work/sheets"
pdf=$(ls "$work"/sheets/*.pdf | head -n 1)
fonts=$(run pdffonts "$pdf")
echo "$fonts"
echo "$fonts" | grep -qiE "wqy|WenQuanYi" || { echo "the school sheet does not use the bundled font" >&2; exit 1; }
echo "$fonts" | awk 'NR>2 && $(NF-4)!="yes" {bad=1} END {exit bad}' \
  || { echo "a font of the school sheet is not embedded" >&2; exit 1; }
run pdftotext "$pdf" - | grep -q "护学" || { echo "the school sheet has no Chinese text" >&2; exit 1; }
run "$h" screenshot --db "$work/demo.db" -o "$work/shots" --lang zh_CN
shots=$(ls "$work"/shots/*.png | wc -l)
[ "$shots" -gt 0 ] || { echo "no screenshot was written" >&2; exit 1; }
mkdir -p /tmp/huxue-bundle-shots && cp "$work"/shots/*.png /tmp/huxue-bundle-shots/
echo "bundle check passed: $pdf, $shots screenshots (copies in /tmp/huxue-bundle-shots)"
