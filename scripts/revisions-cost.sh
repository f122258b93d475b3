#!/usr/bin/env bash
# What revisions cost: server CPU time per article PATCH (each stores a revision), per revision
# listing and per diff, and the revisions' bytes, on the seed article. NEWSSTORE_BIN picks the
# binary (default: a release build of this checkout); run it with main's binary for the figures
# without revisions. EDITS (default 300) PATCHes; REVISIONS_KEPT (default 50).
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=127.0.0.1
source scripts/bench-common.sh
BIN=$(newsstore_binary)
RUNDIR=$(mktemp -d /tmp/revisions-cost.XXXXXX)
TOKEN=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
NS_PID=
cleanup() { stop_pid "$NS_PID" newsstore; rm -rf "$RUNDIR"; }
trap cleanup EXIT
# The setting by its environment variable, which a binary without revisions ignores.
NEWSSTORE_REVISIONS_KEPT=${REVISIONS_KEPT:-50} "$BIN" serve --host "$HOST" --port "$PORT" --db "$RUNDIR/news.sqlite" \
  --admin-token "$TOKEN" --web off >"$RUNDIR/server.log" 2>&1 &
NS_PID=$!
for _ in $(seq 1 100); do curl -sf "http://$HOST:$PORT/readyz" >/dev/null && break; sleep 0.1; done
python3 scripts/revisions_cost.py "$NS_PID" "$PORT" "$TOKEN" "$RUNDIR/news.sqlite" "${EDITS:-300}"
