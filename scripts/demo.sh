#!/usr/bin/env bash
# The server's main job, end to end: installs and starts PostgreSQL and Redis if needed, builds
# vcon-mcp, and runs a scripted MCP session through the real binary over stdio, narrating each step.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

scripts/services.sh start
eval "$(scripts/services.sh env)"
swift build --product vcon-mcp >&2
export VCON_SAMPLES_DIR="${VCON_SAMPLES_DIR:-$ROOT/../shared/vcon-samples}"
# A schema and key prefix of the demo's own, so it never mixes with test data.
export VCON_PG_SCHEMA="${VCON_PG_SCHEMA:-vcon_demo}"
export VCON_REDIS_PREFIX="${VCON_REDIS_PREFIX:-vcon-mcp-demo:}"
# Start from a clean slate every run, so the session reads the same each time.
psql "$DATABASE_URL" -qc "DROP SCHEMA IF EXISTS \"$VCON_PG_SCHEMA\" CASCADE" >&2 2>/dev/null
redis-cli -u "$REDIS_URL" --no-auth-warning --scan --pattern "$VCON_REDIS_PREFIX*" \
    | xargs -r redis-cli -u "$REDIS_URL" --no-auth-warning del >/dev/null
exec python3 scripts/demo_session.py --binary "$(swift build --show-bin-path)/vcon-mcp"
