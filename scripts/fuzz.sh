#!/usr/bin/env bash
# Builds the libFuzzer targets (FuzzVCon, FuzzJSONRPC) and runs each for a bounded time.
#   scripts/fuzz.sh [seconds-per-target] [target...]     (default 60 s, both targets)
# Seeds: $VCON_SAMPLES_DIR (default ../shared/vcon-samples) and Fuzz/Seeds/<target>.
# Crashes land in Fuzz/Crashes/<target>/ (commit them; each becomes a regression test).
# The working corpus stays in .build-fuzz/corpus (not committed).
# Replay a crash with the normal debug build: swift build --product FuzzVCon && .build/debug/FuzzVCon <file>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(FuzzVCon FuzzJSONRPC)
scratch=.build-fuzz
samples="${VCON_SAMPLES_DIR:-../shared/vcon-samples}"
mkdir -p "$scratch"
# SwiftPM links executables with --defsym main=<Module>_main; gold then fails on libFuzzer's main
# (an internal error), lld does not: a toolset selects lld.
toolset="$scratch/lld-toolset.json"
lld="$(dirname "$(command -v swift)")/ld.lld"
[ -x "$lld" ] || lld="$(command -v ld.lld || true)"
[ -x "$lld" ] || { echo "fuzz.sh needs ld.lld (the Swift toolchain's, or: apt-get install -y lld)" >&2; exit 1; }
printf '{"schemaVersion": "1.0", "linker": {"path": "%s"}}\n' "$lld" > "$toolset"

status=0
for target in "${targets[@]}"; do
  echo "== $target: building (release, -sanitize=fuzzer, -DFUZZING)" >&2
  swift build -c release --scratch-path "$scratch" --toolset "$toolset" \
    -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING --product "$target" 2>&1 | grep -v "prohibited flag" >&2
  binary="$scratch/release/$target"
  corpus="$scratch/corpus/$target"; crashes="Fuzz/Crashes/$target"
  mkdir -p "$corpus" "$crashes"
  seeds=()
  [ -d "Fuzz/Seeds/$target" ] && seeds+=("Fuzz/Seeds/$target")
  case "$target" in
    FuzzVCon)
      if [ -d "$samples" ]; then seeds+=("$samples"); else echo "warning: no samples at $samples" >&2; fi
      maxlen=16384 ;;
    *) maxlen=4096 ;;
  esac
  dict=(); [ -f "Fuzz/$target.dict" ] && dict=(-dict="Fuzz/$target.dict")
  echo "== $target: fuzzing for ${seconds}s" >&2
  if ! "$binary" "${dict[@]}" -max_total_time="$seconds" -max_len="$maxlen" -timeout=20 -rss_limit_mb=3072 \
       -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" "${seeds[@]}" 2> "$scratch/$target.log"; then
    echo "!! $target found a crash: see $crashes/ and $scratch/$target.log" >&2
    status=1
  fi
  grep -E "^(stat::number_of_executed_units|stat::average_exec_per_sec|Done )" "$scratch/$target.log" >&2 || true
done
exit $status
