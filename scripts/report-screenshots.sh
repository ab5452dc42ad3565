#!/bin/sh
# Screenshots of the HTML report of fixtures/handbook, on a desktop (1400 px wide) and on a
# phone (400 px), for docs/ and the README. Needs Chromium (CHROMIUM=path, else `chromium`) and
# a built binary (POLICYLINT=path, else target/debug/policylint).
set -eu
cd "$(dirname "$0")/.."
chromium=${CHROMIUM:-chromium}
policylint=${POLICYLINT:-${CARGO_TARGET_DIR:-target}/debug/policylint}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$policylint" report fixtures/handbook -q -o "$work/coverage.html"
for size in 1400,2600 400,2600; do
    width=${size%,*}
    "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$work/profile" --window-size="$size" \
        --screenshot="docs/report-$width.png" "file://$work/coverage.html" 2>/dev/null
done
ls -l docs/report-1400.png docs/report-400.png
