#!/usr/bin/env bash
# The whole test suite, against a real PostgreSQL and a real Redis started for this checkout.
# Installs what is missing (as root), builds, and runs: unit tests, storage tests, end-to-end
# tests through the built binary, and the official Python MCP client (mcp==2.3.0).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

scripts/services.sh start
eval "$(scripts/services.sh env)"

# The official Python MCP client, in a venv of the checkout (ignored by git).
VENV="$ROOT/.venv-test"
if ! "$VENV/bin/python" -c 'import mcp' >/dev/null 2>&1; then
    python3 -m venv "$VENV" >&2 || { apt-get install -y -qq python3-venv >&2 && python3 -m venv "$VENV" >&2; }
    "$VENV/bin/pip" install -q --disable-pip-version-check mcp==2.3.0 >&2
fi
export VCON_TEST_PYTHON="$VENV/bin/python"
export VCON_SAMPLES_DIR="${VCON_SAMPLES_DIR:-$ROOT/../shared/vcon-samples}"
export VCON_CORPUS_DIR="${VCON_CORPUS_DIR:-$ROOT/../shared/vcon-corpus/fake-vcons}"

swift build --build-tests
# Suites whose names contain "Fault" stop and restart the shared servers: run them first, alone and
# one at a time, then everything else in parallel, in two processes (below).
swift test --skip-build --filter Fault --no-parallel
scripts/services.sh start
# The end-to-end suites (VConMCPTests) wait on child processes synchronously, each wait holding one
# thread of Swift's cooperative pool (two on a 2-core machine) for seconds. In one process with the
# in-process suites, whose timers and tasks need that pool, a loaded machine made those time out;
# so they run in a process of their own, after the rest.
swift test --skip-build --skip Fault --skip VConMCPTests
swift test --skip-build --skip Fault --filter VConMCPTests
