#!/usr/bin/env bash
# The backend benchmark (docs/BENCHMARKS.md "Backend"): starts `slotwise serve --demo` on loopback (its provider
# sandbox in-process, both on ports the OS picks), seeds 20 bench people, then measures with wrk:
#   availability  POST /v1/availability, bare query, 20 participants, 2 weeks, free/busy from the warm cache
#   booking       POST /v1/interviews, every request a different interviewer/slot (no conflicts), then the time the
#                 outbox takes until every interview is confirmed (GET /v1/interviews)
#   conflict      POST /v1/interviews of one slot again and again (1 × 201, then 409 slot_taken)
# and prints the figures next to the issue's targets (bench/backend/backend_bench.mjs report). Targets only print.
# The server's rate limits (limits.rate) are raised to 10,000,000 a minute: wrk sends one key's traffic far above a
# real client's rate, and the limiter's cost is still measured (it runs; it never refuses).
#
#   bench/backend/run_backend_bench.sh                  10 s per run (conflicts 5 s)
#   bench/backend/run_backend_bench.sh --smoke          2 s per run (1 s conflicts): for the test run
#   options: --duration S   --connections N (wrk -c, default 32)   --wrk-threads N (wrk -t, default 2)
#            --server-threads N (limits.threads, default: the server's own default)   --binary PATH (default
#            build/bin/slotwise)   --results FILE (JSON lines; default build/bench/backend[-smoke].jsonl; rewritten,
#            appended to with --no-report)
#            --no-report (the caller runs backend_bench.mjs report and its checks)   --keep (keep the server's folder and wrk's own output)
# Exit status: non-zero when wrk or the server binary is missing, the server does not start, the setup fails, or a
# run saw anything but its expected statuses (availability 200, booking 201, conflict 201/409), a socket error or a
# booking that did not end confirmed.
source "$(dirname "$0")/../../scripts/lib/common.sh"
cd "$ROOT"

smoke=0; duration=10; connections=32; wrk_threads=2; server_threads=""; binary="$BUILD_DIR/bin/slotwise"
results=""; report=1; keep=0; duration_set=0
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --duration) duration=$2; duration_set=1; shift ;;
    --connections) connections=$2; shift ;;
    --wrk-threads) wrk_threads=$2; shift ;;
    --server-threads) server_threads=$2; shift ;;
    --binary) binary=$2; shift ;;
    --results) results=$2; shift ;;
    --no-report) report=0 ;;
    --keep) keep=1 ;;
    *) die "unknown argument '$1' (--smoke, --duration S, --connections N, --wrk-threads N, --server-threads N, --binary PATH, --results FILE, --no-report, --keep)" ;;
  esac
  shift
done
if [ "$smoke" -eq 1 ] && [ "$duration_set" -eq 0 ]; then duration=2; fi
conflict_duration=$(( duration > 1 ? duration / 2 : 1 ))
[ -n "$results" ] || results="$BUILD_DIR/bench/backend$([ "$smoke" -eq 0 ] || echo -smoke).jsonl"

command -v wrk >/dev/null 2>&1 || die "wrk is missing: scripts/setup installs it (scripts/apt-packages.txt), or apt-get install wrk"
[ -x "$binary" ] || die "$binary is missing (scripts/build native, or --binary PATH)"
mkdir -p "$(dirname "$results")"
if [ "$report" -eq 1 ]; then : >"$results"; fi  # standalone: a fresh file; with --no-report the caller's file grows

work=$(mktemp -d "${TMPDIR:-/tmp}/slotwise-backend-bench.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true  # still running after 10 s
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$keep" -eq 1 ]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

server_args=(serve --demo --host 127.0.0.1 --port 0 --db "$work/slotwise.db")
if [ -n "$server_threads" ]; then
  printf '{"limits": {"threads": %d}}\n' "$server_threads" >"$work/config.json"
  server_args+=(--config "$work/config.json")
fi
log "starting ${binary#$ROOT/} ${server_args[*]}"
SLOTWISE_RATE_PER_KEY_PER_MINUTE=10000000 SLOTWISE_RATE_PER_TENANT_PER_MINUTE=10000000 \
  SLOTWISE_RATE_PER_ADDRESS_PER_MINUTE=10000000 "$binary" "${server_args[@]}" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  grep -q '^Provider sandbox at ' "$work/server.log" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; die "the server exited during start-up"; }
  sleep 0.1
done
base=$(sed -nE 's|^Slotwise is running at (http://127\.0\.0\.1:[0-9]+)/.*|\1|p' "$work/server.log" | head -n1)
sandbox=$(sed -nE 's|^Provider sandbox at (http://127\.0\.0\.1:[0-9]+/sandbox)/?.*|\1|p' "$work/server.log" | head -n1)
key=$(sed -nE 's|^Demo tenant "kumo" API key: (swk_[A-Za-z0-9_-]+).*|\1|p' "$work/server.log" | head -n1)
[ -n "$key" ] || key=$(cat "$work/demo-api-key" 2>/dev/null || true)
[ -n "$base" ] && [ -n "$sandbox" ] || { cat "$work/server.log" >&2; die "could not read the server's and the sandbox's URL"; }
[ -n "$key" ] || die "the server printed no demo API key: ${binary#$ROOT/} predates the demo tenant (scripts/build native)"
log "server $base, sandbox $sandbox"

log "seeding 20 bench people, checking and warming the availability query"
node bench/backend/backend_bench.mjs prepare --base "$base" --sandbox "$sandbox" --key "$key" --out "$work" >>"$results" ||
  die "the setup failed (server log: $work/server.log; run with --keep to keep it)"

# server_cpu_ticks: user + system CPU time the server process has used so far, in clock ticks (/proc/PID/stat).
server_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
clock_ticks=$(getconf CLK_TCK)

# run_wrk STEP SCRIPT PATH DURATION: one wrk run; its "SLOTWISE_BENCH {…}" line goes to $results, followed by the
# server's CPU time during the run (a figure that other load on the machine disturbs less than requests/s).
run_wrk() {
  local step=$1 script=$2 path=$3 seconds=$4 ticks_before ticks_after
  log "wrk $step: -t$wrk_threads -c$connections -d${seconds}s $path"
  ticks_before=$(server_cpu_ticks)
  SLOTWISE_BENCH_PARAMS="$work/params.lua" SLOTWISE_BENCH_LUA_DIR="$ROOT/bench/backend" SLOTWISE_BENCH_STEP="$step" \
    SLOTWISE_BENCH_THREADS="$wrk_threads" SLOTWISE_BENCH_CONNECTIONS="$connections" \
    wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "bench/backend/$script" "$base$path" \
    >"$work/wrk-$step.txt" 2>&1 || { cat "$work/wrk-$step.txt" >&2; die "wrk $step failed"; }
  grep -q '^SLOTWISE_BENCH ' "$work/wrk-$step.txt" || { cat "$work/wrk-$step.txt" >&2; die "wrk $step printed no result"; }
  ticks_after=$(server_cpu_ticks)
  sed -n 's/^SLOTWISE_BENCH //p' "$work/wrk-$step.txt" >>"$results"
  printf '{"section":"backend","step":"cpu","of":"%s","server_cpu_s":%s}\n' "$step" \
    "$(awk -v a="$ticks_before" -v b="$ticks_after" -v hz="$clock_ticks" 'BEGIN { printf "%.2f", (b - a) / hz }')" >>"$results"
}

run_wrk availability availability.lua /v1/availability "$duration"
run_wrk booking booking.lua /v1/interviews "$duration"
log "waiting for the outbox to confirm every booking"
node bench/backend/backend_bench.mjs drain --base "$base" --key "$key" --out "$work" --timeout $(( smoke ? 60 : 300 )) \
  >>"$results" || die "polling the outbox failed"
run_wrk conflict conflict.lua /v1/interviews "$conflict_duration"

if [ "$report" -eq 1 ]; then
  node bench/backend/backend_bench.mjs report "$results" $([ "$smoke" -eq 0 ] || echo --smoke)
fi
