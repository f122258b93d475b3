#!/usr/bin/env bash
# Search relevance on the public development set (../shared/search-dev): starts the server on
# an empty temporary database, runs the set's own runner against it, prints its table and the
# final "search: recall@10=… mrr=… ndcg@10=…" line.
#
# The runner is used as shipped except for one line of its "ADAPT HERE" block, which it asks
# projects to adapt: its `unwrap()` takes the first nested object among `data`, `article`,
# `category`… for the created article, and our article carries a `category` object, so the
# ids it recorded were the category's. Here the created article is the response itself.
#
# Usage:  scripts/search-eval.sh [runner options, e.g. --per-query]
# Env:    NEWSSTORE_BIN=path   use this binary, skip the build
#         SCRATCH_PATH=dir     pass --scratch-path to `swift build`
#         SEARCH_DEV=dir       the development set (default ../shared/search-dev)
#         HOST (127.0.0.1) PORT (18097)
set -euo pipefail

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-18097}
SEARCH_DEV=${SEARCH_DEV:-../shared/search-dev}
RUNDIR=$(mktemp -d /tmp/newsstore-search-eval.XXXXXX)
OUT=$RUNDIR

. scripts/bench-common.sh
require_loopback
[ -f "$SEARCH_DEV/run_eval.py" ] || { log "no runner at $SEARCH_DEV/run_eval.py"; exit 1; }

BIN=$(newsstore_binary)
trap_cleanup

cp -r "$SEARCH_DEV"/. "$OUT/runner"
python3 - "$OUT/runner/run_eval.py" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
old = '    o = unwrap(resp) or {}\n'
if text.count(old) != 1:
    sys.exit("search-eval: the runner's created_keys() changed; adapt this script")
open(path, "w", encoding="utf-8").write(text.replace(old, '    o = resp or {}\n'))
PY

TOKEN=$(random_token)
start_newsstore "$PORT" "$OUT/news.sqlite" "$OUT/newsstore.log"
python3 "$OUT/runner/run_eval.py" --base-url "http://$HOST:$PORT" --token "$TOKEN" "$@"
