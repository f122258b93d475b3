#!/usr/bin/env bash
# Webhooks as a real receiver sees them: the server's deliveries verified by the PyPI
# `standardwebhooks` package (the Standard Webhooks reference library), installed into a venv.
# scripts/webhook_check.py starts the receiver (which answers 500 to each event's first
# attempt, so every event is also retried), the server, and walks article.published,
# .updated, .unpublished, .deleted, a scheduled article, a secret rotation, a kill -9
# between attempts, and comment.created / comment.approved; its docstring says exactly what is checked.
#
# Usage:  scripts/webhook-check.sh
# Env:    NEWSSTORE_BIN=path   use this binary, skip the build
#         SCRATCH_PATH=dir     pass --scratch-path to `swift build`
#         HOST (127.0.0.1) PORT (18095)
set -euo pipefail

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-18095}
OUT=${OUT:-/tmp/newsstore-webhook-check}
VENV=.build-webhook-check/venv

. scripts/bench-common.sh
require_loopback

BIN=$(newsstore_binary)
port_free "$PORT" || { log "something already listens on $HOST:$PORT"; exit 1; }

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" || { log "python3 -m venv failed: install python3-venv (apt-get install python3-venv)"; exit 1; }
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check standardwebhooks
log "standardwebhooks $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("standardwebhooks"))')"

mkdir -p "$OUT"
RUNDIR=$(mktemp -d /tmp/newsstore-webhook-check.XXXXXX)
trap 'rm -rf "$RUNDIR"' EXIT
"$VENV/bin/python" scripts/webhook_check.py --binary "$BIN" --dir "$RUNDIR" --host "$HOST" --port "$PORT" | tee "$OUT/result.txt"
