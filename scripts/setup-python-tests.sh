#!/usr/bin/env bash
# Installs the Python packages the differential tests compare against (mypy, pydantic)
# into target/py-venv, once.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/python-tests.env
crates/conformance/tests/setup-mypy.sh
crates/pydantic-model/tests/setup-pydantic.sh
