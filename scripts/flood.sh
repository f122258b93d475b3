#!/usr/bin/env bash
# Flood test: does one client hammering the server hurt the others? On loopback, with wrk:
#   - "reader": a well-behaved client (its own X-Forwarded-For address, as a local proxy
#     would forward it) reading articles and listings at a steady pace, one connection;
#   - "flooder": another client with FLOOD_CONNS connections as fast as it can go, either
#     searching or reading articles.
# The reader is measured alone, then beside each flood. The flooder is mostly answered 429
# (over its search rate, or over its requests under way) before any handler runs.
#
# Then a comment flood: the flooder POSTs comments (each body different, so none is a 409
# duplicate) as fast as its connections go, while a third client, "commenter", comments
# normally (one every COMMENT_EVERY seconds) and the reader reads. The flooder gets 429 beyond
# its comments budget (5 a minute, bursts of 2); the commenter's comments must all be 202.
# What each client got into the moderation queue is counted through the API afterwards.
#
# Usage:  scripts/flood.sh
# Env:    NEWSSTORE_BIN=path   use this binary, skip the build
#         SCRATCH_PATH=dir     pass --scratch-path to `swift build`
#         HOST (127.0.0.1) PORT (18098) ARTICLES (300) FLOOD_CONNS (128) DURATION (10s)
#         READER_DELAY_MS (20: about 50 requests a second)
#         COMMENT_EVERY (6: seconds between the commenter's comments)
#         OUT                  results dir (default /tmp/newsstore-flood/<timestamp>)
#
# Everything talks to loopback only; every wait loop has a bound.
set -euo pipefail

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-18098}
ARTICLES=${ARTICLES:-300}
FLOOD_CONNS=${FLOOD_CONNS:-128}
DURATION=${DURATION:-10s}
READER_DELAY_MS=${READER_DELAY_MS:-20}
COMMENT_EVERY=${COMMENT_EVERY:-6}
OUT=${OUT:-/tmp/newsstore-flood/$(date +%Y%m%d-%H%M%S)}

. scripts/bench-common.sh
require_loopback
require_wrk

BIN=$(newsstore_binary)

mkdir -p "$OUT"
RUNDIR=$(mktemp -d /tmp/newsstore-flood.XXXXXX)
trap_cleanup

# ---------------------------------------------------------------- wrk scripts
cat > "$RUNDIR/reader.lua" <<LUA
local articles = $ARTICLES
math.randomseed(os.time())
counts = {}
-- Each run's reader is a client of its own (its address is wrk's argument): at 50 requests a
-- second it spends its reads budget (1,200 a minute, bursts of 300) in about 20 s, so a
-- reader that carried on from one run to the next would meet its own limit, not the flood.
function init(args) address = args[1] end
request = function()
  local path = math.random() < 0.8 and ("/api/v1/articles/" .. math.random(1, articles)) or "/api/v1/articles?limit=20"
  return wrk.format("GET", path, { ["X-Forwarded-For"] = address })
end
delay = function() return $READER_DELAY_MS end
response = function(status, headers, body) counts[status] = (counts[status] or 0) + 1 end
-- One thread: its counts are the run's.
local reader
function setup(thread) reader = thread end
done = function()
  for status, count in pairs(reader:get("counts")) do io.write(string.format("status %d %d\\n", status, count)) end
end
LUA
cat > "$RUNDIR/flood-search.lua" <<'LUA'
local words = { "%D8%AF%D9%85%D8%B4%D9%82", "%D8%A7%D9%84%D8%AD%D9%83%D9%88%D9%85%D8%A9", "%D8%AE%D8%A8%D8%B1" }
request = function()
  return wrk.format("GET", "/api/v1/search?q=" .. words[math.random(1, #words)], { ["X-Forwarded-For"] = "198.51.100.66" })
end
LUA
cat > "$RUNDIR/flood-reads.lua" <<LUA
local articles = $ARTICLES
request = function()
  return wrk.format("GET", "/api/v1/articles/" .. math.random(1, articles), { ["X-Forwarded-For"] = "198.51.100.66" })
end
LUA

# Comments from one client, each body different; counts the statuses it got (wrk's own
# summary only says "non-2xx").
cat > "$RUNDIR/flood-comments.lua" <<'LUA'
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  counts = {}
  sent = 0
end
request = function()
  sent = sent + 1
  local body = string.format('{"author_name":"بوت","body":"رسالة آلية %d-%d"}', tid, sent)
  return wrk.format("POST", "/api/v1/articles/1/comments",
    { ["X-Forwarded-For"] = "198.51.100.66", ["Content-Type"] = "application/json" }, body)
end
response = function(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end
done = function(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("counts")) do total[status] = (total[status] or 0) + count end
  end
  for status, count in pairs(total) do io.write(string.format("status %d %d\n", status, count)) end
end
LUA

# ---------------------------------------------------------------- server and data
TOKEN=$(random_token)
# The response cache would answer the flood from memory; off, every admitted request works.
start_newsstore "$PORT" "$RUNDIR/news.sqlite" "$OUT/newsstore.log" --response-cache-size 0
log "newsstore pid $NS_PID on :$PORT; creating $ARTICLES articles"
paragraph="أعلنت دمشق موافقتها على المشاركة في حملة رباعية ضد تنظيم داعش، بحسب مصادر سياسية سورية. قالت الحكومة إن الخبر صحيح. "
for i in $(seq 1 "$ARTICLES"); do
  printf '{"title":"خبر رقم %d عن دمشق","status":"published","tags":["سوريا"],"body":"%s%s%s"}\n' "$i" "$paragraph" "$paragraph" "$paragraph"
done | while IFS= read -r article; do
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" --json "$article" "http://$HOST:$PORT/api/v1/articles"
done

# ---------------------------------------------------------------- runs
RESULTS="$OUT/results.tsv"
printf 'run\trps\tp50_ms\tp99_ms\terrors\terror_detail\n' > "$RESULTS"
record() {             # name wrk-output
  read -r rps p50 p99 errs detail < <(parse_wrk "$2")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$rps" "$p50" "$p99" "$errs" "$detail" >> "$RESULTS"
}
READER_RUNS=0
reader() {             # name
  log "reader: $1"
  READER_RUNS=$((READER_RUNS + 1))
  wrk --latency -t 1 -c 1 -d "$DURATION" -s "$RUNDIR/reader.lua" "http://$HOST:$PORT" -- "203.0.113.$((10 + READER_RUNS))" \
    >"$OUT/wrk-$1.txt" 2>&1
  record "$1" "$OUT/wrk-$1.txt"
}
flood() {              # kind
  log "flood: $1 with $FLOOD_CONNS connections"
  # The flood starts a second before the reader and ends a second after it.
  wrk --latency -t 2 -c "$FLOOD_CONNS" -d "$(( ${DURATION%s} + 2 ))s" -s "$RUNDIR/flood-$1.lua" "http://$HOST:$PORT" \
    >"$OUT/wrk-flood-$1.txt" 2>&1 &
  LOAD_PID=$!
  sleep 1
  reader "reader-beside-$1-flood"
  wait "$LOAD_PID" || true
  LOAD_PID=""
  record "flooder-$1" "$OUT/wrk-flood-$1.txt"
}

# The commenter: a comment every COMMENT_EVERY seconds for DURATION, one line each:
# status, seconds.
commenter() {          # output-file
  local end=$(( $(date +%s) + ${DURATION%s} )) n=0
  while [ "$(date +%s)" -lt "$end" ]; do
    n=$((n + 1))
    curl -s -o /dev/null -w '%{http_code}\t%{time_total}\n' -H 'X-Forwarded-For: 203.0.113.40' \
      --json "{\"author_name\":\"قارئة\",\"body\":\"تعليق هادئ رقم $n\"}" "http://$HOST:$PORT/api/v1/articles/1/comments"
    sleep "$COMMENT_EVERY"
  done > "$1"
}
comment_flood() {
  log "flood: comments with $FLOOD_CONNS connections, beside a commenter and the reader"
  wrk --latency -t 2 -c "$FLOOD_CONNS" -d "$(( ${DURATION%s} + 2 ))s" -s "$RUNDIR/flood-comments.lua" "http://$HOST:$PORT" \
    >"$OUT/wrk-flood-comments.txt" 2>&1 &
  LOAD_PID=$!
  sleep 1
  commenter "$OUT/commenter.tsv" &
  local commenter_pid=$!
  reader "reader-beside-comments-flood"
  wait "$commenter_pid"
  wait "$LOAD_PID" || true
  LOAD_PID=""
  record "flooder-comments" "$OUT/wrk-flood-comments.txt"
}
# Comments in the moderation queue by client address, through the API.
queued_by_client() {
  python3 - "http://$HOST:$PORT/api/v1/comments" "$TOKEN" <<'PY'
import collections, json, sys, urllib.parse, urllib.request
url, token = sys.argv[1], sys.argv[2]
counts, cursor = collections.Counter(), None
while True:
    query = {"limit": "100"} | ({"cursor": cursor} if cursor else {})
    request = urllib.request.Request(url + "?" + urllib.parse.urlencode(query), headers={"Authorization": "Bearer " + token})
    page = json.load(urllib.request.urlopen(request, timeout=10))
    counts.update(item["client_address"] for item in page["items"])
    cursor = page["next_cursor"]
    if not cursor:
        break
for address, count in sorted(counts.items()):
    print(f"{address}\t{count}")
PY
}

reader reader-alone
flood search
flood reads
comment_flood
queued_by_client > "$OUT/queued.tsv"

# ---------------------------------------------------------------- report
{
  echo "## Flood: one client floods, another reads"
  echo
  echo "- $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty tree)')"
  echo "- newsstore: $("$BIN" --version 2>&1 | head -1), default per-client limits, --response-cache-size 0, $ARTICLES articles"
  echo "- reader: 1 connection, a request every ${READER_DELAY_MS} ms (80% article, 20% listing); flooder: $FLOOD_CONNS connections, 2 threads; $DURATION"
  echo
  echo "| run | req/s | p50 ms | p99 ms | non-2xx or errors |"
  echo "|---|---:|---:|---:|---:|"
  awk -F'\t' 'NR > 1 { printf "| %s | %.0f | %.3f | %.3f | %s |\n", $1, $2, $3, $4, ($5 == 0 ? "0" : $5) }' "$RESULTS"
  echo
  echo "Reader answers by status: $(for f in "$OUT"/wrk-reader-*.txt; do
    printf '%s %s; ' "$(basename "$f" .txt | sed 's/^wrk-//')" "$(awk '$1 == "status" { printf "%s%s×%s", sep, $2, $3; sep = " " }' "$f")"; done)"
  echo
  echo "The flooder's non-2xx answers are its 429s. Caveat: one machine with $(nproc) cores shared"
  echo "with both wrk processes."
  echo
  echo "Comment flood ($DURATION + 2 s): the flooder's answers by status, the commenter's comments"
  echo "(one every ${COMMENT_EVERY} s), and what reached the moderation queue by client:"
  echo
  echo "| client | answers | in the queue |"
  echo "|---|---|---:|"
  echo "| flooder 198.51.100.66 | $(awk '$1 == "status" { printf "%s%s: %s", sep, $2, $3; sep = ", " }' "$OUT/wrk-flood-comments.txt") | $(awk -F'\t' '$1 == "198.51.100.66" { print $2 }' "$OUT/queued.tsv") |"
  echo "| commenter 203.0.113.40 | $(awk -F'\t' '{ n[$1]++; if ($2 * 1000 > max) max = $2 * 1000 } END { for (s in n) printf "%s: %d, ", s, n[s]; printf "slowest %.1f ms", max }' "$OUT/commenter.tsv") | $(awk -F'\t' '$1 == "203.0.113.40" { print $2 }' "$OUT/queued.tsv") |"
  echo
  echo "Raw wrk output: $OUT"
} | tee "$OUT/table.md"
