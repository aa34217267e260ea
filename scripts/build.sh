#!/usr/bin/env bash
# Builds the web app into dist/ and the companion binary into target/release/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release
cargo build --release --locked -p playground
