#!/usr/bin/env bash
# Feed check with a real feed parser: starts newsstore with a scratch database and a public URL,
# fills it through the API (the seed article and a few more: a hostile title, an author, a hero
# image, a draft, a scheduled article), then scripts/feed_check.py reads /rss.xml, /atom.xml and
# /feed.json (all, ?category=, ?tag=) with PyPI's feedparser and checks every item field by
# field against the API's JSON for the same article, before and after the scheduled article's
# time. Prints 'N passed, N failed'; exits non-zero when a check fails.
#
# Usage:  scripts/feed-check.sh
# Env:    NEWSSTORE_BIN=path   use this binary, skip the build (else a release build)
#         SCRATCH_PATH=dir     pass --scratch-path to `swift build`
#         FEEDCHECK_VENV=dir   the virtualenv for feedparser (/tmp/newsstore-feedcheck-venv)
# Needs:  python3 with venv (Debian: python3-venv), curl. Talks to loopback only.
set -euo pipefail

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift

HOST=127.0.0.1
ORIGIN=https://news.example
SITE_NAME="أخبار المدينة"
VENV=${FEEDCHECK_VENV:-/tmp/newsstore-feedcheck-venv}

. scripts/bench-common.sh
log() { echo "feed-check: $*" >&2; }

# ---------------------------------------------------------------- feedparser, in a venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" || { log "python3 -m venv failed: apt-get install -y python3-venv"; exit 1; }
fi
"$VENV/bin/python" -c "import feedparser, reader, sgmllib" 2>/dev/null ||
  "$VENV/bin/python" -m pip install --quiet feedparser reader sgmllib3k >&2   # reader's own copy of feedparser needs sgmllib

BIN=$(newsstore_binary)

# ---------------------------------------------------------------- server
RUNDIR=$(mktemp -d /tmp/newsstore-feed-check.XXXXXX)
OUT=$RUNDIR
trap_cleanup
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TOKEN=$(random_token)

start_newsstore "$PORT" "$RUNDIR/news.sqlite" "$RUNDIR/newsstore.log" \
  --web off --public-url "$ORIGIN" --site-name "$SITE_NAME" --site-language ar

if ! TOKEN=$TOKEN "$VENV/bin/python" scripts/feed_check.py --server "http://$HOST:$PORT" --origin "$ORIGIN" \
    --site-name "$SITE_NAME" --seed Tests/EndToEndTests/Fixtures/seed-article.json; then
  if [ -s "$RUNDIR/newsstore.log" ]; then
    log "the server's log ends with:"
    tail -n 20 "$RUNDIR/newsstore.log" >&2
  fi
  exit 1
fi
