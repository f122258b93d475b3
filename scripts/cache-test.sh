#!/usr/bin/env bash
# The HTTP cache tier for real: the server behind varnishd 7 with the xkey module (Debian
# `varnish` and `varnish-modules`, installed here when missing) running
# deploy/varnish/newsstore.vcl, through a news day of Zipf-popular reads and one write a
# second, then wrk through Varnish and against the server alone, then the server stopped.
# scripts/cache_test.py's docstring says exactly what is measured and checked: hit ratio
# >= 95%, no read older than the last acknowledged write + 1 s, purge latency, throughput, and
# no 5xx for anything cached once the server is gone.
#
# Usage:  scripts/cache-test.sh
# Env:    NEWSSTORE_BIN=path   use this binary, skip the (release) build
#         SCRATCH_PATH=dir     pass --scratch-path to `swift build`
#         HOST (127.0.0.1) PORT (18131) VARNISH_PORT (18132)
#         ARTICLES (1000) WARMUP (15 s) DURATION (60 s) READERS (4 processes) WRK_SECONDS (15)
#         KEEP=1               keep the run's folder (logs, the reads and writes as JSON)
set -euo pipefail

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-18131}
VARNISH_PORT=${VARNISH_PORT:-18132}
OUT=${OUT:-/tmp/newsstore-cache-test}

. scripts/bench-common.sh
require_loopback

if ! command -v varnishd >/dev/null || ! dpkg -s varnish-modules >/dev/null 2>&1 || ! command -v wrk >/dev/null; then
  log "installing varnish, varnish-modules and wrk from Debian"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish varnish-modules wrk >&2
fi
log "$(varnishd -V 2>&1 | head -1), varnish-modules $(dpkg-query -W -f '${Version}' varnish-modules)"

BIN=$(newsstore_binary)
port_free "$PORT" || { log "something already listens on $HOST:$PORT"; exit 1; }
port_free "$VARNISH_PORT" || { log "something already listens on $HOST:$VARNISH_PORT"; exit 1; }

mkdir -p "$OUT"
RUNDIR=$(mktemp -d /tmp/newsstore-cache-test.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$RUNDIR"' EXIT
python3 scripts/cache_test.py --binary "$BIN" --dir "$RUNDIR" --vcl deploy/varnish/newsstore.vcl --host "$HOST" \
  --port "$PORT" --varnish-port "$VARNISH_PORT" --articles "${ARTICLES:-1000}" --duration "${DURATION:-60}" \
  --readers "${READERS:-4}" --warmup "${WARMUP:-15}" --wrk-seconds "${WRK_SECONDS:-15}" | tee "$OUT/result.txt"
