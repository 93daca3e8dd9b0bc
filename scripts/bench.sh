#!/usr/bin/env bash
# Issue 6, speed: builds the release server and StdioBenchmark, starts this checkout's PostgreSQL
# and Redis, and runs the benchmark with the client and the server (the client's child) pinned to
# one CPU; Redis and PostgreSQL stay unpinned. Prints a Markdown table of figures, floors, ratios
# and targets.
#   scripts/bench.sh
# Environment: BENCH_CPUS (taskset CPU list, default 0; "all" = no pinning), BENCH_PIN_SERVICES=1
# (pin this checkout's redis-server and postmaster to the same CPUs for the run, then release
# them: every hop then stays on one CPU, no cross-CPU wake-ups), BENCH_CALLS (depth-1
# calls per figure, default 3000), BENCH_SPAWNS (default 20), VCON_CORPUS_DIR (default
# ../shared/vcon-corpus/fake-vcons). The benchmark uses its own schema and key prefix and drops both.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

scripts/services.sh start >&2
eval "$(scripts/services.sh env)"

swift build -c release --scratch-path .build-release --product vcon-mcp >&2
swift build -c release --scratch-path .build-release --product StdioBenchmark >&2
BIN=$(swift build -c release --scratch-path .build-release --show-bin-path)

CPUS=${BENCH_CPUS:-0}
pin=()
[ "$CPUS" = all ] || pin=(taskset -c "$CPUS")

if [ "${BENCH_PIN_SERVICES:-0}" = 1 ] && [ "$CPUS" != all ]; then
    redis_pid=$(cat "$ROOT/.services/redis/redis.pid")
    pg_data="$ROOT/.services/pg/data"   # as services.sh: /var/tmp when root cannot share the checkout
    [ -f "$pg_data/postmaster.pid" ] || pg_data="/var/tmp/vcon-mcp-services-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)/pg/data"
    pg_pid=$(head -n 1 "$pg_data/postmaster.pid")
    all=0-$(($(nproc) - 1))
    trap 'taskset -a -cp "$all" "$redis_pid" >/dev/null; taskset -a -cp "$all" "$pg_pid" >/dev/null' EXIT
    taskset -a -cp "$CPUS" "$redis_pid" >/dev/null
    taskset -a -cp "$CPUS" "$pg_pid" >/dev/null   # new backends inherit it
    echo "services pinned to CPU $CPUS for this run"
fi

echo "machine: $(nproc) CPUs, $(uname -r), $(swift --version 2>/dev/null | head -n 1)"
echo "pinning: ${pin[*]:-none} (client and server); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"${pin[@]}" "$BIN/StdioBenchmark" "$BIN/vcon-mcp"
