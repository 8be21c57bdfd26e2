# Fuzzing helpers shared by scripts/fuzz (long runs) and scripts/test (the smoke phase); docs/FUZZING.md. Source after
# common.sh. Defines no side effects beyond variables and functions.
#   fuzz_build                      configures (once) and builds build/fuzz (preset fuzz, target slotwise_fuzz)
#   fuzz_targets                    the target names: one per folder of tests/fuzz/corpus/
#   fuzz_run TARGET SECONDS WORK    runs build/fuzz/bin/fuzz_TARGET for SECONDS on WORK (new inputs go there) and the
#                                   repository corpus; prints one table row; non-zero on a crash, sanitizer report,
#                                   leak or timeout, after printing the reproducer's path
#   fuzz_merge TARGET WORK          adds the inputs of WORK that reach new coverage to tests/fuzz/corpus/TARGET
#   fuzz_smoke [SECONDS]            builds, then every target for SECONDS (default 10) on its corpus; sets
#                                   FUZZ_PASSED / FUZZ_FAILED (targets); non-zero when any target failed
FUZZ_BUILD_DIR="$BUILD_DIR/fuzz"
FUZZ_CORPUS_DIR="$ROOT/tests/fuzz/corpus"
FUZZ_ARTIFACT_DIR="$ROOT/test-artifacts/fuzz"

fuzz_build() {
  local start=$SECONDS
  if [ ! -f "$FUZZ_BUILD_DIR/build.ninja" ]; then
    mkdir -p "$FUZZ_ARTIFACT_DIR"
    cmake --preset fuzz >"$FUZZ_ARTIFACT_DIR/configure.log" 2>&1 || { cat "$FUZZ_ARTIFACT_DIR/configure.log"; return 1; }
  fi
  cmake --build --preset fuzz -j "$JOBS" || return 1
  log "fuzz build: $((SECONDS - start)) s"
}

fuzz_targets() {
  local dir
  for dir in "$FUZZ_CORPUS_DIR"/*/; do basename "$dir"; done
}

# The libFuzzer dictionary of a target (its input's tokens), if it has one.
fuzz_dictionary() {
  case "$1" in
    icalendar_read) echo "-dict=$ROOT/tests/fuzz/icalendar.dict" ;;
    tzif | request_framing) ;;
    *) echo "-dict=$ROOT/tests/fuzz/json.dict" ;;
  esac
}

fuzz_table_header() {
  printf '  %-17s %10s %8s %6s %7s  %s\n' target runs exec/s cpu-s corpus result
}

fuzz_run() {
  local target=$1 seconds=$2 work=$3
  local binary="$FUZZ_BUILD_DIR/bin/fuzz_$target" out="$FUZZ_ARTIFACT_DIR/$target.log"
  [ -x "$binary" ] || { echo "  $target: no binary $binary (run fuzz_build)"; return 1; }
  mkdir -p "$FUZZ_ARTIFACT_DIR" "$work"
  local rc=0 cpu timing="$FUZZ_ARTIFACT_DIR/$target.time" TIMEFORMAT='%U %S'
  # -timeout: one input taking 10 s is a finding (a request must never hang a worker); leaks are checked after each
  # input that allocated more than it freed (-detect_leaks, libFuzzer's default under ASan).
  local symbolizer=/usr/lib/llvm-14/bin/llvm-symbolizer  # readable stacks in sanitizer reports (package llvm-14)
  [ -x "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH="$symbolizer"
  { time nice -n "${SLOTWISE_FUZZ_NICE:-0}" "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$FUZZ_ARTIFACT_DIR/$target-" $(fuzz_dictionary "$target") \
      "$work" "$FUZZ_CORPUS_DIR/$target" >"$out" 2>&1; } 2>"$timing" || rc=$?
  cpu=$(cat "$timing")
  local runs speed corpus result=ok
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$out" | tail -n1)
  speed=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$out" | tail -n1)
  corpus=$(grep -oE 'corp: [0-9]+' "$out" | tail -n1 | awk '{print $2}')
  cpu=$(awk '{printf "%d", $1 + $2}' <<<"$cpu")
  if [ "$rc" -ne 0 ]; then
    local reproducer
    reproducer=$(sed -nE 's/.*Test unit written to (.*)$/\1/p' "$out" | tail -n1)
    result="FAILED (exit $rc): $(grep -m1 -E 'ERROR: |fuzz property failed|ALARM|out-of-memory' "$out" | cut -c1-120)"
    result+=" — reproducer ${reproducer:-none}, log $out"
  fi
  printf '  %-17s %10s %8s %6s %7s  %s\n' "$target" "${runs:-?}" "${speed:-?}" "$cpu" "${corpus:-?}" "$result"
  return "$rc"
}

fuzz_merge() {
  local target=$1 work=$2 before after
  before=$(find "$FUZZ_CORPUS_DIR/$target" -type f | wc -l)
  "$FUZZ_BUILD_DIR/bin/fuzz_$target" -merge=1 "$FUZZ_CORPUS_DIR/$target" "$work" >"$FUZZ_ARTIFACT_DIR/$target.merge.log" 2>&1 ||
    { echo "  $target: merge failed (log $FUZZ_ARTIFACT_DIR/$target.merge.log)"; return 1; }
  after=$(find "$FUZZ_CORPUS_DIR/$target" -type f | wc -l)
  echo "  $target: merged $((after - before)) new inputs into tests/fuzz/corpus/$target ($after files)"
}

fuzz_smoke() {
  local seconds=${1:-10} target work rc=0
  FUZZ_PASSED=0; FUZZ_FAILED=0
  log "fuzz smoke run: build (incremental)"
  fuzz_build || { FUZZ_FAILED=1; return 1; }
  log "fuzz smoke run: every target ${seconds} s on its corpus (tests/fuzz/corpus)"
  fuzz_table_header
  local start=$SECONDS
  for target in $(fuzz_targets); do
    work=$(mktemp -d)
    if fuzz_run "$target" "$seconds" "$work"; then
      FUZZ_PASSED=$((FUZZ_PASSED + 1))
    else
      FUZZ_FAILED=$((FUZZ_FAILED + 1)); rc=1
    fi
    rm -rf "$work"
  done
  log "fuzz smoke run: $FUZZ_PASSED targets clean, $FUZZ_FAILED failed, $((SECONDS - start)) s"
  return "$rc"
}
