# Sourced by the scripts: puts npm's tools (binaryen's wasm-opt, esbuild) and
# cargo's on PATH, ahead of Debian's older wasm-opt.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
