# Sourced by scripts/test.sh and scripts/sanitize.sh (from the checkout's root): starts this
# checkout's PostgreSQL and Redis and exports what the tests read, so both run the same suite.
scripts/services.sh start || exit 1
eval "$(scripts/services.sh env)"

# The official Python MCP client, in a venv of the checkout (ignored by git).
VENV="$PWD/.venv-test"
if ! "$VENV/bin/python" -c 'import mcp' >/dev/null 2>&1; then
    python3 -m venv "$VENV" >&2 || { apt-get install -y -qq python3-venv >&2 && python3 -m venv "$VENV" >&2; } || exit 1
    "$VENV/bin/pip" install -q --disable-pip-version-check mcp==2.3.0 >&2 || exit 1
fi
export VCON_TEST_PYTHON="$VENV/bin/python"
export VCON_SAMPLES_DIR="${VCON_SAMPLES_DIR:-$PWD/../shared/vcon-samples}"
export VCON_CORPUS_DIR="${VCON_CORPUS_DIR:-$PWD/../shared/vcon-corpus/fake-vcons}"
