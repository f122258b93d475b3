#!/usr/bin/env bash
# Share previews as crawlers read them: starts the server with a public URL and a site name,
# imports the seed article, and has scripts/share_preview_check.py read its page without
# JavaScript (Python's html.parser and PyPI's extruct) and compare every Open Graph, Twitter
# and JSON-LD value with the API's JSON; also a hostile title, a 404 and an old slug's 301.
#
# Usage:  scripts/share-preview-check.sh
# Env:    NEWSSTORE_BIN=path   use this binary, skip the build
#         SCRATCH_PATH=dir     pass --scratch-path to `swift build`
#         VENV=dir             the virtualenv extruct is installed in (/tmp/newsstore-preview-venv)
# Loopback only; exits non-zero when a check fails.
set -euo pipefail

cd "$(dirname "$0")/.."

HOST=127.0.0.1
VENV=${VENV:-/tmp/newsstore-preview-venv}
PUBLIC_URL=https://news.example
SITE_NAME="أخبار المثال"

. scripts/bench-common.sh
log() { echo "share-preview-check: $*" >&2; }

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import extruct' 2>/dev/null; then
  log "installing extruct into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet extruct >&2
fi

BIN=$(newsstore_binary)
RUNDIR=$(mktemp -d /tmp/newsstore-share-preview.XXXXXX)
OUT=$RUNDIR
trap_cleanup

PORT=$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TOKEN=$(random_token)
start_newsstore "$PORT" "$RUNDIR/news.sqlite" "$RUNDIR/newsstore.log" \
  --web-root "$PWD/web" --public-url "$PUBLIC_URL" --site-name "$SITE_NAME"

TOKEN=$TOKEN "$VENV/bin/python" scripts/share_preview_check.py --server "http://$HOST:$PORT" \
  --public-url "$PUBLIC_URL" --site-name "$SITE_NAME" --seed Tests/EndToEndTests/Fixtures/seed-article.json
