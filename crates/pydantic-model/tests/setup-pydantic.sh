#!/usr/bin/env bash
# Installs the pinned pydantic the pydantic differential suite compares against, with every
# wheel's hash checked (tests/requirements.txt). Idempotent. The venv is $PLAYGROUND_VENV, or
# target/py-venv at the repository root (made by crates/conformance/tests/setup-mypy.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
venv="${PLAYGROUND_VENV:-$root/target/py-venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if "$venv/bin/python" -c 'import pydantic, pydantic_core, sys; sys.exit(not (pydantic.VERSION == "2.14.4" and pydantic_core.__version__ == "2.50.5"))' 2>/dev/null; then
    echo "pydantic 2.14.4 already in $venv"
    exit 0
fi
"$venv/bin/python" -m pip install --quiet --require-hashes --only-binary=:all: -r "$here/requirements.txt"
"$venv/bin/python" -c 'import pydantic; print("pydantic", pydantic.VERSION)'
