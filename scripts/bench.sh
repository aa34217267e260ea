#!/usr/bin/env bash
# `make bench`: builds, then prints first-load size, what makes the wasm big, and load/lab
# timings. twiggy (the wasm size profiler) is installed on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh
command -v twiggy >/dev/null || cargo install twiggy --locked
scripts/build.sh
node bench/bench.mjs "$@"
