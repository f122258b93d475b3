#!/usr/bin/env bash
# Property tests against the OpenAPI document: schemathesis (PyPI) generates requests for every
# documented operation from /api/v1/openapi.json and checks the answers, once without a token
# (a reader) and once with one (an editor), on a fresh database with a category, a tag and an
# article to find. The checks are the document's promises: no 5xx, every status documented,
# every body and header matching its schema, the documented content types. (Its "a request
# the schema allows must succeed" check is left out: a schema cannot say that a slug must be
# free or that an If-Match must match, so those 409s and 412s are right answers.)
#
# Usage:  scripts/schemathesis.sh [more schemathesis options, e.g. --max-examples 200]
# Env:    NEWSSTORE_BIN=path   use this binary, skip the build
#         SCRATCH_PATH=dir     pass --scratch-path to `swift build`
#         HOST (127.0.0.1) PORT (18093) MAX_EXAMPLES (50)
set -euo pipefail

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-18093}
MAX_EXAMPLES=${MAX_EXAMPLES:-50}
OUT=${OUT:-/tmp/newsstore-schemathesis/$(date +%Y%m%d-%H%M%S)}

. scripts/bench-common.sh
require_loopback
command -v st >/dev/null 2>&1 || { log "installing schemathesis from PyPI"; pip install -q schemathesis >&2; }

BIN=$(newsstore_binary)
[ -x "$BIN" ] || { log "no executable at $BIN"; exit 1; }
mkdir -p "$OUT"
RUNDIR=$(mktemp -d /tmp/newsstore-schemathesis.XXXXXX)
trap_cleanup

TOKEN=$(random_token)
start_newsstore "$PORT" "$RUNDIR/news.sqlite" "$OUT/newsstore.log"
api="http://$HOST:$PORT/api/v1"
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" --json '{"name":"سياسة"}' "$api/categories"
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" \
  --json '{"title":"دمشق توافق على المشاركة","status":"published","category":"سياسة","tags":["سوريا"],"body":"نص الخبر"}' "$api/articles"

checks=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
status=0
for who in reader editor; do
  auth=()
  [ "$who" = editor ] && auth=(-H "Authorization: Bearer $TOKEN")
  log "schemathesis as $who"
  # From the scratch folder: schemathesis keeps a cache in its working directory.
  (cd "$RUNDIR" && st run "$api/openapi.json" --url "http://$HOST:$PORT" --checks "$checks" --max-examples "$MAX_EXAMPLES" \
    "${auth[@]}" "$@") >"$OUT/$who.txt" 2>&1 || status=1
  sed -n '/SUMMARY/,$p' "$OUT/$who.txt"
done
log "full output: $OUT"
exit "$status"
