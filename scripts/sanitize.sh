#!/usr/bin/env bash
# The whole test suite under ThreadSanitizer and AddressSanitizer, run as scripts/test.sh runs it
# (same services, Python client and samples, same three phases): the suites whose names contain
# "Fault" first, alone, then the services brought back up, then the in-process suites, then the
# end-to-end suites (VConMCPTests) in a process of their own. Each sanitizer builds in its own scratch
# path (.build-tsan, .build-asan), so neither disturbs the normal build.
#   scripts/sanitize.sh                      both sanitizers, the whole suite
#   scripts/sanitize.sh thread               one sanitizer, the whole suite
#   scripts/sanitize.sh address MCPProtocolTests StorageTests
#                                            one sanitizer, only the tests matching the filters
#                                            (the Fault suites only when a filter names them)
# Logs: <scratch>/sanitize-fault.log, sanitize.log, sanitize-e2e.log; every sanitizer report, from the
# test process or a server it spawned, lands in <scratch>/reports/. The run fails on any test
# failure and on any report.
#
# Tests run one at a time (--no-parallel): on 2 cores a parallel run under a sanitizer starves.
# Swift Testing runs every test on Swift's cooperative pool (2 threads here); end-to-end tests block
# a pool thread while they wait for a child process, and in-process suites whose work is itself
# slowed 5-15x keep the pool busy: other tests' timers and continuations stop running, and connect
# timeouts and time limits fire. One at a time, TSan takes ~7 minutes for the whole suite.
#
# VCON_TEST_SLOW (default 10 here) stretches what only bounds a wait in the tests (connect and
# command timeouts, deadlines for an answer, the suites' time limits; see Tests/TestSupport/TestTiming.swift).
#
# Known TSan false positive: Synchronization.Mutex takes its contended slow path (futex) in the
# uninstrumented stdlib, so TSan misses the acquire and reports a "Swift access race" between two
# closures that both ran inside withLock (a 20-line program with four threads on one Mutex shows
# it). withLock's body is a non-escaping closure with a `sending` result; such closures mangle as
# `…YTXE…` (`…zYuYTXE…` when the state is not Sendable, `…z…YTXE…` when it is: then its `inout`
# carries no `sending`): their reports are suppressed. State inside a Mutex cannot be reached
# outside withLock, so no real race on it is hidden; a closure that also touches unprotected state
# could be (read the log). Nothing else in the sources takes a closure of that shape.
# ASan: the servers the tests spawn run with leak detection (VCON_TEST_SERVER_ASAN_OPTIONS, see
# Tests/VConMCPTests/Hostile/SanitizerOptions.swift); the test process runs with detect_leaks=0,
# because LeakSanitizer reports there only what Foundation's Process keeps in a reference cycle on
# Linux (every test that spawns a child), one Data(contentsOf:) buffer and XCTest's own suite objects.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
which="${1:-all}"; shift || true
filters=("$@")
case "$which" in
  all) sanitizers=(thread address) ;;
  thread|address) sanitizers=("$which") ;;
  *) echo "usage: $0 [all|thread|address] [filter...]" >&2; exit 2 ;;
esac

source scripts/test-env.sh
export VCON_TEST_SLOW="${VCON_TEST_SLOW:-10}"

# One `swift test` phase; its summary lines and report count go to stderr. Returns non-zero on a
# failed test or a report.
run_phase() {
  local name=$1 log=$2; shift 2
  local started=$SECONDS
  echo "== $name: swift test $* (log $log)" >&2
  swift test --skip-build --scratch-path "$scratch" --sanitize="$s" --no-parallel "$@" 2>&1 \
    | grep -v "prohibited flag" > "$log"
  local rc=${PIPESTATUS[0]}
  grep -E "^(✔|✘|━) Test run|^(✘|━) Test .*(failed|issue)" "$log" | tail -20 >&2
  echo "== $name: exit $rc, $((SECONDS - started)) s" >&2
  if grep -qE "Test run with .* failed" "$log"; then return 1; fi
  [ "$rc" -eq 0 ] && return 0
  # TSan exits 66 after a report even when every test passed: the reports are counted apart.
  [ "$s" = thread ] && [ "$rc" -eq 66 ] && grep -qE "Test run with .* passed" "$log" && return 0
  return 1
}

status=0
for s in "${sanitizers[@]}"; do
  started=$SECONDS
  scratch=".build-${s:0:1}san"   # .build-tsan / .build-asan
  reports="$ROOT/$scratch/reports"
  mkdir -p "$scratch"; rm -rf "$reports" "$scratch"/sanitize*.log; mkdir -p "$reports"
  printf 'race:*YTXE*\n' > "$scratch/tsan-suppressions.txt"
  # Report every finding (not only the first) but fail the run on any; log_path sends the reports
  # of the servers the tests spawn (they inherit these options) to files too.
  export TSAN_OPTIONS="halt_on_error=0 second_deadlock_stack=1 print_suppressions=1 suppressions=$ROOT/$scratch/tsan-suppressions.txt log_path=$reports/tsan"
  export ASAN_OPTIONS="detect_leaks=0 halt_on_error=1 log_path=$reports/asan"
  export VCON_TEST_SERVER_ASAN_OPTIONS="detect_leaks=1 halt_on_error=1 log_path=$reports/asan"

  echo "== --sanitize=$s: building (scratch $scratch, log $scratch/build.log)" >&2
  if ! swift build --build-tests --scratch-path "$scratch" --sanitize="$s" > "$scratch/build.log" 2>&1; then
    tail -30 "$scratch/build.log" >&2
    echo "== --sanitize=$s: build failed" >&2
    status=1; continue
  fi

  failed=0
  if [ ${#filters[@]} -eq 0 ]; then
    # As scripts/test.sh: the Fault suites stop and restart the shared servers, so first and alone;
    # then the in-process suites, then the end-to-end ones (VConMCPTests) in a process of their own.
    run_phase "$s, Fault suites" "$scratch/sanitize-fault.log" --filter Fault || failed=1
    scripts/services.sh start || failed=1
    run_phase "$s, in-process suites" "$scratch/sanitize.log" --skip Fault --skip VConMCPTests || failed=1
    run_phase "$s, end-to-end suites" "$scratch/sanitize-e2e.log" --skip Fault --filter VConMCPTests || failed=1
  else
    args=()
    for f in "${filters[@]}"; do args+=(--filter "$f"); done
    case " ${filters[*]} " in *Fault*) ;; *) args+=(--skip Fault) ;; esac
    run_phase "$s, ${filters[*]}" "$scratch/sanitize.log" "${args[@]}" || failed=1
  fi

  findings=$(cat "$scratch"/sanitize*.log "$reports"/* 2>/dev/null \
    | grep -cE "WARNING: ThreadSanitizer|ERROR: (Address|Leak)Sanitizer" || true)
  suppressed=$(cat "$scratch"/sanitize*.log "$reports"/* 2>/dev/null \
    | grep -E "^ThreadSanitizer: Matched [0-9]+ suppressions" | awk '{ n += $3 } END { print n + 0 }')
  if [ "$findings" -ne 0 ]; then
    echo "== reports (in $scratch/sanitize*.log and $reports/):" >&2
    grep -hE "^SUMMARY: " "$scratch"/sanitize*.log "$reports"/* 2>/dev/null | sort | uniq -c >&2
  fi
  note=""; [ "$s" = thread ] && note=" (and $suppressed suppressed: the Mutex false positive)"
  echo "== --sanitize=$s: $([ $failed -eq 0 ] && echo "tests passed" || echo "TESTS FAILED"), $findings sanitizer reports$note," \
       "$((SECONDS - started)) s with the build, VCON_TEST_SLOW=$VCON_TEST_SLOW" >&2
  if [ "$failed" -ne 0 ] || [ "$findings" -ne 0 ]; then status=1; fi
done
exit $status
