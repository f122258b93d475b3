#!/usr/bin/env python3
"""Crash safety: writes under load, SIGKILL at random moments, restart, check.

Run by scripts/crash.sh (which builds the binary); Python 3 standard library only.

Each cycle starts the server on the same database, runs writer threads (create articles
with tags, patch their tags and title, set related links, count views) for a random 0.5 to
3 seconds, then kills the server with SIGKILL in the middle of it. After each restart it
checks, through the API as an editor:
  - every write the client saw acknowledged (2xx) is there: each created article exists,
    and its tags and related links are those of its last acknowledged write, or of a write
    that was under way when the server died (its answer never came, so either is right);
  - nothing is half-written: no article lacks the tags every write gave it, no related link
    points to a missing article;
and at the end, with the server stopped, `PRAGMA integrity_check` says ok.
Views answer 202 Accepted: they are counted in memory and written once a second, so a crash
loses up to a second of them by design; they are only checked never to exceed what was sent.
"""
import argparse, os, random, secrets, signal, sqlite3, subprocess, sys, threading, time, urllib.request

from admin_call import admin_call

# The server refuses a bootstrap token that does not look random (32+ characters).
TOKEN = secrets.token_hex(24)


class Server:
    def __init__(self, binary, db, port, log):
        self.binary, self.db, self.port, self.log = binary, db, port, log
        self.process = None

    def start(self):
        env = dict(os.environ, NEWSSTORE_ADMIN_TOKEN=TOKEN)
        self.process = subprocess.Popen(
            [self.binary, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--db", self.db,
             "--log-level", "warning", "--views-flush-interval", "0.2"],
            env=env, stdout=self.log, stderr=self.log)
        for _ in range(300):
            if self.process.poll() is not None:
                sys.exit("crash: the server exited on start (see its log)")
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/readyz" % self.port, timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        sys.exit("crash: the server did not become ready in 30 s")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def call(port, method, path, payload=None, timeout=5):
    return admin_call(TOKEN, port, method, path, payload, timeout)


class Ledger:
    """What the client knows: per article, the acknowledged state and writes still unanswered."""

    def __init__(self):
        self.lock = threading.Lock()
        self.articles = {}      # id -> {"tags": [...], "related": [...], "pending": [(field, value)]}
        self.views_sent = 0
        self.acknowledged = 0

    def ids(self, owner=None):
        with self.lock:
            return [i for i, e in self.articles.items() if owner is None or e["owner"] == owner]


def tracked(port, ledger, article, field, value, method, path, payload):
    """Sends a write that sets `field` of `article` to `value`: pending until its answer comes
    (if the server dies first, it stays pending: either value is then right), the article's
    acknowledged value once it is a 200."""
    with ledger.lock:
        ledger.articles[article]["pending"].append((field, value))
    status, _ = call(port, method, path, payload)
    with ledger.lock:
        entry = ledger.articles[article]
        entry["pending"].remove((field, value))
        if status == 200:
            entry[field] = value
            ledger.acknowledged += 1


def writer(port, ledger, stop, seed):
    # Each writer changes only the articles it created: writes to one article then happen one
    # after another, so the last acknowledged is the last committed. (Two writers racing on one
    # article could see their answers in the other order than their commits.)
    rng = random.Random(seed)
    tags = ["سوريا", "دمشق", "اقتصاد", "رياضة", "ثقافة", "طقس"]
    while not stop.is_set():
        ids = ledger.ids()
        own = ledger.ids(owner=seed)
        action = rng.random()
        try:
            if action < 0.35 or len(own) < 1 or len(ids) < 4:
                chosen = sorted(rng.sample(tags, rng.randint(1, 3)))
                status, body = call(port, "POST", "/api/v1/articles", {
                    "title": "خبر %d" % rng.randrange(10**9), "status": "published", "tags": chosen,
                    "body": "نص الخبر عن " + " و".join(chosen)})
                if status == 201:
                    with ledger.lock:
                        ledger.articles[body["id"]] = {"tags": chosen, "related": [], "pending": [], "owner": seed}
                        ledger.acknowledged += 1
            elif action < 0.6:
                chosen = sorted(rng.sample(tags, rng.randint(1, 3)))
                article = rng.choice(own)
                tracked(port, ledger, article, "tags", chosen, "PATCH", "/api/v1/articles/%d" % article,
                        {"tags": chosen, "title": "معدل %d" % rng.randrange(10**9)})
            elif action < 0.75:
                article = rng.choice(own)
                related = rng.sample([i for i in ids if i != article], min(3, len(ids) - 1))
                tracked(port, ledger, article, "related", related, "PUT", "/api/v1/articles/%d/related" % article, {"ids": related})
            else:
                article = rng.choice(ids)
                request = urllib.request.Request("http://127.0.0.1:%d/api/v1/articles/%d/views" % (port, article), method="POST")
                request.add_header("X-Forwarded-For", "10.%d.%d.%d" % (rng.randrange(256), rng.randrange(256), rng.randrange(1, 255)))
                with urllib.request.urlopen(request, timeout=5) as response:
                    if response.status == 202:
                        with ledger.lock:
                            ledger.views_sent += 1
        except (OSError, ValueError):
            # The server died under this request: its answer, and so its acknowledgment, never
            # came. A pending write stays pending: whether it committed is what the check allows.
            time.sleep(0.01)


def check(port, ledger):
    problems = []
    with ledger.lock:
        snapshot = {i: dict(e, pending=list(e["pending"])) for i, e in ledger.articles.items()}
    stored_ids = set()
    for article, expected in snapshot.items():
        status, body = call(port, "GET", "/api/v1/articles/%d" % article)
        if status != 200:
            problems.append("article %d: acknowledged, now HTTP %s" % (article, status))
            continue
        stored_ids.add(article)
        tags = sorted(t["name"] for t in body["tags"])
        allowed_tags = [expected["tags"]] + [v for f, v in expected["pending"] if f == "tags"]
        if not tags:
            problems.append("article %d has no tags" % article)
        elif tags not in allowed_tags:
            problems.append("article %d: tags %s, acknowledged %s" % (article, tags, expected["tags"]))
        related = [r["id"] for r in body["related"] if not r.get("suggested")]
        allowed_related = [expected["related"]] + [v for f, v in expected["pending"] if f == "related"]
        if related not in allowed_related:
            problems.append("article %d: related %s, acknowledged %s" % (article, related, expected["related"]))
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=18094)
    parser.add_argument("--cycles", type=int, default=8)
    parser.add_argument("--writers", type=int, default=6)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    db = os.path.join(args.dir, "news.sqlite")
    log = open(os.path.join(args.dir, "newsstore.log"), "ab")
    server = Server(args.binary, db, args.port, log)
    ledger = Ledger()
    print("crash: seed %d, %d cycles, %d writers" % (args.seed, args.cycles, args.writers))
    failures = 0
    for cycle in range(1, args.cycles + 1):
        server.start()
        stop = threading.Event()
        threads = [threading.Thread(target=writer, args=(args.port, ledger, stop, rng.randrange(2**32))) for _ in range(args.writers)]
        for thread in threads:
            thread.start()
        time.sleep(rng.uniform(0.5, 3.0))
        server.kill()
        stop.set()
        for thread in threads:
            thread.join()
        server.start()
        problems = check(args.port, ledger)
        failures += len(problems)
        with ledger.lock:
            print("cycle %d: killed with SIGKILL; %d articles, %d acknowledged writes so far, %d views accepted; %s"
                  % (cycle, len(ledger.articles), ledger.acknowledged, ledger.views_sent,
                     "all acknowledged writes present, nothing half-written" if not problems else "%d problems" % len(problems)))
        for problem in problems[:10]:
            print("  " + problem)
        server.stop()
    connection = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    dangling = connection.execute(
        "SELECT count(*) FROM related_articles r LEFT JOIN articles a ON a.id = r.related_id WHERE a.id IS NULL").fetchone()[0]
    untagged = connection.execute(
        "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id)").fetchone()[0]
    counted = connection.execute("SELECT coalesce(sum(views), 0) FROM articles").fetchone()[0]
    connection.close()
    print("integrity_check: %s; dangling related links: %d; articles without tags: %d" % (integrity, dangling, untagged))
    print("views: %d accepted, %d counted (a crash loses at most the last flush interval's)" % (ledger.views_sent, counted))
    ok = failures == 0 and integrity == "ok" and dangling == 0 and untagged == 0 and counted <= ledger.views_sent
    print("crash: %s after %d kill cycles, %d acknowledged writes" % ("PASS" if ok else "FAIL", args.cycles, ledger.acknowledged))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
