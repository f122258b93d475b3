#!/usr/bin/env bash
# Growth benchmark: the same measurements at 20,000 and at 200,000 articles (issue 18: cost
# flat as the archive grows tenfold), each size loaded the same way and measured the same way:
#
#   1. data: the side-by-side harness (../shared/bench/run-peers.sh, read only) generates its
#      dataset at ARTICLES=size (PREPARE_ONLY, no peer: data only), under BENCH_WORK/size-N;
#   2. load: categories and tags through the HTTP API, articles with `newsstore import`
#      (JSON lines in the API's input shape; the loading time is reported), then the editors'
#      related links through the API (scripts/bench_growth_load.py); cached per size and
#      binary, like the harness's own loads;
#   3. detail and list: the harness itself, pointed at a server started on the loaded copy
#      (NEWSSTORE_URL), PEERS=newsstore (add peers with PEERS="newsstore hb-grdb"), which
#      reports req/s, p50/p99, RSS and server CPU per request; before it, every article is
#      read once (WARM_ALL=1), so both sizes are measured in the state of a server that has
#      been up a while: the harness's own warm-up (5 s) reads about a third of 200,000
#      articles, and its detail run would then measure the first reads of the rest, which
#      fill the caches a server keeps for its whole life;
#   4. search: scripts/bench-search.sh on the same database (mix, common word, rare words);
#   5. write: PATCH of a random article's summary with wrk (WRITE_CONNS connections);
#   6. the database's size, and the server's peak RSS.
# It ends with one table, size by size, and the 200,000/20,000 ratio of each latency.
#
# Usage:  scripts/bench-growth.sh
# Env:    NEWSSTORE_BIN=path   use this release binary, skip the build
#         SIZES ("20000 200000")   dataset sizes, smallest first (the ratio is last/first)
#         SHARED (../shared)   the shared folder holding bench/
#         BENCH_WORK (/tmp/newsstore-bench-growth)   data, loads and results; per size below it
#         PEERS (newsstore)    harness peers besides newsstore's URL run (hb-grdb builds ~6 min)
#         CONNS (64) DURATION (10s) WARMUP (5s) ROUNDS (1)   the harness's knobs, as there
#         WARM_ALL (1)         read every article once before the harness; 0 measures from a
#                              cold start (the harness's warm-up only)
#         SEARCH_CONNS (16)    bench-search.sh connections; SEARCH=0 skips search
#         WRITE_CONNS (4)      connections of the write run; its DURATION is the same
#         PORT (18110)         newsstore's port (loopback)
#         OUT                  results dir (default $BENCH_WORK/results/<timestamp>)
#
# Loopback only; every server it starts is stopped by PID; every wait has a bound.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift
ROOT=$PWD

HOST=127.0.0.1
PORT=${PORT:-18110}
SIZES=${SIZES:-"20000 200000"}
SHARED=$(cd "${SHARED:-../shared}" && pwd)
GW=${BENCH_WORK:-/tmp/newsstore-bench-growth}
PEERS=${PEERS:-newsstore}
CONNS=${CONNS:-64}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
ROUNDS=${ROUNDS:-1}
WARM_ALL=${WARM_ALL:-1}
SEARCH=${SEARCH:-1}
SEARCH_CONNS=${SEARCH_CONNS:-16}
WRITE_CONNS=${WRITE_CONNS:-4}
OUT=${OUT:-$GW/results/$(date +%Y%m%d-%H%M%S)}

. scripts/bench-common.sh
require_loopback
require_wrk

BIN=$(newsstore_binary)
mkdir -p "$OUT"
RUNDIR=$(mktemp -d /tmp/newsstore-bench-growth.XXXXXX)
trap_cleanup
TOKEN=$(random_token)

# ---------------------------------------------------------------- load one size (cached)
# Prints the folder holding the loaded news.sqlite and load.txt (how long each step took).
load_size() {
  local n=$1 work=$GW/size-$1 key cache t0 t_import
  log "size $n: dataset (the harness's gen.py, under $work)"
  BENCH_WORK=$work ARTICLES=$n PEERS=datasette PREPARE_ONLY=1 OUT=$OUT/prepare-$n "$SHARED/bench/run-peers.sh" >&2
  key=$(cat "$work/data/params.txt" <(sha256sum <"$BIN") scripts/bench_growth_load.py | sha256sum | cut -c1-16)
  cache=$work/loaded/$key
  if [ -f "$cache/news.sqlite" ]; then log "size $n: reusing the load in $cache"; echo "$cache"; return; fi
  rm -rf "$work/loaded"; mkdir -p "$work/loaded/tmp"
  local db=$work/loaded/tmp/news.sqlite
  log "size $n: articles as JSON lines"
  python3 scripts/bench_growth_load.py lines --shared "$SHARED" --db "$work/data/news.sqlite" >"$work/loaded/articles.jsonl"
  log "size $n: categories and tags through the API"
  TOKEN=$TOKEN start_newsstore "$PORT" "$db" "$OUT/load-$n.log"
  python3 scripts/bench_growth_load.py terms --shared "$SHARED" --db "$work/data/news.sqlite" --url "http://$HOST:$PORT" --token "$TOKEN" >&2
  stop_pid "$NS_PID" newsstore; NS_PID=
  log "size $n: newsstore import ($(du -h "$work/loaded/articles.jsonl" | cut -f1) of JSON lines)"
  t0=$SECONDS
  "$BIN" import "$work/loaded/articles.jsonl" --db "$db" >&2
  t_import=$((SECONDS - t0))
  log "size $n: related links through the API"
  t0=$SECONDS
  TOKEN=$TOKEN start_newsstore "$PORT" "$db" "$OUT/load-$n.log"
  python3 scripts/bench_growth_load.py related --shared "$SHARED" --db "$work/data/news.sqlite" --url "http://$HOST:$PORT" \
    --token "$TOKEN" --store "$db" >&2
  stop_pid "$NS_PID" newsstore; NS_PID=
  printf 'import_s\t%s\nrelated_s\t%s\n' "$t_import" "$((SECONDS - t0))" >"$work/loaded/tmp/load.txt"
  rm -f "$work/loaded/articles.jsonl"
  mv "$work/loaded/tmp" "$cache"
  echo "$cache"
}

# ---------------------------------------------------------------- measure one size
SUMMARY=$OUT/growth.tsv
printf 'articles\timport_s\tdb_mb\tdetail_p50_ms\tdetail_p99_ms\tdetail_cpu_us\tlist_p50_ms\tlist_p99_ms\tlist_cpu_us\tsearch_mix_p99_ms\tsearch_common_p99_ms\twrite_p50_ms\twrite_p99_ms\trss_load_mb\trss_peak_mb\n' >"$SUMMARY"

measure_size() {
  local n=$1 cache work=$GW/size-$1 run=$RUNDIR/size-$1
  cache=$(load_size "$n")
  mkdir -p "$run"; cp "$cache/news.sqlite" "$run/news.sqlite"
  # Written to disk before anything is measured: at 200,000 articles the copy is 4 GB, whose
  # writeback would otherwise run under the measurements (a run on a 2-core VM showed I/O
  # pressure in /proc/pressure/io and a 200,000-article detail p99 three times 20,000's).
  sync "$run/news.sqlite"
  local db_mb
  db_mb=$(du -m "$run/news.sqlite" | cut -f1)

  log "size $n: detail and list with the harness (PEERS=$PEERS)"
  TOKEN=$TOKEN start_newsstore "$PORT" "$run/news.sqlite" "$OUT/newsstore-$n.log"
  if [ "$WARM_ALL" != 0 ]; then
    log "size $n: every article read once, in the slug list's order"
    warm_all "$work/data/slugs.txt" "$run" >"$OUT/wrk-warm-$n.txt" 2>&1
  fi
  BENCH_WORK=$work ARTICLES=$n NEWSSTORE_URL="http://$HOST:$PORT" NEWSSTORE_ADMIN_TOKEN=$TOKEN PEERS=$PEERS \
    CONNS=$CONNS DURATION=$DURATION WARMUP=$WARMUP ROUNDS=$ROUNDS OUT=$OUT/harness-$n "$SHARED/bench/run-peers.sh" >&2

  log "size $n: writes (PATCH summary, $WRITE_CONNS conns, $DURATION)"
  local last
  last=$(sqlite3_max_id "$run/news.sqlite")
  cat >"$run/write.lua" <<LUA
math.randomseed(20250704)
wrk.method = "PATCH"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.headers["Content-Type"] = "application/merge-patch+json"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/api/v1/articles/" .. math.random(1, $last), nil, '{"summary":"ملخص معدل ' .. n .. '"}')
end
LUA
  wrk --latency -t 2 -c "$WRITE_CONNS" -d "$DURATION" -s "$run/write.lua" "http://$HOST:$PORT" >"$OUT/wrk-write-$n.txt" 2>&1
  local w_rps w_p50 w_p99 w_err w_detail
  read -r w_rps w_p50 w_p99 w_err w_detail < <(parse_wrk "$OUT/wrk-write-$n.txt")
  local rss_peak
  rss_peak=$(awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$NS_PID/status")
  stop_pid "$NS_PID" newsstore; NS_PID=

  local s_mix=- s_common=-
  if [ "$SEARCH" != 0 ]; then
    log "size $n: search with scripts/bench-search.sh ($SEARCH_CONNS conns)"
    NEWSSTORE_BIN=$BIN DB=$cache/news.sqlite CONNS=$SEARCH_CONNS DURATION=$DURATION COST_RUNS=1 OUT=$OUT/search-$n \
      PORT=$((PORT + 1)) scripts/bench-search.sh >&2
    s_mix=$(awk -F'\t' '$1 == "mix" { print $4 }' "$OUT/search-$n/results.tsv")
    s_common=$(awk -F'\t' '$1 == "common" { print $4 }' "$OUT/search-$n/results.tsv")
  fi

  python3 - "$OUT/harness-$n/raw.tsv" "$n" "$(awk -F'\t' '$1 == "import_s" { print $2 }' "$cache/load.txt")" "$db_mb" \
    "$s_mix" "$s_common" "$w_p50" "$w_p99" "$rss_peak" >>"$SUMMARY" <<'PY'
import csv, statistics, sys
raw, n, import_s, db_mb, s_mix, s_common, w_p50, w_p99, rss_peak = sys.argv[1:]
rows = [r for r in csv.DictReader(open(raw), delimiter="\t") if r["peer"] == "newsstore"]
def med(ep, col, scale=1.0):
    vals = [float(r[col]) * scale for r in rows if r["endpoint"] == ep]
    return "%.2f" % statistics.median(vals) if vals else "-"
rss_load = max((float(r["load_rss_kb"]) for r in rows), default=0) / 1024
print("\t".join([n, import_s, db_mb,
                 med("detail", "p50_us", 1e-3), med("detail", "p99_us", 1e-3), med("detail", "cpu_us_per_req"),
                 med("list", "p50_us", 1e-3), med("list", "p99_us", 1e-3), med("list", "cpu_us_per_req"),
                 s_mix, s_common, w_p50, w_p99, "%.1f" % rss_load, rss_peak]))
PY
}

# Reads every slug of the list $1 once with wrk: each of its two threads takes every other
# slug from its own start, and once all of its share is answered stops and leaves a file in
# $2; wrk itself runs until its duration ends, so it is interrupted once both files are
# there (bounded by 10 minutes).
warm_all() {
  local slugs=$1 run=$2 wrk_pid i
  rm -f "$run"/warmed-*
  cat >"$run/warm.lua" <<'LUA'
local slugs, next_index, answered, share = {}, 0, 0, 0
local started = 0
function setup(thread)
  started = started + 1
  thread:set("first", started)
end
function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then slugs[#slugs + 1] = line end
  end
  marker = args[2] .. "/warmed-" .. first
  next_index = first
  share = math.floor((#slugs - first) / 2) + 1
end
function request()
  local slug = slugs[next_index] or slugs[first]
  next_index = next_index + 2
  return wrk.format("GET", "/api/v1/articles/" .. slug)
end
function response(status, headers, body)
  answered = answered + 1
  if answered == share then
    io.open(marker, "w"):close()
    wrk.thread:stop()
  end
end
LUA
  wrk -t 2 -c "$CONNS" -d 600s -s "$run/warm.lua" "http://$HOST:$PORT" -- "$slugs" "$run" &
  wrk_pid=$!
  for i in $(seq 6000); do
    [ -f "$run/warmed-1" ] && [ -f "$run/warmed-2" ] && break
    kill -0 "$wrk_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid" || true
}

# The newest article id of a newsstore database, for the write run's random ids.
sqlite3_max_id() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT max(id) FROM articles").fetchone()[0])' "$1"; }

for n in $SIZES; do measure_size "$n"; done

# ---------------------------------------------------------------- report
python3 - "$SUMMARY" <<'PY' | tee "$OUT/table.md"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
cols = [("articles", "articles"), ("import_s", "import s"), ("db_mb", "DB MB"),
        ("detail_p50_ms", "detail p50 ms"), ("detail_p99_ms", "detail p99 ms"), ("detail_cpu_us", "detail CPU µs/req"),
        ("list_p50_ms", "list p50 ms"), ("list_p99_ms", "list p99 ms"), ("list_cpu_us", "list CPU µs/req"),
        ("search_mix_p99_ms", "search mix p99 ms"), ("search_common_p99_ms", "search common p99 ms"),
        ("write_p50_ms", "write p50 ms"), ("write_p99_ms", "write p99 ms"),
        ("rss_load_mb", "RSS under load MB"), ("rss_peak_mb", "peak RSS MB")]
print("## Growth benchmark\n")
print("| " + " | ".join(c[1] for c in cols) + " |")
print("|" + "---:|" * len(cols))
for r in rows:
    print("| " + " | ".join(r[c[0]] for c in cols) + " |")
if len(rows) > 1:
    first, last = rows[0], rows[-1]
    def ratio(k):
        try:
            return "%.2f" % (float(last[k]) / float(first[k]))
        except (ValueError, ZeroDivisionError):
            return "-"
    print("| %s / %s | " % (last["articles"], first["articles"]) + " | ".join(ratio(c[0]) for c in cols[1:]) + " |")
PY
log "results: $OUT (growth.tsv, table.md, harness-N/, search-N/, wrk-write-N.txt)"
