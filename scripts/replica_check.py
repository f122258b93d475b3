#!/usr/bin/env python3
"""Litestream replication: writes under load, the machine lost, the database restored.

Run by scripts/replica-test.sh (which builds the binary and installs Litestream and the local
S3 server); Python 3 standard library only, but for boto3 (from moto) to make the bucket.

For each replica (a bucket on a local S3-compatible server, moto; a folder), with
deploy/litestream.yml itself as Litestream's configuration:
  1. starts the server on a new database with NEWSSTORE_WAL_AUTOCHECKPOINT=0 (what the compose
     profile runs), then `litestream replicate` beside it;
  2. writer threads create articles as fast as the server takes them, a reader thread reads
     the listing, for --seconds; the client records when each write was acknowledged (201);
  3. the machine is lost: SIGKILL to Litestream and the server at one instant, then the
     database, its -wal and -shm files and Litestream's own folder beside it are deleted;
  4. `litestream restore` brings the database back from the replica alone;
  5. checks: PRAGMA integrity_check is ok; every article acknowledged more than the replication
     window before the kill is there with its title (the window, read from the configuration:
     Litestream's monitor-interval, how often it reads the log, plus its busy-timeout, how
     long a checkpoint after that read may wait for the server's write lock before the read
     is published, plus the replica's sync-interval, how often it sends, plus --upload-allowance
     (0.5 s) for writing and sending the files on a busy machine); the server starts on the
     restored file, serves those articles and takes a new write.
Then an upgrade as compose does it (Litestream stopped, then the server, both started again):
with wal_autocheckpoint 0 Litestream must go on from its place: what it sends after the
restart must be less than half its first snapshot, not the whole database again.
Prints per replica: writes acknowledged, write rate, how many fell inside the window and how
many of those made it anyway, the oldest lost write's age at the kill, restore time and size.
"""
import argparse, os, re, secrets, shutil, signal, sqlite3, subprocess, sys, threading, time, urllib.request

from admin_call import admin_call

# The server refuses a bootstrap token that does not look random (32+ characters).
TOKEN = secrets.token_hex(24)
BUCKET = "newsroom-backups"


def log(message):
    print("replica: " + message, flush=True)


def call(port, method, path, payload=None, timeout=5):
    return admin_call(TOKEN, port, method, path, payload, timeout)


def wait_ready(process, port, what):
    for _ in range(300):
        if process.poll() is not None:
            sys.exit("replica: %s exited on start (see its log)" % what)
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/readyz" % port, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit("replica: %s did not become ready in 30 s" % what)


def durations(config_text):
    """monitor-interval, busy-timeout and the replica's sync-interval from the configuration,
    in seconds."""
    def seconds(key):
        match = re.search(r"^\s*%s:\s*(\d+(?:\.\d+)?)(ms|s|m)\s*$" % key, config_text, re.M)
        if not match:
            sys.exit("replica: no %s in the Litestream configuration" % key)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "ms" else value * 60 if unit == "m" else value
    return seconds("monitor-interval"), seconds("busy-timeout"), seconds("sync-interval")


class Ledger:
    """What the client saw acknowledged: article id -> (title, time of the 201)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged = {}
        self.reads = 0
        self.failures = 0


def writer(port, ledger, stop, number):
    # Some 2 KB of Arabic per article, so the log grows by thousands of pages during a run and
    # Litestream checkpoints several times while the writes go on.
    body = " ".join(["نص الخبر الذي يكتبه المحرر %d عن الاقتصاد والسياسة في المنطقة" % number] * 30)
    sequence = 0
    while not stop.is_set():
        sequence += 1
        title = "خبر %d-%d-%s" % (number, sequence, secrets.token_hex(3))
        try:
            status, answer = call(port, "POST", "/api/v1/articles", {"title": title, "status": "published", "body": body})
        except (OSError, ValueError):
            # The server died under this request: no acknowledgment, so nothing is expected.
            return
        now = time.time()
        with ledger.lock:
            if status == 201:
                ledger.acknowledged[answer["id"]] = (title, now)
            else:
                ledger.failures += 1


def reader(port, ledger, stop):
    while not stop.is_set():
        try:
            status, _ = call(port, "GET", "/api/v1/articles?limit=20")
        except (OSError, ValueError):
            return
        with ledger.lock:
            ledger.reads += 1 if status == 200 else 0


def start_server(args, db, log_file, extra_env=None):
    env = dict(os.environ, NEWSSTORE_ADMIN_TOKEN=TOKEN, NEWSSTORE_WAL_AUTOCHECKPOINT=args.wal_autocheckpoint, **(extra_env or {}))
    process = subprocess.Popen(
        [args.binary, "serve", "--host", "127.0.0.1", "--port", str(args.port), "--db", db, "--log-level", "warning"],
        env=env, stdout=log_file, stderr=log_file)
    wait_ready(process, args.port, "the server")
    return process


def process_cost(pid):
    """CPU seconds used so far and peak resident memory (MB) of a running process."""
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    peak = next(int(line.split()[1]) for line in open("/proc/%d/status" % pid) if line.startswith("VmHWM:"))
    return cpu, peak / 1024


def replica_size(kind, url, s3):
    if kind == "file":
        return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(url[len("file://"):]) for f in files)
    prefix = url[len("s3://%s/" % BUCKET):]
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix)
    return sum(item["Size"] for page in pages for item in page.get("Contents", []))


def run(args, kind, litestream_env, s3):
    workdir = os.path.join(args.dir, kind)
    os.makedirs(workdir)
    db = os.path.join(workdir, "newsstore.sqlite")
    if kind == "file":
        url = "file://" + os.path.join(args.dir, "file-replica")
    else:
        url = "s3://%s/newsstore-%d" % (BUCKET, int(time.time()))
    env = dict(litestream_env, NEWSSTORE_DB=db, LITESTREAM_REPLICA_URL=url)
    if kind == "file":
        env.update(LITESTREAM_ENDPOINT="", LITESTREAM_REGION="", LITESTREAM_FORCE_PATH_STYLE="")
    server_log = open(os.path.join(workdir, "newsstore.log"), "ab")
    litestream_log = open(os.path.join(workdir, "litestream.log"), "ab")
    monitor, busy, sync = durations(open(args.config).read())
    window = monitor + busy + sync + args.upload_allowance

    server = start_server(args, db, server_log)
    litestream = subprocess.Popen([args.litestream, "replicate", "-config", args.config], env=env,
                                  stdout=litestream_log, stderr=litestream_log)
    ledger = Ledger()
    stop = threading.Event()
    threads = [threading.Thread(target=writer, args=(args.port, ledger, stop, n)) for n in range(args.writers)]
    threads.append(threading.Thread(target=reader, args=(args.port, ledger, stop)))
    started = time.time()
    for thread in threads:
        thread.start()
    time.sleep(args.seconds)
    if litestream.poll() is not None:
        sys.exit("replica: litestream exited during the run (see %s/litestream.log)" % workdir)

    cost = process_cost(litestream.pid)
    # The machine is lost: both processes at one instant, Litestream first so that nothing
    # acknowledged before `killed` could still be sent after it.
    killed = time.time()
    litestream.send_signal(signal.SIGKILL)
    server.send_signal(signal.SIGKILL)
    litestream.wait()
    server.wait()
    stop.set()
    for thread in threads:
        thread.join()
    wal_pages = os.path.getsize(db + "-wal") // 4096 if os.path.exists(db + "-wal") else 0
    for leftover in [db, db + "-wal", db + "-shm"]:
        if os.path.exists(leftover):
            os.remove(leftover)
    shutil.rmtree(os.path.join(workdir, ".newsstore.sqlite-litestream"), ignore_errors=True)
    leftovers = sorted(set(os.listdir(workdir)) - {"newsstore.log", "litestream.log"})
    if leftovers:
        sys.exit("replica: files left beside the deleted database: %s" % leftovers)

    began = time.time()
    restore = subprocess.run([args.litestream, "restore", "-config", args.config, db], env=env,
                             stdout=litestream_log, stderr=litestream_log)
    restore_seconds = time.time() - began
    if restore.returncode != 0:
        sys.exit("replica: litestream restore failed (see %s/litestream.log)" % workdir)

    problems = []
    connection = sqlite3.connect(db)
    integrity = connection.execute("PRAGMA integrity_check").fetchall()
    if integrity != [("ok",)]:
        problems.append("integrity_check: %s" % integrity[:5])
    stored = dict(connection.execute("SELECT id, title FROM articles"))
    connection.close()

    with ledger.lock:
        acknowledged = dict(ledger.acknowledged)
    outside = {i: v for i, v in acknowledged.items() if v[1] < killed - window}
    inside = {i: v for i, v in acknowledged.items() if v[1] >= killed - window}
    for article, (title, _) in outside.items():
        if stored.get(article) != title:
            problems.append("article %d acknowledged %.2f s before the kill: %s" % (
                article, killed - outside[article][1], "missing" if article not in stored else "title differs"))
    inside_kept = sum(1 for article, (title, _) in inside.items() if stored.get(article) == title)
    lost = [killed - at for article, (_, at) in acknowledged.items() if article not in stored]
    beyond_sync = [age for age in lost if age > sync]

    # The restored file is the server's database again: it opens, serves, and takes writes.
    server = start_server(args, db, server_log)
    try:
        for article in list(outside)[:: max(1, len(outside) // 50)]:
            status, answer = call(args.port, "GET", "/api/v1/articles/%d" % article)
            if status != 200 or answer["title"] != outside[article][0]:
                problems.append("article %d: HTTP %s from the server on the restored database" % (article, status))
        status, _ = call(args.port, "POST", "/api/v1/articles", {"title": "بعد الاستعادة", "status": "draft", "body": "نص"})
        if status != 201:
            problems.append("the server on the restored database refused a write: HTTP %s" % status)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    duration = killed - started
    log("%s replica (%s): %d writes acknowledged in %.1f s (%.0f/s, %d refused), %d reads; log at the kill %d pages"
        % (kind, url.split("?")[0], len(acknowledged), duration, len(acknowledged) / duration, ledger.failures, ledger.reads, wal_pages))
    log("  window monitor-interval %.1f s + busy-timeout %.1f s + sync-interval %.1f s + upload allowance %.1f s = %.1f s: %d acknowledged before it, %s"
        % (monitor, busy, sync, args.upload_allowance, window, len(outside),
           "all present with their titles" if not problems else "%d problems" % len(problems)))
    log("  %d acknowledged within the window, %d of them restored anyway; lost writes: %d, oldest %.2f s before the kill; lost writes older than sync-interval alone: %d"
        % (len(inside), inside_kept, len(lost), max(lost) if lost else 0.0, len(beyond_sync)))
    log("  litestream used %.1f s of CPU (%.0f%% of one core) and %.0f MB at most while it replicated"
        % (cost[0], 100 * cost[0] / duration, cost[1]))
    log("  restore %.2f s, replica %.1f MB, restored database %.1f MB, integrity_check %s"
        % (restore_seconds, replica_size(kind, url, s3) / 1e6, os.path.getsize(db) / 1e6, "ok" if integrity == [("ok",)] else "FAILED"))
    for problem in problems[:20]:
        log("  PROBLEM " + problem)
    return problems


def restart(args, litestream_env):
    """An upgrade as docker compose does it: Litestream stops first (it depends on the server),
    then the server, then both start again and 10 articles are written. Measures what
    Litestream sends after the restart against its first snapshot (the whole database): going
    on from its place it sends only the new pages; had the server checkpointed and deleted the
    log on close, Litestream would find its place gone and send the whole database again."""
    workdir = os.path.join(args.dir, "restart")
    os.makedirs(workdir)
    db = os.path.join(workdir, "newsstore.sqlite")
    replica = os.path.join(workdir, "replica")
    env = dict(litestream_env, NEWSSTORE_DB=db, LITESTREAM_REPLICA_URL="file://" + replica,
               LITESTREAM_ENDPOINT="", LITESTREAM_REGION="", LITESTREAM_FORCE_PATH_STYLE="")
    server_log = open(os.path.join(workdir, "newsstore.log"), "ab")
    litestream_log = open(os.path.join(workdir, "litestream.log"), "ab")
    level0 = os.path.join(replica, "ltx", "0")
    body = " ".join(["نص خبر طويل عن الاقتصاد والسياسة في المنطقة"] * 40)
    sent_before = set()
    for articles in (600, 10):
        server = start_server(args, db, server_log)
        for number in range(articles):
            call(args.port, "POST", "/api/v1/articles", {"title": "خبر %d-%s" % (number, secrets.token_hex(3)), "status": "published", "body": body})
        litestream = subprocess.Popen([args.litestream, "replicate", "-config", args.config], env=env,
                                      stdout=litestream_log, stderr=litestream_log)
        time.sleep(4)
        litestream.send_signal(signal.SIGTERM)
        litestream.wait(timeout=60)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        if not sent_before:
            sent_before = set(os.listdir(level0))
            snapshot = sum(os.path.getsize(os.path.join(level0, name)) for name in sent_before)
    after = sum(os.path.getsize(os.path.join(level0, name)) for name in os.listdir(level0) if name not in sent_before)
    log("restart (Litestream stopped, then the server, both started, 10 articles written), server with wal_autocheckpoint=%s: "
        "the log was %s when the server stopped; Litestream sent %.0f KB after the restart, its first snapshot was %.0f KB"
        % (args.wal_autocheckpoint, "kept" if os.path.exists(db + "-wal") else "checkpointed and deleted", after / 1e3, snapshot / 1e3))
    return after / snapshot


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--litestream", required=True)
    parser.add_argument("--config", required=True, help="deploy/litestream.yml")
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=18095)
    parser.add_argument("--s3-endpoint", required=True, help="the local S3 server, http://127.0.0.1:PORT")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--wal-autocheckpoint", default="0", help="the server's setting during the run")
    parser.add_argument("--replicas", default="s3,file")
    parser.add_argument("--upload-allowance", type=float, default=0.5,
                        help="seconds Litestream may take to write and send its files, on top of its intervals")
    args = parser.parse_args()

    import boto3  # installed with moto[server] by scripts/replica-test.sh
    s3 = boto3.client("s3", endpoint_url=args.s3_endpoint, region_name="us-east-1",
                      aws_access_key_id="replica-test", aws_secret_access_key="replica-test")
    s3.create_bucket(Bucket=BUCKET)
    litestream_env = {k: v for k, v in os.environ.items() if k != "AWS_CA_BUNDLE"}
    # Litestream's S3 client refuses a custom CA bundle together with its own HTTP client, and the
    # local server speaks plain HTTP: AWS_CA_BUNDLE (set on some machines) is left out above.
    litestream_env.update(LITESTREAM_ACCESS_KEY_ID="replica-test", LITESTREAM_SECRET_ACCESS_KEY="replica-test",
                          LITESTREAM_ENDPOINT=args.s3_endpoint, LITESTREAM_REGION="us-east-1",
                          LITESTREAM_FORCE_PATH_STYLE="true")
    log("litestream %s, server with wal_autocheckpoint=%s, %d writers for %.0f s per replica"
        % (subprocess.run([args.litestream, "version"], capture_output=True, text=True).stdout.strip(),
           args.wal_autocheckpoint, args.writers, args.seconds))
    problems = []
    for kind in args.replicas.split(","):
        problems += run(args, kind, litestream_env, s3)
    resent = restart(args, litestream_env)
    if args.wal_autocheckpoint == "0" and resent > 0.5:
        problems.append("with wal_autocheckpoint 0 Litestream sent %.0f%% of a snapshot again after a restart" % (100 * resent))
    if problems:
        log("FAILED: %d problems" % len(problems))
        sys.exit(1)
    log("passed: every write acknowledged before the window was restored, integrity_check ok")


if __name__ == "__main__":
    main()
