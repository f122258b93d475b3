#!/usr/bin/env bash
# Crash safety: the release server under concurrent writes (creates, tag and title patches,
# related links, views), killed with SIGKILL at random moments, restarted, checked: every
# acknowledged write present, nothing half-written, integrity_check ok. The checks are in
# scripts/crash_check.py (its docstring says exactly what is checked).
#
# Usage:  scripts/crash.sh [--cycles N] [--writers N] [--seed N]
# Env:    NEWSSTORE_BIN=path   use this binary, skip the build
#         SCRATCH_PATH=dir     pass --scratch-path to `swift build`
#         HOST (127.0.0.1) PORT (18094)
set -euo pipefail

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-18094}
OUT=${OUT:-/tmp/newsstore-crash}

. scripts/bench-common.sh
require_loopback

BIN=$(newsstore_binary)
port_free "$PORT" || { log "something already listens on $HOST:$PORT"; exit 1; }

RUNDIR=$(mktemp -d /tmp/newsstore-crash.XXXXXX)
trap_cleanup
python3 scripts/crash_check.py --binary "$BIN" --dir "$RUNDIR" --port "$PORT" "$@"
