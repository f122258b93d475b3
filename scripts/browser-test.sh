#!/usr/bin/env bash
# Browser test of the reader (web/) against the real server, in headless Chromium:
#   1. the reader's weight: what a page loads before its first render (the shell, its
#      stylesheet and the modules imported statically) must stay under 50 KB; the whole
#      folder, comments and moderation page included, is printed too;
#   2. a newsstore server on a free loopback port, with a scratch database and an admin token,
#      serving web/ at / and allowing CORS from a second port (the cross-origin run); and a
#      second one under --comments-moderation post;
#   3. scripts/browser_test.py fills it (categories, the seed article, ~40 generated articles,
#      related links, views), opens every page, checks what a reader sees, then comments as a
#      reader, moderates on /moderate and reads back (closed, rate-limited, hostile markup),
#      opens a draft's preview link with no token (then revoked, then after publication),
#      and saves docs/screenshots/{home,article,article-mobile,search,comments,
#      comments-rate-limited,moderate,preview}.png.
# Exits non-zero when any check fails, after printing which.
#
# Usage:  scripts/browser-test.sh
# Env:    NEWSSTORE_BIN=path   use this binary, skip the build
#         SCRATCH_PATH=dir     pass --scratch-path to `swift build`
#         SCREENSHOTS=dir      where the screenshots go (docs/screenshots)
# Needs:  /usr/bin/chromium and /usr/bin/chromedriver (Debian: chromium chromium-driver),
#         fonts-noto-core for Arabic, openssl; selenium is pip-installed when missing.
# Everything talks to loopback only; every wait has a bound.
set -euo pipefail

cd "$(dirname "$0")/.."   # repo root, so `swift build` finds Package.swift

HOST=127.0.0.1
WEB_LIMIT=51200
SCREENSHOTS=${SCREENSHOTS:-docs/screenshots}

. scripts/bench-common.sh
log() { echo "browser-test: $*" >&2; }

# ---------------------------------------------------------------- page weight
web_bytes=$(find web -type f -printf '%s\n' | awk '{ total += $1 } END { print total + 0 }')
# The static import graph from index.html, as WebReaderFolderTests computes it.
first_render=$(python3 - web <<'PY'
import os, re, sys
root, loaded, queue = sys.argv[1], set(), ["index.html"]
while queue:
    path = queue.pop()
    if path in loaded:
        continue
    loaded.add(path)
    text = open(os.path.join(root, path), encoding="utf-8").read()
    if path.endswith(".html"):
        queue += re.findall(r'(?:src|href)="/([^"?#]+\.(?:js|css))"', text)
    elif path.endswith(".js"):
        queue += [os.path.normpath(os.path.join(os.path.dirname(path), spec))
                  for spec in re.findall(r"""\bfrom\s*["']([^"']+)["']""", text)]
print(sum(os.path.getsize(os.path.join(root, path)) for path in loaded))
PY
)
echo "web/ weight: $first_render bytes before a page's first render (limit $WEB_LIMIT), $web_bytes in all"
if [ "$first_render" -ge "$WEB_LIMIT" ]; then
  echo "FAIL  a page loads $first_render bytes before its first render, over $WEB_LIMIT"
  exit 1
fi

# ---------------------------------------------------------------- tools
for tool in /usr/bin/chromium /usr/bin/chromedriver; do
  [ -x "$tool" ] || { log "$tool is missing: apt-get install -y chromium chromium-driver fonts-noto-core"; exit 1; }
done
command -v openssl >/dev/null || { log "openssl is missing: apt-get install -y openssl"; exit 1; }
python3 -c 'import selenium' 2>/dev/null || python3 -m pip install --user --quiet selenium >&2

BIN=$(newsstore_binary)

# ---------------------------------------------------------------- server
RUNDIR=$(mktemp -d /tmp/newsstore-browser-test.XXXXXX)
OUT=$RUNDIR      # where bench-common's wait_ready says the log is
trap_cleanup

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
CROSS_PORT=$(free_port)
TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')

# A second server under post-moderation, for the comment a reader sees at once.
POST_PORT=$(free_port)
start_newsstore "$POST_PORT" "$RUNDIR/post.sqlite" "$RUNDIR/newsstore-post.log" \
  --web on --web-root "$PWD/web" --comments-moderation post
POST_PID=$NS_PID
stop_both() {
  local rc=$?
  stop_pid "${POST_PID:-}" "newsstore (post-moderation)"
  (exit "$rc")
  cleanup
}
trap stop_both EXIT

start_newsstore "$PORT" "$RUNDIR/news.sqlite" "$RUNDIR/newsstore.log" \
  --web on --web-root "$PWD/web" --cors-allowed-origins "http://$HOST:$CROSS_PORT"

if ! TOKEN=$TOKEN python3 scripts/browser_test.py \
    --server "http://$HOST:$PORT" --cross-origin-port "$CROSS_PORT" --post-moderation-server "http://$HOST:$POST_PORT" \
    --web web --seed Tests/EndToEndTests/Fixtures/seed-article.json --screenshots "$SCREENSHOTS"; then
  if [ -s "$RUNDIR/newsstore.log" ]; then
    log "the server's log ends with:"
    tail -n 20 "$RUNDIR/newsstore.log" >&2
  fi
  exit 1
fi
