"""Webhook deliveries of the real server checked by the Standard Webhooks reference library.

Run by scripts/webhook-check.sh inside a venv holding PyPI `standardwebhooks`. It starts a
receiver on loopback that verifies every request with `standardwebhooks.Webhook(secret).verify`
and answers 500 to the first attempt of each webhook-id (so every event is also retried) and
204 after; then the server (`--webhooks-retry-schedule 1s`, `--webhooks-allow-private on`), a
subscription to every article event, and these writes:

  A  published, retitled, then back to draft  -> article.published, .updated, .unpublished
  S  scheduled 4 s ahead                      -> article.published once its time has come
  (the secret is rotated)
  B  published, then deleted                  -> article.published, .deleted
     the server is killed with SIGKILL after B's first (failed) attempt and restarted

Checked: every request verifies with the library (after the rotation, with the new secret and
with the old one: two signatures); every event is attempted twice with one webhook-id and the
same body; per article the receiver gets the events in the order of the writes; payloads carry
the article's id and public URL; the scheduled article is announced no earlier than its time;
the deliveries listing shows every delivery delivered after attempts 500 then 204; /metrics
shows an empty backlog. Then a second subscription, to the comment events at its own path:

  C  published; a reader comments (pending), a moderator approves -> comment.created, .approved

checked the same way, and that the comment payloads carry the article's URL and never the
reader's email or address. Prints one line per check and `N passed, N failed`.
"""

import argparse
import datetime
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

parser = argparse.ArgumentParser()
parser.add_argument("--binary", required=True)
parser.add_argument("--dir", required=True)
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=18095)
arguments = parser.parse_args()

TOKEN = os.urandom(24).hex()
BASE = f"http://{arguments.host}:{arguments.port}"
PUBLIC_URL = "https://news.example"

lock = threading.Lock()
secrets = {"current": None, "previous": None, "comments": None}
received = []  # one dict per request, in arrival order
comment_received = []  # the same, for the comment subscription (path /comments)
first_attempt_seen = set()


def verifies(secret, body, headers):
    if secret is None:
        return False
    try:
        Webhook(secret).verify(body, headers)
        return True
    except WebhookVerificationError:
        return False


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        headers = {name: self.headers[name] for name in ("webhook-id", "webhook-timestamp", "webhook-signature")}
        with lock:
            webhook_id = headers["webhook-id"]
            status = 204 if webhook_id in first_attempt_seen else 500
            first_attempt_seen.add(webhook_id)
            if self.path == "/comments":
                comment_received.append({
                    "id": webhook_id, "body": body, "payload": json.loads(body), "status": status,
                    "valid": verifies(secrets["comments"], body, headers)})
            else:
                received.append({
                    "id": webhook_id,
                    "body": body,
                    "payload": json.loads(body),
                    "signatures": len((headers["webhook-signature"] or "").split(" ")),
                    "valid_current": verifies(secrets["current"], body, headers),
                    "valid_previous": verifies(secrets["previous"], body, headers),
                    "status": status,
                    "at": time.time(),
                })
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_):
        pass


receiver = ThreadingHTTPServer((arguments.host, 0), Receiver)
threading.Thread(target=receiver.serve_forever, daemon=True).start()
RECEIVER_URL = f"http://{arguments.host}:{receiver.server_address[1]}/hooks"


def request(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    headers = {"Authorization": f"Bearer {TOKEN}"}
    if data is not None:
        headers["Content-Type"] = "application/json"
    call = urllib.request.Request(BASE + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(call, timeout=10) as response:
            text = response.read()
            return response.status, (json.loads(text) if text and response.headers.get_content_subtype() == "json" else text)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


server = None


def start_server():
    global server
    log = open(os.path.join(arguments.dir, "server.log"), "a")
    server = subprocess.Popen(
        [arguments.binary, "serve", "--host", arguments.host, "--port", str(arguments.port),
         "--db", os.path.join(arguments.dir, "news.sqlite"), "--web", "off", "--log-level", "warning",
         "--webhooks-allow-private", "on", "--webhooks-retry-schedule", "1s", "--public-url", PUBLIC_URL],
        env={**{k: v for k, v in os.environ.items() if not k.startswith("NEWSSTORE_")}, "NEWSSTORE_ADMIN_TOKEN": TOKEN},
        stdout=log, stderr=log)
    for _ in range(100):
        try:
            with urllib.request.urlopen(BASE + "/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    sys.exit("the server did not start; see server.log")


def wait_until(condition, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        with lock:
            if condition():
                return True
        time.sleep(0.05)
    return False


def delivered(webhook_ids, requests=received):
    """Whether each of these ids has had an attempt answered 204."""
    return all(any(r["id"] == i and r["status"] == 204 for r in requests) for i in webhook_ids)


def ids_of(article_id, event_type):
    return {r["id"] for r in received if r["payload"]["type"] == event_type and r["payload"]["data"]["id"] == article_id}


results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok    " if ok else "FAIL  ") + name + ("" if ok or not detail else f"  ({detail})"), flush=True)


try:
    start_server()
    status, subscription = request("POST", "/api/v1/webhooks", {
        "url": RECEIVER_URL, "description": "standardwebhooks check",
        "events": ["article.published", "article.updated", "article.unpublished", "article.deleted"]})
    check("subscription created (201, whsec_ secret)", status == 201 and subscription["secret"].startswith("whsec_"), status)
    with lock:
        secrets["current"] = subscription["secret"]
    webhook = subscription["id"]

    status, a = request("POST", "/api/v1/articles", {"title": "خبر أول", "slug": "first", "body": "نص", "status": "published"})
    request("PATCH", f"/api/v1/articles/{a['id']}", {"title": "خبر أول معدل"})
    due = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=4)
    status, s = request("POST", "/api/v1/articles", {
        "title": "خبر مجدول", "slug": "scheduled", "body": "نص", "status": "published",
        "published_at": due.isoformat(timespec="milliseconds").replace("+00:00", "Z")})
    request("PATCH", f"/api/v1/articles/{a['id']}", {"status": "draft"})
    check("A's three events delivered", wait_until(lambda: len({r["id"] for r in received if r["payload"]["data"]["id"] == a["id"]}) == 3
                                                   and delivered({r["id"] for r in received})), "")

    status, rotated = request("POST", f"/api/v1/webhooks/{webhook}/rotate-secret")
    check("secret rotated (200, new secret)", status == 200 and rotated["secret"] != subscription["secret"], status)
    with lock:
        secrets["previous"], secrets["current"] = secrets["current"], rotated["secret"]

    status, b = request("POST", "/api/v1/articles", {"title": "خبر ثان", "slug": "second", "body": "نص", "status": "published"})
    check("B's first attempt arrives", wait_until(lambda: bool(ids_of(b["id"], "article.published"))))

    def recorded():
        status, page = request("GET", f"/api/v1/webhooks/{webhook}/deliveries?limit=1")
        return status == 200 and len(page["items"][0]["attempts"]) == 1
    # Killed between attempts: once the failed one is recorded, before the retry is due.
    check("B's failed attempt recorded", any(recorded() or time.sleep(0.02) for _ in range(200)))
    server.send_signal(signal.SIGKILL)
    server.wait()
    start_server()
    check("B's retry arrives from the restarted server", wait_until(lambda: delivered(ids_of(b["id"], "article.published"))))
    status, _ = request("DELETE", f"/api/v1/articles/{b['id']}")
    check("B deleted (204)", status == 204, status)
    check("every event delivered, the scheduled one included",
          wait_until(lambda: len({r["id"] for r in received}) == 6 and delivered({r["id"] for r in received})))

    with lock:
        snapshot = list(received)
    check("every request verifies with standardwebhooks",
          all(r["valid_current"] or (r["valid_previous"] and r["signatures"] == 1) for r in snapshot),
          [r["id"] for r in snapshot if not (r["valid_current"] or r["valid_previous"])])
    after_rotation = [r for r in snapshot if r["payload"]["data"]["id"] == b["id"]]
    check("after the rotation: two signatures, each secret verifies",
          after_rotation and all(r["signatures"] == 2 and r["valid_current"] and r["valid_previous"] for r in after_rotation))
    by_id = {}
    for r in snapshot:
        by_id.setdefault(r["id"], []).append(r)
    check("each event: attempts 500 then 204, one webhook-id, the same body",
          all([x["status"] for x in rs] == [500, 204] and len({x["body"] for x in rs}) == 1 for rs in by_id.values()),
          {i: [x["status"] for x in rs] for i, rs in by_id.items()})

    def order(article_id):
        seen = []
        for r in snapshot:
            if r["payload"]["data"]["id"] == article_id and r["payload"]["type"] not in seen:
                seen.append(r["payload"]["type"])
        return seen
    check("A's events in the order of the writes", order(a["id"]) == ["article.published", "article.updated", "article.unpublished"], order(a["id"]))
    check("B's events in the order of the writes", order(b["id"]) == ["article.published", "article.deleted"], order(b["id"]))
    check("S announced once, when due", order(s["id"]) == ["article.published"], order(s["id"]))
    scheduled = next(r for r in snapshot if r["payload"]["data"]["id"] == s["id"])
    announced = datetime.datetime.fromisoformat(scheduled["payload"]["timestamp"].replace("Z", "+00:00"))
    check("S's event is stamped no earlier than its publication time", announced >= due.replace(microsecond=due.microsecond // 1000 * 1000),
          f"{announced} < {due}")
    check("payloads carry the public URL",
          all(r["payload"]["data"]["url"] == f"{PUBLIC_URL}/articles/{r['payload']['data']['slug']}" for r in snapshot))

    status, page = request("GET", f"/api/v1/webhooks/{webhook}/deliveries?limit=100")
    check("deliveries listing: all delivered after 500 then 204",
          status == 200 and len(page["items"]) == 6
          and all(d["state"] == "delivered" and [x["status"] for x in d["attempts"]] == [500, 204] for d in page["items"]),
          [(d["event_type"], d["state"], [x["status"] for x in d["attempts"]]) for d in page.get("items", [])])
    status, metrics = request("GET", "/metrics")
    text = metrics.decode()
    check("/metrics: backlog 0, 6 delivered, 6 retried",
          "newsstore_outbox_backlog 0\n" in text and 'newsstore_webhook_attempts_total{outcome="delivered"} 6\n' in text
          and 'newsstore_webhook_attempts_total{outcome="retry"} 6\n' in text,
          [line for line in text.splitlines() if "webhook" in line or "outbox" in line])

    status, comment_subscription = request("POST", "/api/v1/webhooks", {
        "url": RECEIVER_URL.replace("/hooks", "/comments"), "events": ["comment.created", "comment.approved"]})
    check("comment subscription created (201)", status == 201, status)
    with lock:
        secrets["comments"] = comment_subscription["secret"]
    status, c = request("POST", "/api/v1/articles", {"title": "خبر للتعليق", "slug": "commented", "body": "نص", "status": "published"})
    status, comment = request("POST", f"/api/v1/articles/{c['id']}/comments", {
        "author_name": "قارئ", "author_email": "reader@example.com", "body": "تعليق ينتظر المراجعة"})
    check("a reader's comment is accepted, pending (202)", status == 202 and comment["status"] == "pending", (status, comment))
    status, _ = request("PATCH", f"/api/v1/comments/{comment['id']}", {"status": "approved"})
    check("the moderator approves it (200)", status == 200, status)
    check("comment.created and comment.approved delivered",
          wait_until(lambda: len({r["id"] for r in comment_received}) == 2 and delivered({r["id"] for r in comment_received}, comment_received)))
    with lock:
        comments = list(comment_received)
    types = []
    for r in comments:
        if r["payload"]["type"] not in types:
            types.append(r["payload"]["type"])
    check("comment events in the order of the writes", types == ["comment.created", "comment.approved"], types)
    check("every comment request verifies with standardwebhooks", comments and all(r["valid"] for r in comments))
    check("comment payloads: the comment, its status, the article with its public URL",
          all(r["payload"]["data"]["id"] == comment["id"] and r["payload"]["data"]["body"] == "تعليق ينتظر المراجعة"
              and r["payload"]["data"]["article"]["url"] == f"{PUBLIC_URL}/articles/commented" for r in comments)
          and [r["payload"]["data"]["status"] for r in comments if r["status"] == 204] == ["pending", "approved"],
          [r["payload"] for r in comments])
    check("comment payloads never carry the email or the address",
          not any(b"reader@example.com" in r["body"] or b"127.0.0.1" in r["body"] for r in comments))
finally:
    if server is not None and server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    receiver.shutdown()

print(f"{sum(results)} passed, {len(results) - sum(results)} failed")
sys.exit(0 if all(results) else 1)
