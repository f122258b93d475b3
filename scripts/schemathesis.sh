#!/usr/bin/env bash
# Property tests against the OpenAPI document: schemathesis (PyPI) generates requests for every
# documented operation from /api/v1/openapi.json and runs ALL its checks on the answers, once
# without a token (a reader) and once with one (an editor), against a real server on loopback
# with a fresh temporary database seeded with categories, tags and a few articles, so reads
# find data. The checks are the document's promises: no 5xx, every status, header, body and
# content type documented, schema-valid requests accepted and schema-invalid ones refused, 405
# with a true Allow for undocumented methods, and a token required where the document says so.
#
# Usage:  scripts/schemathesis.sh [more schemathesis options, e.g. --seed 1]
# Env:    NEWSSTORE_BIN=path   use this binary, skip the build (a debug build is fine)
#         SCRATCH_PATH=dir     pass --scratch-path to `swift build`
#         SCHEMATHESIS_VENV    where to install schemathesis when `st` is not on PATH
#                              (default ~/.cache/newsstore-schemathesis-venv)
#         HOST (127.0.0.1) PORT (18093) MAX_EXAMPLES (25, per operation and phase; bounds the
#         run to a few minutes)
set -euo pipefail

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift
CONFIG=$PWD/scripts/schemathesis   # hooks.py and schemathesis.toml

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-18093}
MAX_EXAMPLES=${MAX_EXAMPLES:-25}
OUT=${OUT:-/tmp/newsstore-schemathesis/$(date +%Y%m%d-%H%M%S)}

. scripts/bench-common.sh
require_loopback

# schemathesis from PyPI, in a virtual environment of its own unless one is on PATH already.
if command -v st >/dev/null 2>&1; then
  ST=$(command -v st)
else
  VENV=${SCHEMATHESIS_VENV:-$HOME/.cache/newsstore-schemathesis-venv}
  if [ ! -x "$VENV/bin/st" ]; then
    log "installing schemathesis from PyPI into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q schemathesis >&2
  fi
  ST=$VENV/bin/st
fi
log "$("$ST" --version)"

BIN=$(newsstore_binary)
mkdir -p "$OUT"
RUNDIR=$(mktemp -d /tmp/newsstore-schemathesis.XXXXXX)
trap_cleanup

TOKEN=$(random_token)
# Feeds, sitemaps and robots.txt answer 503 without a public URL (by design): give them one.
start_newsstore "$PORT" "$RUNDIR/news.sqlite" "$OUT/newsstore.log" --public-url https://news.example
api="http://$HOST:$PORT/api/v1"
seed() { curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" --json "$2" "$api/$1"; }
seed categories '{"name":"سياسة"}'
seed categories '{"name":"اقتصاد","slug":"economy"}'
seed tags '{"name":"سوريا"}'
# A subscription before the articles, so their publication gives it deliveries to page through
# (sent nowhere: loopback is refused without --webhooks-allow-private).
seed webhooks '{"url":"http://127.0.0.1:9/hooks","events":["article.published"]}'
seed articles '{"title":"دمشق توافق على المشاركة","status":"published","category":"سياسة","tags":["سوريا"],"body":"نص الخبر عن المشاركة"}'
seed articles '{"title":"الليرة تتحسن أمام الدولار","status":"published","category":"economy","tags":["سوريا","اقتصاد"],"author":"سارة","body":"نص عن الاقتصاد والأسواق"}'
seed articles '{"title":"Elections in Damascus","status":"published","tags":["news"],"body":"An English article, for Latin search terms."}'
seed articles '{"title":"مسودة لم تنشر","status":"draft","category":"سياسة","body":"مسودة"}'
curl -sf -o /dev/null -X POST "$api/articles/1/views"
# Comments, approved, so the comment listings have a second page for the hooks' cursors.
for n in 1 2 3; do
  curl -sf -o /dev/null --json "{\"author_name\":\"قارئ $n\",\"body\":\"تعليق رقم $n\"}" "$api/articles/1/comments"
  curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $TOKEN" --json '{"status":"approved"}' "$api/comments/$n"
done

status=0
for who in reader editor; do
  auth=()
  [ "$who" = editor ] && auth=(-H "Authorization: Bearer $TOKEN")
  log "schemathesis as $who"
  # From the scratch folder: schemathesis keeps a cache in its working directory. The hooks give
  # its valid requests real cursors; the configuration lists the state-dependent statuses.
  (cd "$RUNDIR" && NEWSSTORE_API=$api NEWSSTORE_TOKEN=$TOKEN NEWSSTORE_SEARCH_WORD=نص NEWSSTORE_CATEGORY=economy PYTHONPATH="$CONFIG" SCHEMATHESIS_HOOKS=hooks \
    "$ST" --config-file "$CONFIG/schemathesis.toml" run "$api/openapi.json" --url "http://$HOST:$PORT" --checks all \
    --max-examples "$MAX_EXAMPLES" --request-timeout 20 --no-color "${auth[@]}" "$@") >"$OUT/$who.txt" 2>&1 || status=1
  sed -n '/SUMMARY/,$p' "$OUT/$who.txt"
done
log "full output: $OUT"
exit "$status"
