#!/usr/bin/env bash
# Installs what building the playground needs, and nothing twice:
# the wasm32 target, Trunk, the wasm-bindgen CLI that matches Cargo.lock,
# the npm packages from package-lock.json (esbuild, CodeMirror, Pyodide,
# binaryen's wasm-opt, playwright-core), the Python wheels the app ships
# beside Pyodide (pinned with their sha256 in pyodide-packages.json) and the
# crates for every target.
# With --test it also installs Debian's chromium and chromium-driver and the
# Python packages the differential tests compare against.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.22.1
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "Installing Trunk $TRUNK_VERSION (about 15 minutes, once per machine)"
  # Trunk's manifest asks for a newer rustc than this toolchain; it builds and runs fine.
  cargo install trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version
fi

bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
  say "Installing wasm-bindgen-cli $bindgen_version (to match Cargo.lock)"
  # Not --locked: the registry mirror lags upstream for some of its dependencies.
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund
fi

say "Fetching the pinned Python packages for Pyodide (once; their sha256 checked)"
node scripts/pyodide-packages.mjs

say "Compiling the standard library modules the playground imports (once per Pyodide)"
node scripts/pyodide-stdlib.mjs

say "Fetching crates"
cargo fetch --locked

if [ "${1:-}" = "--test" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "Installing Debian's chromium and chromium-driver"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
  scripts/setup-python-tests.sh
fi
