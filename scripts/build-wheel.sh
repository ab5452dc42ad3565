#!/usr/bin/env bash
# Build the Python wheel of policylint (the binary, packaged by maturin) into target/wheels, or
# into WHEEL_DIR. Arguments go to `maturin build` and default to --release; maturin must be on
# PATH (`pip install maturin`). Prints the path of the wheel.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v maturin > /dev/null; then
    echo "error: maturin is not installed; run \`pip install 'maturin>=1.7,<2'\`" >&2
    exit 2
fi
out=${WHEEL_DIR:-${CARGO_TARGET_DIR:-target}/wheels}
if [ $# -eq 0 ]; then
    set -- --release
fi
rm -f "$out"/policylint-*.whl
maturin build --locked --out "$out" "$@" >&2
ls "$out"/policylint-*.whl
