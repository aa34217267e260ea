#!/usr/bin/env bash
# Installs the pinned mypy the conformance differential test uses as the truth for `static`.
# Idempotent. The venv is $PLAYGROUND_VENV, or target/py-venv at the repository root.
set -euo pipefail
MYPY_VERSION=2.4.1
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
venv="${PLAYGROUND_VENV:-$root/target/py-venv}"
if [ -x "$venv/bin/mypy" ] && [ "$("$venv/bin/mypy" --version | cut -d' ' -f2)" = "$MYPY_VERSION" ]; then
    echo "mypy $MYPY_VERSION already in $venv"
    exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet "mypy==$MYPY_VERSION"
"$venv/bin/mypy" --version
