#!/usr/bin/env bash
# Proves the Dockerfile's runtime stage without a Docker engine.
#
# Assembles the build context as `docker build .` would, honouring .dockerignore with Docker's
# rules (scripts/docker_build_context.py), and checks that every file the Dockerfile COPYs is
# in it. Performs the build stage's COPYs from that context and builds the release binary
# there exactly as the Dockerfile does (static Swift stdlib, stripped). Makes a minimal
# Debian 12 root with debootstrap (--variant=minbase, with the apt sources of
# debian:bookworm-slim), runs the Dockerfile's own runtime RUN instruction in it (packages,
# user, /data), performs the runtime stage's COPY instructions (from the context, and the
# binary from the build stage), and starts the server as the image would: as uid 10001, as
# PID 1 of its own PID namespace, from /data, with the image's environment. Then, from the
# host (same network namespace): libssl.so.3 and the CA bundle are in the root (the outbound
# client opens libssl at run time for https webhooks, so ldd cannot show it),
#   /readyz 200, /healthz 200, the Dockerfile's HEALTHCHECK command passes, a write with the
#   bootstrap token is read back, POST /api/v1/admin/backup answers a file name,
#   `newsstore token create` and `newsstore backup` work next to the running server (as
#   `docker compose exec` runs them), SIGTERM exits 0, and the HEALTHCHECK command then
#   fails. Checks docker-compose.yml against the Dockerfile and itself. Prints sizes and an
#   estimate of the image size.
#
# Usage:  scripts/verify-runtime-image.sh            (as root: debootstrap, chroot, unshare)
# Env:    CACHE_DIR=dir      cached Debian roots, the build stage's /src and its build
#                            folder (default /tmp/newsstore-verify-cache)
#         SCRATCH_PATH=dir   swift build --scratch-path, like the Dockerfile's cache mount
#                            (default $CACHE_DIR/build-cache)
#         REFRESH=1          rebuild the cached roots (new debootstrap, new apt install)
#         MIRROR, SECURITY_MIRROR   Debian mirrors (default: the ones this machine's apt uses)
#         PORT               loopback port for the server (default 18099)
#         KEEP=1             keep the work root (its path is printed) instead of deleting it
#         SLIM_BASE_MB       size of debian:bookworm-slim, uncompressed (default 75)
#
# Rerunnable: the Debian roots are cached as tarballs (the runtime one keyed by the
# Dockerfile's RUN text, like a Docker layer); each run unpacks a fresh copy and deletes it.
# Every wait has a bound. Nothing is mounted in the host's mount namespace: /proc and
# /dev/pts inside the root exist only in private namespaces made with unshare.
set -euo pipefail
cd "$(dirname "$0")/.."   # repo root

CACHE_DIR=${CACHE_DIR:-/tmp/newsstore-verify-cache}
SCRATCH_PATH=${SCRATCH_PATH:-$CACHE_DIR/build-cache}
CONTEXT_TOOL=scripts/docker_build_context.py
REFRESH=${REFRESH:-0}
PORT=${PORT:-18099}
KEEP=${KEEP:-0}
SLIM_BASE_MB=${SLIM_BASE_MB:-75}
SUITE=bookworm
ROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

log() { echo "verify: $*" >&2; }
RESULT_PRINTED=0
fail() {
  echo "verify: FAIL: $*" >&2
  if [ -n "${WORK:-}" ] && [ -s "$WORK/server.log" ]; then
    echo "---- server log (last 30 lines) ----" >&2
    tail -n 30 "$WORK/server.log" >&2
  fi
  echo "RESULT: FAIL"
  RESULT_PRINTED=1
  exit 1
}
on_error() { fail "command failed at line $1 (exit $2)"; }
trap 'on_error $LINENO $?' ERR

[ "$(id -u)" = 0 ] || fail "run as root (debootstrap, chroot and unshare need it)"

# ---------------------------------------------------------------- cleanup
WORK=""
SERVER_PID=""    # the server, in the host's PID numbering
UNSHARE_PID=""   # unshare, its parent
TEMP_DIRS=()

mounted_under() { findmnt -rn -o TARGET | grep -qF "$1"; }

stop_pid() {   # stop_pid PID: SIGTERM, up to 15 s, then SIGKILL
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  trap - ERR
  set +e
  [ -n "$SERVER_PID" ] && stop_pid "$SERVER_PID"
  [ -n "$UNSHARE_PID" ] && stop_pid "$UNSHARE_PID"
  [ -n "$UNSHARE_PID" ] && wait "$UNSHARE_PID" 2>/dev/null
  local dir
  for dir in ${WORK:+"$WORK"} ${TEMP_DIRS[@]+"${TEMP_DIRS[@]}"}; do
    [ -d "$dir" ] || continue
    if [ "$KEEP" = 1 ] && [ "$dir" = "$WORK" ]; then log "kept $dir"; continue; fi
    if mounted_under "$dir"; then
      log "WARNING: something is mounted under $dir; not deleting it"
      continue
    fi
    rm -rf --one-file-system "$dir"
  done
  if [ "$status" != 0 ] && [ "$RESULT_PRINTED" = 0 ]; then echo "RESULT: FAIL"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- tools
need_apt=()
command -v debootstrap >/dev/null 2>&1 || need_apt+=(debootstrap)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]} with apt"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
for tool in unshare chroot findmnt strip ldd sha256sum tar; do
  command -v "$tool" >/dev/null 2>&1 || fail "missing tool: $tool"
done

# ---------------------------------------------------------------- read the Dockerfile
# The runtime stage is everything after the last FROM. Its first RUN is executed verbatim in
# the root; HEALTHCHECK and USER are taken from it too, so the script cannot drift from it.
DOCKERFILE=Dockerfile
[ -f "$DOCKERFILE" ] || fail "no Dockerfile"
RUNTIME_RUN=$(awk '
  /^FROM /   { runtime = 1; found = 0; run = ""; inrun = 0; next }
  runtime && !found && /^RUN / { inrun = 1; sub(/^RUN /, "") }
  inrun {
    line = $0; cont = sub(/\\[ \t]*$/, "", line)
    run = run line " "
    if (!cont) { inrun = 0; found = 1 }
  }
  END { print run }' "$DOCKERFILE")
[ -n "${RUNTIME_RUN// /}" ] || fail "no RUN instruction in the Dockerfile's runtime stage"
# The HEALTHCHECK's exec-form command, one argument per line.
HEALTHCHECK_ARGV=$(python3 - "$DOCKERFILE" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read().replace("\\\n", " ")
found = [l for l in text.splitlines() if l.startswith("HEALTHCHECK ")]
if not found:
    sys.exit("no HEALTHCHECK")
print("\n".join(json.loads(found[-1].split(" CMD ", 1)[1])))
PY
) || fail "cannot read the HEALTHCHECK from the Dockerfile"
mapfile -t HEALTHCHECK_CMD <<< "$HEALTHCHECK_ARGV"
USER_SPEC=$(awk '/^USER /{ u = $2 } END { print u }' "$DOCKERFILE")
[[ $USER_SPEC =~ ^[0-9]+:[0-9]+$ ]] || fail "Dockerfile USER is '$USER_SPEC', expected numeric uid:gid"
RUN_UID=${USER_SPEC%%:*}
# What this script reproduces by hand (the COPYs it performs from the Dockerfile itself);
# stop if the Dockerfile changed them.
for line in \
  'FROM swift:6.3-bookworm AS build' \
  'WORKDIR /src' \
  'install -D -m 0755 .build/release/newsstore /staging/newsstore' \
  'COPY --from=build /staging/newsstore /usr/local/bin/newsstore' \
  'NEWSSTORE_HOST=0.0.0.0' \
  'NEWSSTORE_DB=/data/newsstore.sqlite' \
  'WORKDIR /data' \
  'swift build -c release --static-swift-stdlib --product newsstore' \
  'strip /staging/newsstore'; do
  grep -qF -- "$line" "$DOCKERFILE" || fail "Dockerfile no longer contains '$line'; update this script"
done
log "runtime RUN: $RUNTIME_RUN"

# The compose file repeats the HEALTHCHECK (with \$\$ for compose's interpolation): same
# command? And it rotates its logs, limits memory, and trusts as proxies exactly its own
# network's fixed subnet (plus loopback), not a whole private block.
COMPOSE_CHECK="not checked (no PyYAML)"
if [ -f docker-compose.yml ] && python3 -c 'import yaml' 2>/dev/null; then
  if COMPOSE_CHECK=$(HEALTHCHECK_ARGV="$HEALTHCHECK_ARGV" python3 - docker-compose.yml <<'PY'
import ipaddress, os, sys, yaml
compose = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
service = compose["services"]["newsstore"]
test = service["healthcheck"]["test"]
if test != ["CMD"] + os.environ["HEALTHCHECK_ARGV"].split("\n"):
    sys.exit("docker-compose.yml healthcheck differs from the Dockerfile's:\n%r" % test)
options = (service.get("logging") or {}).get("options") or {}
if service.get("logging", {}).get("driver") != "json-file" or not options.get("max-size") or not options.get("max-file"):
    sys.exit("docker-compose.yml: logging needs driver json-file with max-size and max-file")
memory = service.get("mem_limit") or (((service.get("deploy") or {}).get("resources") or {}).get("limits") or {}).get("memory")
if not memory:
    sys.exit("docker-compose.yml: no memory limit (mem_limit or deploy.resources.limits.memory)")
networks = service.get("networks") or []
if len(networks) != 1:
    sys.exit("docker-compose.yml: the service must be on exactly one network, got %r" % networks)
configs = compose["networks"][list(networks)[0]]["ipam"]["config"]
subnets = {ipaddress.ip_network(c["subnet"]) for c in configs}
trusted = {ipaddress.ip_network(r.strip()) for r in service["environment"]["NEWSSTORE_TRUSTED_PROXIES"].split(",")}
loopback = {ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("::1/128")}
if trusted - loopback != subnets:
    sys.exit("docker-compose.yml: NEWSSTORE_TRUSTED_PROXIES %s is not loopback plus the network's subnet %s"
             % (sorted(map(str, trusted)), sorted(map(str, subnets))))
print("healthcheck same as the Dockerfile; logs json-file %s x %s; memory %s; trusted proxies: loopback + %s"
      % (options["max-size"], options["max-file"], memory, ", ".join(sorted(map(str, subnets)))))
PY
  ); then :
  else fail "docker-compose.yml: see above"
  fi
fi

# ---------------------------------------------------------------- build context
# What `docker build .` would send: the folder minus what .dockerignore leaves out. Every COPY
# source must be in it, or the build fails; checked now, before the long build.
python3 "$CONTEXT_TOOL" selftest >&2 || fail "the .dockerignore matcher fails its self-test"
BUILD_TMP=$(mktemp -d /tmp/newsstore-verify-context.XXXXXX)
TEMP_DIRS+=("$BUILD_TMP")
CONTEXT="$BUILD_TMP/context"
python3 "$CONTEXT_TOOL" context . "$CONTEXT" >&2
python3 "$CONTEXT_TOOL" check "$DOCKERFILE" "$CONTEXT" >&2 \
  || fail "a COPY source of the Dockerfile is not in the build context (see above; .dockerignore?)"
log "build context: every COPY source is there"

# ---------------------------------------------------------------- binary
# The build stage's / is a folder kept in the cache: its COPYs are done into a fresh folder,
# then mirrored there rewriting only changed files, so the build is incremental like Docker's
# layer and cache mount.
mkdir -p "$CACHE_DIR"
BUILD_STAGE="$CACHE_DIR/build-stage"
python3 "$CONTEXT_TOOL" copy "$DOCKERFILE" "$CONTEXT" build "$BUILD_TMP/build-stage" >&2
python3 "$CONTEXT_TOOL" mirror "$BUILD_TMP/build-stage" "$BUILD_STAGE"
BUILD_ARGS=(-c release --static-swift-stdlib --product newsstore --package-path "$BUILD_STAGE/src" --scratch-path "$SCRATCH_PATH")
log "building in the build stage's /src: swift build ${BUILD_ARGS[*]}"
swift build "${BUILD_ARGS[@]}" >&2
BIN_DIR=$(swift build "${BUILD_ARGS[@]}" --show-bin-path)
BUILT="$BIN_DIR/newsstore"
[ -x "$BUILT" ] || fail "no binary at $BUILT"
# The RUN's `install -D -m 0755 .build/release/newsstore /staging/newsstore && strip ...`.
STAGING="$BUILD_STAGE/staging"
install -D -m 0755 "$BUILT" "$STAGING/newsstore"
strip "$STAGING/newsstore"
BUILT_BYTES=$(stat -c %s "$BUILT")
BIN_BYTES=$(stat -c %s "$STAGING/newsstore")
HOST_LDD=$(ldd "$STAGING/newsstore")
echo "== binary: $BUILT_BYTES bytes as built, $BIN_BYTES bytes stripped ($("$STAGING/newsstore" --version))"
echo "== ldd (host):"
while IFS= read -r line; do printf '   %s\n' "${line#$'\t'}"; done <<<"$HOST_LDD"

# ---------------------------------------------------------------- mirrors
# The Debian mirror this machine's apt uses: deb822 .sources files first, then sources.list.
find_mirror() {   # find_mirror SUITE -> URI of the first enabled entry for exactly that suite
  local suite=$1 file
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    awk -v suite="$suite" '
      function flush() { if (uri != "" && (" " suites " ") ~ (" " suite " ") && !done) { print uri; done = 1 } uri = ""; suites = "" }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^URIs:/   { uri = $2 }
      /^Suites:/ { $1 = ""; suites = $0 }
      END { flush() }' "$file"
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$file" ] || continue
    awk -v suite="$suite" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /=/) break; if ($(i + 1) == suite) print $i }' "$file"
  done
}
MIRROR=${MIRROR:-$(find_mirror "$SUITE" | head -n 1)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${SECURITY_MIRROR:-$(find_mirror "$SUITE-security" | head -n 1)}
SECURITY_MIRROR=${SECURITY_MIRROR:-http://deb.debian.org/debian-security}
log "mirrors: $MIRROR, $SECURITY_MIRROR"

# ---------------------------------------------------------------- in-root helpers
# run_in SECONDS ROOT USERSPEC [ENV=VALUE...] -- COMMAND...: runs COMMAND in ROOT with a clean
# environment, at most SECONDS, with /proc mounted (the binary finds its migrations through
# /proc/self/exe; apt wants it too) and /dev/pts, both only in a private mount namespace.
# unshare, sh and chroot exec one another, so the timeout reaches COMMAND itself.
run_in() {
  local seconds=$1 root=$2 userspec=$3; shift 3
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  # shellcheck disable=SC2016  # $0 and $1 are expanded by that sh, not here
  timeout "$seconds" unshare --mount --propagation private --mount-proc="$root/proc" \
    sh -c 'mount -t devpts -o newinstance,ptmxmode=0666 devpts "$1/dev/pts" 2>/dev/null || true; root=$1; shift; exec chroot --userspec="$0" "$root" "$@"' \
    "$userspec" "$root" /usr/bin/env -i PATH="$ROOT_PATH" ${envs[@]+"${envs[@]}"} "$@"
}

pkg_sizes() {   # pkg_sizes ROOT -> "package<TAB>installed KiB", sorted
  # shellcheck disable=SC2016  # a dpkg-query format, not a shell expression
  chroot "$1" dpkg-query -W -f='${Package}\t${Installed-Size}\n' | sort
}

# ---------------------------------------------------------------- base root (cached)
BASE_KEY=$(printf '%s\n' "$SUITE" minbase "$MIRROR" "$SECURITY_MIRROR" | sha256sum | cut -c1-12)
BASE_TAR="$CACHE_DIR/base-$SUITE-minbase-$BASE_KEY.tar"
if [ "$REFRESH" = 1 ] || [ ! -s "$BASE_TAR" ]; then
  tmp=$(mktemp -d "$CACHE_DIR/base.XXXXXX"); TEMP_DIRS+=("$tmp")
  log "debootstrap --variant=minbase $SUITE from $MIRROR (a minute or two; cached afterwards)"
  if ! timeout 1200 debootstrap --variant=minbase "$SUITE" "$tmp/root" "$MIRROR" >"$tmp/debootstrap.log" 2>&1; then
    tail -n 20 "$tmp/debootstrap.log" >&2
    fail "debootstrap failed"
  fi
  # Make its apt look like debian:bookworm-slim's: deb822 sources with updates and security,
  # no package lists, no downloaded packages.
  rm -f "$tmp/root/etc/apt/sources.list"
  mkdir -p "$tmp/root/etc/apt/sources.list.d"
  cat >"$tmp/root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $SECURITY_MIRROR
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  rm -rf "$tmp/root/var/lib/apt/lists/"* "$tmp/root/var/cache/apt/"*.bin
  rm -f "$tmp/root/var/cache/apt/archives/"*.deb
  tar -C "$tmp/root" --numeric-owner -cf "$BASE_TAR.part" .
  mv "$BASE_TAR.part" "$BASE_TAR"
  rm -rf --one-file-system "$tmp"
fi

# ---------------------------------------------------------------- runtime layer (cached)
# Keyed by the RUN text, like Docker's layer cache: edit the RUN and it is redone.
LAYER_KEY=$(printf '%s\n' "$BASE_KEY" "$RUNTIME_RUN" | sha256sum | cut -c1-12)
LAYER_TAR="$CACHE_DIR/runtime-$LAYER_KEY.tar"
LAYER_ADDED="$CACHE_DIR/runtime-$LAYER_KEY.added"
if [ "$REFRESH" = 1 ] || [ ! -s "$LAYER_TAR" ] || [ ! -f "$LAYER_ADDED" ]; then
  tmp=$(mktemp -d "$CACHE_DIR/runtime.XXXXXX"); TEMP_DIRS+=("$tmp")
  mkdir "$tmp/root"
  tar -C "$tmp/root" --numeric-owner -xpf "$BASE_TAR"
  pkg_sizes "$tmp/root" >"$tmp/before"
  log "running the Dockerfile's runtime RUN in the root (apt-get update and install)"
  if ! run_in 900 "$tmp/root" 0:0 HOME=/root -- /bin/sh -c "$RUNTIME_RUN" >"$tmp/run.log" 2>&1; then
    tail -n 30 "$tmp/run.log" >&2
    fail "the Dockerfile's runtime RUN failed in the root"
  fi
  pkg_sizes "$tmp/root" >"$tmp/after"
  # Packages the RUN added (or upgraded) compared with the minbase root.
  comm -13 "$tmp/before" "$tmp/after" >"$LAYER_ADDED.part"
  tar -C "$tmp/root" --numeric-owner -cf "$LAYER_TAR.part" .
  mv "$LAYER_TAR.part" "$LAYER_TAR"
  mv "$LAYER_ADDED.part" "$LAYER_ADDED"
  rm -rf --one-file-system "$tmp"
fi

# ---------------------------------------------------------------- this run's root
WORK=$(mktemp -d /tmp/newsstore-verify.XXXXXX)
ROOT="$WORK/root"
mkdir "$ROOT"
tar -C "$ROOT" --numeric-owner -xpf "$LAYER_TAR"
# The runtime stage's COPY instructions, as the Dockerfile writes them: from the build
# context, and the binary from the build stage.
python3 "$CONTEXT_TOOL" copy "$DOCKERFILE" "$CONTEXT" last "$ROOT" build="$BUILD_STAGE" >&2
[ -x "$ROOT/usr/local/bin/newsstore" ] || fail "the runtime stage has no /usr/local/bin/newsstore after its COPYs"
[ "$(stat -c %u "$ROOT/data")" = "$RUN_UID" ] || fail "/data is not owned by uid $RUN_UID after the RUN"
grep -q "^newsstore:x:$RUN_UID:" "$ROOT/etc/passwd" || fail "no newsstore user with uid $RUN_UID"

# Every shared library resolves inside the root; which package brings each.
ROOT_LDD=$(chroot "$ROOT" /usr/bin/ldd /usr/local/bin/newsstore)
if grep -q "not found" <<<"$ROOT_LDD"; then echo "$ROOT_LDD" >&2; fail "libraries missing in the runtime root"; fi
echo "== ldd (runtime root), with the package of each library:"
while read -r name _ path _; do
  case "$name" in linux-vdso*) continue ;; esac
  [ "${path:0:1}" = / ] || path=$name
  pkg=$(chroot "$ROOT" dpkg -S "*/$(basename "$path")" 2>/dev/null | awk -F: -v base="$(basename "$path")" '{ p = $NF; if (substr(p, length(p) - length(base)) == "/" base) { print $1; exit } }' || true)
  printf '   %-24s %-44s %s\n' "$name" "$path" "${pkg:-?}"
done <<<"$ROOT_LDD"
# Opened with dlopen("libssl.so.3") for https webhook targets, so not in ldd's list: the
# dynamic linker's cache must know it, and the system CA store must be there to verify with.
SSL_LINE=$(chroot "$ROOT" /usr/bin/env PATH="$ROOT_PATH" ldconfig -p | grep -F 'libssl.so.3 ' | head -n 1) \
  || fail "libssl.so.3 (libssl3) is not in the runtime root; https webhooks need it"
[ -s "$ROOT/etc/ssl/certs/ca-certificates.crt" ] || fail "no /etc/ssl/certs/ca-certificates.crt (ca-certificates) in the runtime root"
SSL_PATH=${SSL_LINE##*=> }
echo "== dlopen'd at run time: libssl.so.3 -> $SSL_PATH ($(chroot "$ROOT" dpkg -S "*/libssl.so.3" 2>/dev/null | head -n 1 | cut -d: -f1 || echo ?)), CA bundle $(grep -c 'BEGIN CERTIFICATE' "$ROOT/etc/ssl/certs/ca-certificates.crt") certificates"

# ---------------------------------------------------------------- start, as the image would
curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/" && fail "port $PORT is already in use"
TOKEN="verify-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
IMAGE_ENV=(HOME=/data NEWSSTORE_HOST=0.0.0.0 NEWSSTORE_DB=/data/newsstore.sqlite)
log "starting: newsstore serve --host 127.0.0.1 --port $PORT --db /data/newsstore.sqlite (uid $USER_SPEC, PID 1 of a new PID namespace)"
unshare --pid --fork --mount --propagation private --mount-proc="$ROOT/proc" \
  chroot --userspec="$USER_SPEC" "$ROOT" \
  /usr/bin/env -i -C /data PATH="$ROOT_PATH" "${IMAGE_ENV[@]}" NEWSSTORE_ADMIN_TOKEN="$TOKEN" \
  /usr/local/bin/newsstore serve --host 127.0.0.1 --port "$PORT" --db /data/newsstore.sqlite \
  >"$WORK/server.log" 2>&1 &
UNSHARE_PID=$!

for ((i = 0; i < 100; i++)); do
  SERVER_PID=$({ cat "/proc/$UNSHARE_PID/task/$UNSHARE_PID/children" 2>/dev/null || pgrep -P "$UNSHARE_PID"; } | awk '{ print $1; exit }') || true
  [ -n "$SERVER_PID" ] && [ "$(readlink "/proc/$SERVER_PID/exe" 2>/dev/null)" = "$ROOT/usr/local/bin/newsstore" ] && break
  kill -0 "$UNSHARE_PID" 2>/dev/null || fail "the server exited at once"
  SERVER_PID=""
  sleep 0.1
done
[ -n "$SERVER_PID" ] || fail "the server process did not appear within 10 s"
NSPID=$(awk '/^NSpid:/ { print $NF }' "/proc/$SERVER_PID/status")
PROC_UID=$(awk '/^Uid:/ { print $2 }' "/proc/$SERVER_PID/status")
[ "$NSPID" = 1 ] || fail "the server is PID $NSPID in its namespace, expected 1"
[ "$PROC_UID" = "$RUN_UID" ] || fail "the server runs as uid $PROC_UID"

API="http://127.0.0.1:$PORT"
ready=0
for ((i = 0; i < 150; i++)); do   # 30 s at most
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$API/readyz")" = 200 ]; then ready=1; break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited before it was ready"
  sleep 0.2
done
[ "$ready" = 1 ] || fail "/readyz did not answer 200 within 30 s"
READYZ=$(curl -s --max-time 5 "$API/readyz")
log "ready: $READYZ"
[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$API/healthz")" = 200 ] || fail "/healthz is not 200"
# The reader, found at <prefix>/share/newsstore/web like the migrations.
WEB_TYPE=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' --max-time 5 "$API/")
[ "$WEB_TYPE" = "200 text/html; charset=utf-8" ] || fail "GET / answered '$WEB_TYPE', not the reader's page"

# The image's HEALTHCHECK, run as docker would: in the root, as the user, with the env.
healthcheck() {
  run_in 10 "$ROOT" "$USER_SPEC" "${IMAGE_ENV[@]}" NEWSSTORE_PORT="$PORT" -- "${HEALTHCHECK_CMD[@]}"
}
healthcheck || fail "the Dockerfile's HEALTHCHECK command failed against a ready server"
log "HEALTHCHECK passes"

# A write with the bootstrap token, read back.
NAME="فحص النشر"
status=$(curl -s -o "$WORK/post.json" -D "$WORK/post.headers" -w '%{http_code}' --max-time 5 \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  --data-binary "{\"name\":\"$NAME\",\"description\":\"verify-runtime-image\"}" "$API/api/v1/categories")
[ "$status" = 201 ] || fail "POST /api/v1/categories answered $status: $(cat "$WORK/post.json")"
LOCATION=$(awk 'tolower($1) == "location:" { sub(/\r$/, "", $2); print $2 }' "$WORK/post.headers")
[ -n "$LOCATION" ] || fail "no Location header on 201"
case "$LOCATION" in http*) URL=$LOCATION ;; *) URL="$API$LOCATION" ;; esac
# With the token: readers see only terms that hold a public article (404 for this new one).
status=$(curl -s -o "$WORK/get.json" -w '%{http_code}' --max-time 5 -H "Authorization: Bearer $TOKEN" "$URL")
[ "$status" = 200 ] || fail "GET $LOCATION answered $status"
grep -qF "\"name\":\"$NAME\"" "$WORK/get.json" || fail "GET $LOCATION did not return the category: $(cat "$WORK/get.json")"
log "write + read back: POST 201, GET $LOCATION 200"
status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H 'Content-Type: application/json' \
  --data-binary '{"name":"x"}' "$API/api/v1/tags")
[ "$status" = 401 ] || fail "a write without a token answered $status, expected 401"

# The commands of the README, as `docker compose exec newsstore newsstore ...` runs them.
NEW_TOKEN=$(run_in 30 "$ROOT" "$USER_SPEC" "${IMAGE_ENV[@]}" -- \
  /usr/bin/env -C /data newsstore token create --name verify --role editor) || fail "newsstore token create failed"
status=$(curl -s -o "$WORK/tag.json" -w '%{http_code}' --max-time 5 -H "Authorization: Bearer $NEW_TOKEN" \
  -H 'Content-Type: application/json' --data-binary '{"name":"verify"}' "$API/api/v1/tags")
[ "$status" = 201 ] || fail "a write with the created token answered $status: $(cat "$WORK/tag.json")"
BACKUP="/data/backup-$(date +%F).sqlite"
run_in 60 "$ROOT" "$USER_SPEC" "${IMAGE_ENV[@]}" -- \
  /usr/bin/env -C /data newsstore backup --out "$BACKUP" >&2 || fail "newsstore backup --out failed"
[ "$(stat -c %u "$ROOT$BACKUP")" = "$RUN_UID" ] || fail "the backup is not owned by uid $RUN_UID"
# Into the backup folder, over the API (the answer names the file alone) and the command.
status=$(curl -s -o "$WORK/backup.json" -w '%{http_code}' --max-time 30 -X POST -H "Authorization: Bearer $TOKEN" \
  "$API/api/v1/admin/backup")
[ "$status" = 201 ] || fail "POST /api/v1/admin/backup answered $status: $(cat "$WORK/backup.json")"
API_BACKUP=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["file"])' "$WORK/backup.json")
case "$API_BACKUP" in newsstore-*Z.sqlite) ;; *) fail "the backup answer names '$API_BACKUP', not a file name" ;; esac
[ -f "$ROOT/data/backups/$API_BACKUP" ] || fail "no /data/backups/$API_BACKUP"
sleep 1.1   # the command's backup gets the next second's name
run_in 60 "$ROOT" "$USER_SPEC" "${IMAGE_ENV[@]}" -- \
  /usr/bin/env -C /data newsstore backup >&2 || fail "newsstore backup (into the folder) failed"
FOLDER_BACKUPS=$(find "$ROOT/data/backups" -name 'newsstore-*Z.sqlite' | wc -l)
[ "$FOLDER_BACKUPS" = 2 ] || fail "/data/backups holds $FOLDER_BACKUPS backups, expected 2"
log "token create + write with it (201), backup --out $BACKUP ($(stat -c %s "$ROOT$BACKUP") bytes), API backup $API_BACKUP, folder backup"

# ---------------------------------------------------------------- SIGTERM, as docker stop sends
log "SIGTERM to the server (host PID $SERVER_PID, PID 1 inside)"
kill -TERM "$SERVER_PID"
stopped=0
for ((i = 0; i < 200; i++)); do   # 20 s at most (shutdown grace is 10 s)
  kill -0 "$UNSHARE_PID" 2>/dev/null || { stopped=1; break; }
  sleep 0.1
done
[ "$stopped" = 1 ] || fail "the server did not exit within 20 s of SIGTERM"
rc=0
wait "$UNSHARE_PID" || rc=$?
UNSHARE_PID=""; SERVER_PID=""
[ "$rc" = 0 ] || fail "the server exited with status $rc after SIGTERM"
log "exit status 0 after SIGTERM"
if healthcheck 2>/dev/null; then fail "the HEALTHCHECK command passes with no server running"; fi

# ---------------------------------------------------------------- sizes
ROOT_DU=$(du -sh --one-file-system "$ROOT" | cut -f1)
ADDED_KIB=$(awk -F'\t' '{ s += $2 } END { print s + 0 }' "$LAYER_ADDED")
ADDED_LIST=$(awk -F'\t' '{ printf "%s%s (%d KiB)", (NR > 1 ? ", " : ""), $1, $2 }' "$LAYER_ADDED")
FILES_BYTES=$(( BIN_BYTES + $(du -sb "$CONTEXT/migrations" | cut -f1) + $(du -sb "$CONTEXT/web" | cut -f1) + $(stat -c %s "$CONTEXT/config/newsstore.example.json") ))
ESTIMATE_MB=$(awk -v base="$SLIM_BASE_MB" -v kib="$ADDED_KIB" -v files="$FILES_BYTES" \
  'BEGIN { printf "%.1f", base + kib * 1024 / 1e6 + files / 1e6 }')

echo "== summary"
echo "   binary:             $(awk -v b="$BIN_BYTES" 'BEGIN { printf "%.1f MB", b / 1e6 }') stripped ($BIN_BYTES bytes; $BUILT_BYTES as built)"
echo "   runtime packages:   added to minbase: ${ADDED_LIST:-none} = $ADDED_KIB KiB installed"
echo "   runtime root:       $ROOT_DU (debootstrap minbase + the RUN + files; bookworm-slim also drops docs and locales)"
echo "   image estimate:     ~$ESTIMATE_MB MB uncompressed = bookworm-slim ~$SLIM_BASE_MB MB + packages + binary, migrations, web, config"
echo "   build context:      $(find "$CONTEXT" -type f | wc -l) files after .dockerignore; every COPY source present"
echo "   compose:            $COMPOSE_CHECK"
echo "   checked:            libssl.so.3 + CA bundle for https webhooks,"
echo "                       /readyz $READYZ, /healthz 200, / the reader, HEALTHCHECK ok (and fails once stopped),"
echo "                       write + read back, 401 without token, token create, backup --out, API backup"
echo "                       (answers the file name), backup into the folder, SIGTERM -> exit 0"
echo "RESULT: PASS"
RESULT_PRINTED=1
