#!/usr/bin/env bash
# HTTP benchmark: newsstore vs nginx (as a reference) on GET /healthz, using wrk.
#
# Usage:  scripts/bench.sh
# Env:    NEWSSTORE_BIN=path   use this binary, skip the build
#         SCRATCH_PATH=dir     pass --scratch-path to `swift build` (e.g. .build-bench)
#         HOST (127.0.0.1) NS_PORT (18085) NGINX_PORT (18086)
#         CONNS ("64 256") THREADS (2) DURATION (10s) WARMUP (3s, "0" to skip)
#         WORKERS              newsstore --workers (default: the server's own default)
#         OUT                  results dir (default /tmp/newsstore-bench-http/<timestamp>)
#
# Everything talks to loopback only; every wait loop has a bound.
set -euo pipefail

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift

HOST=${HOST:-127.0.0.1}
NS_PORT=${NS_PORT:-18085}
NGINX_PORT=${NGINX_PORT:-18086}
CONNS=${CONNS:-"64 256"}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
WORKERS=${WORKERS:-}
OUT=${OUT:-/tmp/newsstore-bench-http/$(date +%Y%m%d-%H%M%S)}

. scripts/bench-common.sh
require_loopback

# ---------------------------------------------------------------- tools
# wrk and nginx come from Debian. The package's postinst would start the system nginx
# service on port 80; a temporary policy-rc.d (exit 101 = "action forbidden") stops that.
install_tools() {
  local missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ ${#missing[@]} -eq 0 ] && return 0

  log "installing ${missing[*]} with apt"
  local made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  local rc=0
  apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx || rc=$?
  [ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
  return "$rc"
}
install_tools
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# ---------------------------------------------------------------- binary
BIN=$(newsstore_binary)

mkdir -p "$OUT"
RUNDIR=$(mktemp -d /tmp/newsstore-bench-nginx.XXXXXX)
trap_cleanup

# ---------------------------------------------------------------- servers
# A port that already answers would mean we benchmark some stale server: refuse.
port_free "$NGINX_PORT" || { log "something already listens on $HOST:$NGINX_PORT"; exit 1; }
start_newsstore "$NS_PORT" "$RUNDIR/news.sqlite" "$OUT/newsstore.log" ${WORKERS:+--workers "$WORKERS"}

# nginx: private config, pid, logs and temp dirs in $RUNDIR, so it never touches the
# system instance. The body is a 20-byte static file (15 bytes of JSON, padded).
mkdir -p "$RUNDIR/html" "$RUNDIR/tmp"
printf '{"status":"ok"}    \n' > "$RUNDIR/html/healthz"
chmod 755 "$RUNDIR" "$RUNDIR/html"   # workers run as nobody and must read the file
chmod 644 "$RUNDIR/html/healthz"
cat > "$RUNDIR/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $RUNDIR/nginx.pid;
error_log $RUNDIR/error.log warn;
worker_rlimit_nofile 8192;
events { worker_connections 4096; }
http {
    access_log off;
    types { }
    default_type application/json;
    keepalive_requests 1000000;
    keepalive_timeout 65s;
    client_body_temp_path $RUNDIR/tmp/body;
    proxy_temp_path       $RUNDIR/tmp/proxy;
    fastcgi_temp_path     $RUNDIR/tmp/fastcgi;
    uwsgi_temp_path       $RUNDIR/tmp/uwsgi;
    scgi_temp_path        $RUNDIR/tmp/scgi;
    server {
        listen $HOST:$NGINX_PORT;
        root $RUNDIR/html;
        location = /healthz { }
    }
}
EOF
cp "$RUNDIR/nginx.conf" "$OUT/nginx.conf"
"$NGINX" -p "$RUNDIR" -c "$RUNDIR/nginx.conf" -e "$RUNDIR/error.log" >"$OUT/nginx.log" 2>&1 &
NGINX_PID=$!

wait_ready "$NGINX_PORT" "$NGINX_PID" nginx
log "servers up: newsstore pid $NS_PID on :$NS_PORT, nginx pid $NGINX_PID on :$NGINX_PORT"

# ---------------------------------------------------------------- runs
url_of() { case $1 in newsstore) echo "http://$HOST:$NS_PORT/healthz" ;; nginx) echo "http://$HOST:$NGINX_PORT/healthz" ;; esac; }

# Warm-up once per server at the largest connection count (JIT-free, but fills
# caches, thread pools and the accept path); output kept but not tabulated.
max_conns=$(printf '%s\n' $CONNS | sort -n | tail -1)
if [ "$WARMUP" != 0 ]; then
  for s in newsstore nginx; do
    log "warm-up $s ($WARMUP, $max_conns conns)"
    wrk -t "$THREADS" -c "$max_conns" -d "$WARMUP" "$(url_of "$s")" >"$OUT/warmup-$s.txt" 2>&1
  done
fi

RESULTS="$OUT/results.tsv"
printf 'server\tconns\trps\tp50_ms\tp99_ms\terrors\terror_detail\n' > "$RESULTS"
for c in $CONNS; do
  for s in newsstore nginx; do       # interleaved: both servers at one load, then the next
    raw="$OUT/wrk-$s-c$c.txt"
    log "measure $s: $c conns, $THREADS threads, $DURATION"
    wrk --latency -t "$THREADS" -c "$c" -d "$DURATION" "$(url_of "$s")" >"$raw" 2>&1
    read -r rps p50 p99 errs detail < <(parse_wrk "$raw")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$c" "$rps" "$p50" "$p99" "$errs" "$detail" >> "$RESULTS"
  done
done

# ---------------------------------------------------------------- report
{
  echo "## HTTP benchmark: GET /healthz, newsstore vs nginx"
  echo
  echo "- $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty tree)')"
  echo "- newsstore: $("$BIN" --version 2>&1 | head -1) ($BIN, --log-level warning${WORKERS:+, --workers $WORKERS}); nginx: $("$NGINX" -v 2>&1 | sed 's/^nginx version: //'), worker_processes 2"
  echo "- wrk: $THREADS threads, $DURATION per run, warm-up $WARMUP per server"
  echo
  echo "| server | conns | req/s | p50 ms | p99 ms | errors |"
  echo "|---|---:|---:|---:|---:|---:|"
  awk -F'\t' 'NR > 1 { printf "| %s | %s | %.0f | %.3f | %.3f | %s |\n", $1, $2, $3, $4, $5, ($6 == 0 ? "0" : $6 " (" $7 ")") }' "$RESULTS"
  echo
  awk -F'\t' 'NR > 1 { r[$1 "," $2] = $3; if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 } }
    END {
      line = "newsstore/nginx req/s:"
      for (i = 1; i <= n; i++) {
        c = order[i]; ng = r["nginx," c]
        line = line sprintf(" %s conns = %s;", c, (ng > 0) ? sprintf("%.2f", r["newsstore," c] / ng) : "n/a")
      }
      sub(/;$/, "", line); print line
    }' "$RESULTS"
  echo
  echo "Caveat: one machine with $(nproc) cores; wrk runs on the same cores as the server under test,"
  echo "so absolute numbers are understated and the newsstore/nginx ratio is the figure to compare."
  echo "nginx serves a 20-byte static file, newsstore a 15-byte JSON body."
  echo
  echo "Raw wrk output: $OUT"
} | tee "$OUT/table.md"
