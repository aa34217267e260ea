#!/usr/bin/env bash
# Fuzzes every lab model through the lab contract (crates/lab-fuzz) for a bounded time:
#   scripts/fuzz.sh [SECONDS_PER_LAB]     (default 20, the CI budget)
# Fails on a panic, a hang, or a prediction over 50 ms on an input up to 20 KB; the
# reproducers are in target/fuzz-findings/. Set LAB_FUZZ_SEED to replay a run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
cargo build -p lab-fuzz --profile fuzz --locked
seed_args=()
if [[ -n "${LAB_FUZZ_SEED:-}" ]]; then
    seed_args=(--seed "$LAB_FUZZ_SEED")
fi
exec "${CARGO_TARGET_DIR:-target}/fuzz/lab-fuzz" --lab "${LAB_FUZZ_LAB:-all}" --seconds "$seconds" "${seed_args[@]}"
