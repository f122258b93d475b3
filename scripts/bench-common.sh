# Helpers shared by the benchmark scripts (sourced, not run). They expect `set -euo pipefail`
# and these variables from the caller: HOST (a loopback address), OUT (the results folder),
# and, as they go, BIN (the binary), RUNDIR (a scratch folder), NS_PID, NGINX_PID, LOAD_PID.

log() { echo "bench: $*" >&2; }

# Refuse anything but loopback: a benchmark must never load a remote or shared host.
require_loopback() {
  case "$HOST" in
    127.*|localhost) ;;
    *) echo "bench: HOST must be a loopback address, got '$HOST'" >&2; exit 2 ;;
  esac
}

# The newsstore binary: $NEWSSTORE_BIN as given, or a release build (with $SCRATCH_PATH as
# --scratch-path when set). Prints its absolute path; fails when there is no executable there.
newsstore_binary() {
  local bin
  if [ -n "${NEWSSTORE_BIN:-}" ]; then
    bin=$NEWSSTORE_BIN
  else
    local build_args=(-c release)
    [ -n "${SCRATCH_PATH:-}" ] && build_args+=(--scratch-path "$SCRATCH_PATH")
    log "swift build ${build_args[*]}"
    swift build "${build_args[@]}" >&2
    bin="$(swift build "${build_args[@]}" --show-bin-path)/newsstore"
  fi
  [ -x "$bin" ] || { log "no executable at $bin"; return 1; }
  echo "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
}

# Scripts that load the server with wrk call this first.
require_wrk() {
  command -v wrk >/dev/null 2>&1 || { log "wrk is missing: apt-get install -y wrk"; exit 1; }
}

# Stop a process by PID: TERM, wait up to ~10 s, then KILL. Never by name.
stop_pid() {
  local pid=$1 name=$2 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) ignored SIGTERM; killing"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# A port that already answers would mean we benchmark some stale server.
port_free() { ! curl -s -o /dev/null --max-time 1 "http://$HOST:$1/" 2>/dev/null; }

# Poll /healthz until it answers 200; give up after ~10 s or if the process died.
wait_ready() {
  local port=$1 pid=$2 name=$3 i
  for i in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null || true     # reap it now, so cleanup has nothing stale to wait for
      log "$name exited during startup (see $OUT/$name.log)"; return 1
    fi
    if curl -sf -o /dev/null --max-time 1 "http://$HOST:$port/healthz"; then return 0; fi
    sleep 0.1
  done
  log "$name did not answer on $HOST:$port within 10 s"; return 1
}

# Parse one wrk --latency output into: req/s p50ms p99ms errors-total errors-detail
parse_wrk() {
  awk '
    function ms(v,   n, u) {           # "123.45us" / "1.2ms" / "2.00s" / "1.5m" -> ms
      n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
      if (u == "us") return n / 1000; if (u == "ms") return n
      if (u == "s") return n * 1000;  if (u == "m")  return n * 60000
      return -1
    }
    $1 == "50%"            { p50 = ms($2) }
    $1 == "99%"            { p99 = ms($2) }
    /^Requests\/sec:/      { rps = $2 }
    /Socket errors:/       { gsub(",", ""); c = $4; r = $6; w = $8; t = $10 }
    /Non-2xx or 3xx/       { bad = $NF }
    END {
      tot = c + r + w + t + bad
      det = (tot == 0) ? "-" : sprintf("connect %d read %d write %d timeout %d non-2xx/3xx %d", c, r, w, t, bad)
      printf "%s %.3f %.3f %d %s\n", rps, p50, p99, tot, det
    }' "$1"
}

# Stops what the script started and removes its scratch folder: every script's EXIT trap.
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "${LOAD_PID:-}" wrk
  stop_pid "${NS_PID:-}" newsstore
  stop_pid "${NGINX_PID:-}" nginx      # TERM to the master = fast shutdown, workers follow
  if [ -n "${RUNDIR:-}" ]; then rm -rf "$RUNDIR"; fi
  exit "$rc"
}

# Runs `cleanup` on exit, and routes signals through it.
trap_cleanup() {
  trap cleanup EXIT
  trap 'exit 130' INT TERM
}

# A bootstrap admin token as the server requires one (32+ random-looking characters): 48 hex
# digits from 24 random bytes, with coreutils alone.
random_token() {
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'
}

# Starts $BIN serve on $HOST, port $1, database $2, log file $3, further serve arguments after;
# the admin token is $TOKEN when set. Warning level, so no per-request log line skews the
# numbers. Sets NS_PID and returns once it answers.
start_newsstore() {
  local port=$1 db=$2 logfile=$3
  shift 3
  port_free "$port" || { log "something already listens on $HOST:$port"; exit 1; }
  env ${TOKEN:+NEWSSTORE_ADMIN_TOKEN=$TOKEN} "$BIN" serve --host "$HOST" --port "$port" --db "$db" \
    --log-level warning "$@" >"$logfile" 2>&1 &
  NS_PID=$!
  wait_ready "$port" "$NS_PID" newsstore
}
