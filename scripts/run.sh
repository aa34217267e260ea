#!/usr/bin/env bash
# `make run`: installs what is missing, builds, and serves the playground on
# 127.0.0.1 with the companion, which also runs fork/freeze experiments.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec target/release/playground serve --dist dist --port "${PORT:-8080}"
