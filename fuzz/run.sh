#!/usr/bin/env bash
# Fuzz one target for a while: fuzz/run.sh document|pack|output|office SECONDS [libFuzzer flags...]
#
# Seeds fuzz/corpus/TARGET from the fixtures (and rule packs) and from fuzz/seeds/TARGET (inputs
# that once made a run slow or large), then runs the target with
# cargo-fuzz on the stable toolchain (RUSTC_BOOTSTRAP=1 accepts its nightly-only flags) under
# AddressSanitizer. Crashes land in fuzz/artifacts/TARGET; the last line says how many
# executions ran.
set -euo pipefail

usage="usage: fuzz/run.sh document|pack|output|office SECONDS [libFuzzer flags...]"
target=${1:?$usage}
seconds=${2:?$usage}
shift 2
fuzz=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz")
corpus=$fuzz/corpus/$target
mkdir -p "$corpus"

# A document seed is the index of its format (as in fuzz_targets/common) and the file.
seed_document() {
    local index=$1 file=$2 name
    name=$(echo "$file" | tr '/' '_')
    { printf "\\x$(printf %02x "$index")"; cat "$file"; } >"$corpus/$name"
}

seed_documents() {
    local index ext file
    for ext in md txt html rst adoc; do
        case $ext in md) index=0 ;; txt) index=1 ;; html) index=2 ;; rst) index=3 ;; adoc) index=4 ;; esac
        find "$root/fixtures" -name "*.$ext" -type f | sort | while read -r file; do
            seed_document "$index" "${file#"$root"/}"
        done
    done
    # Word and OpenDocument seeds are zipped from their parts, mimetype first.
    if command -v zip >/dev/null; then
        local scratch parts
        scratch=$(mktemp -d)
        for parts in "$root"/fixtures/formats/parts/*.docx "$root"/fixtures/formats/parts/*.odt; do
            (cd "$parts" && zip -q -X -0 "$scratch/$(basename "$parts")" mimetype 2>/dev/null || true
             cd "$parts" && zip -q -X -r "$scratch/$(basename "$parts")" . -x mimetype)
        done
        (cd "$scratch" && for file in *.docx; do seed_document 5 "$file"; done
         for file in *.odt; do seed_document 6 "$file"; done)
        rm -rf "$scratch"
    fi
}

cd "$root"
case $target in
    document | output) seed_documents ;;
    pack)
        find crates/core/rules fixtures -name '*.toml' -type f | sort | while read -r file; do
            cp "$file" "$corpus/$(echo "$file" | tr '/' '_')"
        done
        ;;
    office) ;;
    *) echo "unknown target $target: document, pack, output or office" >&2; exit 2 ;;
esac
if [ -d "$fuzz/seeds/$target" ]; then
    cp "$fuzz/seeds/$target"/* "$corpus/"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
cd "$fuzz"
# -rss_limit_mb and -timeout are libFuzzer's defaults made explicit: a lint that needs 2 GB
# or 10 s on an input of at most 64 KiB is a bug to fix, not to wait for.
status=0
RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
    -print_final_stats=1 "$@" 2>&1 | tee "$log" || status=$?
runs=$(grep -Eo '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
echo "run.sh: $target ran $runs executions in at most $seconds s (exit status $status)"
exit "$status"
