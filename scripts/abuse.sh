#!/usr/bin/env bash
# Replays the abuse of issue 12 (items 1, 2, 4-6) against the real server on loopback, every
# request as a remote client arriving through the local proxy (X-Forwarded-For), and prints
# one table (scripts/abuse.py does the requests):
#   1. distinct listing SQL (1..680 repeats of tag= with filter combinations): resident memory
#      before and after the sweep;
#   2. a search flood (twelve two-letter prefixes, clients that give up after 3 s): another
#      client's article p99, /healthz latency during the flood and just after it;
#   4. searches and views from many addresses of one IPv6 /64: limited per /64 or not; how
#      many connections one client may hold open;
#   5. anonymous POSTs with Expect: 100-continue, and anonymous 1 MiB bodies on 64 connections:
#      whether 100 Continue is sent, how many body bytes the server takes, memory;
#   6. wrong bearer tokens on one connection: tries per second, 401s against 429s.
# The server runs with its defaults (only --log-level warning), so an old binary and a new
# one are measured alike; the database is a fresh one loaded with the bench dataset.
#
# Usage:  scripts/abuse.sh
# Env:    NEWSSTORE_BIN=path   use this binary (default: a release build of this checkout)
#         SCRATCH_PATH=dir     pass --scratch-path to `swift build`
#         ARTICLES (3000)      generated Arabic articles to load
#         BENCH_DATA           the bench dataset tools (default ../shared/bench/data)
#         HOST (127.0.0.1) PORT (18097)
#         OUT                  results dir (default /tmp/newsstore-abuse/<timestamp>)
#
# Everything talks to loopback only; every loop is bounded in count and in time.
set -euo pipefail

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-18097}
ARTICLES=${ARTICLES:-3000}
BENCH_DATA=${BENCH_DATA:-../shared/bench/data}
OUT=${OUT:-/tmp/newsstore-abuse/$(date +%Y%m%d-%H%M%S)}

. scripts/bench-common.sh
require_loopback
[ -f "$BENCH_DATA/gen.py" ] && [ -f "$BENCH_DATA/load_api.py" ] || { log "no gen.py and load_api.py in $BENCH_DATA (set BENCH_DATA)"; exit 1; }

BIN=$(newsstore_binary)

mkdir -p "$OUT"
RUNDIR=$(mktemp -d /tmp/newsstore-abuse.XXXXXX)
trap_cleanup
TOKEN=abuse-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

log "generating $ARTICLES articles"
python3 "$BENCH_DATA/gen.py" -n "$ARTICLES" --out "$RUNDIR/data/news.sqlite" --outdir "$RUNDIR/data" >&2
start_newsstore "$PORT" "$RUNDIR/news.sqlite" "$OUT/newsstore.log"
log "loading them through the API"
timeout 300 python3 "$BENCH_DATA/load_api.py" --url "http://$HOST:$PORT" --token "$TOKEN" --db "$RUNDIR/data/news.sqlite" >&2

log "replaying the abuse ($BIN)"
timeout 900 python3 scripts/abuse.py --host "$HOST" --port "$PORT" --pid "$NS_PID" --token "$TOKEN" \
  --slugs "$RUNDIR/data/slugs.txt" | tee "$OUT/summary.txt"
kill -0 "$NS_PID" 2>/dev/null || { log "the server died (see $OUT/newsstore.log)"; exit 1; }
log "summary in $OUT/summary.txt"
