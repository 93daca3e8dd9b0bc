#!/usr/bin/env bash
# Compares server binaries in StdioBenchmark's profile mode, alternating them (rounds of one run
# each), so that a busy machine hurts them alike. Prints p50, calls/s, and the server's context
# switches and CPU time per call (from /proc).
#   scripts/bench-ab.sh <hit|miss|ping> <depth> <calls> <binary>...
# Example, before and after a change:
#   git worktree add /tmp/before <commit> && (cd /tmp/before && swift build -c release --product vcon-mcp)
#   scripts/bench-ab.sh hit 1 10000 /tmp/before/.build/release/vcon-mcp .build-release/release/vcon-mcp
# Environment: BENCH_ROUNDS (default 3), BENCH_CPUS (default 0), VCON_CORPUS_DIR.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
[ $# -ge 4 ] || { sed -n 2,9p "$0" >&2; exit 2; }
mode=$1 depth=$2 calls=$3; shift 3

scripts/services.sh start >&2
eval "$(scripts/services.sh env)"
swift build -c release --scratch-path .build-release --product StdioBenchmark >&2
BENCH=$(swift build -c release --scratch-path .build-release --show-bin-path)/StdioBenchmark

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $mode, depth $depth, $calls calls, CPU ${BENCH_CPUS:-0}"
for round in $(seq "${BENCH_ROUNDS:-3}"); do
    for binary in "$@"; do
        printf '%-40s ' "$binary"
        BENCH_PROFILE=$mode BENCH_DEPTH=$depth BENCH_CALLS=$calls taskset -c "${BENCH_CPUS:-0}" "$BENCH" "$binary" | tail -n 1
    done
done
