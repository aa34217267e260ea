#!/usr/bin/env bash
# `make test`: every test, from a clean clone. Installs what is missing first.
#  1. cargo test: the crates, including the differential suites that compare
#     the labs' models with the machine's python3 and with mypy;
#  2. the same models against Pyodide (CPython 3.14) under node;
#  3. every lab's fuzz target, for a bounded time;
#  4. the browser tests: Debian's Chromium, driven by playwright-core,
#     against the built app.
# Formatting and clippy (warnings are errors) come first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh
source scripts/python-tests.env

echo "==> cargo fmt --check, cargo clippy" >&2
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "==> cargo test" >&2
cargo test --workspace --locked

echo "==> fuzzing every lab for a bounded time" >&2
# A fixed seed keeps CI repeatable; LAB_FUZZ_SEED picks another.
LAB_FUZZ_SEED="${LAB_FUZZ_SEED:-1}" scripts/fuzz.sh "${PLAYGROUND_FUZZ_SECONDS:-20}"

echo "==> building the app and the companion" >&2
scripts/build.sh

echo "==> browser tests" >&2
node --test --test-concurrency=1 tests/
