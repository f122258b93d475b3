#!/usr/bin/env bash
# Server CPU time per request, for before/after comparisons on a busy machine: wall-clock
# throughput moves with whatever else runs, but the CPU time the server spends per answered
# request barely does. For each binary given, in turn and for ROUNDS rounds (interleaved, so
# drifting load hits both alike): start it on a copy of DB, warm up, then for each endpoint
# run wrk for DURATION and read the server's utime+stime from /proc before and after.
# Prints µs of server CPU per request (median over rounds) and p50/p99, and with PERF=1 writes
# a `perf record -g` profile of each binary's detail run next to the results.
#
# Usage:  scripts/bench-cpu.sh BIN [BIN2 ...]
# Env:    DB=path        a loaded newsstore database (required; e.g. one bench-growth.sh loaded:
#                        $BENCH_WORK/size-20000/loaded/*/news.sqlite); copied, never changed
#         DATA=dir       the harness's data folder for that database (slugs.txt, categories.txt,
#                        random_slug.lua, random_category.lua); default: beside the loaded one
#         ENDPOINTS ("detail list")  CONNS (64) THREADS (2) DURATION (10s) WARMUP (3s) ROUNDS (3)
#         SERVE_ARGS     more `serve` arguments for every binary, e.g. "--related-count 0"
#         PORT (18120)   PERF (0)
#         OUT            results dir (default /tmp/newsstore-bench-cpu/<timestamp>)
#
# Loopback only; servers are stopped by PID; every wait has a bound.
set -euo pipefail

cd "$(dirname "$0")/.."
HOST=127.0.0.1
PORT=${PORT:-18120}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
ROUNDS=${ROUNDS:-3}
ENDPOINTS=${ENDPOINTS:-"detail list"}
PERF=${PERF:-0}
OUT=${OUT:-/tmp/newsstore-bench-cpu/$(date +%Y%m%d-%H%M%S)}
read -r -a SERVE_ARGS <<< "${SERVE_ARGS:-}"

. scripts/bench-common.sh
require_loopback
[ $# -ge 1 ] || { log "usage: scripts/bench-cpu.sh BIN [BIN2 ...]"; exit 2; }
[ -f "${DB:-}" ] || { log "DB=path to a loaded newsstore database is required"; exit 2; }
DATA=${DATA:-$(cd "$(dirname "$DB")/../../data" && pwd)}
[ -f "$DATA/random_slug.lua" ] || { log "no harness data in $DATA (set DATA=)"; exit 2; }
require_wrk

mkdir -p "$OUT"
RUNDIR=$(mktemp -d /tmp/newsstore-bench-cpu.XXXXXX)
trap_cleanup
hz=$(getconf CLK_TCK)
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
script_of() { case $1 in detail) echo "$DATA/random_slug.lua $DATA/slugs.txt" ;; list) echo "$DATA/random_category.lua $DATA/categories.txt" ;; esac; }

RAW=$OUT/raw.tsv
printf 'round\tbinary\tendpoint\trequests\tcpu_us_per_req\tp50_ms\tp99_ms\trss_mb\n' >"$RAW"
for round in $(seq "$ROUNDS"); do
  i=0
  for bin in "$@"; do
    i=$((i + 1))
    BIN=$bin
    cp "$DB" "$RUNDIR/news.sqlite"
    start_newsstore "$PORT" "$RUNDIR/news.sqlite" "$OUT/server-$i.log" ${SERVE_ARGS[@]+"${SERVE_ARGS[@]}"}
    for ep in $ENDPOINTS; do
      read -r lua list <<<"$(script_of "$ep")"
      wrk -t "$THREADS" -c "$CONNS" -d "$WARMUP" -s "$lua" "http://$HOST:$PORT" -- "$list" >/dev/null 2>&1
      t0=$(ticks "$NS_PID")
      PERF_PID=
      if [ "$PERF" = 1 ] && [ "$round" = 1 ] && [ "$ep" = detail ]; then
        perf record -F 499 -g -o "$OUT/perf-$i-$ep.data" -p "$NS_PID" -- sleep 5 >/dev/null 2>&1 &
        PERF_PID=$!
      fi
      wrk --latency -t "$THREADS" -c "$CONNS" -d "$DURATION" -s "$lua" "http://$HOST:$PORT" -- "$list" >"$OUT/wrk-$round-$i-$ep.txt" 2>&1
      t1=$(ticks "$NS_PID")
      if [ -n "$PERF_PID" ]; then wait "$PERF_PID" || true; fi
      requests=$(awk '/requests in/ { print $1 }' "$OUT/wrk-$round-$i-$ep.txt")
      read -r _ p50 p99 _ < <(parse_wrk "$OUT/wrk-$round-$i-$ep.txt")
      rss=$(awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$NS_PID/status")
      us=$(awk -v t=$((t1 - t0)) -v hz="$hz" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$bin" "$ep" "$requests" "$us" "$p50" "$p99" "$rss" >>"$RAW"
      log "round $round $(basename "$(dirname "$bin")")/$(basename "$bin") $ep: $us µs CPU/request, p99 $p99 ms, RSS $rss MB"
    done
    stop_pid "$NS_PID" newsstore; NS_PID=
  done
done

python3 - "$RAW" <<'PY' | tee "$OUT/table.md"
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("| binary | endpoint | CPU µs/request (median) | per round | p50 ms | p99 ms | RSS MB |")
print("|---|---|---:|---|---:|---:|---:|")
keys = []
for r in rows:
    if (r["binary"], r["endpoint"]) not in keys:
        keys.append((r["binary"], r["endpoint"]))
for b, ep in keys:
    rs = [r for r in rows if r["binary"] == b and r["endpoint"] == ep]
    med = lambda k: statistics.median(float(r[k]) for r in rs)
    print("| %s | %s | %.1f | %s | %.2f | %.2f | %.1f |" % (b, ep, med("cpu_us_per_req"), ", ".join(r["cpu_us_per_req"] for r in rs),
                                                     med("p50_ms"), med("p99_ms"), max(float(r["rss_mb"]) for r in rs)))
PY
log "results: $OUT"
