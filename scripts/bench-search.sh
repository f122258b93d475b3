#!/usr/bin/env bash
# Search latency on 20,000 articles, with wrk on loopback:
#   1. "mix":    random queries from a fixed list of news searches: common and rare words,
#                two words, a phrase, a prefix, an absent word;
#   2. "common": one word that is in every article of the dataset (the worst case: every
#                article is a hit that must be ranked);
#   3. "rare":   words in a few articles only;
# then, one at a time, the cost of single searches that used to take seconds (a two-letter
# prefix, a common prefix with limit=100, twelve prefixes, a word in every article): the
# median of a few runs each, with the status (400 or 503 is the server refusing the work).
# The response cache is off (--response-cache-size 0) so every request searches. Searches keep
# each query's ranking and the marks of the hits shown (--search-cache-size, on by
# default, ten seconds at most), as a server does for readers repeating a search; to measure
# every search from scratch, SERVE_ARGS="--search-cache-size 0". The costly single searches run
# on the server restarted with --search-cache-size 0: what one search costs, not its repeat.
# Each run also reports the server's CPU time per request (user + system from /proc, all
# threads): on a machine shared with other work, latency measures the neighbours too, CPU per
# search does not.
#
# The data is the side-by-side harness's (../shared/bench): 20,000 generated Arabic articles
# loaded through the API. Give a loaded database with DB=path (it is copied, never changed),
# or the harness prepares one (PREPARE_ONLY=1; several minutes the first time).
#
# Usage:  scripts/bench-search.sh
# Env:    NEWSSTORE_BIN=path   use this binary, skip the build
#         SCRATCH_PATH=dir     pass --scratch-path to `swift build`
#         DB=path              a newsstore database already loaded with the dataset
#         SHARED=dir           the shared folder holding bench/ (default ../shared)
#         SERVE_ARGS="..."     more `serve` arguments, e.g. "--search-timeout-ms 60000" to see
#                              what the costly searches would cost without a time limit
#         COST_RUNS (5)        runs of each costly search (one only when it takes seconds)
#         HOST (127.0.0.1) PORT (18096) CONNS (16) THREADS (2) DURATION (10s) WARMUP (3s)
#         OUT                  results dir (default /tmp/newsstore-bench-search/<timestamp>)
#
# Everything talks to loopback only; every wait loop has a bound.
set -euo pipefail

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-18096}
CONNS=${CONNS:-16}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
OUT=${OUT:-/tmp/newsstore-bench-search/$(date +%Y%m%d-%H%M%S)}
SHARED=${SHARED:-../shared}
COST_RUNS=${COST_RUNS:-5}
read -r -a SERVE_ARGS <<< "${SERVE_ARGS:-}"

. scripts/bench-common.sh
require_loopback
require_wrk

BIN=$(newsstore_binary)

if [ -z "${DB:-}" ]; then
  BENCH_WORK=${BENCH_WORK:-/tmp/newsstore-bench}
  log "preparing the dataset with $SHARED/bench (PREPARE_ONLY)"
  NEWSSTORE_BIN=$BIN NEWSSTORE_VERSION=search-bench PEERS=newsstore PREPARE_ONLY=1 BENCH_WORK=$BENCH_WORK \
    "$SHARED/bench/run-peers.sh" >&2
  DB=$(ls -t "$BENCH_WORK"/newsstore/cache/*/news.sqlite | head -1)
fi
[ -f "$DB" ] || { log "no database at $DB"; exit 1; }

mkdir -p "$OUT"
RUNDIR=$(mktemp -d /tmp/newsstore-bench-search.XXXXXX)
trap_cleanup

# ---------------------------------------------------------------- queries
# Percent-encoded here, once; wrk's Lua picks one per request.
encode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
lua_list() {           # file query...
  local file=$1; shift
  { echo "local queries = {"; for q in "$@"; do echo "  \"$(encode "$q")\","; done; echo "}"; } > "$file"
  cat >> "$file" <<'LUA'
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
request = function()
  return wrk.format("GET", "/api/v1/search?q=" .. queries[math.random(1, #queries)])
end
LUA
}
lua_list "$RUNDIR/mix.lua" "دمشق" "سوريا" "الحكومة السورية" "داعش" "قسد" "واشنطن" '"حملة رباعية"' "المشاركة" \
  "مسؤولية" "احتجاز" "اقتص*" "الجفاف" "مستشفى" "ديناصور" "أسعار الذهب" "قوات خاصة"
lua_list "$RUNDIR/common.lua" "في"
lua_list "$RUNDIR/rare.lua" "الجفاف" "مستشفى" "ديناصور" "زلزال تركيا" "whatsapp"

# ---------------------------------------------------------------- server
cp "$DB" "$RUNDIR/news.sqlite"
log "migrating a copy of $DB"
"$BIN" migrate --db "$RUNDIR/news.sqlite" >"$OUT/migrate.log" 2>&1
start_newsstore "$PORT" "$RUNDIR/news.sqlite" "$OUT/newsstore.log" --response-cache-size 0 ${SERVE_ARGS[@]+"${SERVE_ARGS[@]}"}
articles=$(curl -s "http://$HOST:$PORT/api/v1/articles?limit=1" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)

# ---------------------------------------------------------------- runs
# The server's CPU time (user + system, all threads) in milliseconds, from /proc: divided by
# the requests of a run, it is what a search costs whatever else shares the machine, where
# latency on a busy machine measures the neighbours too.
cpu_ms() { awk '{ print ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"' }' "/proc/$NS_PID/stat"; }

RESULTS="$OUT/results.tsv"
printf 'run\trps\tp50_ms\tp99_ms\terrors\terror_detail\tcpu_ms_per_req\n' > "$RESULTS"
for run in mix common rare; do
  [ "$WARMUP" != 0 ] && wrk -t "$THREADS" -c "$CONNS" -d "$WARMUP" -s "$RUNDIR/$run.lua" "http://$HOST:$PORT" >/dev/null 2>&1
  log "measure $run: $CONNS conns, $THREADS threads, $DURATION"
  cpu_before=$(cpu_ms)
  wrk --latency -t "$THREADS" -c "$CONNS" -d "$DURATION" -s "$RUNDIR/$run.lua" "http://$HOST:$PORT" >"$OUT/wrk-$run.txt" 2>&1
  cpu_after=$(cpu_ms)
  requests=$(awk '/requests in/ { print $1 }' "$OUT/wrk-$run.txt")
  read -r rps p50 p99 errs detail < <(parse_wrk "$OUT/wrk-$run.txt")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$rps" "$p50" "$p99" "$errs" "$detail" \
    "$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="${requests:-0}" 'BEGIN { printf "%.2f", (n > 0 ? (b - a) / n : 0) }')" >> "$RESULTS"
done

rss_kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$NS_PID/status")

# ---------------------------------------------------------------- costly single searches
# One at a time on an idle server: what one reader alone can make a worker spend. Nothing is
# kept between searches, so each run searches from scratch.
stop_pid "$NS_PID" newsstore
start_newsstore "$PORT" "$RUNDIR/news.sqlite" "$OUT/newsstore-costs.log" --response-cache-size 0 \
  ${SERVE_ARGS[@]+"${SERVE_ARGS[@]}"} --search-cache-size 0
COSTS="$OUT/costs.tsv"
printf 'query\tlimit\tstatus\tmedian_ms\n' > "$COSTS"
cost() {               # limit query
  local limit=$1 query=$2 times=() status=0 i
  for i in $(seq 1 "$COST_RUNS"); do
    read -r status seconds < <(curl -s -o /dev/null --max-time 120 -w '%{http_code} %{time_total}\n' --get \
      --data-urlencode "q=$query" --data-urlencode "limit=$limit" "http://$HOST:$PORT/api/v1/search")
    times+=("$seconds")
    # A search of seconds is measured once: its cost is plain, and repeats would take minutes.
    awk -v s="$seconds" 'BEGIN { exit !(s > 2) }' && break
  done
  printf '%s\t%s\t%s\t%s\n' "$query" "$limit" "$status" \
    "$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] * 1000 }')" >> "$COSTS"
}
log "measure single searches, $COST_RUNS runs each"
cost 100 "ال*"
cost 100 "الح*"
cost 20 "الح*"
cost 100 "الحك*"
cost 20 "ال* ال* ال* ال* ال* ال* ال* ال* ال* ال* ال* ال*"
cost 20 "الح* الم* الس* الت* الع* الق* الا* الب* الد* الش* الف* الك*"
cost 100 "الح* الم* الس* الت* الع* الق* الا* الب* الد* الش* الف* الك*"
cost 20 "في"
cost 100 "في"
cost 100 "الحكومة"
cost 100 "في من على إلى عن مع بعد قبل بين حتى ضد عند"

# ---------------------------------------------------------------- report
{
  echo "## Search benchmark"
  echo
  echo "- $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty tree)')"
  echo "- newsstore: $("$BIN" --version 2>&1 | head -1), --response-cache-size 0 ${SERVE_ARGS[*]:-}, newest article id $articles, peak RSS $(( rss_kb / 1024 )) MiB"
  echo "- wrk: $THREADS threads, $CONNS conns, $DURATION per run, warm-up $WARMUP"
  echo
  echo "| run | req/s | p50 ms | p99 ms | server CPU ms/req | errors |"
  echo "|---|---:|---:|---:|---:|---:|"
  awk -F'\t' 'NR > 1 { printf "| %s | %.0f | %.3f | %.3f | %s | %s |\n", $1, $2, $3, $4, $7, ($5 == 0 ? "0" : $5 " (" $6 ")") }' "$RESULTS"
  echo
  echo "| single search (nothing kept) | limit | status | median ms |"
  echo "|---|---:|---:|---:|"
  awk -F'\t' 'NR > 1 { printf "| `%s` | %s | %s | %s |\n", $1, $2, $3, $4 }' "$COSTS"
  echo
  echo "Caveat: one machine with $(nproc) cores shared with wrk (and whatever else runs)."
  echo
  echo "Raw wrk output: $OUT"
} | tee "$OUT/table.md"
