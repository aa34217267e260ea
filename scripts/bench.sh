#!/usr/bin/env bash
# `make bench`: builds, then prints first-load size and load/lab timings.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
scripts/build.sh
node bench/bench.mjs
