#!/usr/bin/env bash
# View counting benchmark, with wrk on loopback:
#   1. POST /api/v1/articles/{id}/views alone: random articles, and a random client address
#      per request in X-Forwarded-For (as a local proxy forwards many readers), so the
#      per-client limit and the de-duplication see realistic keys rather than one client;
#   2. GET /api/v1/articles/{id} (random articles) alone;
#   3. the same GETs while a steady views load (VIEW_RATE a second) runs beside them.
# The server flushes views every second as in production; at the end the counted views are
# summed from the popular listing as a check that they reached the database.
#
# Usage:  scripts/bench-views.sh
# Env:    NEWSSTORE_BIN=path   use this binary, skip the build
#         SCRATCH_PATH=dir     pass --scratch-path to `swift build` (e.g. .build-views)
#         HOST (127.0.0.1) PORT (18095) ARTICLES (100, at most 100 so the check sees them all)
#         CONNS (64) THREADS (2) DURATION (10s, whole seconds) WARMUP (3s, "0" to skip)
#         VIEW_RATE (1000)     views a second beside the reads in run 3
#         ROUNDS (3)           alternations of runs 2 and 3
#         OUT                  results dir (default /tmp/newsstore-bench-views/<timestamp>)
#
# Everything talks to loopback only; every wait loop has a bound.
set -euo pipefail

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-18095}
ARTICLES=${ARTICLES:-100}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
VIEW_RATE=${VIEW_RATE:-1000}
ROUNDS=${ROUNDS:-3}
OUT=${OUT:-/tmp/newsstore-bench-views/$(date +%Y%m%d-%H%M%S)}

. scripts/bench-common.sh
require_loopback
require_wrk

BIN=$(newsstore_binary)

mkdir -p "$OUT"
RUNDIR=$(mktemp -d /tmp/newsstore-bench-views.XXXXXX)
trap_cleanup

# ---------------------------------------------------------------- wrk scripts
# One Lua state per wrk thread: seed each differently, or all threads send the same sequence.
cat > "$RUNDIR/views.lua" <<'LUA'
local articles = tonumber(os.getenv("ARTICLES") or "100")
local delay_ms = tonumber(os.getenv("VIEW_DELAY_MS") or "0")
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
request = function()
  local client = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format("POST", "/api/v1/articles/" .. math.random(1, articles) .. "/views", { ["X-Forwarded-For"] = client })
end
if delay_ms > 0 then
  delay = function() return delay_ms end
end
LUA
cat > "$RUNDIR/reads.lua" <<'LUA'
local articles = tonumber(os.getenv("ARTICLES") or "100")
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
request = function()
  return wrk.format("GET", "/api/v1/articles/" .. math.random(1, articles))
end
LUA

# ---------------------------------------------------------------- server and data
TOKEN=$(random_token)
start_newsstore "$PORT" "$RUNDIR/news.sqlite" "$OUT/newsstore.log"
log "newsstore pid $NS_PID on :$PORT; creating $ARTICLES articles"
paragraph="أعلنت دمشق موافقتها على المشاركة في حملة رباعية ضد تنظيم داعش، بحسب مصادر سياسية سورية. "
for i in $(seq 1 "$ARTICLES"); do
  printf '{"title":"خبر رقم %d","status":"published","body":"%s%s%s%s"}\n' "$i" "$paragraph" "$paragraph" "$paragraph" "$paragraph"
done | while IFS= read -r article; do
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" --json "$article" "http://$HOST:$PORT/api/v1/articles"
done

# ---------------------------------------------------------------- runs
# Besides req/s, each run records the server's CPU time per request (from /proc): on a
# shared machine throughput follows whatever else runs, CPU per request much less so.
TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$NS_PID/stat"; }
RESULTS="$OUT/results.tsv"
printf 'run\trps\tp50_ms\tp99_ms\tcpu_us\terrors\terror_detail\n' > "$RESULTS"
measure() {            # name script
  local name=$1 script=$2 raw="$OUT/wrk-$1.txt" before after requests
  log "measure $name: $CONNS conns, $THREADS threads, $DURATION"
  before=$(cpu_ticks)
  ARTICLES=$ARTICLES wrk --latency -t "$THREADS" -c "$CONNS" -d "$DURATION" -s "$script" "http://$HOST:$PORT" >"$raw" 2>&1
  after=$(cpu_ticks)
  requests=$(awk '$2 == "requests" && $3 == "in" { print $1 }' "$raw")
  read -r rps p50 p99 errs detail < <(parse_wrk "$raw")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$rps" "$p50" "$p99" "$(( (after - before) * TICK_US / (requests > 0 ? requests : 1) ))" \
    "$errs" "$detail" >> "$RESULTS"
}

if [ "$WARMUP" != 0 ]; then
  log "warm-up ($WARMUP each)"
  ARTICLES=$ARTICLES wrk -t "$THREADS" -c "$CONNS" -d "$WARMUP" -s "$RUNDIR/reads.lua" "http://$HOST:$PORT" >"$OUT/warmup-reads.txt" 2>&1
  ARTICLES=$ARTICLES wrk -t "$THREADS" -c "$CONNS" -d "$WARMUP" -s "$RUNDIR/views.lua" "http://$HOST:$PORT" >"$OUT/warmup-views.txt" 2>&1
fi

measure views "$RUNDIR/views.lua"

# Reads alone and beside a steady views load, alternating ROUNDS times so that a change in
# the machine's other load hits both alike. The load: 10 connections, each waiting
# 10000/VIEW_RATE ms between requests, from a second before the reads to a second after.
load_conns=10
delay_ms=$(( 1000 * load_conns / VIEW_RATE ))
[ "$delay_ms" -ge 1 ] || delay_ms=1
log "views load beside the reads: $load_conns conns, ${delay_ms} ms apart (~$(( 1000 * load_conns / delay_ms ))/s)"
for round in $(seq 1 "$ROUNDS"); do
  measure "reads-$round" "$RUNDIR/reads.lua"
  ARTICLES=$ARTICLES VIEW_DELAY_MS=$delay_ms wrk -t 1 -c "$load_conns" -d "$(( ${DURATION%s} + 2 ))s" -s "$RUNDIR/views.lua" \
    "http://$HOST:$PORT" >"$OUT/wrk-views-load-$round.txt" 2>&1 &
  LOAD_PID=$!
  sleep 1
  measure "reads-with-views-$round" "$RUNDIR/reads.lua"
  wait "$LOAD_PID" || true
  LOAD_PID=""
done

sleep 1.5   # one flush interval and a little: every accepted view is in the database now
# The warm-up's file exists only when there was a warm-up (WARMUP=0 skips it).
sent=$(cat "$OUT"/wrk-views*.txt "$OUT"/warmup-views.txt 2>/dev/null | awk '$2 == "requests" && $3 == "in" { s += $1 } END { print s + 0 }' || true)
counted=$(curl -s "http://$HOST:$PORT/api/v1/articles/popular?limit=100" | { grep -o '"views_in_window":[0-9]*' || true; } | awk -F: '{ s += $2 } END { print s + 0 }')

# ---------------------------------------------------------------- report
{
  echo "## View counting benchmark"
  echo
  echo "- $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty tree)')"
  echo "- newsstore: $("$BIN" --version 2>&1 | head -1) ($BIN, --log-level warning, default view limits), $ARTICLES articles of ~1 KB"
  echo "- wrk: $THREADS threads, $CONNS conns, $DURATION per run, warm-up $WARMUP; views from random 10.x.y.z clients via X-Forwarded-For"
  echo
  echo "| run | req/s | p50 ms | p99 ms | server CPU µs/request | errors |"
  echo "|---|---:|---:|---:|---:|---:|"
  awk -F'\t' 'NR > 1 { printf "| %s | %.0f | %.3f | %.3f | %s | %s |\n", $1, $2, $3, $4, $5, ($6 == 0 ? "0" : $6 " (" $7 ")") }' "$RESULTS"
  echo
  ratios=$(awk -F'\t' 'NR > 1 && $1 ~ /^reads-with-views-/ { sub(/^reads-with-views-/, "", $1); with[$1] = $2 }
    NR > 1 && $1 ~ /^reads-[0-9]+$/ { sub(/^reads-/, "", $1); alone[$1] = $2 }
    END { for (r in alone) if (alone[r] > 0 && (r in with)) printf "%.3f\n", with[r] / alone[r] }' "$RESULTS" | sort -n)
  median=$(echo "$ratios" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  echo "reads beside a views load / reads alone, per round (sorted): $(echo $ratios); median $median"
  echo "views load beside the reads: $(awk '/^Requests\/sec:/ { printf "%s ", $2 }' "$OUT"/wrk-views-load-*.txt)req/s"
  echo "views sent (all answered 2xx unless errors show above): $sent; counted in the database after the last flush: $counted"
  echo "(the count may exceed what wrk reports sent by the requests in flight when each run stopped;"
  echo "the CPU of a reads-with-views run includes the views load's requests)"
  echo
  echo "Caveat: one machine with $(nproc) cores shared with wrk (and whatever else runs); compare runs"
  echo "taken together, not with other machines."
  echo
  echo "Raw wrk output: $OUT"
} | tee "$OUT/table.md"
